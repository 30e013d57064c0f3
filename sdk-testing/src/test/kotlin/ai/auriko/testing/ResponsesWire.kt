package ai.auriko.testing

import ai.auriko.client.responses.Response
import ai.auriko.sse.SseDecoder
import ai.auriko.sse.SseListener
import io.ktor.client.HttpClient
import io.ktor.client.request.header
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.client.statement.bodyAsBytes
import io.ktor.http.ContentType
import io.ktor.http.contentType
import java.io.ByteArrayOutputStream
import java.io.IOException
import java.io.InputStream
import java.net.HttpURLConnection
import java.net.URL
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/**
 * Raw HTTP against a fake gateway, and the Responses wire format read back, for specs that check
 * what the gateway sends rather than what a client makes of it.
 *
 * Events are read with the SDK's own SSE decoder ([SseDecoder]); each response object in them (the
 * lifecycle events' snapshots, the terminal event's response, a non-streamed body) with the SDK's
 * own Responses model ([Response.serializer], read leniently as the client reads it). The SDK's
 * stream events ([ai.auriko.client.responses.ResponseStreamEvent]) cannot be built outside
 * sdk-kotlin — their constructors and the decoding that makes them are internal, and the client's
 * Responses endpoint is not on this branch yet — so a
 * [ai.auriko.client.responses.ResponseAccumulator] cannot be fed here: the other events are checked
 * as JSON, and [assemble] adds up their deltas the way the accumulator does, to compare with the
 * final response.
 */
internal object ResponsesWire {
    /** Reads a response object as the client does: unknown fields ignored, bad enums coerced. */
    val json = Json {
        ignoreUnknownKeys = true
        coerceInputValues = true
    }

    /** What came back: status, headers (names lower case), the body, and whether it was cut. */
    class Reply(
        val status: Int,
        val headers: Map<String, String>,
        val body: ByteArray,
        val cut: Boolean,
    ) {
        val text: String
            get() = String(body, Charsets.UTF_8)

        fun header(name: String): String? = headers[name.lowercase()]
    }

    /** One SSE event: its `event:` name and its data as a JSON object. */
    class Event(val name: String?, val data: JsonObject) {
        val type: String
            get() = data.string("type")!!

        override fun toString(): String = "$name $data"
    }

    /** POSTs [body] to `<baseUrl><path>` of [gateway], with a key, as a client would. */
    suspend fun post(gateway: FakeGateway, body: String, path: String = "/responses"): Reply =
        when (gateway) {
            is InMemoryGateway -> inMemory(gateway, body, path)
            else -> overSocket(gateway.baseUrl + path, body)
        }

    private suspend fun inMemory(gateway: InMemoryGateway, body: String, path: String): Reply {
        // a client of the gateway's engine does not own it: closing the client leaves it open
        val client = HttpClient(gateway.engine) { expectSuccess = false }
        try {
            val response =
                client.post(gateway.baseUrl + path) {
                    header("Authorization", "Bearer sk-test-kit-secret")
                    contentType(ContentType.Application.Json)
                    setBody(body)
                }
            return Reply(
                response.status.value,
                response.headers.entries().associate { it.key.lowercase() to it.value.first() },
                response.bodyAsBytes(),
                cut = false,
            )
        } finally {
            client.close()
        }
    }

    private fun overSocket(url: String, body: String): Reply {
        val connection = URL(url).openConnection() as HttpURLConnection
        try {
            connection.connectTimeout = 5_000
            connection.readTimeout = 10_000
            connection.requestMethod = "POST"
            connection.doOutput = true
            connection.setRequestProperty("Authorization", "Bearer sk-test-kit-secret")
            connection.setRequestProperty("Content-Type", "application/json")
            connection.outputStream.use { it.write(body.toByteArray(Charsets.UTF_8)) }
            val status = connection.responseCode
            val headers =
                connection.headerFields.entries
                    .filter { it.key != null }
                    .associate { it.key.lowercase() to it.value.first() }
            val stream = if (status >= 400) connection.errorStream else connection.inputStream
            val out = ByteArrayOutputStream()
            val cut = readAll(stream, out)
            return Reply(status, headers, out.toByteArray(), cut)
        } finally {
            connection.disconnect()
        }
    }

