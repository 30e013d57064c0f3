package ai.auriko.bench.clients

import ai.auriko.bench.ChunkSink
import io.ktor.utils.io.ByteReadChannel
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json

/**
 * The least a correct-enough client must do: split lines on bytes, and decode each `data:` line
 * with kotlinx.serialization into a small class (one String per line, one decode). Of a Responses
 * stream it decodes every event's `type` and `delta` (skipping the rest, the response objects
 * included) and counts the `response.output_text.delta` ones.
 */
class MinimalParserBaseline(baseUrl: String, engine: Engine) : KtorBaseline(baseUrl, engine) {
    @Serializable
    private class MiniChunk(val id: String? = null, val choices: List<MiniChoice> = emptyList())

    @Serializable
    private class MiniChoice(
        val index: Int = 0,
        val delta: MiniDelta? = null,
        @SerialName("finish_reason") val finishReason: String? = null,
    )

    @Serializable private class MiniDelta(val role: String? = null, val content: String? = null)

    @Serializable private class MiniEvent(val type: String = "", val delta: String? = null)

    private val json = Json { ignoreUnknownKeys = true }

    override suspend fun consume(
        body: ByteReadChannel,
        sink: ChunkSink,
        onChunk: (Int) -> Unit,
        responses: Boolean,
    ): Int {
        val buffer = ByteArray(8192)
        var line = ByteArray(1024) // the current line, carried across reads
        var length = 0
        var chunks = 0
        while (true) {
            val n = body.readInto(buffer)
            if (n < 0) break
            var start = 0
            for (i in 0 until n) {
                if (buffer[i] != NL) continue
                val text: String?
                if (length == 0) {
                    text = lineText(buffer, start, i - start)
                } else {
                    if (length + i - start > line.size)
                        line = line.copyOf(maxOf(line.size * 2, length + i - start))
                    System.arraycopy(buffer, start, line, length, i - start)
                    text = lineText(line, 0, length + i - start)
                    length = 0
                }
                start = i + 1
                if (text == null || text == "[DONE]") continue
                if (responses) {
                    val event = json.decodeFromString(MiniEvent.serializer(), text)
                    if (event.type != "response.output_text.delta") continue
                    sink.chunk(event.delta)
                } else {
                    val chunk = json.decodeFromString(MiniChunk.serializer(), text)
                    sink.chunk(chunk.choices.firstOrNull()?.delta?.content)
                }
                onChunk(++chunks)
            }
            val rest = n - start
            if (rest > 0) {
                if (length + rest > line.size)
                    line = line.copyOf(maxOf(line.size * 2, length + rest))
                System.arraycopy(buffer, start, line, length, rest)
                length += rest
            }
        }
        return chunks
    }

    /** The data of a `data: ` line, or null for any other line. */
    private fun lineText(bytes: ByteArray, from: Int, length: Int): String? {
        if (length < 6 || bytes[from] != 'd'.code.toByte() || bytes[from + 4] != ':'.code.toByte())
            return null
        return String(bytes, from + 6, length - 6, Charsets.UTF_8)
    }

    private companion object {
        const val NL = '\n'.code.toByte()
    }
}
