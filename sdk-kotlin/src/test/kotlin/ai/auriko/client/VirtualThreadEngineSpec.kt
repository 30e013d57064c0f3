package ai.auriko.client

import ai.auriko.client.internal.defaultEngine
import ai.auriko.client.internal.virtualThreadsOrNull
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.completeStream
import ai.auriko.client.testing.contentEvent
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.okhttp.OkHttpConfig
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout

/**
 * The default engine's threads by JDK: virtual threads from JDK 24 (where a virtual thread waiting
 * in a monitor releases its carrier), platform threads before. The suites that run on the default
 * engine (RealServerSpec, DefaultEngineSpec, FaultInjectionSpec, …) exercise whichever the JDK
 * running them selects; this spec checks the selection and, on JDK 24+, what it is for.
 */
class VirtualThreadEngineSpec :
    FunSpec({
        val feature = Runtime.version().feature()

        test(
            "virtual threads are chosen from JDK 24 on, platform threads before (this JDK: $feature)"
        ) {
            val executor = virtualThreadsOrNull()
            if (feature >= 24) {
                executor.shouldNotBeNull()
                try {
                    val name = CompletableDeferred<String>()
                    executor.execute { name.complete(Thread.currentThread().toString()) }
                    withTimeout(10.seconds) { name.await() } shouldStartWith "VirtualThread"
                } finally {
                    executor.shutdown()
                }
            } else {
                executor.shouldBeNull()
            }
        }

        test("the default engine's dispatcher runs body reads on the threads chosen") {
            val engine = defaultEngine()
            try {
                val dispatcher = (engine.config as OkHttpConfig).dispatcher.shouldNotBeNull()
                val name = withContext(dispatcher) { Thread.currentThread().toString() }
                if (feature >= 24) name shouldStartWith "VirtualThread"
                else name shouldStartWith "Thread[DefaultDispatcher-worker"
            } finally {
                engine.close()
            }
        }

        test(
                "JDK 24+: with the carriers saturated the limit on requests awaiting headers is cut, and a server that sends headers late still gets every request"
            )
            .config(enabled = feature >= 24) {
                val streams = 16
                val allArrived = CountDownLatch(streams)
                LoopbackServer { ex ->
                        allArrived.countDown()
                        // Headers only once every request has arrived: requests held to the cut
                        // would never all arrive, and would get a 500 after 20 s.
                        if (allArrived.await(20, TimeUnit.SECONDS)) ex.completeStream("together")
                        else ex.respond(500, "{}")
                    }
                    .use { server ->
                        val engine = defaultEngine()
                        try {
                            val calls = okHttpClientOf(engine).dispatcher
                            val carriers =
                                (engine.config as OkHttpConfig).dispatcher.shouldNotBeNull()
                            testClient(server, engine).use { client ->
                                coroutineScope {
                                    // One task per carrier holds it 1 ms, then queues again 1
                                    // ms later from the timer's thread: half the carriers'
                                    // time, and a task waits ~250 µs on average. (Queued again
                                    // from a carrier, with yield(), they would stay in its
                                    // local queue and starve the tasks submitted from outside,
                                    // such as the requests.)
                                    val spinners =
                                        List(Runtime.getRuntime().availableProcessors()) {
                                            launch(carriers) {
                                                while (isActive) {
                                                    val end = System.nanoTime() + 1_000_000
                                                    while (System.nanoTime() < end) Unit
                                                    delay(1)
                                                }
                                            }
                                        }
                                    try {
                                        awaitValue(10_000) {
                                            calls.maxRequests.takeIf { it < streams }
                                        }
                                        val outcomes =
                                            client.streamAllAtOnce(streams, request(), 40.seconds)
                                        outcomes shouldBe List(streams) { "together" }
                                        // Each request stops counting 20 ms after it started,
                                        // so they arrived within 0.2 s here; held to the
                                        // cut, waiting for it to grow back while the carriers
                                        // stay busy, they took 12 s on the same machine.
                                        val arrivals =
                                            server.requests.map { it.receivedAtNanos }.sorted()
                                        val spreadMs =
                                            (arrivals.last() - arrivals.first()) / 1_000_000
                                        println("$streams requests arrived within $spreadMs ms")
                                        spreadMs shouldBeLessThan 8_000L
                                    } finally {
                                        spinners.forEach { it.cancelAndJoin() }
                                    }
                                }
                            }
                        } finally {
                            engine.close()
                        }
                    }
            }

        test("JDK 24+: 600 open streams whose model went quiet hold no platform thread each")
            .config(enabled = feature >= 24) { newClientThreads(engine = null) shouldBeLessThan 64 }

        test("control: on platform threads (JDK 17–23's way) each of them holds one").config(
            enabled = feature >= 24
        ) {
            // The engine's shape on a pool of platform threads of its own, which the engine
            // shuts down: the global Dispatchers.IO would keep 600 idle workers for a minute,
            // in the way of other specs of this JVM that count its threads.
            val pool =
                Executors.newCachedThreadPool { task ->
                    Thread(task, "OkHttp control-reader").apply { isDaemon = true }
                }
            val platform = defaultEngine(pool)
            try {
                newClientThreads(platform) shouldBeGreaterThanOrEqual QUIET_STREAMS
            } finally {
                platform.close()
                pool.shutdownNow()
            }
        }
    })

private const val QUIET_STREAMS = 600

/**
 * Opens [QUIET_STREAMS] streams whose model went quiet after a first chunk, through a client on
 * [engine] (null: the default), and returns how many platform threads of the client's side
 * ([clientThreads]) there are beyond those before.
 */
private suspend fun newClientThreads(engine: HttpClientEngine?): Int {
    val released = CountDownLatch(1)
    LoopbackServer { ex ->
            ex.startStream()
            ex.chunk(contentEvent("thinking… "))
            released.await(30, TimeUnit.SECONDS)
        }
        .use { server ->
            testClient(server, engine).use { client ->
                return withContext(Dispatchers.Default) {
                    // Threads other specs of this JVM left idle count before and during.
                    val before = clientThreads().size
                    val streams =
                        try {
                            launchUntilFirstChunks(client, QUIET_STREAMS, request(), 30.seconds)
                        } catch (e: Throwable) {
                            released.countDown()
                            throw e
                        }
                    try {
                        val during = clientThreads()
                        println(
                            "platform threads on the client's side: $before before, " +
                                during.groupingBy { it.name.take(20) }.eachCount()
                        )
                        during.size - before
                    } finally {
                        released.countDown()
                        streams.forEach { it.cancelAndJoin() }
                    }
                }
            }
        }
}

/**
 * Platform threads of a client's side: Ktor's readers run on Dispatchers.IO workers, OkHttp's calls
 * on "OkHttp" threads. Virtual threads are not listed; the loopback server's are named otherwise.
 */
private fun clientThreads(): List<Thread> =
    Thread.getAllStackTraces().keys.filter {
        it.name.startsWith("DefaultDispatcher-worker") || it.name.startsWith("OkHttp")
    }

/** A client of [server] on [engine] (null: the default, owned by the client), without retries. */
private fun testClient(server: LoopbackServer, engine: HttpClientEngine?): AurikoClient =
    AurikoClient {
        apiKey = "sk-virtual-thread-test"
        baseUrl = server.baseUrl
        maxRetries = 0
        this.engine = engine
    }

private fun request(): ChatCompletionRequest =
    ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build()
