package ai.auriko.client.chat.stream

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.Usage
import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.internal.stream.StreamCall
import ai.auriko.client.internal.stream.StreamCollections
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.http.ResponseHeaders
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.flow

/**
 * A streamed chat completion: a cold [Flow] of [ChatCompletionChunk]s that also remembers what its
 * latest collection saw, so the result can be read without scanning chunks:
 * ```
 * val stream = client.chat.completions.stream(request)
 * stream.collect { print(it.choices.firstOrNull()?.delta?.content ?: "") }
 * println(stream.usage)                        // from whichever chunk carried it
 * println(stream.routingMetadata?.provider)    // Auriko's trailing routing chunk
 * println(stream.responseHeaders?.requestId()) // available as soon as the response starts
 * ```
 *
 * **Cold.** Each `collect` sends one HTTP request (plus retries before its first chunk). Chunks are
 * emitted as each event's final blank line arrives, with no further buffering.
 *
 * **Properties and several collections.** [completion], [usage], [routingMetadata] and
 * [finishReasons] all describe one collection: the latest whose answer *completed* — set the moment
 * `[DONE]` (or the body's end after every choice finished) arrived; a collection still running, or
 * one that failed before that, changes none of them — so `usage` and `routingMetadata` never come
 * from two different answers. [responseHeaders] and [attempts] describe the latest collection to
 * *start*, [metrics] the latest to *end*. When several collections of one stream run concurrently,
 * read each one's own result from [toCompletion] or its exception instead.
 *
 * **Ending.** Collection completes normally when `[DONE]` arrives (the connection is then released
 * without reading further) or when the body ends after every choice finished. Otherwise it throws
 * an [ai.auriko.errors.AurikoException] — the classified error the gateway sent, a
 * [ai.auriko.errors.StreamInterruptedException], an [ai.auriko.errors.AurikoTimeoutException] —
 * carrying the request id and the partial [ChatCompletion] assembled so far.
 *
 * **Cancellation.** Cancelling the collecting coroutine (scope cancellation, `take(n)`,
 * `withTimeout`, an exception thrown by the collector) cancels the HTTP exchange and closes the
 * connection promptly; the cancellation is rethrown as is. No thread or coroutine outlives the
 * collection.
 */
public class ChatCompletionStream
internal constructor(call: StreamCall<ChatCompletionChunk, ChatCompletion>) :
    Flow<ChatCompletionChunk> {
    private val collections = StreamCollections(call)

    private val flow: Flow<ChatCompletionChunk> = flow { collections.collect(this) }

    /**
     * Sends the request and emits its chunks to [collector] as they arrive; each call is a new
     * request (see the class for how it ends).
     */
    override suspend fun collect(collector: FlowCollector<ChatCompletionChunk>) {
        flow.collect(collector)
    }

    /** The latest started collection's response headers, as soon as its response started. */
    public val responseHeaders: ResponseHeaders?
        get() = collections.responseHeaders

    /**
     * The final completion (all chunks accumulated) of the latest collection that completed
     * normally; `null` before one did.
     */
    public val completion: ChatCompletion?
        get() = collections.completed

    /** Token usage of [completion], from whichever chunk carried it. */
    public val usage: Usage?
        get() = completion?.usage

    /** Routing metadata of [completion]. */
    public val routingMetadata: RoutingMetadata?
        get() = completion?.routingMetadata

    /** Each choice's finish reason in [completion], by choice index. */
    public val finishReasons: Map<Int, String?>
        get() = completion?.choices?.associate { it.index to it.finishReason }.orEmpty()

    /**
     * Timing of the latest collection to end — time to headers, first chunk and first token, gaps,
     * rate, keep-alives, retries — normally or with an exception; `null` before.
     */
    public val metrics: StreamMetrics?
        get() = collections.metrics

    /** How many HTTP attempts the latest started collection made (1 plus retries). */
    public val attempts: Int
        get() = collections.attempts

    /**
     * Collects the stream and returns this collection's final completion (every chunk accumulated),
     * with [ChatCompletion.responseHeaders] and [ChatCompletion.streamMetrics]. Throws what
     * [collect] throws.
     */
    public suspend fun toCompletion(): ChatCompletion = collections.collectResult()

    /**
     * The answer's text as it arrives (choice 0's content deltas, empty ones skipped); cold, like
     * this flow.
     */
    public fun contentDeltas(): Flow<String> = flow {
        collect { chunk ->
            for (choice in chunk.choices) {
                if (choice.index == 0)
                    choice.delta.content?.takeIf { it.isNotEmpty() }?.let { emit(it) }
            }
        }
    }

    /**
     * This stream as typed [StreamEvent]s, in order; cold, like this flow. See
     * [StreamEventDecoder].
     */
    public fun events(): Flow<StreamEvent> = flow {
        val decoder = StreamEventDecoder()
        collect { chunk -> for (event in decoder.onChunk(chunk)) emit(event) }
        for (event in decoder.finish()) emit(event)
    }

    /**
     * Collects without the `flow {}` wrapper's per-chunk checks: the Java bridge's collector is the
     * SDK's own and never breaks flow rules.
     */
    @JvmSynthetic
    internal suspend fun collectUnchecked(collector: FlowCollector<ChatCompletionChunk>) {
        collections.collect(collector)
    }

    /** What the latest started collection has assembled so far; safe from any thread. */
    @JvmSynthetic internal fun partialCompletion(): ChatCompletion? = collections.partial()
}
