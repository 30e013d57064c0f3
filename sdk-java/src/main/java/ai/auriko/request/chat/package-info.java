/**
 * The chat completion request, in the shape of OpenAI's {@code POST /v1/chat/completions}, plus the
 * Auriko options from {@link ai.auriko.gateway}.
 *
 * <p>Start with {@link ai.auriko.request.chat.ChatCompletionRequest#builder()}; messages come from
 * the factories on {@link ai.auriko.request.chat.ChatMessage}. Every builder validates in {@code
 * build()} and throws {@link ai.auriko.errors.InvalidRequestException} whose {@code param()} is the
 * wire name of the offending field (list entries as {@code models[1]}, map entries as {@code
 * logit_bias.50256}) and whose message names the field, the limit and the offending value or size,
 * never message content. Built objects are deeply immutable and thread-safe; their {@code
 * toString()} shows structure only (roles, counts, lengths, keys), so requests can be logged
 * without leaking prompts or secrets. Builders are not thread-safe.
 */
@NullMarked
package ai.auriko.request.chat;

import org.jspecify.annotations.NullMarked;
