package ai.auriko.bench.clients

import ai.auriko.bench.ChunkSink
import ai.auriko.bench.server.ResponsesWire
import ai.auriko.bench.server.Wire
import io.ktor.utils.io.ByteReadChannel

/**
 * Transport only: reads the body and counts bytes and event ends (`\n\n`), no parsing. To report
 * delivery latency it reads a paced chunk's write stamp at its known offset before the event end.
 * Of a Responses stream it reports the events less the [ResponsesWire.FRAMING_EVENTS] around the
 * deltas.
 */
class TransportBaseline(baseUrl: String, engine: Engine, tls: Tls? = null) :
    KtorBaseline(baseUrl, engine, tls) {
    override suspend fun consume(
        body: ByteReadChannel,
        sink: ChunkSink,
        onChunk: (Int) -> Unit,
        responses: Boolean,
    ): Int {
        val buffer = ByteArray(8192)
        val previous = ByteArray(TAIL)
        var events = 0
        var bytes = 0L
        var last = 0.toByte()
        while (true) {
            val n = body.readInto(buffer)
            if (n < 0) break
            bytes += n
            for (i in 0 until n) {
                val b = buffer[i]
                if (b == NL && last == NL) {
                    events++
                    if (sink.wantsStamps) {
                        val stamp = stampEndingAt(buffer, previous, i)
                        if (stamp >= 0) sink.stamp(stamp)
                    }
                    onChunk(events)
                }
                last = b
            }
            if (n >= TAIL) System.arraycopy(buffer, n - TAIL, previous, 0, TAIL)
            else {
                System.arraycopy(previous, n, previous, 0, TAIL - n)
                System.arraycopy(buffer, 0, previous, TAIL - n, n)
            }
        }
        check(bytes > 0) { "empty body" }
        // A chat stream's last event is [DONE]; a Responses stream's deltas have events around
        // them.
        return events - if (responses) ResponsesWire.FRAMING_EVENTS else 1
    }

    /**
     * The stamp of a chunk whose event ends at [end], or -1 when the event is not a stamped chunk.
     */
    private fun stampEndingAt(buffer: ByteArray, previous: ByteArray, end: Int): Long {
        fun at(p: Int): Byte = if (p >= 0) buffer[p] else previous[TAIL + p]
        for (tail in TAILS) {
            val first = end + 1 - tail - 19
            if (first - 1 < -TAIL) continue
            if (at(first - 1) != 't'.code.toByte() || at(first + 19) != '"'.code.toByte()) continue
            var v = 0L
            for (k in 0 until 19) v = v * 10 + (at(first + k) - '0'.code.toByte())
            return v
        }
        return -1
    }

    private companion object {
        const val NL = '\n'.code.toByte()
        const val TAIL = 96
        val TAILS =
            intArrayOf(
                Wire.stampedChunkLength - Wire.STAMP_WIDTH - Wire.stampedHeadLength,
                Wire.stampedChunkLength - Wire.STAMP_WIDTH - Wire.stampedHeadLength + 2,
            )
    }
}
