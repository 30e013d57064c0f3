package ai.auriko.bench.clients

import ai.auriko.bench.ChunkSink
import com.aallam.openai.api.chat.ChatCompletionRequest
import com.aallam.openai.api.chat.ChatMessage
import com.aallam.openai.api.chat.ChatRole
import com.aallam.openai.api.logging.LogLevel
import com.aallam.openai.api.model.ModelId
import com.aallam.openai.client.LoggingConfig
import com.aallam.openai.client.OpenAI
import com.aallam.openai.client.OpenAIConfig
import com.aallam.openai.client.OpenAIHost
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.okhttp.OkHttp

/**
 * `com.aallam.openai:openai-client-jvm` with default settings on the given Ktor engine (engine
 * defaults too), logging off so it prints nothing.
 */
class OpenAiKotlinClient(baseUrl: String, okHttp: Boolean) : CoroutineClient() {
    private val engine = if (okHttp) OkHttp.create() else CIO.create()
    private val client =
        OpenAI(
            OpenAIConfig(
                token = "bench-key",
                logging = LoggingConfig(logLevel = LogLevel.None),
                host = OpenAIHost(baseUrl = "$baseUrl/"),
                engine = engine,
            )
        )
    private val request =
        ChatCompletionRequest(
            model = ModelId("gpt-4o"),
            messages = listOf(ChatMessage(role = ChatRole.User, content = "go")),
        )

    override suspend fun read(sink: ChunkSink, onChunk: (Int) -> Unit): Int {
        var n = 0
        client.chatCompletions(request).collect {
            sink.chunk(it.choices.firstOrNull()?.delta?.content)
            onChunk(++n)
        }
        return n
    }

    override fun close() {
        super.close()
        client.close()
        engine.close()
    }
}
