package ai.auriko.client.internal.stream

import java.util.concurrent.locks.ReentrantLock
import kotlin.concurrent.withLock
import kotlinx.coroutines.CompletableDeferred

/**
 * Hands a stream's items from the producing coroutine to one blocking consumer thread (the Java
 * iterators). Batched by demand, not by network read: the producer appends to an open batch and
 * wakes the consumer only when it is waiting; the consumer takes the whole batch at once. A wake-up
 * costs more than an item, and this pays one per time the consumer had to wait, without the read
 * loop knowing anything about it.
 *
 * Bounded: once [capacity] items wait, [put] suspends until the consumer takes them. The end
 * ([finish]) comes after every item put before it; [close] ends at once and drops what waits.
 */
internal class Handoff<T : Any>(private val capacity: Int) {
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
        lock.withLock {
            if (end == null) end = Taken.Ended(cause)
            available.signal()
        }
    }

    /**
     * Any thread: ends now with [cause]; waiting items are dropped, a waiting producer released.
     */
    fun close(cause: Throwable) {
        val waiting: CompletableDeferred<Unit>?
        lock.withLock {
            if (closed == null) closed = Taken.Ended(cause)
            pending = ArrayList()
            waiting = space
            space = null
            available.signal()
        }
        waiting?.complete(Unit)
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
}
