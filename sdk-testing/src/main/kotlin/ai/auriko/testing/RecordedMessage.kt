package ai.auriko.testing

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull

/**
 * One message of a recorded request, decoded from its JSON: a chat message, or a Responses input
 * item as a message (see [RecordedRequest.messages]).
 */
public class RecordedMessage
internal constructor(
    /**
     * `system`, `developer`, `user`, `assistant` or `tool`, as sent; for a Responses request,
     * `system` for its `instructions`, `assistant` for a `function_call` item and `tool` for a
     * `function_call_output` item.
     */
    public val role: String,
    /**
     * The text: the string content, or the text parts joined with a space; null when the message
     * had none.
     */
    public val content: String?,
    /** The tool calls of an assistant message, in order (a `function_call` item's one call). */
    public val toolCalls: List<RecordedToolCall>,
    /** The `tool_call_id` of a tool message (the `call_id` of a `function_call_output` item). */
    public val toolCallId: String?,
    /** The optional `name` field. */
    public val name: String?,
    /**
     * The message (or input item) exactly as sent; for a Responses request's `instructions` or
     * string `input`, `{"role": …, "content": …}`.
     */
    public val json: JsonObject,
) {
    /** The `reasoning_content` an assistant message sent back, or null. */
    public val reasoningContent: String?
        get() = (json["reasoning_content"] as? JsonPrimitive)?.contentOrNull

    /**
     * The `reasoning_signature` values sent back, in order: one string, or each string of an array;
     * empty when absent.
     */
    public val reasoningSignatures: List<String>
        get() = strings(json["reasoning_signature"])

    /**
     * The `reasoning_redacted_data` values sent back, in order: one string, or each string of an
     * array; empty when absent.
     */
    public val reasoningRedactedBlocks: List<String>
        get() = strings(json["reasoning_redacted_data"])

    private fun strings(value: JsonElement?): List<String> =
        when (value) {
            is JsonArray -> value.mapNotNull { (it as? JsonPrimitive)?.contentOrNull }
            is JsonPrimitive -> listOfNotNull(value.contentOrNull)
            else -> emptyList()
        }

    /** `role: content`, for assertion messages. */
    override fun toString(): String = buildString {
        append(role).append(": ").append(content ?: "")
        if (toolCalls.isNotEmpty()) append(" ").append(toolCalls)
        toolCallId?.let { append(" (for ").append(it).append(')') }
    }
}
