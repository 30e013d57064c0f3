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
 * and waits are `delay`s on it. Use with a client whose engine runs on the test's dispatcher.
 */
class VirtualTime(private val scheduler: TestCoroutineScheduler) : ClientTime {
    override fun nanoTime(): Long = scheduler.currentTime * 1_000_000

    override suspend fun sleep(duration: Duration) = kotlinx.coroutines.delay(duration)
}
