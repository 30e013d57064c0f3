package ai.auriko.testing

import ai.auriko.testing.internal.isResponsesPath
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
import kotlinx.serialization.json.intOrNull

/**
 * A request the fake gateway received, decoded: the conversation, tools, routing options, metadata,
 * extensions and headers the user's code really sent, and its raw JSON.
 *
 * A chat request (`…/chat/completions`) and a Responses request (`…/responses`,
 * [isResponsesRequest]) are decoded into the same view: [messages] is the conversation either way
 * (a Responses request's `instructions` and `input`), [toolNames] reads both tool shapes, and the
 * function calls and their outputs sent back are [functionCalls] and [functionCallOutputs]. The
 * routing options, metadata and extensions are at the same places in both.
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

    /**
     * True when the request is for the Responses API: its path (query aside) ends in `/responses`.
     */
    public val isResponsesRequest: Boolean
        get() = isResponsesPath(path)

    /**
     * The conversation, decoded, in order. For a chat request, its `messages`. For a Responses
     * request: the `instructions` as a `system` message, then the `input` — a string input as one
     * `user` message; each message item (`input_text` and `output_text` parts joined with a space);
     * each `function_call` item as an `assistant` message with that one tool call; each
     * `function_call_output` item as a `tool` message whose content is the output and whose
     * [RecordedMessage.toolCallId] is the call id. Other items (reasoning, item references) are
     * left out.
     */
    public val messages: List<RecordedMessage> by lazy {
        if (isResponsesRequest) responsesConversation()
        else
            (json?.get("messages") as? JsonArray)
                .orEmpty()
                .mapNotNull { it as? JsonObject }
                .map(::decodeMessage)
    }

    /** A Responses request's `instructions`, or null. */
    public val instructions: String?
        get() = json?.string("instructions")

    /**
     * The function calls the client sent back as history, in order: a Responses request's
     * `function_call` input items, or the tool calls of a chat request's assistant messages.
     */
    public val functionCalls: List<RecordedToolCall>
        get() = messages.flatMap { it.toolCalls }

    /**
     * The function results the client sent, in order: a Responses request's `function_call_output`
     * items, or a chat request's `tool` messages.
     */
    public val functionCallOutputs: List<RecordedFunctionCallOutput>
        get() =
            messages
                .filter { it.role == "tool" }
                .map { RecordedFunctionCallOutput(it.toolCallId, it.content, it.json) }

    /** A Responses request's `previous_response_id`, or null. */
    public val previousResponseId: String?
        get() = json?.string("previous_response_id")

    /** A Responses request's `max_output_tokens`, or null. */
    public val maxOutputTokens: Int?
        get() = (json?.get("max_output_tokens") as? JsonPrimitive)?.intOrNull

    /** The text of the last `user` message, or null. */
    public val lastUserMessage: String?
        get() = messages.lastOrNull { it.role == "user" }?.content

    /**
     * The names of the functions offered as tools, in order: from the chat shape (`{"type":
     * "function", "function": {"name": …}}`) or the Responses API's flat one (`{"type": "function",
     * "name": …}`).
     */
    public val toolNames: List<String>
        get() =
            (json?.get("tools") as? JsonArray).orEmpty().mapNotNull { tool ->
                (tool as? JsonObject)?.let {
                    (it["function"] as? JsonObject)?.string("name")
                        ?: it.string("name").takeIf { _ -> it.string("type") == "function" }
                }
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

    private fun responsesConversation(): List<RecordedMessage> {
        val body = json ?: return emptyList()
        val conversation = mutableListOf<RecordedMessage>()
        body.string("instructions")?.let { conversation += textMessage("system", it) }
        when (val input = body["input"]) {
            is JsonArray ->
                input.forEach { item ->
                    (item as? JsonObject)?.let(::decodeInputItem)?.let { conversation += it }
                }
            is JsonPrimitive -> input.contentOrNull?.let { conversation += textMessage("user", it) }
            else -> {}
        }
        return conversation
    }

    /** A message the request did not spell as one, with the JSON a chat message would have. */
    private fun textMessage(role: String, text: String): RecordedMessage =
        RecordedMessage(
            role,
            text,
            emptyList(),
            null,
            null,
            JsonObject(mapOf("role" to JsonPrimitive(role), "content" to JsonPrimitive(text))),
        )

    private fun decodeInputItem(item: JsonObject): RecordedMessage? =
        when (item.string("type")) {
            "function_call" ->
                RecordedMessage(
                    "assistant",
                    null,
                    listOf(
                        RecordedToolCall(
                            item.string("call_id"),
                            item.string("name"),
                            item.string("arguments"),
                        )
                    ),
                    null,
                    null,
                    item,
                )
            "function_call_output" ->
                RecordedMessage(
                    "tool",
                    text(item["output"]),
                    emptyList(),
                    item.string("call_id"),
                    null,
                    item,
                )
            "message" -> decodeMessage(item)
            null -> if (item.string("role") != null) decodeMessage(item) else null
            else -> null
        }

    /** A string's content, or the `text` of each part joined with a space. */
    private fun text(content: JsonElement?): String? =
        when (content) {
            is JsonArray ->
                content.mapNotNull { (it as? JsonObject)?.string("text") }.joinToString(" ")
            is JsonPrimitive -> content.contentOrNull
            else -> null
        }

    private fun decodeMessage(m: JsonObject): RecordedMessage {
        val content = text(m["content"])
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
