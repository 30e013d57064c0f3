package ai.auriko.client.blocking

import ai.auriko.client.RequestOptions
import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletions
import ai.auriko.errors.AurikoInterruptedException
import ai.auriko.request.chat.ChatCompletionRequest
import java.util.concurrent.CompletableFuture

/**
 * `POST /chat/completions` for Java. Every method throws the SDK's unchecked exceptions, exactly as
 * the Kotlin client does.
 */
public class BlockingChatCompletions
internal constructor(
    private val completions: ChatCompletions,
    private val owner: AurikoBlockingClient,
) {
    /**
     * Sends the request and blocks until the whole completion arrived.
     *
     * @throws ai.auriko.errors.AurikoApiException (a subclass) when the server reports an error
     * @throws ai.auriko.errors.AurikoConnectionException when no response could be had
     * @throws AurikoInterruptedException when the calling thread is interrupted; the call is
     *   cancelled and the interrupt flag is set again
     */
    public fun create(request: ChatCompletionRequest): ChatCompletion =
        owner.blockingCall("create()") { completions.create(request) }

    /**
     * Sends the request without blocking. The future completes with the completion or with the
     * SDK's exception; cancelling it cancels the HTTP call and closes its connection.
     */
    public fun createAsync(request: ChatCompletionRequest): CompletableFuture<ChatCompletion> =
        owner.asyncCall { completions.create(request) }

    /**
     * Sends the request now and returns its chunks as a blocking iterator; see
     * [BlockingChatCompletionStream]. Use it in try-with-resources: `close()` is required to
     * release the connection when you stop early.
     */
    public fun stream(request: ChatCompletionRequest): BlockingChatCompletionStream {
        owner.ensureOpen()
        return BlockingChatCompletionStream(completions.stream(request), owner.scope)
    }

    /**
     * [create] with per-request [options] (timeouts, headers, query parameters, retries; they win
     * over the client's settings, see [RequestOptions]).
     */
    public fun create(request: ChatCompletionRequest, options: RequestOptions): ChatCompletion =
        owner.blockingCall("create()") { completions.create(request, options) }

    /** [createAsync] with per-request [options]; see [RequestOptions]. */
    public fun createAsync(
        request: ChatCompletionRequest,
        options: RequestOptions,
    ): CompletableFuture<ChatCompletion> = owner.asyncCall { completions.create(request, options) }

    /**
     * [stream] with per-request [options] (first-event and idle timeouts, headers, query
     * parameters, retries; they win over the client's settings, see [RequestOptions]).
     */
    public fun stream(
        request: ChatCompletionRequest,
        options: RequestOptions,
    ): BlockingChatCompletionStream {
        owner.ensureOpen()
        return BlockingChatCompletionStream(completions.stream(request, options), owner.scope)
    }
}
