package ai.auriko.client.blocking

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.Usage
import ai.auriko.client.chat.stream.ChatCompletionStream
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.chat.stream.StreamEventDecoder
import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.AurikoInterruptedException
import ai.auriko.http.ResponseHeaders
import java.util.stream.Stream
import kotlinx.coroutines.CoroutineScope

/**
 * One streamed chat completion for Java: an [Iterator] (and a one-shot [Iterable]) of chunks, in
 * the order they arrive, that must be closed.
 *
 * ```java
 * try (BlockingChatCompletionStream stream = client.chat().completions().stream(request)) {
 *     for (ChatCompletionChunk chunk : stream) { ... }
 *     System.out.println(stream.usage());
 * }
 * ```
 *
 * **Hot, not cold.** The request is sent when the stream is created; [responseHeaders] is available
 * as soon as the response starts. It can be iterated once: a second [iterator] or [stream] call
 * throws [IllegalStateException].
 *
 * **Closing is required** when you stop before the end: [close] cancels the request and closes the
 * connection. It is idempotent, may be called from any thread, and makes a `hasNext()` blocked on
 * the network in another thread return `false` promptly. A stream that is dropped without `close()`
 * is still cancelled eventually where the platform has `java.lang.ref.Cleaner` (Java 9+, Android
 * 13+), but do not rely on it.
 *
 * **Errors** are the same unchecked exceptions as the Kotlin client's, thrown from `hasNext()` or
 * `next()` with the partial completion attached. If the thread is interrupted while waiting, the
 * stream is cancelled, the interrupt flag is set again, and [AurikoInterruptedException] is thrown.
 *
 * **Threads.** Chunks are read by the engine's I/O threads and handed over in batches: whatever
 * arrived while the iterating thread was busy is taken at once, so a wake-up is paid only when it
 * had to wait; up to 256 chunks are read ahead. On the client's default engine, once more iterators
 * are open than there are cores, a new stream is read on its iterating thread instead, as a
 * blocking client's: creating it sends the request and returns once the response has started (or
 * the stream failed, or must wait for a retry or a slot among `maxRequestsAwaitingHeaders`), and
 * `hasNext()` reads the socket and decodes, so thousands of iterating threads do not queue behind
 * the engine's few; its timeouts, a [close] from another thread and an interrupt still end a read
 * at once. No thread is started per stream, and nothing polls.
 */
public class BlockingChatCompletionStream
internal constructor(private val source: ChatCompletionStream, scope: CoroutineScope) :
    Iterator<ChatCompletionChunk>, Iterable<ChatCompletionChunk>, AutoCloseable {
    private val iteration = iterate(source, scope)

    /** Whether the iterating thread reads this stream (see Threads above); for tests. */
    @get:JvmSynthetic
    internal val readsOnItsThread: Boolean
        get() = iteration.readsOnCallerThread

    /**
     * Returns this stream's one iterator (itself); a second call throws [IllegalStateException].
     */
    override fun iterator(): Iterator<ChatCompletionChunk> {
        iteration.claim()
        return this
    }

    /**
     * The chunks as a sequential [Stream]; closing the `Stream` (try-with-resources) closes this.
     * Counts as the one iteration.
     */
    public fun stream(): Stream<ChatCompletionChunk> = iteration.stream(this)

    /**
     * Whether another chunk is coming; blocks until one arrives or the stream ends.
     *
     * @throws ai.auriko.errors.AurikoException the stream's failure, with the partial completion
     * @throws AurikoInterruptedException when the thread is interrupted while waiting
     */
    override fun hasNext(): Boolean = iteration.hasNext()

    /**
     * The next chunk; blocks until it arrives.
     *
     * @throws NoSuchElementException when the stream has ended
     */
    override fun next(): ChatCompletionChunk = iteration.next()

    /** Cancels the request and closes the connection; idempotent, callable from any thread. */
    override fun close() {
        iteration.close()
    }

    /**
     * Reads the stream to its end and returns the final completion (every chunk accumulated).
     * Counts as the one iteration; throws what `hasNext()` throws.
     */
    public fun toCompletion(): ChatCompletion {
        val chunks = iterator()
        while (chunks.hasNext()) chunks.next()
        return checkNotNull(completion()) { "the stream completed without a result" }
    }

    /**
     * The answer's text as it arrives: choice 0's content deltas, empty ones skipped. Counts as the
     * one iteration; close this stream as usual.
     */
    public fun contentDeltas(): Iterator<String> {
        val chunks = iterator()
        return object : Iterator<String> {
            private var pending: String? = null

            override fun hasNext(): Boolean {
                while (pending == null && chunks.hasNext()) {
                    pending =
                        chunks
                            .next()
                            .choices
                            .firstOrNull { it.index == 0 }
                            ?.delta
                            ?.content
                            ?.takeIf { it.isNotEmpty() }
                }
                return pending != null
            }

            override fun next(): String {
                if (!hasNext()) throw NoSuchElementException("the stream has ended")
                return pending!!.also { pending = null }
            }
        }
    }

    /**
     * The stream as typed [StreamEvent]s (visit them with [StreamEvent.accept]). Counts as the one
     * iteration; close this stream as usual.
     */
    public fun events(): Iterator<StreamEvent> {
        val chunks = iterator()
        val decoder = StreamEventDecoder()
        return object : Iterator<StreamEvent> {
            private val pending = ArrayDeque<StreamEvent>()
            private var finished = false

            override fun hasNext(): Boolean {
                while (pending.isEmpty() && !finished) {
                    if (chunks.hasNext()) {
                        pending.addAll(decoder.onChunk(chunks.next()))
                    } else {
                        pending.addAll(decoder.finish())
                        finished = true
                    }
                }
                return pending.isNotEmpty()
            }

            override fun next(): StreamEvent {
                if (!hasNext()) throw NoSuchElementException("the stream has ended")
                return pending.removeFirst()
            }
        }
    }

    /** Timing of the stream once it ended, normally or with an exception; `null` before. */
    public fun metrics(): StreamMetrics? = source.metrics

    /** The response headers, as soon as the response started; `null` before. */
    public fun responseHeaders(): ResponseHeaders? = source.responseHeaders

    /**
     * The whole completion, once the stream completed normally; `null` before or after a failure.
     */
    public fun completion(): ChatCompletion? = source.completion

    /** Token usage, once the stream completed normally. */
    public fun usage(): Usage? = source.usage

    /** Auriko's routing metadata, once the stream completed normally. */
    public fun routingMetadata(): RoutingMetadata? = source.routingMetadata

    /** Each choice's finish reason by choice index, once the stream completed normally. */
    public fun finishReasons(): Map<Int, String?> = source.finishReasons

    /** How many HTTP attempts were made (1 plus retries before the first chunk). */
    public fun attempts(): Int = source.attempts

    private companion object {
        /**
         * Out of the instance on purpose: lambdas made here capture [source] only, never the stream
         * object, which must stay unreachable from the engine for the cleaner to run.
         */
        fun iterate(source: ChatCompletionStream, scope: CoroutineScope) =
            BlockingIteration(
                scope,
                { collector -> source.collectUnchecked(collector) },
                { source.partialCompletion() },
                { source.responseHeaders?.requestId() },
            )
    }
}
