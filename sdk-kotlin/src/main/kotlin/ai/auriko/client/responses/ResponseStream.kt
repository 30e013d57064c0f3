package ai.auriko.client.responses

import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.internal.stream.StreamCall
import ai.auriko.client.internal.stream.StreamCollections
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.http.ResponseHeaders
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.flow

/**
 * A streamed Responses call: a cold [Flow] of [ResponseStreamEvent]s that also remembers what its
 * latest collection saw:
 * ```
 * val stream = client.responses.stream { model = "gpt-4o"; input = "Tell me a joke" }
 * stream.collect { event -> if (event is ResponseStreamEvent.OutputTextDelta) print(event.delta) }
 * println(stream.usage)                     // from the terminal event's response
 * println(stream.routingMetadata?.provider) // Auriko's routing report
 * ```
 *
 * **Cold.** Each `collect` sends one HTTP request (plus retries before its first event). Events are
 * emitted as each SSE event's final blank line arrives, with no further buffering.
 *
 * **Ending** (docs/DESIGN.md, "The Responses API's end"). Collection completes normally after
 * `response.completed`, which the collector receives, and also after `response.incomplete`: an
 * incomplete response is a result, not a failure — its [Response.status] is `incomplete` and
 * [Response.incompleteDetails] says why (for example `max_output_tokens`), as a chat completion
 * that stopped at `length` is. `response.failed` and an `error` event throw the classified
 * [ai.auriko.errors.AurikoApiException] (a rate limit, a server error, …) and never reach the
 * collector. A body that ends, or a connection that breaks, before a terminal event throws
 * [ai.auriko.errors.StreamInterruptedException]; a `[DONE]` after the terminal event is ignored,
 * one without it is an interruption. Every exception carries the request id and the partial
 * [Response] assembled so far ([ai.auriko.errors.AurikoException.partialResponse]). Retries happen
 * only before the first event reached the collector; the client's first-event and idle timeouts
 * apply.
 *
 * **Properties and several collections.** [response], [usage] and [routingMetadata] describe the
 * latest collection whose response *completed*: they are set the moment its terminal event arrived,
 * before the collector receives that event, so a collector that stops there still has them; a
 * collection still running, or one that failed, changes none of them. [responseHeaders] and
 * [attempts] describe the latest collection to *start*; [metrics] the latest to *end*. When
 * collections run concurrently, read each one's result from [toResponse] or its exception instead.
 *
 * **Cancellation.** Cancelling the collecting coroutine (scope cancellation, `take(n)`,
 * `withTimeout`, an exception thrown by the collector) cancels the HTTP exchange and closes the
 * connection promptly; the cancellation is rethrown as is. No thread or coroutine outlives the
 * collection.
 */
public class ResponseStream internal constructor(call: StreamCall<ResponseStreamEvent, Response>) :
    Flow<ResponseStreamEvent> {
    private val collections = StreamCollections(call)

    private val flow: Flow<ResponseStreamEvent> = flow { collections.collect(this) }

    /**
     * Sends the request and emits its events to [collector] as they arrive; each call is a new
     * request (see the class for how it ends).
     */
    override suspend fun collect(collector: FlowCollector<ResponseStreamEvent>) {
        flow.collect(collector)
    }

    /** The latest started collection's response headers, as soon as its response started. */
    public val responseHeaders: ResponseHeaders?
        get() = collections.responseHeaders

    /**
     * The final response (every event accumulated, the terminal event's snapshot last) of the
     * latest collection whose terminal event arrived; `null` before one did.
     */
    public val response: Response?
        get() = collections.completed

    /** Token usage of [response]. */
    public val usage: ResponseUsage?
        get() = response?.usage

    /** Routing metadata of [response], when the server is Auriko. */
    public val routingMetadata: RoutingMetadata?
        get() = response?.routingMetadata

    /**
     * Timing of the latest collection to end — time to headers, first event and first token, gaps,
     * rate, keep-alives, retries — normally or with an exception; `null` before.
     */
    public val metrics: StreamMetrics?
        get() = collections.metrics

    /** How many HTTP attempts the latest started collection made (1 plus retries). */
    public val attempts: Int
        get() = collections.attempts

    /**
     * Collects the stream and returns this collection's final response, with
     * [Response.responseHeaders] and [Response.streamMetrics]. Throws what [collect] throws.
     */
    public suspend fun toResponse(): Response = collections.collectResult()

    /**
     * The answer's text as it arrives (`response.output_text.delta` deltas, empty ones skipped);
     * cold, like this flow.
     */
    public fun textDeltas(): Flow<String> = flow {
        collect { event ->
            if (event is ResponseStreamEvent.OutputTextDelta && event.delta.isNotEmpty())
                emit(event.delta)
        }
    }

    /** Collects without the `flow {}` wrapper's per-event checks, for the Java bridge. */
    @JvmSynthetic
    internal suspend fun collectUnchecked(collector: FlowCollector<ResponseStreamEvent>) {
        collections.collect(collector)
    }

    /** What the latest started collection has assembled so far; safe from any thread. */
    @JvmSynthetic internal fun partialResponse(): Response? = collections.partial()
}
