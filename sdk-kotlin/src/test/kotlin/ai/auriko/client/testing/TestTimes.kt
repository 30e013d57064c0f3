package ai.auriko.client.testing

import ai.auriko.client.internal.ClientTime
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration
import kotlinx.coroutines.test.TestCoroutineScheduler

/**
 * A [ClientTime] whose waits return at once and are recorded, and whose clock moves forward by each
 * wait: retries with long `Retry-After` values are checked without sitting through them, even
 * against a real socket.
 */
class RecordingTime : ClientTime {
    val sleeps: MutableList<Duration> = CopyOnWriteArrayList()
    @Volatile private var slept = 0L

    override fun nanoTime(): Long = System.nanoTime() + slept

    override suspend fun sleep(duration: Duration) {
        sleeps += duration
        slept += duration.inWholeNanoseconds
    }
}

/**
 * The virtual time of kotlinx-coroutines-test as the client's time: the clock reads the scheduler,
 * and waits are `delay`s on it. Use with a client whose engine runs on the test's dispatcher (see
 * [VirtualGateway]).
 *
 * Like [System.nanoTime], the clock has an arbitrary origin: it reads [ORIGIN_NANOS] at virtual
 * time 0, not 0, because the client's stream metrics take a reading of exactly 0 for "not yet"
 * (headers or a first chunk at virtual time 0 would be reported as never having arrived).
 */
class VirtualTime(private val scheduler: TestCoroutineScheduler) : ClientTime {
    override fun nanoTime(): Long = ORIGIN_NANOS + scheduler.currentTime * 1_000_000

    override suspend fun sleep(duration: Duration) = kotlinx.coroutines.delay(duration)

    companion object {
        /** What the clock reads at virtual time 0: one hour, in nanoseconds. */
        const val ORIGIN_NANOS: Long = 3_600_000_000_000L
    }
}
