package ai.auriko.client.events

import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.AurikoException
import ai.auriko.http.ResponseHeaders
import java.time.Duration

/**
 * Observes each call the client makes, in the spirit of OkHttp's `EventListener`: override the
 * methods you need (all do nothing by default) and install one instance with `AurikoClient {
 * eventListener = … }` or `AurikoBlockingClient.Builder.eventListener(…)`.
 *
 * For each call, in order: [callStarted]; then per attempt [attemptStarted], [responseHeaders] once
 * a response arrived, and [retryScheduled] when a failed attempt will be retried; for streams
 * [firstChunk]; and finally exactly one of [callSucceeded], [callFailed] or [callCancelled].
 *
 * Bridging to metrics or tracing needs no dependency in the SDK: start an OpenTelemetry span or a
 * Micrometer `Timer.Sample` in [callStarted], keyed by the [AurikoCall], and end it in the three
 * final methods; [StreamMetrics] gives time to first token, chunk counts and gaps for streams (see
 * the README for a complete example).
 *
 * Methods are called on the threads that run the calls, possibly concurrently for different calls,
 * and must be quick and thread-safe; they must not block, and must not call the client. An
 * exception thrown by a method is logged as a warning and otherwise ignored: an observer cannot
 * break a call.
 */
public abstract class AurikoEventListener {
    /** A call started, before its first attempt. */
    public open fun callStarted(call: AurikoCall) {}

    /** Attempt number [attempt] (1 for the first) is about to be sent. */
    public open fun attemptStarted(call: AurikoCall, attempt: Int) {}

    /**
     * The response of an attempt started, with [status] and [headers]; called for error statuses
     * too, before the error is classified.
     */
    public open fun responseHeaders(call: AurikoCall, status: Int, headers: ResponseHeaders) {}

    /**
     * Attempt number [attempt] failed with [reason] and will be retried after [delay] (which
     * honours the server's `Retry-After`).
     */
    public open fun retryScheduled(
        call: AurikoCall,
        attempt: Int,
        delay: Duration,
        reason: AurikoException,
    ) {}

    /** The first chunk of a stream reached the caller, [sinceStart] after [callStarted]. */
    public open fun firstChunk(call: AurikoCall, sinceStart: Duration) {}

    /**
     * The call completed normally. [metrics] is the stream's timing for streams, `null` otherwise.
     */
    public open fun callSucceeded(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) {}

    /**
     * The call failed with [error]: an [AurikoException] (its `attempts()` counts the tries), or an
     * exception thrown by the code collecting the stream. [metrics] is what the stream had measured
     * until then (its partial result travels with the exception), `null` for non-streams.
     */
    public open fun callFailed(
        call: AurikoCall,
        duration: Duration,
        error: Throwable,
        metrics: StreamMetrics?,
    ) {}

    /**
     * The caller cancelled the call (coroutine cancellation, `take(n)`, closing a Java stream,
     * interrupting its thread). [metrics] as in [callFailed].
     */
    public open fun callCancelled(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) {}

    /** Constants. */
    public companion object {
        /** A listener that observes nothing; the default. */
        @JvmField
        public val NONE: AurikoEventListener =
            object : AurikoEventListener() {
                override fun toString(): String = "AurikoEventListener.NONE"
            }
    }
}
