package ai.auriko.testing

/**
 * A tool call inside a recorded assistant message, or a Responses `function_call` input item: what
 * the user's code sent back to the gateway.
 */
public class RecordedToolCall
internal constructor(
    /** The call's id (`tool_calls[].id`, or a `function_call` item's `call_id`). */
    public val id: String?,
    /** The function's name. */
    public val name: String?,
    /** The arguments, as the raw JSON string the client sent. */
    public val arguments: String?,
) {
    /** `name(arguments)#id`, for assertion messages. */
    override fun toString(): String = "$name($arguments)#$id"
}
