package ai.auriko.bench.clients

import ai.auriko.bench.BenchClient
import ai.auriko.bench.ChunkSink
import ai.auriko.client.AurikoClient
import ai.auriko.client.blocking.AurikoBlockingClient
import ai.auriko.client.blocking.ChatCompletionStreamHandler
import ai.auriko.client.blocking.blocking
import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import java.util.concurrent.atomic.AtomicInteger

/**
 * This SDK's Java asynchronous streaming (`streamAsync` with a handler) on the default engine: the
 * counterpart of openai-java's `subscribe`. Single streams are read through the blocking iterator.
 */
class AurikoJavaAsyncClient(baseUrl: String) : BenchClient {
    private val client = AurikoClient {
        apiKey = "bench-key"
        this.baseUrl = baseUrl
    }
    private val blocking: AurikoBlockingClient = client.blocking()
    private val iterator = AurikoIteratorClient(baseUrl)

    override fun readAll(sink: ChunkSink): Int = iterator.readAll(sink)

    override fun readAllResponses(sink: ChunkSink): Int? = iterator.readAllResponses(sink)

    override fun startAsync(sink: ChunkSink, done: (Int, Throwable?) -> Unit): Boolean {
        val n = AtomicInteger()
        blocking
            .chat()
            .completions()
            .streamAsync(
                AurikoFlowClient.REQUEST,
                object : ChatCompletionStreamHandler {
                    override fun onChunk(chunk: ChatCompletionChunk) {
                        sink.chunk(chunk.choices.firstOrNull()?.delta?.content)
                        n.incrementAndGet()
                    }

                    override fun onComplete(completion: ChatCompletion) {
                        done(n.get(), null)
                    }

                    override fun onError(error: Throwable) {
                        done(-1, error)
                    }
                },
            )
        return true
    }

    override fun readThenCancel(n: Int): LongArray = iterator.readThenCancel(n)

    override fun close() {
        iterator.close()
        client.close()
    }
}
