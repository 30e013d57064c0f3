package ai.auriko.client.responses

import ai.auriko.client.RequestOptions
import ai.auriko.client.dsl.ResponseRequestBuilder
import ai.auriko.client.dsl.responseRequest
import ai.auriko.client.internal.ClientRuntime
import ai.auriko.client.internal.exchange
import ai.auriko.client.internal.responses.ResponseRequestEncoder
import ai.auriko.client.internal.responses.ResponseStreamFormat
import ai.auriko.client.internal.responses.decodeResponse
import ai.auriko.client.internal.stream.StreamCall
import ai.auriko.request.responses.ResponseRequest
import io.ktor.http.HttpMethod

/**
 * `POST /responses`, the Responses API: [create] for a whole [Response], [stream] for its typed
 * events as they are generated. Both retry failed attempts under the client's retry policy and
 * throw the SDK's typed exceptions, exactly as chat completions do; a stream is a second codec on
 * the same stream engine (see [ResponseStream] for how it ends).
 *
 * ```
 * val answer = client.responses.create { model = "gpt-4o"; input = "Say hi" }
 * println(answer.outputText)
 * ```
 *
 * Each method has a form taking [RequestOptions] (timeouts, headers, query parameters, retries for
 * this call only; per-request values win): last after a request, first before a DSL block.
 */
public class Responses internal constructor(private val runtime: ClientRuntime) {

    /**
     * Sends [request] and returns the whole response, with [Response.routingMetadata],
     * [Response.usage] and [Response.responseHeaders]. A response whose status is `incomplete` is
     * returned, not thrown (read [Response.incompleteDetails]); one whose status is `failed`, or an
     * error body, throws the classified exception. Suspends without blocking a thread; cancelling
     * the caller cancels the HTTP call. Fails after the client's request timeout with an
     * [ai.auriko.errors.AurikoTimeoutException] of kind `REQUEST`.
     *
     * @throws ai.auriko.errors.AurikoApiException (a subclass) when the server reports an error
     * @throws ai.auriko.errors.AurikoConnectionException when no response could be had
     * @throws ai.auriko.errors.AurikoTimeoutException after the client's request timeout
     */
    public suspend fun create(request: ResponseRequest): Response =
        create(request, RequestOptions.NONE)

    /**
     * Sends [request] with per-request [options] (they win over the client's settings; see
     * [RequestOptions]) and returns the whole response; see [create].
     *
     * @throws ai.auriko.errors.AurikoTimeoutException after the options' request timeout, else the
     *   client's
     */
    public suspend fun create(request: ResponseRequest, options: RequestOptions): Response {
        val requestBody = ResponseRequestEncoder.encode(request, stream = false)
        return runtime.exchange(
            HttpMethod.Post,
            ResponseStreamFormat.path,
            requestBody,
            runtime.settings(options),
            request.model(),
        ) { text, headers ->
            decodeResponse(runtime.errors, runtime.redactor, text, headers)
        }
    }

    /**
     * Sends a request built with the DSL; see [create].
     *
     * @param build sets the request's fields: `model = "gpt-4o"; input = "Hi"`
     */
    public suspend fun create(build: ResponseRequestBuilder.() -> Unit): Response =
        create(responseRequest(build))

    /**
     * Sends a request built with the DSL, with per-request [options]; see [create].
     *
     * @param options this call's settings, for example `requestOptions { maxRetries = 0 }`
     * @param build sets the request's fields: `model = "gpt-4o"; input = "Hi"`
     */
    public suspend fun create(
        options: RequestOptions,
        build: ResponseRequestBuilder.() -> Unit,
    ): Response = create(responseRequest(build), options)

    /**
     * A cold stream of the response's events; see [ResponseStream] for how it ends, how to read the
     * response, usage and routing metadata afterwards, and how cancellation works. Nothing is sent
     * until the flow is collected; each collection is one request, with `stream: true`.
     */
    public fun stream(request: ResponseRequest): ResponseStream =
        stream(request, RequestOptions.NONE)

    /**
     * A stream of [request] with per-request [options] (their first-event and idle timeouts,
     * headers, query parameters and retries win over the client's; see [RequestOptions]); see
     * [stream]. Every collection uses the same options.
     */
    public fun stream(request: ResponseRequest, options: RequestOptions): ResponseStream =
        ResponseStream(
            StreamCall(
                runtime,
                ResponseStreamFormat,
                ResponseRequestEncoder.encode(request, stream = true),
                request.model(),
                runtime.settings(options),
            )
        )

    /**
     * A stream of a request built with the DSL; see [stream].
     *
     * @param build sets the request's fields: `model = "gpt-4o"; input = "Hi"`
     */
    public fun stream(build: ResponseRequestBuilder.() -> Unit): ResponseStream =
        stream(responseRequest(build))

    /**
     * A stream of a request built with the DSL, with per-request [options]; see [stream].
     *
     * @param options this call's settings, for example `requestOptions { idleTimeout = 5.seconds }`
     * @param build sets the request's fields: `model = "gpt-4o"; input = "Hi"`
     */
    public fun stream(
        options: RequestOptions,
        build: ResponseRequestBuilder.() -> Unit,
    ): ResponseStream = stream(responseRequest(build), options)
}
