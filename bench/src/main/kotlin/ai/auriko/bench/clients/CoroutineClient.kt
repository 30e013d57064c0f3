package ai.auriko.bench.clients

import ai.auriko.bench.BenchClient
import ai.auriko.bench.ChunkSink
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * A client whose natural API is a suspending read (a Flow, or Ktor directly): blocking reads run it
 * under `runBlocking`, concurrent streams are coroutines on [Dispatchers.Default], and cancelling
 * is `cancelAndJoin()` of the collecting coroutine (so the cancel time includes its cleanup).
 */
abstract class CoroutineClient : BenchClient {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    /** Reads one stream to its end, handing each chunk to [sink]; returns the chunk count. */
    protected abstract suspend fun read(sink: ChunkSink, onChunk: (Int) -> Unit = {}): Int

    /**
     * Reads one Responses stream to its end, handing each text delta to [sink]; returns the delta
     * count, or null without Responses streaming.
     */
    protected open suspend fun readResponses(sink: ChunkSink): Int? = null

    override fun readAll(sink: ChunkSink): Int = runBlocking { read(sink) }

    override fun readAllResponses(sink: ChunkSink): Int? = runBlocking { readResponses(sink) }

    override fun startAsync(sink: ChunkSink, done: (Int, Throwable?) -> Unit): Boolean {
        scope.launch {
            val n =
                try {
                    read(sink)
                } catch (e: Throwable) {
                    done(-1, e)
                    return@launch
                }
            done(n, null)
        }
        return true
    }

    override fun readThenCancel(n: Int): LongArray {
        val reached = CountDownLatch(1)
        val job = scope.launch { read(NoSink) { count -> if (count == n) reached.countDown() } }
        check(reached.await(10, TimeUnit.SECONDS)) { "no $n chunks within 10 s" }
        val start = System.nanoTime()
        runBlocking { job.cancelAndJoin() }
        return longArrayOf(start, System.nanoTime())
    }

    override fun close() {
        scope.cancel()
    }
}

/** Ignores what it is handed. */
object NoSink : ChunkSink {
    override fun chunk(content: String?) {}

    override fun stamp(writeNanos: Long) {}

    override val wantsStamps: Boolean
        get() = false
}
