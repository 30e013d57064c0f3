package ai.auriko.client.chat

import ai.auriko.client.internal.StreamCall
import ai.auriko.client.internal.StreamRun
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
 * **Cold.** Each `collect` sends one HTTP request (plus retries before its first chunk); the
 * properties describe the most recent collection. Chunks are emitted as each event's final blank
 * line arrives, with no further buffering.
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
public class ChatCompletionStream internal constructor(private val call: StreamCall) :
    Flow<ChatCompletionChunk> {
    @Volatile private var run: StreamRun? = null

    private val flow: Flow<ChatCompletionChunk> = flow {
        val current = StreamRun()
        run = current
        call.collect(current, this)
    }

    /**
     * Sends the request and emits its chunks to [collector] as they arrive; each call is a new
     * request (see the class for how it ends).
     */
    override suspend fun collect(collector: FlowCollector<ChatCompletionChunk>) {
        flow.collect(collector)
    }

    /** The latest collection's response headers, as soon as its response started; else `null`. */
    public val responseHeaders: ResponseHeaders?
        get() = run?.headers

    /**
     * The latest collection's final completion (all chunks accumulated), once it completed
     * normally.
     */
    public val completion: ChatCompletion?
        get() = run?.completion

    /** Token usage of the latest completed collection, from whichever chunk carried it. */
    public val usage: Usage?
        get() = completion?.usage

    /** Routing metadata of the latest completed collection. */
    public val routingMetadata: RoutingMetadata?
        get() = completion?.routingMetadata

    /** Each choice's finish reason in the latest completed collection, by choice index. */
    public val finishReasons: Map<Int, String?>
        get() = completion?.choices?.associate { it.index to it.finishReason }.orEmpty()

    /**
     * Timing of the latest collection — time to headers, first chunk and first token, gaps, rate,
     * keep-alives, retries — once it ended, normally or with an exception; `null` before.
     */
    public val metrics: StreamMetrics?
        get() = run?.finalMetrics

    /** How many HTTP attempts the latest collection made (1 plus retries). */
    public val attempts: Int
        get() = run?.attempts ?: 0

    /**
     * Collects the stream and returns the final completion (every chunk accumulated), with
     * [ChatCompletion.responseHeaders] and [ChatCompletion.streamMetrics]. Throws what [collect]
     * throws.
     */
    public suspend fun toCompletion(): ChatCompletion {
        collect {}
        return checkNotNull(completion) { "the stream completed without a result" }
    }

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
     * Collects without the `flow {}` wrapper, handing chunks to [collector] and calling [afterRead]
     * after each network read's chunks: the Java bridge's batched hand-off.
     */
    @JvmSynthetic
    internal suspend fun collectBatched(
        collector: FlowCollector<ChatCompletionChunk>,
        afterRead: suspend () -> Unit,
    ) {
        val current = StreamRun()
        run = current
        call.collect(current, collector, afterRead)
    }

    /** What the latest collection has assembled so far; safe to call from any thread. */
    @JvmSynthetic
    internal fun partialCompletion(): ChatCompletion? =
        run?.let { if (it.headers == null) null else it.partial() }
}
