package ai.auriko.client.internal.stream

import ai.auriko.client.internal.CallerThread
import java.util.ArrayDeque
import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher

/**
 * Hands a stream's items from the producing coroutine to one blocking consumer thread (the Java
 * iterators). Batched by demand, not by network read: the producer appends to an open batch and
 * wakes the consumer only when it is waiting; the consumer takes the whole batch at once. A wake-up
 * costs more than an item, and this pays one per time the consumer had to wait, without the read
 * loop knowing anything about it.
 *
 * Bounded: once [capacity] items wait, [put] suspends until the consumer takes them. The end
 * ([finish]) comes after every item put before it; [close] ends at once and drops what waits.
 *
 * With a [fallback], the hand-off is also the producer's dispatcher ([runner]): the consumer runs
 * the producer's steps itself while it waits in [take], so a stream that reads its socket with
 * blocking calls (the caller-thread engine) reads, decodes and delivers on the consumer's thread,
 * with no other thread woken per chunk, as a blocking client does. See [Runner].
 */
internal class Handoff<T : Any>(
    private val capacity: Int,
    private val fallback: CoroutineDispatcher? = null,
) {
    /** What [take] returns: items, or the end. */
    sealed class Taken<out T> {
        /** The items put since the last take, in order; never empty. */
        class Items<T>(val items: List<T>) : Taken<T>()

        /** The end: normal when [cause] is `null`. */
        class Ended(val cause: Throwable?) : Taken<Nothing>()
    }

    private val lock = ReentrantLock()
    private val available = lock.newCondition()
    private var pending = ArrayList<T>()
    private var end: Taken.Ended? = null
    private var closed: Taken.Ended? = null
    private var consumerWaiting = false
    private var space: CompletableDeferred<Unit>? = null

    /** The producer's steps waiting for the consumer to run them (with a [fallback] only). */
    private val tasks = ArrayDeque<Runnable>()
    // Written under the lock; volatile for Runner.shouldYieldBeforeBlocking, which reads them
    // without it on every read of a stream.
    /** The thread running [tasks] inside [take], if any. */
    @Volatile private var pumping: Thread? = null
    /** Whether a task (or the creating thread) is inside a blocking call: see [Runner.blocking]. */
    @Volatile private var blocked = false
    /** Whether tasks go to [fallback] for good: after [close] and [finish]. */
    @Volatile private var detached = false

    /** The producer's dispatcher; `null` without a [fallback]. */
    val runner: Runner? = if (fallback != null) Runner(fallback) else null

    /** Producer: adds [item]; suspends while [capacity] items are waiting. */
    suspend fun put(item: T) {
        var full: CompletableDeferred<Unit>? = null
        lock.withLock {
            if (closed != null) return
            pending.add(item)
            if (consumerWaiting) available.signal()
            if (pending.size >= capacity) full = CompletableDeferred<Unit>().also { space = it }
        }
        full?.await()
    }

    /** Producer: the end, after the items already put; only the first end counts. */
    fun finish(cause: Throwable?) {
        val orphans: List<Runnable>
        lock.withLock {
            if (end == null) end = Taken.Ended(cause)
            available.signal()
            orphans = detach()
        }
        runner?.runElsewhere(orphans)
    }

    /**
     * Any thread: ends now with [cause]; waiting items are dropped, a waiting producer released.
     */
    fun close(cause: Throwable) {
        val waiting: CompletableDeferred<Unit>?
        val orphans: List<Runnable>
        lock.withLock {
            if (closed == null) closed = Taken.Ended(cause)
            pending = ArrayList()
            waiting = space
            space = null
            available.signal()
            orphans = detach()
        }
        // Nobody may ever take again: what the producer still has to run (its cancellation, the
        // engine's clean-up) runs elsewhere.
        runner?.runElsewhere(orphans)
        waiting?.complete(Unit)
    }

    /** Under the lock: from now on tasks run on [fallback]; returns those that were waiting. */
    private fun detach(): List<Runnable> {
        if (runner == null) return emptyList()
        detached = true
        if (tasks.isEmpty()) return emptyList()
        val orphans = ArrayList(tasks)
        tasks.clear()
        return orphans
    }

    /**
     * Consumer: blocks until items or the end are there.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    fun take(): Taken<T> {
        val taken: Taken<T>
        val released: CompletableDeferred<Unit>?
        lock.withLock {
            while (closed == null && pending.isEmpty() && end == null) {
                val task = tasks.pollFirst()
                if (task != null) {
                    runTask(task)
                    continue
                }
                consumerWaiting = true
                try {
                    available.await()
                } finally {
                    consumerWaiting = false
                }
            }
            val stop = closed
            if (stop != null) return stop
            if (pending.isEmpty()) return end!!
            taken = Taken.Items(pending)
            pending = ArrayList()
            released = space
            space = null
        }
        // Outside the lock: on an unconfined dispatcher the producer resumes on this thread.
        released?.complete(Unit)
        return taken
    }

    /** Under the lock: runs [task] on this thread, outside the lock. */
    private fun runTask(task: Runnable) {
        pumping = Thread.currentThread()
        lock.unlock()
        try {
            CallerThread.running(runner!!) { task.run() }
        } finally {
            lock.lock()
            pumping = null
        }
    }

    /**
     * The producer's dispatcher when the hand-off has a [fallback]. A step dispatched here waits
     * for the consumer, which runs it in [take]; so a producer that only suspends to hand items
     * over runs entirely on the consumer's thread. Steps go to the [fallback] instead while the
     * thread that runs them is inside a blocking call ([blocking]: a timer's or a close-watcher's
     * step must act while the read waits, and a timeout or a close then cancels the read), and for
     * good once the stream ended or was closed ([close], [finish]): nobody takes any more, and the
     * producer must still run its cancellation and the engine's clean-up.
     */
    inner class Runner(private val fallback: CoroutineDispatcher) : CoroutineDispatcher() {
        override fun dispatch(context: CoroutineContext, block: Runnable) {
            lock.withLock {
                if (!detached && !blocked) {
                    tasks.addLast(block)
                    if (consumerWaiting) available.signal()
                    return
                }
            }
            fallback.dispatch(context, block)
        }

        /**
         * Whether the producer, about to block for more bytes, should first let the consumer have
         * what it produced: true when items wait for the consumer, or when this thread is not the
         * consumer's inside [take] (the thread that created the stream, which returns to its caller
         * once the response started). Then the producer suspends, and the consumer resumes it when
         * it wants more.
         */
        fun shouldYieldBeforeBlocking(): Boolean =
            // Without the lock: only the producer's own thread adds to [pending] and sets [pumping]
            // to itself; another thread's close() makes the answer moot.
            !detached && (pumping !== Thread.currentThread() || pending.isNotEmpty())

        /**
         * Before a blocking call on the thread that runs this dispatcher's steps: until
         * [unblocked], steps go to the fallback (those waiting too), so that a timer or a close can
         * cancel the call.
         */
        fun blocking() {
            val orphans =
                lock.withLock {
                    blocked = true
                    if (tasks.isEmpty()) emptyList() else ArrayList(tasks).also { tasks.clear() }
                }
            runElsewhere(orphans)
        }

        /** After the blocking call: steps wait for the consumer again. */
        fun unblocked() {
            // Without the lock: a step dispatched meanwhile that still saw `blocked` goes to the
            // fallback, which is only less direct.
            blocked = false
        }

        fun runElsewhere(orphans: List<Runnable>) {
            for (task in orphans) fallback.dispatch(fallback, task)
        }

        override fun toString(): String = "Handoff.Runner"
    }
}
