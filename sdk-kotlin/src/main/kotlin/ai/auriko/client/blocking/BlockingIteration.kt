package ai.auriko.client.blocking

import ai.auriko.client.internal.CallerThread
import ai.auriko.client.internal.stream.Handoff
import ai.auriko.errors.PartialResult
import ai.auriko.errors.SdkExceptions
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.atomic.AtomicBoolean
import java.util.stream.Stream
import java.util.stream.StreamSupport
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.launch

/**
 * The blocking iteration behind every Java stream (chat's, the Responses API's): a producer
 * coroutine collects the stream into a [Handoff], the iterating thread takes items in batches. The
 * public stream classes delegate to it, so close, interrupt and failure semantics are one
 * implementation:
 * - [close] ends the hand-off first (a waiting `hasNext()` returns `false` at once), then cancels
 *   the producer, which closes the connection; idempotent, from any thread. A stream dropped
 *   without `close()` is cancelled by [Cleanables] where the platform has a cleaner.
 * - a failure is thrown from `hasNext()` after the items that arrived before it; a cancellation
 *   nobody asked for (the client was closed) is a [ai.auriko.errors.StreamInterruptedException],
 *   never a silent end.
 * - an interrupt while waiting cancels the stream, sets the flag again and throws
 *   [ai.auriko.errors.AurikoInterruptedException].
 *
 * @param produce collects the stream into its collector; it must not capture the public stream
 *   object, or a dropped stream would stay reachable from the engine and never be cleaned
 * @param partial what has arrived so far, for the exceptions made here; callable from any thread
 * @param requestId the request id, once the response started
 */
internal class BlockingIteration<T : Any>(
    scope: CoroutineScope,
    produce: suspend (FlowCollector<T>) -> Unit,
    private val partial: () -> PartialResult?,
    private val requestId: () -> String?,
) {
    // With the client's caller-thread engine and more iterators open than cores, the iterating
    // thread runs the stream (Handoff's runner, CallerThreadEngine); else the engine's threads do,
    // each step where it was resumed.
    private val reads = scope.coroutineContext[CallerThread.Reads]
    private val handoff =
        Handoff<T>(READ_AHEAD, if (reads?.admit() == true) Dispatchers.IO else null)
    private val job: Job

    init {
        val items = handoff // a local: the producer must not capture `this`
        val runner = handoff.runner
        // Started here: the request is sent now, and, on the caller-thread engine, this returns
        // once the response started (or the stream failed or had to wait).
        job =
            if (runner == null)
                scope.launch(start = CoroutineStart.UNDISPATCHED) { produce(produce, items) }
            else
                CallerThread.running(runner) {
                    scope.launch(runner, CoroutineStart.UNDISPATCHED) { produce(produce, items) }
                }
        // A local: the engine keeps the job, and must not keep `this` (the cleaner's referent).
        val open = reads
        if (open != null) job.invokeOnCompletion { open.ended() }
    }

    private val cancel = CancelAction(job, handoff)
    private val cleanable: Cleanables.Registration? = Cleanables.register(this, cancel)
    private val iterated = AtomicBoolean(false)
    private val closed = AtomicBoolean(false)

    private var batch: List<T> = emptyList()
    private var position = 0
    private var finished = false
    private var failure: Throwable? = null

    /** Whether the iterating thread reads the stream (the caller-thread engine). */
    val readsOnCallerThread: Boolean
        get() = handoff.runner != null

    /** Whether the one iteration has been claimed. */
    fun isClaimed(): Boolean = iterated.get()

    /** Claims the one iteration; a second claim throws [IllegalStateException]. */
    fun claim() {
        check(iterated.compareAndSet(false, true)) { "a stream can be iterated only once" }
    }

    /** The items as a sequential [Stream] whose closing closes this; claims the iteration. */
    fun stream(iterator: Iterator<T>): Stream<T> {
        claim()
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                    iterator,
                    Spliterator.ORDERED or Spliterator.NONNULL,
                ),
                false,
            )
            .onClose { close() }
    }

    fun hasNext(): Boolean {
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
        if (interruptedReading(cause)) {
            // The caller-thread engine's read noticed the interrupt (the flag is still set).
            close()
            Thread.currentThread().interrupt()
            val failure =
                SdkExceptions.threadInterrupted(
                    "the thread was interrupted while waiting for the stream; the stream was cancelled",
                    InterruptedException().apply { initCause(cause) },
                    requestId(),
                    partial(),
                )
            this.failure = failure
            throw failure
        }
        // Cancelled by someone else (the client was closed): never a silent normal end, and never
        // a coroutine's cancellation in what the Java caller sees.
        val failure =
            JavaFacingExceptions.visible(cause) {
                SdkExceptions.interrupted(
                    "the stream was cancelled: the client was closed",
                    null,
                    requestId(),
                    partial(),
                )
            }
        this.failure = failure
        throw failure
    }

    fun next(): T {
        if (!hasNext()) throw NoSuchElementException("the stream has ended")
        return batch[position++]
    }

    private fun takeBlocking(): Handoff.Taken<T> =
        try {
            handoff.take()
        } catch (e: InterruptedException) {
            close()
            Thread.currentThread().interrupt()
            throw SdkExceptions.threadInterrupted(
                "the thread was interrupted while waiting for the stream; the stream was cancelled",
                e,
                requestId(),
                partial(),
            )
        }

    fun close() {
        if (!closed.compareAndSet(false, true)) return
        val registration = cleanable
        if (registration != null) registration.clean() else cancel.run()
    }

    /**
     * Ends the hand-off (so a waiting consumer returns at once) and cancels the producer; shared by
     * [close] and the cleaner, so it must not reference the iteration.
     */
    private class CancelAction(private val job: Job, private val handoff: Handoff<*>) : Runnable {
        override fun run() {
            handoff.close(CLOSED) // first, so the consumer stops here and not at the producer's end
            job.cancel()
        }
    }

    private companion object {
        /** Items read ahead of the iterating thread before the producer waits. */
        const val READ_AHEAD = 256

        /** Whether [cause] is the caller-thread engine's report of an interrupt. */
        fun interruptedReading(cause: Throwable): Boolean =
            generateSequence(cause) { it.cause }.take(8).any { it is CallerThread.Interrupted }

        /** Marks the end that [close] caused; any other cancellation is a failure. */
        val CLOSED = CancellationException("the stream was closed")

        suspend fun <T : Any> produce(
            produce: suspend (FlowCollector<T>) -> Unit,
            handoff: Handoff<T>,
        ) {
            try {
                produce { handoff.put(it) }
                handoff.finish(null)
            } catch (e: Throwable) {
                // Items that arrived before the failure still reach the caller, then the failure
                // itself; never an uncaught-exception handler.
                handoff.finish(e)
                if (e is CancellationException) throw e
            }
        }
    }
}
