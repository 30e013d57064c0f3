package ai.auriko.client.blocking

import ai.auriko.client.RequestOptions
import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletions
import ai.auriko.client.structured.StructuredCompletion
import ai.auriko.client.structured.StructuredOutput
import ai.auriko.client.structured.create
import ai.auriko.client.structured.internal.StructuredResults
import ai.auriko.client.tools.FunctionTool
import ai.auriko.client.tools.ToolRunEvent
import ai.auriko.client.tools.ToolRunOptions
import ai.auriko.client.tools.ToolRunResult
import ai.auriko.errors.AurikoInterruptedException
import ai.auriko.request.chat.ChatCompletionRequest
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import java.util.function.Consumer

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

    /**
     * Sends the request now and passes its chunks to [handler] as they arrive, without a thread per
     * stream; returns at once. The handler's methods run one at a time on a shared pool of as many
     * threads as cores (kotlinx.coroutines' `Dispatchers.Default`): keep them short, or pass your
     * own executor. How it ends, and how to cancel it, is [AsyncStreamHandle]'s.
     *
     * @throws IllegalStateException when the client is closed
     */
    public fun streamAsync(
        request: ChatCompletionRequest,
        handler: ChatCompletionStreamHandler,
    ): AsyncStreamHandle<ChatCompletion> = startAsync(request, RequestOptions.NONE, handler, null)

    /**
     * [streamAsync] with the handler's methods run on [executor] (one at a time, never
     * concurrently, whatever the executor's size). If the executor refuses a task, the stream is
     * cancelled and the future fails with its `RejectedExecutionException`.
     *
     * @throws IllegalStateException when the client is closed
     */
    public fun streamAsync(
        request: ChatCompletionRequest,
        handler: ChatCompletionStreamHandler,
        executor: Executor,
    ): AsyncStreamHandle<ChatCompletion> =
        startAsync(request, RequestOptions.NONE, handler, executor)

    /**
     * [streamAsync] with per-request [options] (first-event and idle timeouts, headers, query
     * parameters, retries; they win over the client's settings, see [RequestOptions]).
     *
     * @throws IllegalStateException when the client is closed
     */
    public fun streamAsync(
        request: ChatCompletionRequest,
        options: RequestOptions,
        handler: ChatCompletionStreamHandler,
    ): AsyncStreamHandle<ChatCompletion> = startAsync(request, options, handler, null)

    /**
     * [streamAsync] with per-request [options] and the handler's methods run on [executor]; see the
     * overload without options.
     *
     * @throws IllegalStateException when the client is closed
     */
    public fun streamAsync(
        request: ChatCompletionRequest,
        options: RequestOptions,
        handler: ChatCompletionStreamHandler,
        executor: Executor,
    ): AsyncStreamHandle<ChatCompletion> = startAsync(request, options, handler, executor)

    /**
     * Sends the request asking for JSON matching [output]'s schema (`response_format` is set to it;
     * a request with another format is rejected) and blocks until the typed result arrived: the
     * value beside the completion, or the model's refusal ([StructuredCompletion.isRefusal]).
     *
     * @throws ai.auriko.errors.StructuredOutputException when the text does not match or was cut at
     *   the token limit, with the raw text and the completion
     * @throws ai.auriko.errors.AurikoApiException (a subclass) when the server reports an error
     * @throws AurikoInterruptedException when the calling thread is interrupted
     */
    public fun <T> createStructured(
        request: ChatCompletionRequest,
        output: StructuredOutput<T>,
    ): StructuredCompletion<T> =
        owner.blockingCall("createStructured()") { completions.create(output, request) }

    /**
     * [createStructured] without blocking: the future completes with the typed result or with the
     * SDK's exception; cancelling it cancels the HTTP call.
     */
    public fun <T> createStructuredAsync(
        request: ChatCompletionRequest,
        output: StructuredOutput<T>,
    ): CompletableFuture<StructuredCompletion<T>> =
        owner.asyncCall { completions.create(output, request) }

    /** [createStructured] with per-request [options]; see [RequestOptions]. */
    public fun <T> createStructured(
        request: ChatCompletionRequest,
        output: StructuredOutput<T>,
        options: RequestOptions,
    ): StructuredCompletion<T> =
        owner.blockingCall("createStructured()") { completions.create(output, request, options) }

    /** [createStructuredAsync] with per-request [options]; see [RequestOptions]. */
    public fun <T> createStructuredAsync(
        request: ChatCompletionRequest,
        output: StructuredOutput<T>,
        options: RequestOptions,
    ): CompletableFuture<StructuredCompletion<T>> =
        owner.asyncCall { completions.create(output, request, options) }

    /**
     * Streams [request] asking for JSON matching [output]'s schema (`response_format:
     * json_schema`): the returned stream yields the answer as it grows, then the validated value;
     * see [BlockingObjectStream], which must be closed. The request is sent now.
     *
     * @throws IllegalStateException when the client is closed
     * @throws ai.auriko.errors.InvalidRequestException when the request's `response_format` is
     *   already set to another format
     */
    public fun <T> streamObject(
        request: ChatCompletionRequest,
        output: StructuredOutput<T>,
    ): BlockingObjectStream<T> = streamObject(request, output, RequestOptions.NONE)

    /** [streamObject] with per-request [options]; see [RequestOptions]. */
    public fun <T> streamObject(
        request: ChatCompletionRequest,
        output: StructuredOutput<T>,
        options: RequestOptions,
    ): BlockingObjectStream<T> {
        owner.ensureOpen()
        val formatted = StructuredResults.withFormat(request, output.schema)
        return BlockingObjectStream(completions.stream(formatted, options), output, owner.scope)
    }

    /**
     * Runs a tool loop (see `ai.auriko.client.tools.runTools`) on the calling thread and returns
     * the final answer with the whole conversation. Each [FunctionTool] made with
     * `FunctionTool.of(name, description, schema, function)` runs on an I/O thread, a turn's calls
     * concurrently; [listener] receives every [ToolRunEvent] in order on the calling thread.
     *
     * @throws ai.auriko.client.tools.ToolLoopLimitException when the model still calls tools after
     *   [ToolRunOptions.maxTurns] turns
     * @throws ai.auriko.client.tools.ToolExecutionException when a tool threw under
     *   [ai.auriko.client.tools.ToolErrorPolicy.FAIL]
     * @throws AurikoInterruptedException when the calling thread is interrupted; the loop (running
     *   tools and the HTTP stream) is cancelled and the interrupt flag is set again
     */
    public fun runTools(
        request: ChatCompletionRequest,
        tools: List<FunctionTool>,
        options: ToolRunOptions,
        listener: Consumer<ToolRunEvent>,
    ): ToolRunResult = toolRuns.blocking(request, tools, options, listener)

    /** [runTools] with the default options (10 turns, errors sent to the model), no listener. */
    public fun runTools(request: ChatCompletionRequest, tools: List<FunctionTool>): ToolRunResult =
        toolRuns.blocking(request, tools, ToolRunOptions.DEFAULT, null)

    /**
     * [runTools] without blocking: the future completes with the final answer or fails with what
     * the blocking form throws; cancelling it cancels the loop, its running tools and its HTTP
     * stream. [listener] runs on the SDK's threads, one event at a time, in order: keep it short.
     */
    public fun runToolsAsync(
        request: ChatCompletionRequest,
        tools: List<FunctionTool>,
        options: ToolRunOptions,
        listener: Consumer<ToolRunEvent>,
    ): CompletableFuture<ToolRunResult> = toolRuns.async(request, tools, options, listener)

    private val toolRuns = JavaToolRuns(completions, owner)

    private fun startAsync(
        request: ChatCompletionRequest,
        options: RequestOptions,
        handler: ChatCompletionStreamHandler,
        executor: Executor?,
    ): AsyncStreamHandle<ChatCompletion> {
        owner.ensureOpen()
        val source = completions.stream(request, options)
        val delivery =
            AsyncDelivery(
                owner.scope,
                executor,
                { collector -> source.collectUnchecked(collector) },
                { source.completion },
                { source.partialCompletion() },
                { source.responseHeaders?.requestId() },
                handler::onChunk,
                handler::onComplete,
                handler::onError,
            )
        return AsyncStreamHandle(delivery, { source.responseHeaders }, { source.metrics })
    }
}
