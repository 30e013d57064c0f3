package ai.auriko.client.internal.chat

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionMessage
import ai.auriko.client.chat.ChatCompletionToolCall
import ai.auriko.client.chat.Choice
import ai.auriko.client.internal.invalidField
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.chat.Role
import ai.auriko.request.chat.ToolCall

/**
 * An answer as the assistant message of the next request (the `toMessage()` members of
 * [ChatCompletion], [Choice] and [ChatCompletionMessage]): content, refusal, reasoning, every
 * signature and redacted block, and the tool calls, each exactly as it arrived. Problems are
 * [ai.auriko.errors.InvalidRequestException]s, like any message that breaks [ChatMessage]'s rules.
 */
internal object MessageConversion {
    fun message(m: ChatCompletionMessage, withToolCalls: Boolean): ChatMessage =
        ChatMessage.builder(Role.ASSISTANT)
            .content(m.content)
            .refusal(m.refusal)
            .reasoningContent(m.reasoningContent)
            // A blank block carries nothing to verify; ChatMessage would reject it.
            .reasoningSignatures(m.reasoningSignatures.filter { it.isNotBlank() })
            .reasoningRedactedBlocks(m.reasoningRedactedBlocks.filter { it.isNotBlank() })
            .toolCalls(
                if (withToolCalls) m.toolCalls.mapIndexed { i, call -> toolCall(i, call) }
                else emptyList()
            )
            .build()

    /**
     * A choice of a partial completion (what a stream exception carries) with no finish reason was
     * cut short, one with `error` was ended by the gateway's in-stream error: their tool calls are
     * left out, because any of them may have lost the end of its arguments — parallel calls
     * interleave, so which one is unknown — and a model rejects a history whose tool call has no
     * result. Content, reasoning, signatures and redacted blocks that arrived are kept. A whole
     * answer keeps its tool calls even without a finish reason: some servers send none (or a blank
     * one, which reads as none), and a stream that ended with `[DONE]` is whole without one.
     */
    fun message(choice: Choice): ChatMessage =
        message(choice.message, withToolCalls = !isCutShort(choice))

    private fun isCutShort(choice: Choice): Boolean =
        choice.finishReason == "error" || (choice.ofPartialResult && choice.finishReason == null)

    fun message(completion: ChatCompletion): ChatMessage =
        message(
            completion.choices.firstOrNull()
                ?: throw invalidField(
                    "choices",
                    "the completion has no choice to turn into a message, got 0 choices",
                )
        )

    private fun toolCall(i: Int, call: ChatCompletionToolCall): ToolCall {
        val type = call.type
        if (type != null && type != "function") {
            throw invalidField(
                "tool_calls[$i].type",
                "only function tool calls can be sent back, got type \"$type\"",
            )
        }
        val id = call.id
        if (id.isNullOrBlank()) {
            throw invalidField("tool_calls[$i].id", "the tool call arrived without an id")
        }
        val name = call.function.name
        if (name.isNullOrBlank()) {
            throw invalidField(
                "tool_calls[$i].function.name",
                "the tool call arrived without a function name",
            )
        }
        // Missing arguments are what a stream with no argument fragment adds up to: empty text.
        return ToolCall.function(id, name, call.function.arguments ?: "")
    }
}
