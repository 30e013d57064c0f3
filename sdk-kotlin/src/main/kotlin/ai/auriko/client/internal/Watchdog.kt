package ai.auriko.client.internal

import ai.auriko.errors.AurikoTimeoutException
import kotlin.time.Duration
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * Enforces a stream's first-event and idle timeouts from a child coroutine, so the reading
 * coroutine pays one volatile write per read instead of arming a timer per read. When a deadline
 * passes, the child fails with [Fired]; structured concurrency then cancels the read (which makes
 * the engine close the connection) and the enclosing `coroutineScope` rethrows [Fired], which the
 * caller turns into an [AurikoTimeoutException]. A plain cancellation of the caller is therefore
 * never mistaken for a timeout.
 */
internal class Watchdog(
    scope: CoroutineScope,
    private val time: ClientTime,
    private val firstEventTimeout: Duration,
    private val idleTimeout: Duration,
) {
    /** The failure a watchdog ends its scope with; not a CancellationException on purpose. */
    class Fired(val kind: AurikoTimeoutException.Kind, val timeout: Duration) : RuntimeException() {
        override fun fillInStackTrace(): Throwable = this
    }

    @Volatile private var deadlineNanos: Long = deadlineAfter(firstEventTimeout)
    @Volatile private var started = false

    // The first activity can move the deadline earlier (an idle timeout shorter than the
    // first-event one), so the watchdog never sleeps longer than one idle period before looking
    // again.
    private val maxSleepMillis: Long =
        if (idleTimeout.isInfinite()) CHECK_INTERVAL_WITHOUT_DEADLINE_MS
        else idleTimeout.inWholeMilliseconds.coerceIn(1, CHECK_INTERVAL_WITHOUT_DEADLINE_MS)

    private val job: Job =
        scope.launch {
            while (true) {
                val deadline = deadlineNanos
                if (deadline == NO_DEADLINE) {
                    // Paused while the caller holds a chunk: look again soon, so a stall right
                    // after the caller returns is caught at most a quarter of an idle period late.
                    delay((maxSleepMillis / 4).coerceAtLeast(1))
                    continue
                }
                val remaining = deadline - time.nanoTime()
                if (remaining <= 0) {
                    throw if (started) Fired(AurikoTimeoutException.Kind.IDLE, idleTimeout)
                    else Fired(AurikoTimeoutException.Kind.FIRST_EVENT, firstEventTimeout)
                }
                delay(minOf((remaining + 999_999) / 1_000_000, maxSleepMillis))
            }
        }

    /** Something arrived (an event, a comment, or bytes of one): push the deadline out. */
    fun activity() {
        if (!started) started = true
        deadlineNanos = deadlineAfter(idleTimeout)
    }

    /** The caller holds a chunk: stop the clock until the next [activity]. */
    fun pause() {
        deadlineNanos = NO_DEADLINE
    }

    fun stop() {
        job.cancel()
    }

    private fun deadlineAfter(timeout: Duration): Long =
        if (timeout.isInfinite()) NO_DEADLINE else time.nanoTime() + timeout.inWholeNanoseconds

    private companion object {
        const val NO_DEADLINE = Long.MIN_VALUE
        const val CHECK_INTERVAL_WITHOUT_DEADLINE_MS = 60_000L
    }
}
