package ai.auriko.bench.clients

import ai.auriko.bench.ChunkSink
import io.ktor.client.HttpClient
import io.ktor.client.request.header
import io.ktor.client.request.preparePost
import io.ktor.client.request.setBody
import io.ktor.http.ContentType
import io.ktor.http.content.ByteArrayContent
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.InternalAPI
import io.ktor.utils.io.readAvailable

/**
 * A baseline on one of the transports the SDK runs on ([engine], configured as the SDK configures
 * it; over TLS with [Tls]): it sends the request and hands the body's bytes, read by read, to
 * [consume]. The ratios of an SDK client to the baseline on the same engine are then what the SDK
 * adds on top of it.
 */
abstract class KtorBaseline(private val baseUrl: String, engine: Engine, tls: Tls? = null) :
    CoroutineClient() {
    private val http = HttpClient(engine.create(tls)) { expectSuccess = false }

    /**
     * Handles the body read by read; returns the chunk count, or for a Responses stream
     * ([responses]) the text delta count.
     */
    protected abstract suspend fun consume(
        body: ByteReadChannel,
        sink: ChunkSink,
        onChunk: (Int) -> Unit,
        responses: Boolean,
    ): Int

    override suspend fun read(sink: ChunkSink, onChunk: (Int) -> Unit): Int =
        post("chat/completions", BODY) { consume(it, sink, onChunk, responses = false) }

    override suspend fun readResponses(sink: ChunkSink): Int =
        post("responses", RESPONSES_BODY) { consume(it, sink, {}, responses = true) }

    private suspend fun post(
        path: String,
        body: ByteArray,
        handle: suspend (ByteReadChannel) -> Int,
    ): Int =
        http
            .preparePost("$baseUrl/$path") {
                header("Authorization", "Bearer bench-key")
                header("Accept", "text/event-stream")
                setBody(ByteArrayContent(body, ContentType.Application.Json))
            }
            // The engine's channel itself, as the SDK reads a stream (`streamingBody()`):
            // `bodyAsChannel()` adds a copying coroutine that costs ~200 µs per event.
            .execute { response -> handle(@OptIn(InternalAPI::class) response.rawContent) }

    override fun close() {
        super.close()
        http.close()
    }

    /** Reads into [buffer]; -1 at the end. */
    protected suspend fun ByteReadChannel.readInto(buffer: ByteArray): Int =
        readAvailable(buffer, 0, buffer.size)

    private companion object {
        val BODY =
            """{"model":"gpt-4o","messages":[{"role":"user","content":"go"}],"stream":true}"""
                .toByteArray()
        val RESPONSES_BODY = """{"model":"gpt-4o","input":"go","stream":true}""".toByteArray()
    }
}
