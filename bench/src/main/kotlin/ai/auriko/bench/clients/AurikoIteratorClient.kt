package ai.auriko.bench.clients

import ai.auriko.bench.BenchClient
import ai.auriko.bench.ChunkSink
import ai.auriko.client.AurikoClient
import ai.auriko.client.blocking.AurikoBlockingClient
import ai.auriko.client.blocking.blocking
import ai.auriko.client.responses.ResponseStreamEvent

/**
 * This SDK's Java blocking iterator, on the default engine (OkHttp) or ([cio]) CIO, on [onEngine]
 * (over [tls]) when given; concurrent streams each get a platform thread that iterates it, as a
 * blocking caller would.
 */
class AurikoIteratorClient(
    baseUrl: String,
    cio: Boolean = false,
    onEngine: Engine? = null,
    tls: Tls? = null,
) : BenchClient {
    private val engine = (onEngine ?: Engine.CIO.takeIf { cio })?.create(tls)
    private val client = AurikoClient {
        apiKey = "bench-key"
        this.baseUrl = baseUrl
        engine = this@AurikoIteratorClient.engine
    }
    private val blocking: AurikoBlockingClient = client.blocking()

    override fun readAll(sink: ChunkSink): Int {
        var n = 0
        blocking.chat().completions().stream(AurikoFlowClient.REQUEST).use { stream ->
            for (chunk in stream) {
                sink.chunk(chunk.choices.firstOrNull()?.delta?.content)
                n++
            }
        }
        return n
    }

    override fun readAllResponses(sink: ChunkSink): Int {
        var n = 0
        blocking.responses().stream(AurikoFlowClient.RESPONSES_REQUEST).use { stream ->
            for (event in stream) {
                if (event is ResponseStreamEvent.OutputTextDelta) {
                    sink.chunk(event.delta)
                    n++
                }
            }
        }
        return n
    }

    /** A platform thread per stream, iterating it: the caller's thread a blocking client needs. */
    override fun startAsync(sink: ChunkSink, done: (Int, Throwable?) -> Unit): Boolean =
        CallerThreads.start(sink, done, ::readAll)

    override fun readThenCancel(n: Int): LongArray {
        val stream = blocking.chat().completions().stream(AurikoFlowClient.REQUEST)
        var seen = 0
        while (seen < n && stream.hasNext()) {
            stream.next()
            seen++
        }
        val start = System.nanoTime()
        stream.close()
        return longArrayOf(start, System.nanoTime())
    }

    override fun close() {
        client.close()
        engine?.close()
    }
}
