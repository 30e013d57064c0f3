package ai.auriko.bench.server

/**
 * The bytes the benchmark server sends: chat completion chunk events of ~200 bytes, like a real
 * gateway's. Paced chunks carry the server's write time ([System.nanoTime]) as their content, `t` +
 * 19 digits, so a client's delivery latency is "now − content" with no side channel; the width is
 * fixed so a paced body's length is known before it is written.
 */
object Wire {
    private const val HEAD =
        "data: {\"id\":\"chatcmpl-9f3a1c2b7d\",\"object\":\"chat.completion.chunk\",\"created\":1732250000," +
            "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
    private const val TAIL_OPEN = "\"},\"finish_reason\":null}]}\n\n"
    private const val TAIL_STOP = "\"},\"finish_reason\":\"stop\"}]}\n\n"
    const val DONE = "data: [DONE]\n\n"

    /** Width of a stamped content: `t` and 19 digits. */
    const val STAMP_WIDTH = 20

    /** Bytes of a stamped chunk event before its stamp. */
    val stampedHeadLength: Int = HEAD.length

    /** The chunk events of a paced or endless stream: every one the same length. */
    val stampedChunkLength: Int = HEAD.length + STAMP_WIDTH + TAIL_OPEN.length

    private val headBytes = HEAD.toByteArray()
    private val openBytes = TAIL_OPEN.toByteArray()
    private val stopBytes = TAIL_STOP.toByteArray()

    /**
     * A body of [chunks] events with short token contents, the last one finished, then `[DONE]`, in
     * chunked transfer encoding with one HTTP chunk per event, as a gateway that flushes each event
     * sends it; then the last-chunk marker.
     */
    fun throughputBody(chunks: Int): ByteArray {
        val sb = StringBuilder(chunks * 240)
        for (i in 0 until chunks) {
            val event =
                HEAD + "tok" + (i % 1000) + " " + (if (i == chunks - 1) TAIL_STOP else TAIL_OPEN)
            sb.append(Integer.toHexString(event.length)).append("\r\n").append(event).append("\r\n")
        }
        sb.append(Integer.toHexString(DONE.length)).append("\r\n").append(DONE).append("\r\n")
        sb.append(LAST_CHUNK)
        return sb.toString().toByteArray()
    }

    /** The SSE bytes of [chunks] events of a throughput body, without the transfer framing. */
    fun throughputEventBytes(chunks: Int): Long {
        var total = DONE.length.toLong()
        for (i in 0 until chunks) total +=
            HEAD.length + 3 + (i % 1000).toString().length + 1 + TAIL_OPEN.length
        return total + (TAIL_STOP.length - TAIL_OPEN.length)
    }

    /** The end of a chunked body. */
    const val LAST_CHUNK = "0\r\n\r\n"

    /**
     * Writes one stamped chunk event into [out] at [at] as one HTTP chunk (the last one followed by
     * `[DONE]` and the last-chunk marker); returns the new position.
     */
    fun writeStamped(out: ByteArray, at: Int, stamp: Long, last: Boolean): Int {
        var p = at
        val size =
            stampedChunkLength +
                (if (last) TAIL_STOP.length - TAIL_OPEN.length + DONE.length else 0)
        for (c in Integer.toHexString(size) + "\r\n") out[p++] = c.code.toByte()
        System.arraycopy(headBytes, 0, out, p, headBytes.size)
        p += headBytes.size
        out[p++] = 't'.code.toByte()
        var v = stamp
        for (i in 18 downTo 0) {
            out[p + i] = ('0'.code + (v % 10).toInt()).toByte()
            v /= 10
        }
        p += 19
        val tail = if (last) stopBytes else openBytes
        System.arraycopy(tail, 0, out, p, tail.size)
        p += tail.size
        if (last) {
            val done = DONE.toByteArray()
            System.arraycopy(done, 0, out, p, done.size)
            p += done.size
        }
        out[p++] = '\r'.code.toByte()
        out[p++] = '\n'.code.toByte()
        if (last) for (c in LAST_CHUNK) out[p++] = c.code.toByte()
        return p
    }

    /** The write time in a stamped content, or -1 when [content] is not one. */
    fun stampOf(content: String?): Long {
        if (content == null || content.length != STAMP_WIDTH || content[0] != 't') return -1
        var v = 0L
        for (i in 1 until STAMP_WIDTH) v = v * 10 + (content[i] - '0')
        return v
    }
}
