package ai.auriko.client.blocking

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.Usage
import ai.auriko.client.chat.stream.ChatCompletionStream
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.chat.stream.StreamEventDecoder
import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.internal.stream.Handoff
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.AurikoInterruptedException
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.atomic.AtomicBoolean
import java.util.stream.Stream
import java.util.stream.StreamSupport
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch

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
 * **Threads.** Chunks are read by the engine's I/O threads (or, when the iterating thread frees
 * read-ahead space, briefly by that thread) and handed over in batches: whatever arrived while the
 * iterating thread was busy is taken at once, so a wake-up is paid only when it had to wait. Up to
 * 256 chunks are read ahead, no thread is started per stream, and nothing polls.
 */
public class BlockingChatCompletionStream
internal constructor(private val source: ChatCompletionStream, scope: CoroutineScope) :
    Iterator<ChatCompletionChunk>, Iterable<ChatCompletionChunk>, AutoCloseable {
    private val handoff = Handoff<ChatCompletionChunk>(READ_AHEAD)
    private val job: Job

    init {
        // Locals only: the producer must not capture `this`, or a dropped stream would stay
        // reachable from the engine and the cleaner could never run.
        val items = handoff
        val flow = source
        job = scope.launch(start = CoroutineStart.UNDISPATCHED) { produce(flow, items) }
    }

    private val cancel = CancelAction(job, handoff)
    private val cleanable: Cleanables.Registration? = Cleanables.register(this, cancel)
    private val iterated = AtomicBoolean(false)
    private val closed = AtomicBoolean(false)

    private var batch: List<ChatCompletionChunk> = emptyList()
    private var position = 0
    private var finished = false
    private var failure: Throwable? = null

    /**
     * Returns this stream's one iterator (itself); a second call throws [IllegalStateException].
     */
    override fun iterator(): Iterator<ChatCompletionChunk> {
        check(iterated.compareAndSet(false, true)) { "a stream can be iterated only once" }
        return this
    }

    /**
     * The chunks as a sequential [Stream]; closing the `Stream` (try-with-resources) closes this.
     * Counts as the one iteration.
     */
    public fun stream(): Stream<ChatCompletionChunk> =
        StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                    iterator(),
                    Spliterator.ORDERED or Spliterator.NONNULL,
                ),
                false,
            )
            .onClose { close() }

    /**
     * Whether another chunk is coming; blocks until one arrives or the stream ends.
     *
     * @throws ai.auriko.errors.AurikoException the stream's failure, with the partial completion
     * @throws AurikoInterruptedException when the thread is interrupted while waiting
     */
    override fun hasNext(): Boolean {
        if (closed.get()) {
            batch = emptyList() // read-ahead is discarded once the caller closed the stream
            return false
        }
        if (position < batch.size) return true
        failure?.let { throw it }
        if (finished) return false
        val ended =
            when (val taken = takeBlocking()) {
                is Handoff.Taken.Items -> {
                    batch = taken.items
                    position = 0
                    return true
                }
                is Handoff.Taken.Ended -> taken
            }
        finished = true
        val cause = ended.cause
        if (cause == null || cause === CLOSED) return false // completed, or closed by close()
        val failure =
            if (cause is CancellationException) {
                // Cancelled by someone else (the client was closed): never a silent normal end.
                val partial = source.partialCompletion()
                SdkExceptions.interrupted(
                    "the stream was cancelled: ${cause.message}",
                    cause,
                    partial?.responseHeaders?.requestId(),
                    partial,
                )
            } else {
                cause
            }
        this.failure = failure
        throw failure
    }

    /**
     * The next chunk; blocks until it arrives.
     *
     * @throws NoSuchElementException when the stream has ended
     */
    override fun next(): ChatCompletionChunk {
        if (!hasNext()) throw NoSuchElementException("the stream has ended")
        return batch[position++]
    }

    private fun takeBlocking(): Handoff.Taken<ChatCompletionChunk> =
        try {
            handoff.take()
        } catch (e: InterruptedException) {
            close()
            Thread.currentThread().interrupt()
            val partial = source.partialCompletion()
            throw SdkExceptions.threadInterrupted(
                "the thread was interrupted while waiting for the stream; the stream was cancelled",
                e,
                partial?.responseHeaders?.requestId(),
                partial,
            )
        }

    /** Cancels the request and closes the connection; idempotent, callable from any thread. */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        val registration = cleanable
        if (registration != null) registration.clean() else cancel.run()
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

    /**
     * Ends the hand-off (so a waiting consumer returns at once) and cancels the producer; shared by
     * [close] and the cleaner, so it must not reference the stream.
     */
    private class CancelAction(
        private val job: Job,
        private val handoff: Handoff<ChatCompletionChunk>,
    ) : Runnable {
        override fun run() {
            handoff.close(CLOSED) // first, so the consumer stops here and not at the producer's end
            job.cancel()
        }
    }

    private companion object {
        /** Chunks read ahead of the iterating thread before the producer waits. */
        const val READ_AHEAD = 256

        /** Marks the end that [close] caused; any other cancellation is a failure. */
        val CLOSED = CancellationException("the stream was closed")

        suspend fun produce(source: ChatCompletionStream, handoff: Handoff<ChatCompletionChunk>) {
            try {
                source.collectUnchecked { handoff.put(it) }
                handoff.finish(null)
            } catch (e: Throwable) {
                // Chunks that arrived before the failure still reach the caller, then the failure
                // itself; never an uncaught-exception handler.
                handoff.finish(e)
                if (e is CancellationException) throw e
            }
        }
    }
}
