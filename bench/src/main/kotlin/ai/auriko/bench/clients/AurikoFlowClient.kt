package ai.auriko.bench.clients

import ai.auriko.bench.ChunkSink
import ai.auriko.client.AurikoClient
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage

/**
 * This SDK's Kotlin client, collecting its `Flow`: on its default engine (OkHttp) when [cio] is
 * false, else on CIO.
 */
class AurikoFlowClient(baseUrl: String, cio: Boolean) : CoroutineClient() {
    private val engine = if (cio) Engine.CIO.create() else null
    private val client = AurikoClient {
        apiKey = "bench-key"
        this.baseUrl = baseUrl
        engine = this@AurikoFlowClient.engine
    }

    override suspend fun read(sink: ChunkSink, onChunk: (Int) -> Unit): Int {
        var n = 0
        client.chat.completions.stream(REQUEST).collect {
            sink.chunk(it.choices.firstOrNull()?.delta?.content)
            onChunk(++n)
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
    }
}
