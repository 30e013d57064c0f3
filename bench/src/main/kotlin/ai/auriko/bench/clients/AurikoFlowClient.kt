package ai.auriko.bench.clients

import ai.auriko.bench.ChunkSink
import ai.auriko.client.AurikoClient
import ai.auriko.client.responses.ResponseStreamEvent
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.responses.ResponseRequest

/**
 * This SDK's Kotlin client, collecting its `Flow`: on its default engine (OkHttp) when [cio] is
 * false, else on CIO; on [onEngine] (over [tls]) when given. With [awaitingHeaders], the default
 * engine lets that many requests await their response headers at once (the option
 * `maxRequestsAwaitingHeaders`; default 256).
 */
class AurikoFlowClient(
    baseUrl: String,
    cio: Boolean,
    onEngine: Engine? = null,
    tls: Tls? = null,
    awaitingHeaders: Int? = null,
) : CoroutineClient() {
    private val engine = (onEngine ?: Engine.CIO.takeIf { cio })?.create(tls)
    private val client = AurikoClient {
        apiKey = "bench-key"
        this.baseUrl = baseUrl
        engine = this@AurikoFlowClient.engine
        awaitingHeaders?.let { maxRequestsAwaitingHeaders = it }
    }

    override suspend fun read(sink: ChunkSink, onChunk: (Int) -> Unit): Int {
        var n = 0
        client.chat.completions.stream(REQUEST).collect {
            sink.chunk(it.choices.firstOrNull()?.delta?.content)
            onChunk(++n)
        }
        return n
    }

    override suspend fun readResponses(sink: ChunkSink): Int {
        var n = 0
        client.responses.stream(RESPONSES_REQUEST).collect { event ->
            if (event is ResponseStreamEvent.OutputTextDelta) {
                sink.chunk(event.delta)
                n++
            }
        }
        return n
    }

    override fun close() {
        super.close()
        client.close()
        engine?.close()
    }

    companion object {
        /** The request every Auriko client sends. */
        val REQUEST: ChatCompletionRequest =
            ChatCompletionRequest.builder()
                .model("gpt-4o")
                .addMessage(ChatMessage.user("go"))
                .build()

        /** The Responses request every Auriko client sends. */
        val RESPONSES_REQUEST: ResponseRequest =
            ResponseRequest.builder().model("gpt-4o").input("go").build()
    }
}
