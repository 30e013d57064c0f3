package ai.auriko.client.chat

import ai.auriko.client.RequestOptions
import ai.auriko.client.chat.stream.ChatCompletionStream
import ai.auriko.client.dsl.ChatCompletionRequestBuilder
import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.internal.ClientRuntime
import ai.auriko.client.internal.RequestEncoder
import ai.auriko.client.internal.chat.ChatStreamFormat
import ai.auriko.client.internal.chat.decodeCompletion
import ai.auriko.client.internal.exchange
import ai.auriko.client.internal.stream.StreamCall
import ai.auriko.request.chat.ChatCompletionRequest
import io.ktor.http.HttpMethod

/**
 * `POST /chat/completions`: [create] for a whole answer, [stream] for chunks as they are generated.
 * Both retry failed attempts under the client's retry policy and throw the SDK's typed exceptions.
 *
 * Each method has a form taking [RequestOptions] (timeouts, headers, query parameters, retries for
 * this call only; per-request values win): last after a request, first before a DSL block.
 *
 * ```
 * completions.create(request, requestOptions { maxRetries = 0 })
 * completions.stream(requestOptions { idleTimeout = 5.seconds }) { model = "gpt-4o"; messages { user("Hi") } }
 * ```
 */
public class ChatCompletions internal constructor(private val runtime: ClientRuntime) {

    /**
     * Sends [request] and returns the whole completion, with [ChatCompletion.routingMetadata],
     * [ChatCompletion.usage] and [ChatCompletion.responseHeaders]. Suspends without blocking a
     * thread; cancelling the caller cancels the HTTP call. Fails after the client's request timeout
     * with an [ai.auriko.errors.AurikoTimeoutException] of kind `REQUEST`.
     *
     * @throws ai.auriko.errors.AurikoApiException (a subclass) when the server reports an error
     * @throws ai.auriko.errors.AurikoConnectionException when no response could be had
     * @throws ai.auriko.errors.AurikoTimeoutException after the client's request timeout
     */
    public suspend fun create(request: ChatCompletionRequest): ChatCompletion =
        create(request, RequestOptions.NONE)

    /**
     * Sends [request] with per-request [options] (they win over the client's settings; see
     * [RequestOptions]) and returns the whole completion; see [create].
     *
     * @throws ai.auriko.errors.AurikoTimeoutException after the options' request timeout, else the
     *   client's
     */
    public suspend fun create(
        request: ChatCompletionRequest,
        options: RequestOptions,
    ): ChatCompletion {
        val requestBody = RequestEncoder.encode(request, stream = false)
        return runtime.exchange(
            HttpMethod.Post,
            ChatStreamFormat.path,
            requestBody,
            runtime.settings(options),
            request.model(),
        ) { text, headers ->
            decodeCompletion(runtime.errors, text, headers)
        }
    }

    /**
     * Sends a request built with the DSL; see [create].
     *
     * @param build sets the request's fields: `model = "gpt-4o"; messages { user("Hi") }`
     */
    public suspend fun create(build: ChatCompletionRequestBuilder.() -> Unit): ChatCompletion =
        create(chatCompletionRequest(build))

    /**
     * Sends a request built with the DSL, with per-request [options]; see [create].
     *
     * @param options this call's settings, for example `requestOptions { maxRetries = 0 }`
     * @param build sets the request's fields: `model = "gpt-4o"; messages { user("Hi") }`
     */
    public suspend fun create(
        options: RequestOptions,
        build: ChatCompletionRequestBuilder.() -> Unit,
    ): ChatCompletion = create(chatCompletionRequest(build), options)

    /**
     * A cold stream of the completion's chunks; see [ChatCompletionStream] for how it ends, how to
     * read usage and routing metadata afterwards, and how cancellation works. Nothing is sent until
     * the flow is collected; each collection is one request. `stream: true` and
     * `stream_options.include_usage: true` are set on the wire (unless the request sets its own
     * stream options).
     */
    public fun stream(request: ChatCompletionRequest): ChatCompletionStream =
        stream(request, RequestOptions.NONE)

    /**
     * A stream of [request] with per-request [options] (their first-event and idle timeouts,
     * headers, query parameters and retries win over the client's; see [RequestOptions]); see
     * [stream]. Every collection uses the same options.
     */
    public fun stream(
        request: ChatCompletionRequest,
        options: RequestOptions,
    ): ChatCompletionStream =
        ChatCompletionStream(
            StreamCall(
                runtime,
                ChatStreamFormat,
                RequestEncoder.encode(request, stream = true),
                request.model(),
                runtime.settings(options),
            )
        )

    /**
     * A stream of a request built with the DSL; see [stream].
     *
     * @param build sets the request's fields: `model = "gpt-4o"; messages { user("Hi") }`
     */
    public fun stream(build: ChatCompletionRequestBuilder.() -> Unit): ChatCompletionStream =
        stream(chatCompletionRequest(build))

    /**
     * A stream of a request built with the DSL, with per-request [options]; see [stream].
     *
     * @param options this call's settings, for example `requestOptions { idleTimeout = 5.seconds }`
     * @param build sets the request's fields: `model = "gpt-4o"; messages { user("Hi") }`
     */
    public fun stream(
        options: RequestOptions,
        build: ChatCompletionRequestBuilder.() -> Unit,
    ): ChatCompletionStream = stream(chatCompletionRequest(build), options)
}
