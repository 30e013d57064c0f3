package ai.auriko.client.internal

import ai.auriko.client.awaitValue
import ai.auriko.client.testing.LoopbackServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import java.io.IOException
import java.util.concurrent.AbstractExecutorService
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlinx.coroutines.delay
import okhttp3.Call
import okhttp3.Callback
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.Response

private const val MICROS = 1_000L
private const val MILLIS = 1_000_000L

/**
 * The adaptive limit on requests awaiting headers, in virtual time: the mean wait for a carrier
 * cuts it and lets it grow back, and a request the server keeps waiting stops counting, so a server
 * that sends headers late is never held to the cut.
 */
class AwaitingHeadersLimitSpec :
    FunSpec({
        /**
         * An executor that never runs what it is given: the intervals close only as a test says.
         */
        fun idle(): ExecutorService =
            object : AbstractExecutorService() {
                @Volatile private var down = false

                override fun execute(command: Runnable) = Unit

                override fun shutdown() {
                    down = true
                }

                override fun shutdownNow(): MutableList<Runnable> =
                    mutableListOf<Runnable>().also { down = true }

                override fun isShutdown() = down

                override fun isTerminated() = down

                override fun awaitTermination(timeout: Long, unit: TimeUnit) = down
            }

        /** A limit on [idle], 100 µs target, 10 ms intervals, 20 ms late bound, on [clock]. */
        fun idleLimit(ceiling: Int, clock: () -> Long) =
            AwaitingHeadersLimit(
                idle(),
                ceiling = ceiling,
                nanoTime = clock,
                targetNanos = 100 * MICROS,
                intervalNanos = 10 * MILLIS,
                lateNanos = 20 * MILLIS,
            )

        test(
            "starts at the ceiling; a mean wait above the target halves it each interval down to 1; a mean at the target grows it by an eighth (at least 1) back to the ceiling"
        ) {
            var now = 0L
            val limit = idleLimit(256) { now }
            limit.limit shouldBe 256
            limit.calls.maxRequests shouldBe 256
            limit.calls.maxRequestsPerHost shouldBe 256

            // Within an interval nothing changes, however long the waits.
            limit.taskStarted(5 * MILLIS, 9 * MILLIS)
            limit.limit shouldBe 256

            val cuts = mutableListOf<Int>()
            repeat(10) {
                now += 10 * MILLIS
                limit.taskStarted(101 * MICROS, now)
                cuts += limit.limit
            }
            cuts shouldBe listOf(128, 64, 32, 16, 8, 4, 2, 1, 1, 1)
            limit.calls.maxRequests shouldBe 1
            limit.calls.maxRequestsPerHost shouldBe 1

            val growth = mutableListOf<Int>()
            repeat(60) {
                now += 10 * MILLIS
                limit.taskStarted(100 * MICROS, now)
                growth += limit.limit
            }
            growth.take(18) shouldBe
                listOf(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22)
            growth.max() shouldBe 256
            growth.last() shouldBe 256
            limit.calls.maxRequests shouldBe 256
        }

        test("the mean counts, not the shortest wait: a burst among short waits cuts the limit") {
            var now = 0L
            val limit = idleLimit(64) { now }
            repeat(3) { limit.taskStarted(0, 5 * MILLIS) }
            now = 10 * MILLIS
            limit.taskStarted(1 * MILLIS, now) // mean 250 µs
            limit.limit shouldBe 32
            // The next interval starts from no samples: three short waits are below the target.
            repeat(3) { limit.taskStarted(10 * MICROS, 15 * MILLIS) }
            now = 20 * MILLIS
            limit.taskStarted(10 * MICROS, now)
            limit.limit shouldBe 36
        }

        test(
            "with no task starting, a tick closes the interval: a limit cut while busy grows back"
        ) {
            var now = 0L
            val limit = idleLimit(16) { now }
            repeat(4) {
                now += 10 * MILLIS
                limit.taskStarted(1 * MILLIS, now)
            }
            limit.limit shouldBe 1
            // An interval without samples has no wait: it grows.
            val ticks = mutableListOf<Boolean>()
            repeat(20) {
                now += 10 * MILLIS
                ticks += limit.tick(now)
            }
            limit.limit shouldBe 16
            // It keeps ticking while the limit is below the ceiling, and says when to stop.
            ticks.first() shouldBe true
            ticks.last() shouldBe false
            limit.tick(now) shouldBe false
        }

        test(
            "a request kept waiting for its headers longer than the late bound no longer counts: the next one starts, on the limit's own ticks"
        ) {
            val arrived = AtomicInteger()
            val release = CountDownLatch(1)
            val pool = Executors.newCachedThreadPool()
            val clock = AtomicLong()
            LoopbackServer { ex ->
                    arrived.incrementAndGet()
                    release.await(20, TimeUnit.SECONDS)
                    ex.respond(200, "{}")
                }
                .use { server ->
                    // Every interval counts as busy (a negative target): only late requests can
                    // raise the number of requests started.
                    val limit =
                        AwaitingHeadersLimit(
                            pool,
                            ceiling = 4,
                            nanoTime = clock::get,
                            targetNanos = -1,
                            intervalNanos = 10 * MILLIS,
                            lateNanos = 20 * MILLIS,
                        )
                    repeat(2) { limit.taskStarted(0, clock.addAndGet(10 * MILLIS)) }
                    limit.limit shouldBe 1
                    val client = OkHttpClient.Builder().dispatcher(limit.calls).build()
                    val done = AtomicInteger()
                    val failed = AtomicInteger()
                    try {
                        repeat(3) {
                            client
                                .newCall(Request.Builder().url(server.baseUrl + "/late").build())
                                .enqueue(
                                    object : Callback {
                                        override fun onResponse(call: Call, response: Response) {
                                            response.close()
                                            done.incrementAndGet()
                                        }

                                        override fun onFailure(call: Call, e: IOException) {
                                            failed.incrementAndGet()
                                        }
                                    }
                                )
                        }
                        awaitValue(10_000) { arrived.get().takeIf { it >= 1 } }
                        // Time stands still: a second request, were it started, would arrive
                        // meanwhile.
                        delay(300)
                        arrived.get() shouldBe 1
                        limit.calls.runningCallsCount() shouldBe 1

                        // The first has now waited 30 ms: the limit's ticks count it out.
                        clock.addAndGet(30 * MILLIS)
                        awaitValue(10_000) { arrived.get().takeIf { it >= 2 } }
                        delay(300)
                        arrived.get() shouldBe 2
                        clock.addAndGet(30 * MILLIS)
                        awaitValue(10_000) { arrived.get().takeIf { it >= 3 } }
                        limit.limit shouldBe 1
                        limit.calls.maxRequests shouldBeLessThanOrEqual 4

                        release.countDown()
                        awaitValue(10_000) { (done.get() + failed.get()).takeIf { it >= 3 } }
                        done.get() shouldBe 3
                    } finally {
                        release.countDown()
                        pool.shutdownNow()
                        client.connectionPool.evictAll()
                    }
                }
        }
    })
