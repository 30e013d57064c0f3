package ai.auriko.client.tools

import ai.auriko.errors.ToolException

/**
 * A tool call's arguments are not JSON of the type asked for: invalid JSON, a missing or mistyped
 * field. Thrown by [ai.auriko.client.chat.stream.StreamEvent.ToolCallDone.arguments] and by a typed
 * [FunctionTool] before its function runs; inside [runTools] it is not thrown but sent back to the
 * model as the call's result, so the model can correct itself.
 *
 * The message names the tool, the call and the type, and carries the decoder's reason; the raw
 * arguments are in [arguments], the decoder's exception is the [cause].
 */
public class ToolArgumentsException
internal constructor(
    /** The function name of the call, if known. */
    public val toolName: String?,
    /** The call id, if known. */
    public val callId: String?,
    /** The arguments exactly as the model wrote them. */
    public val arguments: String,
    typeName: String,
    cause: Throwable,
) : ToolException(message(toolName, callId, typeName, cause), cause, null, null) {
    private companion object {
        private const val serialVersionUID = 1L
    }
}

private fun message(toolName: String?, callId: String?, typeName: String, cause: Throwable) =
    "the arguments of ${toolName ?: "a tool call"}" +
        (callId?.let { " (call $it)" } ?: "") +
        " are not a $typeName: ${cause.message}"
