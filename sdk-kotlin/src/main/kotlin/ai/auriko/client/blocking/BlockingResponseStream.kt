package ai.auriko.client.blocking

import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.responses.Response
import ai.auriko.client.responses.ResponseStream
import ai.auriko.client.responses.ResponseStreamEvent
import ai.auriko.client.responses.ResponseUsage
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.AurikoInterruptedException
import ai.auriko.http.ResponseHeaders
import java.util.stream.Stream
import kotlinx.coroutines.CoroutineScope

/**
 * One streamed Responses call for Java: an [Iterator] (and a one-shot [Iterable]) of typed
 * [ResponseStreamEvent]s, in the order they arrive, that must be closed.
 *
 * ```java
 * try (BlockingResponseStream stream = client.responses().stream(request)) {
 *     for (ResponseStreamEvent event : stream) {
 *         event.accept(new ResponseStreamEvent.Visitor<Void>() {
 *             public Void visitOutputTextDelta(ResponseStreamEvent.OutputTextDelta e) {
 *                 System.out.print(e.getDelta());
 *                 return null;
 *             }
 *             public Void otherwise(ResponseStreamEvent e) { return null; }
 *         });
 *     }
 *     System.out.println(stream.usage());
 * }
 * ```
 *
 * **Hot, not cold.** The request is sent when the stream is created; [responseHeaders] is available
 * as soon as the response starts. It can be iterated once: a second [iterator] or [stream] call
 * throws [IllegalStateException].
 *
 * **Ending** is the Kotlin [ResponseStream]'s: iteration ends after `response.completed` (the last
 * event returned) or `response.incomplete` (a normal end: [response] has status `incomplete` and
 * says why); `response.failed`, an `error` event, a body cut before a terminal event and every
 * other failure are thrown from `hasNext()` or `next()` as the SDK's unchecked exceptions, after
 * the events that arrived before them, with the partial [Response] attached
 * ([ai.auriko.errors.AurikoException.partialResult]).
 *
 * **Closing is required** when you stop before the end: [close] cancels the request and closes the
 * connection. It is idempotent, may be called from any thread, and makes a `hasNext()` blocked on
 * the network in another thread return `false` promptly. If the thread is interrupted while
 * waiting, the stream is cancelled, the interrupt flag is set again, and
 * [AurikoInterruptedException] is thrown.
 *
 * **Threads.** As for chat streams: events are read by the engine's I/O threads and handed over in
 * batches, up to 256 read ahead, or, on the default engine with more iterators open than cores, on
 * the iterating thread. No thread is started per stream, and nothing polls.
 */
public class BlockingResponseStream
internal constructor(private val source: ResponseStream, scope: CoroutineScope) :
    Iterator<ResponseStreamEvent>, Iterable<ResponseStreamEvent>, AutoCloseable {
    private val iteration = iterate(source, scope)

    /**
     * Returns this stream's one iterator (itself); a second call throws [IllegalStateException].
     */
    override fun iterator(): Iterator<ResponseStreamEvent> {
        iteration.claim()
        return this
    }

    /**
     * The events as a sequential [Stream]; closing the `Stream` (try-with-resources) closes this.
     * Counts as the one iteration.
     */
    public fun stream(): Stream<ResponseStreamEvent> = iteration.stream(this)

    /**
     * Whether another event is coming; blocks until one arrives or the stream ends.
     *
     * @throws ai.auriko.errors.AurikoException the stream's failure, with the partial response
     * @throws AurikoInterruptedException when the thread is interrupted while waiting
     */
    override fun hasNext(): Boolean = iteration.hasNext()

    /**
     * The next event; blocks until it arrives.
     *
     * @throws NoSuchElementException when the stream has ended
     */
    override fun next(): ResponseStreamEvent = iteration.next()

    /** Cancels the request and closes the connection; idempotent, callable from any thread. */
    override fun close() {
        iteration.close()
    }

    /**
     * Passes every remaining event to [visitor] in order, until the stream ends. Counts as the one
     * iteration; throws what `hasNext()` throws. Close this stream as usual.
     */
    public fun forEachEvent(visitor: ResponseStreamEvent.Visitor<*>) {
        val events = iterator()
        while (events.hasNext()) events.next().accept(visitor)
    }

    /**
     * Reads the stream to its end and returns the final response (every event accumulated). Counts
     * as the one iteration; throws what `hasNext()` throws.
     */
    public fun toResponse(): Response {
        val events = iterator()
        while (events.hasNext()) events.next()
        return checkNotNull(response()) { "the stream completed without a result" }
    }

    /**
     * The answer's text as it arrives (`response.output_text.delta` deltas, empty ones skipped).
     * Counts as the one iteration; close this stream as usual.
     */
    public fun textDeltas(): Iterator<String> {
        val events = iterator()
        return object : Iterator<String> {
            private var pending: String? = null

            override fun hasNext(): Boolean {
                while (pending == null && events.hasNext()) {
                    val event = events.next()
                    if (event is ResponseStreamEvent.OutputTextDelta && event.delta.isNotEmpty())
                        pending = event.delta
                }
                return pending != null
            }

            override fun next(): String {
                if (!hasNext()) throw NoSuchElementException("the stream has ended")
                return pending!!.also { pending = null }
            }
        }
    }

    /** Timing of the stream once it ended, normally or with an exception; `null` before. */
    public fun metrics(): StreamMetrics? = source.metrics

    /** The response headers, as soon as the response started; `null` before. */
    public fun responseHeaders(): ResponseHeaders? = source.responseHeaders

    /**
     * The whole response, as soon as the terminal event arrived (before it is returned by `next()`,
     * so it is there even when you stop at `Completed` and close); `null` before, or after a
     * failure.
     */
    public fun response(): Response? = source.response

    /** Token usage, as soon as the terminal event arrived. */
    public fun usage(): ResponseUsage? = source.usage

    /** Auriko's routing metadata, as soon as the terminal event arrived. */
    public fun routingMetadata(): RoutingMetadata? = source.routingMetadata

    /** How many HTTP attempts were made (1 plus retries before the first event). */
    public fun attempts(): Int = source.attempts

    private companion object {
        /**
         * Out of the instance on purpose: lambdas made here capture [source] only, never the stream
         * object, which must stay unreachable from the engine for the cleaner to run.
         */
        fun iterate(source: ResponseStream, scope: CoroutineScope) =
            BlockingIteration(
                scope,
                { collector -> source.collectUnchecked(collector) },
                { source.partialResponse() },
                { source.responseHeaders?.requestId() },
            )
    }
}
