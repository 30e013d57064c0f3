package ai.auriko.testing

import kotlinx.serialization.json.JsonObject

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
    /** `role: content`, for assertion messages. */
    override fun toString(): String = buildString {
        append(role).append(": ").append(content ?: "")
        if (toolCalls.isNotEmpty()) append(" ").append(toolCalls)
        toolCallId?.let { append(" (for ").append(it).append(')') }
    }
}
