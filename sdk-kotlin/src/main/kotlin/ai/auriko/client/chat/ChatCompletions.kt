package ai.auriko.client.chat

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
    public suspend fun create(request: ChatCompletionRequest): ChatCompletion {
        val requestBody = RequestEncoder.encode(request, stream = false)
        return runtime.exchange(
            HttpMethod.Post,
            ChatStreamFormat.path,
            requestBody,
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
     * A cold stream of the completion's chunks; see [ChatCompletionStream] for how it ends, how to
     * read usage and routing metadata afterwards, and how cancellation works. Nothing is sent until
     * the flow is collected; each collection is one request. `stream: true` and
     * `stream_options.include_usage: true` are set on the wire (unless the request sets its own
     * stream options).
     */
    public fun stream(request: ChatCompletionRequest): ChatCompletionStream =
        ChatCompletionStream(
            StreamCall(
                runtime,
                ChatStreamFormat,
                RequestEncoder.encode(request, stream = true),
                request.model(),
            )
        )

    /**
     * A stream of a request built with the DSL; see [stream].
     *
     * @param build sets the request's fields: `model = "gpt-4o"; messages { user("Hi") }`
     */
    public fun stream(build: ChatCompletionRequestBuilder.() -> Unit): ChatCompletionStream =
        stream(chatCompletionRequest(build))
}
