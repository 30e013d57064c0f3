package ai.auriko.client.internal

import kotlin.time.Duration
import kotlinx.coroutines.delay

/**
 * The client's time: a monotonic clock in nanoseconds (read by the stream watchdog, the call
 * observer and the stream metrics) and the wait between retries. Injected through an internal
 * builder option, so that tests run timeouts and `Retry-After` waits in the virtual time of
 * kotlinx-coroutines-test, or record waits without sitting through them.
 */
internal interface ClientTime {
    /** Monotonic nanoseconds, as [System.nanoTime]. */
    fun nanoTime(): Long

    /** Waits [duration]; cancellable. */
    suspend fun sleep(duration: Duration)

    /** The real clock; waits with `delay`, so a test dispatcher makes them virtual too. */
    object System : ClientTime {
        override fun nanoTime(): Long = java.lang.System.nanoTime()

        override suspend fun sleep(duration: Duration) = delay(duration)
    }
}
