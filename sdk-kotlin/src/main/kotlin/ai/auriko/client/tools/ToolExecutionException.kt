package ai.auriko.client.tools

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.errors.ToolException
import ai.auriko.request.chat.ChatMessage

/**
 * A tool threw and the loop was set to fail ([ToolErrorPolicy.FAIL]): the tool's exception is the
 * [cause]. The other calls of the same turn were cancelled.
 *
 * [messages] is the conversation so far, ending with [lastCompletion]'s assistant message (the
 * calls of the failed turn); [partialResult] is [lastCompletion] too.
 */
public class ToolExecutionException
internal constructor(
    /** The function name of the call that failed. */
    public val toolName: String,
    /** Its call id. */
    public val callId: String,
    /** The conversation, the last assistant message included. */
    @Transient public val messages: List<ChatMessage>,
    /** The completion whose tool call failed. */
    @Transient public val lastCompletion: ChatCompletion,
    cause: Throwable,
) :
    ToolException(
        "tool $toolName (call $callId) failed: ${cause.message ?: cause.javaClass.name}",
        cause,
        lastCompletion.responseHeaders.requestId(),
        lastCompletion,
    ) {
    private companion object {
        private const val serialVersionUID = 1L
    }
}
