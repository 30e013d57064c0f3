/**
 * The Responses API request, in the shape of OpenAI's {@code POST /v1/responses}, plus the Auriko
 * options from {@link ai.auriko.gateway}.
 *
 * <p>Start with {@link ai.auriko.request.responses.ResponseRequest#builder()}; input items come
 * from the factories on {@link ai.auriko.request.responses.ResponseInputItem}. Function tools, the
 * tool choice, the text format, the message role and the image detail reuse the chat types ({@link
 * ai.auriko.request.chat.Tool}, {@link ai.auriko.request.chat.ToolChoice}, {@link
 * ai.auriko.request.chat.ResponseFormat}, {@link ai.auriko.request.chat.Role}, {@link
 * ai.auriko.request.chat.ImageDetail}), so one definition serves both APIs; only their wire shape
 * differs. Every builder and factory validates and throws {@link
 * ai.auriko.errors.InvalidRequestException} whose {@code param()} is the wire name of the offending
 * field and whose message never holds content. Built objects are deeply immutable and thread-safe;
 * their {@code toString()} shows structure only. Builders are not thread-safe.
 */
@NullMarked
package ai.auriko.request.responses;

import org.jspecify.annotations.NullMarked;
