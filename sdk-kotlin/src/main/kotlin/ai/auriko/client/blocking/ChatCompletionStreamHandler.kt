package ai.auriko.client.blocking

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk

/**
 * Receives one streamed chat completion from [BlockingChatCompletions.streamAsync]. Only [onChunk]
 * must be written, so a lambda will do:
 * ```java
 * client.chat().completions().streamAsync(request, chunk -> System.out.print(chunk.getContent()));
 * ```
 *
 * **One call at a time.** The methods are called one at a time, never concurrently, in the order
 * the chunks arrived, each call happening-before the next (no `volatile` or locks needed for state
 * the handler keeps), on the executor given to `streamAsync` (default: a shared pool of as many
 * threads as cores). Then exactly one of [onComplete] or [onError] — or nothing, when the stream
 * was cancelled or a method of this handler threw (see [AsyncStreamHandle]).
 *
 * **Slow handlers hold the stream back.** At most 256 chunks are read ahead of the handler; then
 * the connection is not read until the handler catches up.
 */
@JvmDefaultWithoutCompatibility // plain Java default methods, no DefaultImpls class
public fun interface ChatCompletionStreamHandler {
    /**
     * One chunk, in arrival order. An exception thrown here cancels the stream (closing the
     * connection) and fails the handle's future with that exception; [onError] is not called.
     *
     * @param chunk the chunk
     */
    public fun onChunk(chunk: ChatCompletionChunk)

    /**
     * The stream completed: [completion] is every chunk accumulated (usage, routing metadata,
     * finish reasons). Called after the last [onChunk] and before the future completes with the
     * same object. An exception thrown here fails the future with that exception.
     *
     * @param completion the final completion
     */
    public fun onComplete(completion: ChatCompletion) {}

    /**
     * The stream failed, after the chunks that arrived before the failure: [error] is the SDK's
     * exception (an [ai.auriko.errors.AurikoException] with the partial completion attached, read
     * with `error.partialResult(ChatCompletion.class)`), the same exception the future then fails
     * with. Not called for cancellation or for this handler's own exceptions. An exception thrown
     * here is added to [error] as suppressed.
     *
     * @param error why the stream failed
     */
    public fun onError(error: Throwable) {}
}
