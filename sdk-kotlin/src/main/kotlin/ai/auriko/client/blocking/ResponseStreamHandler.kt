package ai.auriko.client.blocking

import ai.auriko.client.responses.Response
import ai.auriko.client.responses.ResponseStreamEvent

/**
 * Receives one streamed Responses call from [BlockingResponses.streamAsync]. Only [onEvent] must be
 * written, so a lambda will do. The calling rules are [ChatCompletionStreamHandler]'s: one call at
 * a time, in order, each happening-before the next, on the executor given to `streamAsync`; at most
 * 256 events read ahead of a slow handler; then exactly one of [onComplete] or [onError], or
 * nothing after a cancellation or an exception thrown by this handler.
 */
@JvmDefaultWithoutCompatibility // plain Java default methods, no DefaultImpls class
public fun interface ResponseStreamHandler {
    /**
     * One event, in arrival order (the terminal `response.completed` or `response.incomplete` event
     * included). An exception thrown here cancels the stream (closing the connection) and fails the
     * handle's future with that exception; [onError] is not called.
     *
     * @param event the event
     */
    public fun onEvent(event: ResponseStreamEvent)

    /**
     * The stream completed (`response.completed`, or `response.incomplete`: check
     * [Response.status]). Called after the last [onEvent] and before the future completes with the
     * same object. An exception thrown here fails the future with that exception.
     *
     * @param response the final response
     */
    public fun onComplete(response: Response) {}

    /**
     * The stream failed (`response.failed`, an `error` event, a cut, a timeout, the client closed),
     * after the events that arrived before the failure: [error] is the SDK's exception with the
     * partial response attached (`error.partialResult(Response.class)`), the same exception the
     * future then fails with. Not called for cancellation or for this handler's own exceptions. An
     * exception thrown here is added to [error] as suppressed.
     *
     * @param error why the stream failed
     */
    public fun onError(error: Throwable) {}
}
