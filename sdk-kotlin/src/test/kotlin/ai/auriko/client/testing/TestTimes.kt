package ai.auriko.client.testing

import ai.auriko.client.internal.ClientTime
import kotlin.time.Duration
import kotlinx.coroutines.test.TestCoroutineScheduler

/**
 * The virtual time of kotlinx-coroutines-test as the client's time: the clock reads the scheduler,
 * and waits are `delay`s on it. Use with a client whose engine runs on the test's dispatcher (see
 * [VirtualGateway]).
 *
 * The clock reads 0 at virtual time 0, on purpose: a monotonic clock may read 0 (or less), and the
 * stream metrics must treat that as a moment like any other (headers and a first chunk at virtual
 * time 0 are reported at 0, not as never having arrived).
 */
class VirtualTime(private val scheduler: TestCoroutineScheduler) : ClientTime {
    override fun nanoTime(): Long = scheduler.currentTime * 1_000_000

    override suspend fun sleep(duration: Duration) = kotlinx.coroutines.delay(duration)
}
