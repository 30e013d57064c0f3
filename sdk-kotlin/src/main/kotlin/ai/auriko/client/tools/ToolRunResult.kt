package ai.auriko.client.tools

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.request.chat.ChatMessage

/**
 * How a [runTools] loop ended: the model's final answer (a turn without tool calls) and the whole
 * conversation that led to it.
 */
public class ToolRunResult
internal constructor(
    /** The final turn's completion: the answer, its usage, routing metadata and headers. */
    public val completion: ChatCompletion,
    /**
     * Every message of the conversation in order: the request's own, then per turn the assistant
     * message and the tool results, ending with the final answer's assistant message. Send it with
     * a new user message to go on.
     */
    public val messages: List<ChatMessage>,
    /** How many model turns (requests) the loop made, the final one included. */
    public val turns: Int,
) {
    /** The final answer's text (first choice), `null` when it has none. */
    public val content: String?
        get() = completion.content

    /** The number of turns and messages, not their content. */
    override fun toString(): String = "ToolRunResult(turns=$turns, messages=${messages.size})"
}
