package ai.auriko.testing

import kotlinx.serialization.json.JsonObject

/** One message of a recorded request, decoded from its JSON. */
public class RecordedMessage
internal constructor(
    /** `system`, `developer`, `user`, `assistant` or `tool`, as sent. */
    public val role: String,
    /**
     * The text: the string content, or the text parts joined with a space; null when the message
     * had none.
     */
    public val content: String?,
    /** The tool calls of an assistant message, in order. */
    public val toolCalls: List<RecordedToolCall>,
    /** The `tool_call_id` of a tool message. */
    public val toolCallId: String?,
    /** The optional `name` field. */
    public val name: String?,
    /** The message exactly as sent. */
    public val json: JsonObject,
) {
    /** `role: content`, for assertion messages. */
    override fun toString(): String = buildString {
        append(role).append(": ").append(content ?: "")
        if (toolCalls.isNotEmpty()) append(" ").append(toolCalls)
        toolCallId?.let { append(" (for ").append(it).append(')') }
    }
}
