package ai.auriko.bench.clients

import ai.auriko.bench.BenchClient
import ai.auriko.bench.ChunkSink
import com.openai.client.OpenAIClient
import com.openai.client.okhttp.OpenAIOkHttpClient
import com.openai.core.http.AsyncStreamResponse
import com.openai.models.chat.completions.ChatCompletionChunk
import com.openai.models.chat.completions.ChatCompletionCreateParams
import com.openai.models.responses.ResponseCreateParams
import java.util.Optional

/**
 * `com.openai:openai-java` with default settings: the blocking `StreamResponse` for single streams
 * (chat `createStreaming`, and Responses `createStreaming` whose `ResponseStreamEvent`s are checked
 * with `isOutputTextDelta()`) and cancellation (`close()`), its async `subscribe` API for
 * concurrent streams. With [tls], trusting the TLS scenarios' certificate (its OkHttp 4 offers
 * HTTP/2 and HTTP/1.1 by ALPN; the server decides). With [threadPerStream], concurrent streams are
 * its blocking `StreamResponse` iterated on a platform thread each: the shape of this SDK's
 * iterator row, where a blocking caller's thread reads its own socket.
 */
class OpenAiJavaClient(
    baseUrl: String,
    tls: Tls? = null,
    private val threadPerStream: Boolean = false,
) : BenchClient {
    private val client: OpenAIClient =
        OpenAIOkHttpClient.builder()
            .apiKey("bench-key")
            .baseUrl(baseUrl)
            .apply {
                if (tls != null) {
                    sslSocketFactory(tls.context.socketFactory)
                    trustManager(tls.trustManager)
                }
            }
            .build()
    private val params =
        ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("go").build()

    private val responseParams = ResponseCreateParams.builder().model("gpt-4o").input("go").build()

    private fun content(chunk: ChatCompletionChunk): String? =
        chunk.choices().firstOrNull()?.delta()?.content()?.orElse(null)

    override fun readAll(sink: ChunkSink): Int {
        var n = 0
        client.chat().completions().createStreaming(params).use { response ->
            response.stream().forEach {
                sink.chunk(content(it))
                n++
            }
        }
        return n
    }

    override fun readAllResponses(sink: ChunkSink): Int {
        var n = 0
        client.responses().createStreaming(responseParams).use { response ->
            response.stream().forEach { event ->
                if (event.isOutputTextDelta()) {
                    sink.chunk(event.asOutputTextDelta().delta())
                    n++
                }
            }
        }
        return n
    }

    override fun startAsync(sink: ChunkSink, done: (Int, Throwable?) -> Unit): Boolean {
        if (threadPerStream) return CallerThreads.start(sink, done, ::readAll)
        var n = 0
        client
            .async()
            .chat()
            .completions()
            .createStreaming(params)
            .subscribe(
                object : AsyncStreamResponse.Handler<ChatCompletionChunk> {
                    override fun onNext(value: ChatCompletionChunk) {
                        sink.chunk(content(value))
                        n++
                    }

                    override fun onComplete(error: Optional<Throwable>) {
                        done(n, error.orElse(null))
                    }
                }
            )
        return true
    }

    override fun readThenCancel(n: Int): LongArray {
        val response = client.chat().completions().createStreaming(params)
        val chunks = response.stream().iterator()
        var seen = 0
        while (seen < n && chunks.hasNext()) {
            chunks.next()
            seen++
        }
        val start = System.nanoTime()
        response.close()
        return longArrayOf(start, System.nanoTime())
    }

    override fun close() {
        client.close()
    }
}
