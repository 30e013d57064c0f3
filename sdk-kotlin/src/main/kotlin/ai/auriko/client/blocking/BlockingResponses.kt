package ai.auriko.client.blocking

import ai.auriko.client.RequestOptions
import ai.auriko.client.responses.Response
import ai.auriko.client.responses.Responses
import ai.auriko.client.structured.StructuredOutput
import ai.auriko.client.structured.StructuredResponse
import ai.auriko.client.structured.create
import ai.auriko.errors.AurikoInterruptedException
import ai.auriko.request.responses.ResponseRequest
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor

/**
 * `POST /responses` (the Responses API) for Java. Every method throws the SDK's unchecked
 * exceptions, exactly as the Kotlin client does.
 *
 * ```java
 * Response answer = client.responses().create(
 *     ResponseRequest.builder().model("gpt-4o").input("Say hi").build());
 * System.out.println(answer.getOutputText());
 * ```
 */
public class BlockingResponses
internal constructor(private val responses: Responses, private val owner: AurikoBlockingClient) {
    /**
     * Sends the request and blocks until the whole response arrived. An `incomplete` response is
     * returned (read its `incompleteDetails`); a `failed` one throws the classified exception.
     *
     * @throws ai.auriko.errors.AurikoApiException (a subclass) when the server reports an error
     * @throws ai.auriko.errors.AurikoConnectionException when no response could be had
     * @throws AurikoInterruptedException when the calling thread is interrupted; the call is
     *   cancelled and the interrupt flag is set again
     */
    public fun create(request: ResponseRequest): Response =
        owner.blockingCall("create()") { responses.create(request) }

    /**
     * Sends the request without blocking. The future completes with the response or with the SDK's
     * exception; cancelling it cancels the HTTP call and closes its connection.
     */
    public fun createAsync(request: ResponseRequest): CompletableFuture<Response> =
        owner.asyncCall { responses.create(request) }

    /**
     * Sends the request now and returns its events as a blocking iterator; see
     * [BlockingResponseStream]. Use it in try-with-resources: `close()` is required to release the
     * connection when you stop early.
     */
    public fun stream(request: ResponseRequest): BlockingResponseStream {
        owner.ensureOpen()
        return BlockingResponseStream(responses.stream(request), owner.scope)
    }

    /**
     * [create] with per-request [options] (timeouts, headers, query parameters, retries; they win
     * over the client's settings, see [RequestOptions]).
     */
    public fun create(request: ResponseRequest, options: RequestOptions): Response =
        owner.blockingCall("create()") { responses.create(request, options) }

    /** [createAsync] with per-request [options]; see [RequestOptions]. */
    public fun createAsync(
        request: ResponseRequest,
        options: RequestOptions,
    ): CompletableFuture<Response> = owner.asyncCall { responses.create(request, options) }

    /**
     * [stream] with per-request [options] (first-event and idle timeouts, headers, query
     * parameters, retries; they win over the client's settings, see [RequestOptions]).
     */
    public fun stream(request: ResponseRequest, options: RequestOptions): BlockingResponseStream {
        owner.ensureOpen()
        return BlockingResponseStream(responses.stream(request, options), owner.scope)
    }

    /**
     * Sends the request now and passes its events to [handler] as they arrive, without a thread per
     * stream; returns at once. The handler's methods run one at a time on a shared pool of as many
     * threads as cores (kotlinx.coroutines' `Dispatchers.Default`): keep them short, or pass your
     * own executor. How it ends (`response.incomplete` is a completion), and how to cancel it, is
     * [AsyncStreamHandle]'s.
     *
     * @throws IllegalStateException when the client is closed
     */
    public fun streamAsync(
        request: ResponseRequest,
        handler: ResponseStreamHandler,
    ): AsyncStreamHandle<Response> = startAsync(request, RequestOptions.NONE, handler, null)

    /**
     * [streamAsync] with the handler's methods run on [executor] (one at a time, never
     * concurrently, whatever the executor's size). If the executor refuses a task, the stream is
     * cancelled and the future fails with its `RejectedExecutionException`.
     *
     * @throws IllegalStateException when the client is closed
     */
    public fun streamAsync(
        request: ResponseRequest,
        handler: ResponseStreamHandler,
        executor: Executor,
    ): AsyncStreamHandle<Response> = startAsync(request, RequestOptions.NONE, handler, executor)

    /**
     * [streamAsync] with per-request [options] (first-event and idle timeouts, headers, query
     * parameters, retries; they win over the client's settings, see [RequestOptions]).
     *
     * @throws IllegalStateException when the client is closed
     */
    public fun streamAsync(
        request: ResponseRequest,
        options: RequestOptions,
        handler: ResponseStreamHandler,
    ): AsyncStreamHandle<Response> = startAsync(request, options, handler, null)

    /**
     * [streamAsync] with per-request [options] and the handler's methods run on [executor]; see the
     * overload without options.
     *
     * @throws IllegalStateException when the client is closed
     */
    public fun streamAsync(
        request: ResponseRequest,
        options: RequestOptions,
        handler: ResponseStreamHandler,
        executor: Executor,
    ): AsyncStreamHandle<Response> = startAsync(request, options, handler, executor)

    /**
     * Sends the request asking for JSON matching [output]'s schema (`text.format` is set to it; a
     * request with another format is rejected) and blocks until the typed result arrived: the value
     * of the output text beside the response, or the model's refusal.
     *
     * @throws ai.auriko.errors.StructuredOutputException when the text does not match or the
     *   response is incomplete, with the raw text and the response
     * @throws ai.auriko.errors.AurikoApiException (a subclass) when the server reports an error
     * @throws AurikoInterruptedException when the calling thread is interrupted
     */
    public fun <T> createStructured(
        request: ResponseRequest,
        output: StructuredOutput<T>,
    ): StructuredResponse<T> =
        owner.blockingCall("createStructured()") { responses.create(output, request) }

    /**
     * [createStructured] without blocking: the future completes with the typed result or with the
     * SDK's exception; cancelling it cancels the HTTP call.
     */
    public fun <T> createStructuredAsync(
        request: ResponseRequest,
        output: StructuredOutput<T>,
    ): CompletableFuture<StructuredResponse<T>> =
        owner.asyncCall { responses.create(output, request) }

    private fun startAsync(
        request: ResponseRequest,
        options: RequestOptions,
        handler: ResponseStreamHandler,
        executor: Executor?,
    ): AsyncStreamHandle<Response> {
        owner.ensureOpen()
        val source = responses.stream(request, options)
        val delivery =
            AsyncDelivery(
                owner.scope,
                executor,
                { collector -> source.collectUnchecked(collector) },
                { source.response },
                { source.partialResponse() },
                { source.responseHeaders?.requestId() },
                handler::onEvent,
                handler::onComplete,
                handler::onError,
            )
        return AsyncStreamHandle(delivery, { source.responseHeaders }, { source.metrics })
    }
}
