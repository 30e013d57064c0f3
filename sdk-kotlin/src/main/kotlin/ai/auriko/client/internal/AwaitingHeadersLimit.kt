package ai.auriko.client.internal

import java.util.concurrent.AbstractExecutorService
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ExecutorService
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong
import okhttp3.Dispatcher

/**
 * How many requests the default engine lets await their response headers at once on virtual
 * threads: up to [ceiling] (the client's `maxRequestsAwaitingHeaders`) while the carriers keep up,
 * fewer while tasks queue for them, and never counting a request the server has kept waiting for
 * longer than [lateNanos].
 *
 * Why: virtual threads run first in, first out, on as many carriers as there are cores. A stream's
 * next read, woken by its socket, waits behind every task queued before it; when thousands of
 * streams start at once, most of that queue is requests being set up (connect, send, Ktor's
 * response pipeline, the SDK's start). At 10,000 streams on one core, 256 requests awaiting headers
 * gave a chunk a median delay of 27.8 ms, 1 gave 0.4 ms (`bench/results/2026-12-07-peers-4.md`);
 * this limit 0.5 ms (`2026-12-07-peers-5.md`), the run taking 13.7 s instead of 11.5 s, as new
 * streams start later. JDK 25 has no thread priorities for virtual threads and no public way to
 * choose their scheduler, so the lever is how many requests are in that phase.
 *
 * How:
 * - Every task run on [callExecutor] (OkHttp's calls) or [executor] (Ktor's body reads) reports how
 *   long it waited for a carrier. Every [intervalNanos] the mean wait is compared with
 *   [targetNanos]: above it, the limit halves (never below 1); at or below it, the limit grows by
 *   an eighth (at least 1), up to [ceiling]. A mean rather than CoDel's minimum (RFC 8289): the
 *   queue here comes in bursts, as headers return together, and a minimum misses them.
 * - A request that has awaited its headers for longer than [lateNanos] no longer counts: the
 *   server, not this JVM's CPU, is what it waits for, and it costs the carriers nothing. So a
 *   server that sends headers only with the first token never holds starts to the cut: each slot
 *   frees again after [lateNanos].
 * - The interval closes when a task starts after its end, and, while the limit is below [ceiling]
 *   or a request waits for a slot, on a virtual thread that wakes every interval: a limit cut while
 *   busy grows back, and late requests are counted out, also when every request is parked awaiting
 *   a slow server and no task starts. OkHttp's dispatcher applies a new limit to requests not yet
 *   started; those started go on.
 */
