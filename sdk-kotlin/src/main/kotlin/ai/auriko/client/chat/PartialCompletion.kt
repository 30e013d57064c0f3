package ai.auriko.client.chat

import ai.auriko.errors.AurikoException

/**
 * Everything of a chat completion that had arrived before a stream failed — content, reasoning and
 * tool calls per choice, usage and routing metadata as far as they came — or `null` when the
 * failure came before the response started, outside a stream, or in a call of another API. Java:
 * `e.partialResult(ChatCompletion.class)`.
 */
public val AurikoException.partialCompletion: ChatCompletion?
    get() = partialResult(ChatCompletion::class.java)
