package ai.auriko.client.blocking

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.ChatCompletionStream
import ai.auriko.client.chat.RoutingMetadata
import ai.auriko.client.chat.Usage
import ai.auriko.errors.AurikoInterruptedException
import ai.auriko.http.ResponseHeaders
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ChannelResult
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.atomic.AtomicBoolean
import java.util.stream.Stream
import java.util.stream.StreamSupport

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
 * **Hot, not cold.** The request is sent when the stream is created; [responseHeaders] is
 * available as soon as the response starts. It can be iterated once: a second [iterator] or
 * [stream] call throws [IllegalStateException].
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
 * **Threads.** Chunks are read by the engine's I/O threads and handed to the iterating thread once
 * each (up to 64 chunks are read ahead); no thread is started per stream, and nothing polls.
 */
public class BlockingChatCompletionStream internal constructor(
    private val source: ChatCompletionStream,
    scope: CoroutineScope,
) : Iterator<ChatCompletionChunk>, Iterable<ChatCompletionChunk>, AutoCloseable {
    private val channel: Channel<ChatCompletionChunk>
    private val job: Job

    init {
        // Locals only: the producer must not capture `this`, or a dropped stream would stay
        // reachable from the engine and the cleaner could never run.
        val chunks = Channel<ChatCompletionChunk>(READ_AHEAD)
        val flow = source
        channel = chunks
        job = scope.launch(start = CoroutineStart.UNDISPATCHED) { produce(flow, chunks) }
    }

    private val cancel = CancelAction(job, channel)
    private val cleanable: Cleanables.Registration? = Cleanables.register(this, cancel)
    private val iterated = AtomicBoolean(false)
    private val closed = AtomicBoolean(false)

    private var next: ChatCompletionChunk? = null
    private var finished = false
    private var failure: Throwable? = null

    /** Returns this stream's one iterator (itself); a second call throws [IllegalStateException]. */
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
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED or Spliterator.NONNULL),
            false,
        ).onClose { close() }

    /**
     * Whether another chunk is coming; blocks until one arrives or the stream ends.
     *
     * @throws ai.auriko.errors.AurikoException the stream's failure, with the partial completion
     * @throws AurikoInterruptedException when the thread is interrupted while waiting
     */
    override fun hasNext(): Boolean {
        if (next != null) return true
        failure?.let { throw it }
        if (finished) return false
        val result = channel.tryReceive().takeUnless { it.isFailure && !it.isClosed } ?: receiveBlocking()
        if (result.isSuccess) {
            next = result.getOrThrow()
            return true
        }
        finished = true
        val cause = result.exceptionOrNull()
        if (cause == null || cause is CancellationException) return false // completed, or closed by close()
        failure = cause
        throw cause
    }

    /**
     * The next chunk; blocks until it arrives.
     *
     * @throws NoSuchElementException when the stream has ended
     */
    override fun next(): ChatCompletionChunk {
        if (!hasNext()) throw NoSuchElementException("the stream has ended")
        val chunk = next!!
        next = null
        return chunk
    }

    private fun receiveBlocking(): ChannelResult<ChatCompletionChunk> = try {
        runBlocking { channel.receiveCatching() }
    } catch (e: InterruptedException) {
        close()
        Thread.currentThread().interrupt()
        val partial = source.partialCompletion()
        throw AurikoInterruptedException(
            "the thread was interrupted while waiting for the stream; the stream was cancelled",
            e, partial?.responseHeaders?.requestId(), partial,
        )
    }

    /** Cancels the request and closes the connection; idempotent, callable from any thread. */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        val registration = cleanable
        if (registration != null) registration.clean() else cancel.run()
    }

    /** The response headers, as soon as the response started; `null` before. */
    public fun responseHeaders(): ResponseHeaders? = source.responseHeaders

    /** The whole completion, once the stream completed normally; `null` before or after a failure. */
    public fun completion(): ChatCompletion? = source.completion

    /** Token usage, once the stream completed normally. */
    public fun usage(): Usage? = source.usage

    /** Auriko's routing metadata, once the stream completed normally. */
    public fun routingMetadata(): RoutingMetadata? = source.routingMetadata

    /** Each choice's finish reason by choice index, once the stream completed normally. */
    public fun finishReasons(): Map<Int, String?> = source.finishReasons

    /** How many HTTP attempts were made (1 plus retries before the first chunk). */
    public fun attempts(): Int = source.attempts

    /** Cancels the producer; shared by [close] and the cleaner, and must not reference the stream. */
    private class CancelAction(private val job: Job, private val channel: Channel<*>) : Runnable {
        override fun run() {
            job.cancel()
            channel.cancel()
        }
    }

    private companion object {
        const val READ_AHEAD = 64

        suspend fun produce(source: ChatCompletionStream, channel: Channel<ChatCompletionChunk>) {
            try {
                source.collect { channel.send(it) }
                channel.close()
            } catch (e: Throwable) {
                // Delivered to the iterating thread; never to an uncaught-exception handler.
                channel.close(e)
                if (e is CancellationException) throw e
            }
        }
    }
}
