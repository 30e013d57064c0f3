package ai.auriko.client.internal

import ai.auriko.client.internal.stream.Handoff
import java.nio.channels.AsynchronousCloseException
import java.nio.channels.ClosedByInterruptException
import java.nio.channels.spi.AbstractInterruptibleChannel
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CancellationException
import okhttp3.Call

/**
 * What the caller-thread engine ([CallerThreadEngine], [CallerThreadBody]) needs to know about the
 * thread it runs on: which stream's [Handoff.Runner] runs the coroutine there, and how an interrupt
 * of that thread reaches a blocking socket call.
 */
internal object CallerThread {
    private val current = ThreadLocal<Handoff<*>.Runner?>()

    /**
     * Runs [block] with [runner] as this thread's: the runner's own steps (`Handoff.take`) and the
     * stream's start. Not a coroutine context element: kotlinx.coroutines folds the whole context
     * at every resumption to find such elements, ~8 % of a single stream's CPU at a million chunks
     * a second; the steps that block run here anyway.
     */
    inline fun <R> running(runner: Handoff<*>.Runner, block: () -> R): R {
        val previous = swap(runner)
        try {
            return block()
        } finally {
            swap(previous)
        }
    }

    @PublishedApi
    internal fun swap(runner: Handoff<*>.Runner?): Handoff<*>.Runner? =
        current.get().also { current.set(runner) }

    /** The runner whose step (or stream start) runs on this thread, if any. */
    fun runner(): Handoff<*>.Runner? = current.get()

    /**
     * A client's Java iterators on its caller-thread engine (in its blocking clients' scopes): how
     * many are open, and above how many a new one runs on its iterating thread.
     *
     * Why not always: a stream read on the iterating thread hands its chunks over by suspending
     * before every read that may block, which with OkHttp is every HTTP chunk; a single stream then
     * delivered ~0.8× the chunks per second of the engine's threads reading ahead (1 core, bench
     * throughput scenario). Why above as many as there are cores: beyond that, the iterating
     * threads outnumber the engine's carriers and take the CPU from them (at 5,000 streams on one
     * core, 10 s to a first chunk); at 1,000 and 5,000 streams, reading on the iterating threads
     * was as fast as openai-java's blocking streams or faster, with a lower delivery delay.
     */
    class Reads : AbstractCoroutineContextElement(Reads) {
        private val open = AtomicInteger()

        /** Open iterators above which a new one reads on its own thread (tests lower it). */
        @Volatile var above: Int = Runtime.getRuntime().availableProcessors()

        /** Counts a new iterator open (until [ended]); whether it reads on its own thread. */
        fun admit(): Boolean = open.incrementAndGet() > above

        /** An iterator [admit] counted has ended. */
        fun ended() {
            open.decrementAndGet()
        }

        companion object Key : CoroutineContext.Key<Reads>
    }

    /**
     * The call's thread was interrupted: its stream ends as the caller's interruption. Without a
     * cause: kotlinx.coroutines reports a cancellation's cause in its place when a scope ends.
     */
    class Interrupted :
        CancellationException("the thread was interrupted while waiting for the stream")

    /**
     * Makes blocking calls of [call] interruptible: interrupting the thread in [run] cancels [call]
     * and [run] ends with [Interrupted]. A socket read on a platform thread does not notice an
     * interrupt; `AbstractInterruptibleChannel`'s `begin`/`end` (public since Java 1.4, and on
     * Android) is how the JDK's own channels are made interruptible: the interrupt closes the
     * "channel", here cancelling the call, which makes the read fail at once. One per call: once
     * interrupted, it stays closed, as the call is.
     */
    class Interruption(private val call: Call) : AbstractInterruptibleChannel() {
        /** Runs [block] (a blocking call of [call]) interruptibly. */
        inline fun <R> run(block: () -> R): R {
            enter()
            var completed = false
            try {
                return block().also { completed = true }
            } finally {
                exit(completed)
            }
        }

        @PublishedApi internal fun enter() = begin()

        /** @throws Interrupted when the thread was interrupted during the call */
        @PublishedApi
        internal fun exit(completed: Boolean) {
            try {
                end(completed)
            } catch (_: ClosedByInterruptException) {
                throw Interrupted()
            } catch (_: AsynchronousCloseException) {
                // Only an interrupt closes this "channel", and the interrupted thread sees that.
            }
        }

        override fun implCloseChannel() {
            call.cancel()
        }
    }
}