    /** Reads [input] to its end, at most 16 MiB; true when the connection broke before it. */
    private fun readAll(input: InputStream?, out: ByteArrayOutputStream): Boolean {
        if (input == null) return false
        val buffer = ByteArray(8192)
        try {
            input.use {
                while (out.size() < 16 * 1024 * 1024) {
                    val n = it.read(buffer)
                    if (n == -1) return false
                    out.write(buffer, 0, n)
                }
            }
        } catch (e: IOException) {
            return true
        }
        throw AssertionError("a body of more than 16 MiB")
    }

    /** The SSE events of [body] with JSON data, in order. */
    fun events(body: ByteArray): List<Event> = decode(body).first

    /** The SSE comments of [body], in order. */
    fun comments(body: ByteArray): List<String> = decode(body).second

    private fun decode(body: ByteArray): Pair<List<Event>, List<String>> {
        val events = mutableListOf<Event>()
        val comments = mutableListOf<String>()
        SseDecoder(
                object : SseListener {
                    override fun onEvent(id: String?, type: String?, data: String) {
                        if (data == "[DONE]") return // a chat stream's end, for comparisons
                        events += Event(type, Json.parseToJsonElement(data).jsonObject)
                    }

                    override fun onComment(comment: String) {
                        comments += comment
                    }
                }
            )
            .apply {
                feed(body, 0, body.size)
                finish()
            }
        return events to comments
    }

    /** A response object (a snapshot, the final response or a whole body), by the SDK's model. */
    fun response(obj: JsonObject): Response = json.decodeFromJsonElement(Response.serializer(), obj)

    /** What the deltas of a stream add up to, per output index, as a client assembles them. */
    class Assembled {
        /** Per output index: the `item` of `output_item.added`. */
        val added = sortedMapOf<Int, JsonObject>()
        /** Per output index: the `item` of `output_item.done`. */
        val done = sortedMapOf<Int, JsonObject>()
        /** Per output index: the text, summary or argument deltas, joined. */
        val deltas = sortedMapOf<Int, StringBuilder>()
        /**
         * Per output index: the whole text of the `.done` event of its text, summary or arguments.
         */
        val doneTexts = sortedMapOf<Int, String>()
    }

    /**
     * Adds up [events] per output index, checking on the way what a client relies on: every event
     * names its type in `event:` and `type`, sequence numbers count from 0, and every delta or
     * `.done` event addresses an item announced before and not yet done, by its id.
     */
    fun assemble(events: List<Event>): Assembled {
        val a = Assembled()
        events.forEachIndexed { i, e ->
            check(e.name == e.type) { "event: ${e.name} with type ${e.type}" }
            check(e.data.long("sequence_number") == i.toLong()) { "sequence number of $e" }
            val index = e.data.long("output_index")?.toInt()
            when (e.type) {
                "response.output_item.added" -> {
                    check(index !in a.added) { "item $index added twice" }
                    a.added[index!!] = e.data["item"]!!.jsonObject
                }
                "response.output_item.done" -> {
                    check(index in a.added && index !in a.done) { "item $index done: $e" }
                    a.done[index!!] = e.data["item"]!!.jsonObject
                }
                "response.output_text.delta",
                "response.reasoning_summary_text.delta",
                "response.function_call_arguments.delta" -> {
                    open(a, index, e)
                    a.deltas.getOrPut(index!!) { StringBuilder() }.append(e.data.string("delta"))
                }
                "response.output_text.done",
                "response.reasoning_summary_text.done" -> {
                    open(a, index, e)
                    a.doneTexts[index!!] = e.data.string("text")!!
                }
                "response.function_call_arguments.done" -> {
                    open(a, index, e)
                    a.doneTexts[index!!] = e.data.string("arguments")!!
                }
                "response.content_part.added",
                "response.content_part.done",
                "response.reasoning_summary_part.added",
                "response.reasoning_summary_part.done" -> open(a, index, e)
            }
        }
        return a
    }

    private fun open(a: Assembled, index: Int?, e: Event) {
        val item = a.added[index] ?: error("$e addresses an item never added")
        check(index !in a.done) { "$e addresses a finished item" }
        check(e.data.string("item_id") == item.string("id")) { "$e: item id" }
    }

    fun JsonObject.string(key: String): String? =
        (this[key] as? kotlinx.serialization.json.JsonPrimitive)?.takeIf { it.isString }?.content

    fun JsonObject.long(key: String): Long? =
        (this[key] as? kotlinx.serialization.json.JsonPrimitive)?.content?.toLongOrNull()
}
