package ai.auriko.client

import ai.auriko.chat.ChatCompletionRequest
import ai.auriko.chat.ChatMessage
import ai.auriko.client.internal.MAX_CONNECTIONS
import ai.auriko.client.testing.Exchange
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.contentEvent
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.cio.CIOEngineConfig
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * The engine a client creates when given none (CIO): no timeout or per-host cap of its own, and no
 * stream held up by others that went quiet — on the OkHttp engine as the README sets it up too.
 */
class DefaultEngineSpec : FunSpec({
    fun client(server: LoopbackServer, configure: AurikoClientOptions.Builder.() -> Unit = {}) = AurikoClient {
        apiKey = "sk-default-engine-test"
        baseUrl = server.baseUrl
        maxRetries = 0
        configure()
    }

    fun Exchange.answer(text: String) {
        startStream()
        chunk(contentEvent(text, "stop"))
        chunk("data: [DONE]\n\n")
        endStream()
    }

    test("CIO's own request timeout is off, it may hold $MAX_CONNECTIONS connections to one host, and it connects once") {
        LoopbackServer { it.answer("x") }.use { server ->
            client(server).use { client ->
                val config = client.transport.http.engine.config as CIOEngineConfig
                config.requestTimeout shouldBe 0L
                config.maxConnectionsCount shouldBe MAX_CONNECTIONS
                config.endpoint.maxConnectionsPerRoute shouldBe MAX_CONNECTIONS
                config.endpoint.connectAttempts shouldBe 1
                client.chat.completions.stream(request()).toCompletion().content shouldBe "x"
            }
        }
    }

    test("150 streams to one host get their headers together, none failing on a 300 ms connect timeout (CIO's default cap of 100 per host would hold 50 back)") {
        val streams = 150
        val allArrived = CountDownLatch(streams)
        LoopbackServer { ex ->
            allArrived.countDown()
            // Headers only once all of them are waiting, at least 600 ms after the first arrived:
            // a request held back by a per-host cap would never arrive, or fail on its connect timeout.
            Thread.sleep(600)
            if (allArrived.await(20, TimeUnit.SECONDS)) ex.answer("together") else ex.respond(500, "{}")
        }.use { server ->
            client(server) { connectTimeout = 300.milliseconds }.use { client ->
                val outcomes = withContext(Dispatchers.Default) {
                    withTimeout(40.seconds) {
                        List(streams) { async { runCatching { client.chat.completions.stream(request()).toCompletion().content } } }.awaitAll()
                    }
                }
                val failures = outcomes.mapNotNull { it.exceptionOrNull() }
                withClue(failures.take(3).joinToString { it.toString() }) { failures.shouldBeEmpty() }
                outcomes.map { it.getOrNull() }.toSet() shouldBe setOf("together")
            }
        }
    }

    for ((engineName, engineFactory) in TestEngines.all) {
        test("[$engineName] 100 streams whose model went quiet hold up neither another stream nor Dispatchers.IO") {
            val quiet = 100
            val quietStarted = AtomicInteger()
            val released = CountDownLatch(1)
            LoopbackServer { ex ->
                if (ex.request.path.startsWith("/live/")) {
                    ex.startStream()
                    repeat(5) { i -> ex.chunk(contentEvent("t$i ")); Thread.sleep(5) }
                    ex.chunk(contentEvent("", "stop"))
                    ex.chunk("data: [DONE]\n\n")
                    ex.endStream()
                } else {
                    ex.startStream()
                    ex.chunk(contentEvent("thinking… "))
                    quietStarted.incrementAndGet()
                    released.await(20, TimeUnit.SECONDS) // a model thinking, up to 20 s
                }
            }.use { server ->
                val engine = engineFactory()
                try {
                    val options: AurikoClientOptions.Builder.() -> Unit = { this.engine = engine }
                    client(server, options).use { client ->
                        val live = AurikoClient {
                            apiKey = "sk-default-engine-test"
                            baseUrl = server.baseUrl.replace("/v1", "/live/v1")
                            this.engine = engine ?: client.transport.http.engine
                        }
                        withContext(Dispatchers.Default) {
                            val firstChunks = AtomicInteger()
                            val quietStreams = List(quiet) {
                                launch { client.chat.completions.stream(request()).collect { firstChunks.incrementAndGet() } }
                            }
                            try {
                                withTimeout(15.seconds) { while (firstChunks.get() < quiet) delay(10) }
                                firstChunks.get() shouldBe quiet
                                quietStarted.get() shouldBeGreaterThanOrEqual quiet
                                val started = System.nanoTime()
                                withTimeout(5.seconds) { live.chat.completions.stream(request()).toCompletion().content } shouldBe "t0 t1 t2 t3 t4 "
                                withTimeout(5.seconds) { withContext(Dispatchers.IO) { "free" } } shouldBe "free"
                                ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 3_000L
                            } finally {
                                quietStreams.forEach { it.cancelAndJoin() }
                                released.countDown()
                                live.close()
                            }
                        }
                    }
                } finally {
                    engine?.close()
                }
            }
        }
    }
})

private fun request(): ChatCompletionRequest =
    ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build()
