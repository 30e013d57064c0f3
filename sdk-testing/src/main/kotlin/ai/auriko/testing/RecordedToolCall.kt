package ai.auriko.testing

/**
 * A tool call inside a recorded assistant message: what the user's code sent back to the gateway.
 */
public class RecordedToolCall
internal constructor(
    /** The call's id (`tool_calls[].id`). */
    public val id: String?,
    /** The function's name. */
    public val name: String?,
    /** The arguments, as the raw JSON string the client sent. */
    public val arguments: String?,
) {
    /** `name(arguments)#id`, for assertion messages. */
    override fun toString(): String = "$name($arguments)#$id"
}
