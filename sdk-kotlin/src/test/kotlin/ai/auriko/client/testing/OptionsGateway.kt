package ai.auriko.client.testing

import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpRequestData
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.http.headersOf
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A gateway on a Ktor [MockEngine] for per-request options: it records every request (headers and
 * query parameters are asserted on what it received) and answers each endpoint the SDK calls — chat
 * completions and the Responses API (a stream when the body asks for one, JSON otherwise) and the
 * management reads — or, while [failing] is set, a retryable 503 (with `retry-after-ms: 1`, so
 * retries take no noticeable time), so tests count attempts. Shared by the Kotest specs and the
 * Java tests.
 */
class OptionsGateway {
    /** Every request, in order. */
    val requests: MutableList<HttpRequestData> = CopyOnWriteArrayList()

    /** While true, every request is answered with a 503. */
    @Volatile var failing: Boolean = false

    val engine: MockEngine = MockEngine { request ->
        requests += request
        val json = "application/json"
        if (failing) {
            return@MockEngine respond(
                """{"error":{"message":"busy","code":503}}""",
                HttpStatusCode.ServiceUnavailable,
                headersOf(
                    "content-type" to listOf(json),
                    "retry-after-ms" to listOf("1"),
                    "x-request-id" to listOf("req_${requests.size}"),
                ),
            )
        }
        val body = (request.body as? OutgoingContent.ByteArrayContent)?.bytes()?.decodeToString()
        val stream = body?.contains("\"stream\":true") == true
        val path = request.url.encodedPath
        val (type, text) =
            when {
                path.endsWith("/chat/completions") && stream ->
                    "text/event-stream" to contentEvent("hi", finishReason = "stop") + DONE_EVENT
                path.endsWith("/chat/completions") -> json to completionJson("hi")
                path.endsWith("/responses") && stream ->
                    "text/event-stream" to ResponsesWire().textStream("hi")
                path.endsWith("/responses") ->
                    json to
                        ResponsesWire().let { it.response("completed", "[${it.message("hi")}]") }
                path.endsWith("/me") -> json to """{"workspace_id":"ws_1","role":"owner"}"""
                else -> json to """{"object":"list","data":[{"id":"gpt-4o","object":"model"}]}"""
            }
        respond(
            text,
            HttpStatusCode.OK,
            headersOf(
                "content-type" to listOf(type),
                "x-request-id" to listOf("req_${requests.size}"),
            ),
        )
    }

    /** How many requests arrived. */
    fun count(): Int = requests.size

    /** The values of header [name] on request [index] (0-based). */
    fun header(index: Int, name: String): List<String> =
        requests[index].headers.getAll(name).orEmpty()

    /** The values of query parameter [name] on request [index]. */
    fun query(index: Int, name: String): List<String> =
        requests[index].url.parameters.getAll(name).orEmpty()

    /** The encoded path of request [index]. */
    fun path(index: Int): String = requests[index].url.encodedPath

    /** Forgets the requests seen so far. */
    fun clear() = requests.clear()
}
