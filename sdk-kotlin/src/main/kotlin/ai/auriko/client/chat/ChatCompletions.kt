package ai.auriko.client.chat

import ai.auriko.chat.ChatCompletionRequest
import ai.auriko.client.dsl.ChatCompletionRequestBuilder
import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.internal.RequestEncoder
import ai.auriko.client.internal.StreamCall
import ai.auriko.client.internal.Transport
import ai.auriko.client.internal.decodeCompletionOrThrow
import ai.auriko.client.internal.mapTransportFailure
import ai.auriko.client.internal.readCappedText
import ai.auriko.client.internal.typedHeaders
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AurikoTimeoutException
import io.ktor.client.request.preparePost
import io.ktor.client.statement.bodyAsText
import io.ktor.http.isSuccess
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.withTimeoutOrNull

/**
 * `POST /chat/completions`: [create] for a whole answer, [stream] for chunks as they are generated.
 * Both retry failed attempts under the client's retry policy and throw the SDK's typed exceptions.
 */
public class ChatCompletions internal constructor(private val transport: Transport) {

    /**
     * Sends [request] and returns the whole completion, with [ChatCompletion.routingMetadata],
     * [ChatCompletion.usage] and [ChatCompletion.responseHeaders]. Suspends without blocking a
     * thread; cancelling the caller cancels the HTTP call. Fails after the client's request timeout
     * with an [AurikoTimeoutException] of kind `REQUEST`.
     *
     * @throws ai.auriko.errors.AurikoApiException (a subclass) when the server reports an error
     * @throws ai.auriko.errors.AurikoConnectionException when no response could be had
     */
    public suspend fun create(request: ChatCompletionRequest): ChatCompletion {
        val requestBody = RequestEncoder.encode(request, stream = false)
        val options = transport.options
        transport.ensureOpen()
        return transport.withRetries { _ ->
            var responseStarted = false
            try {
                withTimeoutOrNull(options.requestTimeout) {
                    transport.http.preparePost(transport.url("/chat/completions")) {
                        with(transport) { common(requestBody, accept = "application/json") }
                    }.execute { response ->
                        responseStarted = true
                        val headers = response.typedHeaders()
                        if (!response.status.isSuccess()) {
                            throw transport.classifier.fromHttpResponse(
                                response.status.value, headers, transport.redact(response.readCappedText()),
                            )
                        }
                        decodeCompletionOrThrow(transport, transport.redact(response.bodyAsText()), headers)
                    }
                } ?: throw AurikoTimeoutException(
                    AurikoTimeoutException.Kind.REQUEST, java.time.Duration.ofMillis(options.requestTimeout.inWholeMilliseconds),
                    null, null, null,
                )
            } catch (e: CancellationException) {
                throw e
            } catch (e: AurikoException) {
                throw e
            } catch (e: Throwable) {
                throw mapTransportFailure(e, options, responseStarted, null, null)
            }
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
        ChatCompletionStream(StreamCall(transport, RequestEncoder.encode(request, stream = true)))

    /**
     * A stream of a request built with the DSL; see [stream].
     *
     * @param build sets the request's fields: `model = "gpt-4o"; messages { user("Hi") }`
     */
    public fun stream(build: ChatCompletionRequestBuilder.() -> Unit): ChatCompletionStream =
        stream(chatCompletionRequest(build))
}
