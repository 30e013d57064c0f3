package ai.auriko.testing

import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.contentOrNull

/**
 * A request the fake gateway received, decoded: the conversation, tools, routing options, metadata,
 * extensions and headers the user's code really sent, and its raw JSON.
 *
 * [toString] never shows headers, so an `Authorization` value cannot end up in a test report.
 */
public class RecordedRequest
internal constructor(
    /** 1 for the first request the gateway received, then 2, 3, … */
    public val sequenceNumber: Int,
    /** The HTTP method, for example `POST`. */
    public val method: String,
    /** The path with its query, for example `/v1/chat/completions`. */
    public val path: String,
    headers: Map<String, List<String>>,
    /** The body as text (UTF-8). */
    public val body: String,
) {
    private val headerMap: Map<String, List<String>> = headers.mapKeys { it.key.lowercase() }
    private val cancelled = CountDownLatch(1)

    /** Every header, names in lower case. */
    public val headers: Map<String, List<String>>
        get() = headerMap

    /** The first value of header [name] (case-insensitive), or null. */
    public fun header(name: String): String? = headerMap[name.lowercase()]?.firstOrNull()

    /** The body as a JSON object, or null when it is empty or not a JSON object. */
    public val json: JsonObject? =
        try {
            if (body.isBlank()) null else Json.parseToJsonElement(body) as? JsonObject
        } catch (e: SerializationException) {
            null
        }

    /** The `model` field. */
    public val model: String?
        get() = json?.string("model")

    /** The `models` list (routing across models), empty when absent. */
    public val models: List<String>
        get() =
            (json?.get("models") as? JsonArray)
                ?.mapNotNull { (it as? JsonPrimitive)?.contentOrNull }
                .orEmpty()

    /** True when the request asked for a stream (`"stream": true`). */
    public val stream: Boolean
        get() = (json?.get("stream") as? JsonPrimitive)?.booleanOrNull == true

    /** The conversation, decoded, in order. */
    public val messages: List<RecordedMessage> by lazy {
        (json?.get("messages") as? JsonArray)
            .orEmpty()
            .mapNotNull { it as? JsonObject }
            .map(::decodeMessage)
    }

    /** The text of the last `user` message, or null. */
    public val lastUserMessage: String?
        get() = messages.lastOrNull { it.role == "user" }?.content

    /** The names of the functions offered as tools, in order. */
    public val toolNames: List<String>
        get() =
            (json?.get("tools") as? JsonArray).orEmpty().mapNotNull {
                ((it as? JsonObject)?.get("function") as? JsonObject)?.string("name")
            }

    /** True when the request offered at least one tool. */
    public val hasTools: Boolean
        get() = (json?.get("tools") as? JsonArray)?.isNotEmpty() == true

    /** The routing options (`gateway.routing`), or null. */
    public val routing: JsonObject?
        get() = (json?.get("gateway") as? JsonObject)?.get("routing") as? JsonObject

    /** The request metadata (`gateway.metadata`), or null. */
    public val metadata: JsonObject?
        get() = (json?.get("gateway") as? JsonObject)?.get("metadata") as? JsonObject

    /** The extensions (`extensions`), or null. */
    public val extensions: JsonObject?
        get() = json?.get("extensions") as? JsonObject

    /**
     * The value at a dotted [path] in the body, for example `gateway.routing.optimize` or
     * `messages.0.role`: a string's content, a number or boolean as text, an object or array as
     * JSON; null when absent.
     */
    public fun field(path: String): String? {
        var node: JsonElement? = json
        for (part in path.split('.')) {
            node =
                when (node) {
                    is JsonObject -> node[part]
                    is JsonArray -> part.toIntOrNull()?.let { node.getOrNull(it) }
                    else -> null
                }
        }
        return when (node) {
            null -> null
            is JsonPrimitive -> node.contentOrNull
            else -> node.toString()
        }
    }

    /**
     * True once the client went away before the answer was complete (a cancelled stream, a
     * timeout).
     */
    public val cancelledByClient: Boolean
        get() = cancelled.count == 0L

    /**
     * Waits up to [timeout] for the client to go away before the answer was complete; true when it
     * did.
     */
    public fun awaitCancellation(timeout: java.time.Duration): Boolean =
        cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS)

    internal fun markCancelled() = cancelled.countDown()

    /**
     * `#n POST /v1/chat/completions model=… last user message=…`; headers are left out on purpose.
     */
    override fun toString(): String = buildString {
        append('#').append(sequenceNumber).append(' ').append(method).append(' ').append(path)
        if (json != null) {
            append(" model=").append(model ?: models.toString())
            lastUserMessage?.let { append(" last user message=\"").append(it.take(80)).append('"') }
            if (hasTools) append(" tools=").append(toolNames)
        }
    }

    private fun decodeMessage(m: JsonObject): RecordedMessage {
        val content =
            when (val c = m["content"]) {
                is JsonArray ->
                    c.mapNotNull { (it as? JsonObject)?.string("text") }.joinToString(" ")
                is JsonPrimitive -> c.contentOrNull
                else -> null
            }
        val calls =
            (m["tool_calls"] as? JsonArray)
                .orEmpty()
                .mapNotNull { it as? JsonObject }
                .map { call ->
                    val function = call["function"] as? JsonObject
                    RecordedToolCall(
                        call.string("id"),
                        function?.string("name"),
                        function?.string("arguments"),
                    )
                }
        return RecordedMessage(
            m.string("role") ?: "",
            content,
            calls,
            m.string("tool_call_id"),
            m.string("name"),
            m,
        )
    }

    private fun JsonObject.string(key: String): String? =
        (this[key] as? JsonPrimitive)?.contentOrNull
}
