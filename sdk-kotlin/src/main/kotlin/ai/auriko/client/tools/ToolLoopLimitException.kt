package ai.auriko.client.tools

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.errors.ToolException
import ai.auriko.request.chat.ChatMessage

/**
 * The model still asked for tools in the last turn [runTools] allowed ([ToolRunOptions.maxTurns]).
 * Those calls were not run (their results could not be sent anywhere).
 *
 * [messages] is the conversation so far, ending with [lastCompletion]'s assistant message (the
 * calls not run); to go on, run those calls, append their results and call [runTools] again with
 * the messages. [partialResult] is [lastCompletion] too.
 */
public class ToolLoopLimitException
internal constructor(
    /** The number of turns made: the limit. */
    public val maxTurns: Int,
    /** The conversation, the last assistant message included. */
    @Transient public val messages: List<ChatMessage>,
    /** The last turn's completion, the one asking for the tools. */
    @Transient public val lastCompletion: ChatCompletion,
) :
    ToolException(
        "the model still asked for tools after $maxTurns turns (the limit); " +
            "its last tool calls were not run",
        null,
        lastCompletion.responseHeaders.requestId(),
        lastCompletion,
    ) {
    private companion object {
        private const val serialVersionUID = 1L
    }
}