internal class AwaitingHeadersLimit(
    private val delegate: ExecutorService,
    /** The most requests awaiting headers at once: the client's `maxRequestsAwaitingHeaders`. */
    val ceiling: Int,
    private val nanoTime: () -> Long = System::nanoTime,
    private val targetNanos: Long = TARGET_WAIT_NANOS,
    private val intervalNanos: Long = INTERVAL_NANOS,
    private val lateNanos: Long = LATE_NANOS,
) {
    /** Runs Ktor's body reads (and other coroutines of the engine), timing each task's wait. */
    val executor: ExecutorService = WaitTimingExecutor(delegate, this, null)

    /** OkHttp's calls: times each call's wait, and tracks those awaiting headers. */
    private val callExecutor: ExecutorService = WaitTimingExecutor(delegate, this, this)

    /** OkHttp's dispatcher: its calls on virtual threads, its limit set here. */
    val calls: Dispatcher = Dispatcher(callExecutor)

    /** The limit the carriers' waits set, before requests awaiting headers late are added. */
    @Volatile
    var limit: Int = ceiling
        private set

    private val intervalEnd = AtomicLong(nanoTime() + intervalNanos)
    private val waitSum = AtomicLong()
    private val waitCount = AtomicLong()

    /** The calls running now (set up, awaiting headers), each with when it started. */
    private val running = ConcurrentHashMap<Runnable, Long>()

    init {
        apply(ceiling)
    }

    /** Whether a [tick] loop is running, which it does while the limit is below [ceiling]. */
    private val ticking = AtomicBoolean()

    /** Records that a task waited [waitNanos] to start, at [now]; closes the interval when due. */
    fun taskStarted(waitNanos: Long, now: Long) {
        waitSum.addAndGet(waitNanos)
        waitCount.incrementAndGet()
        closeIntervalIfDue(now)
    }

    /**
     * Closes the interval if it is due at [now], without a sample: so that a limit that was cut
     * grows back, and late requests are counted out, also when no task starts (every request parked
     * awaiting a slow server's headers). Returns whether the limit is still below [ceiling] or a
     * call is waiting for a slot.
     */
    fun tick(now: Long): Boolean {
        closeIntervalIfDue(now)
        return limit < ceiling || calls.queuedCallsCount() > 0
    }

    private fun closeIntervalIfDue(now: Long) {
        val end = intervalEnd.get()
        if (now - end < 0 || !intervalEnd.compareAndSet(end, now + intervalNanos)) return
        val meanWait = waitSum.getAndSet(0) / maxOf(1, waitCount.getAndSet(0))
        val current = limit
        limit =
            if (meanWait > targetNanos) maxOf(1, current / 2)
            else minOf(ceiling, current + maxOf(1, current / 8))
        apply(minOf(ceiling, limit + late(now)))
        if (limit < ceiling) startTicking()
    }

    /** Runs [tick] every interval on the executor's (virtual) thread until it returns false. */
    private fun startTicking() {
        if (!ticking.compareAndSet(false, true)) return
        try {
            delegate.execute {
                try {
                    do {
                        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(intervalNanos).coerceAtLeast(1))
                    } while (!delegate.isShutdown && tick(nanoTime()))
                } catch (_: InterruptedException) {
                    // Shut down: nothing left to admit.
                } finally {
                    ticking.set(false)
                    // A cut made between the last tick and the line above found this loop still
                    // running and started none.
                    if (!delegate.isShutdown && limit < ceiling) startTicking()
                }
            }
        } catch (_: RejectedExecutionException) {
            ticking.set(false) // The engine has closed.
        }
    }

    /** How many calls have awaited their headers for longer than [lateNanos] at [now]. */
    private fun late(now: Long): Int = running.values.count { now - it > lateNanos }

    private fun apply(maxRequests: Int) {
        // Each setter takes the dispatcher's lock, and starts what a higher limit admits; a value
        // that did not change is a no-op.
        if (calls.maxRequests != maxRequests) calls.maxRequests = maxRequests
        if (calls.maxRequestsPerHost != maxRequests) calls.maxRequestsPerHost = maxRequests
    }

    /** [delegate], each task's wait reported; with [calls] set, each task tracked while it runs. */
    private class WaitTimingExecutor(
        private val delegate: ExecutorService,
        private val limit: AwaitingHeadersLimit,
        private val calls: AwaitingHeadersLimit?,
    ) : AbstractExecutorService() {
        override fun execute(command: Runnable) {
            val queued = limit.nanoTime()
            delegate.execute {
                val now = limit.nanoTime()
                limit.taskStarted(now - queued, now)
                if (calls == null) {
                    command.run()
                } else {
                    calls.running[command] = now
                    try {
                        command.run()
                    } finally {
                        calls.running.remove(command)
                    }
                }
            }
        }

        override fun shutdown() = delegate.shutdown()

        override fun shutdownNow(): MutableList<Runnable> = delegate.shutdownNow()

        override fun isShutdown(): Boolean = delegate.isShutdown

        override fun isTerminated(): Boolean = delegate.isTerminated

        override fun awaitTermination(timeout: Long, unit: TimeUnit): Boolean =
            delegate.awaitTermination(timeout, unit)
    }

    internal companion object {
        /** The mean wait for a carrier above which the limit halves. */
        val TARGET_WAIT_NANOS: Long = 100_000L

        /** How often the limit may change: a few dozen scheduler rounds under load. */
        val INTERVAL_NANOS: Long = 10_000_000L

        /** How long a request may await headers before it no longer counts. */
        val LATE_NANOS: Long = 20_000_000L
    }
}
