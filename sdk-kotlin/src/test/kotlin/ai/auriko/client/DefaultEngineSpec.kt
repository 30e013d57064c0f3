package ai.auriko.client

import ai.auriko.client.internal.MAX_REQUESTS_AWAITING_HEADERS
import ai.auriko.client.testing.Exchange
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.contentEvent
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.matchers.types.shouldNotBeSameInstanceAs
import io.ktor.client.engine.okhttp.OkHttpConfig
import java.io.IOException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import okhttp3.OkHttpClient

/**
 * The engine a client creates when given none (OkHttp): no timeouts of its own, no per-host cap
 * holding requests back, no stream held up by others that went quiet (on CIO as the README sets it
 * up too), and a cancelled stream's connection closed at once even when the server had filled every
 * buffer.
 */
class DefaultEngineSpec :
    FunSpec({
        fun client(server: LoopbackServer, configure: AurikoClientOptions.Builder.() -> Unit = {}) =
            AurikoClient {
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

        test(
            "OkHttp's own read and write timeouts are off, $MAX_REQUESTS_AWAITING_HEADERS requests may await headers, one dispatcher and pool per engine, and bodies are read on a dispatcher of their own"
        ) {
            LoopbackServer { it.answer("x") }
                .use { server ->
                    client(server).use { client ->
                        val config = client.runtime.http.engine.config as OkHttpConfig
                        config.dispatcher.shouldNotBeNull()
                        val okHttp = okHttpClientOf(client.runtime.http.engine)
                        okHttp.readTimeoutMillis shouldBe 0
                        okHttp.writeTimeoutMillis shouldBe 0
                        okHttp.followRedirects shouldBe false
                        okHttp.retryOnConnectionFailure shouldBe true
                        okHttp.dispatcher.maxRequests shouldBe MAX_REQUESTS_AWAITING_HEADERS
                        okHttp.dispatcher.maxRequestsPerHost shouldBe MAX_REQUESTS_AWAITING_HEADERS
                        // Ktor applies the block once per timeout configuration: every OkHttp
                        // client it makes shares the engine's one dispatcher and connection pool
                        // (not the process-wide pool of Ktor's prototype client).
                        val another = okHttpClientOf(client.runtime.http.engine)
                        another.dispatcher shouldBeSameInstanceAs okHttp.dispatcher
                        another.connectionPool shouldBeSameInstanceAs okHttp.connectionPool
                        okHttp.connectionPool shouldNotBeSameInstanceAs
                            OkHttpClient.Builder().build().connectionPool
                        client.chat.completions.stream(request()).toCompletion().content shouldBe
                            "x"
                    }
                }
        }

        test(
            "cancelling a stream whose server filled every buffer while the collector was slow closes its connection at once"
        ) {
            LoopbackServer { ex ->
                    ex.startStream()
                    val deadline = System.nanoTime() + 20_000_000_000L
                    try {
                        // Stops only when a write fails, as a server generating tokens does: a
                        // client that
                        // merely shuts down its sending side (what CIO did) is not gone for this
                        // server.
                        while (System.nanoTime() < deadline) ex.chunk(contentEvent("x".repeat(200)))
                    } catch (e: IOException) {
                        // the client closed the connection
                    }
                }
                .use { server ->
                    client(server).use { client ->
                        withContext(Dispatchers.Default) {
                            val stream = launch {
                                client.chat.completions.stream(request()).collect { delay(200) }
                            }
                            delay(
                                1_500
                            ) // the server writes far faster than 5 chunks a second: every buffer
                            // fills
                            stream.cancelAndJoin()
                            val cancelled = System.nanoTime()
                            // generous for a loaded machine, yet far below the 20 s the server
                            // would go on writing to a connection left open
                            awaitValue(8_000) { server.openConnections.get().takeIf { it == 0 } }
                            ((System.nanoTime() - cancelled) / 1_000_000) shouldBeLessThan 5_000L
                        }
                    }
                }
        }

        test(
            "150 streams to one host get their headers together, none failing on a 2 s connect timeout (OkHttp's default of 5 per host would hold 145 back, CIO's of 100 another 50)"
        ) {
            val streams = 150
            val allArrived = CountDownLatch(streams)
            LoopbackServer { ex ->
                    allArrived.countDown()
                    // Headers only once all of them are waiting, at least 4 s (twice the connect
                    // timeout, which is generous so that a loaded machine's slow connect cannot
                    // fail it) after the first arrived: a request held back by a per-host cap
                    // would never arrive, or fail on its connect timeout.
                    Thread.sleep(4_000)
                    if (allArrived.await(20, TimeUnit.SECONDS)) ex.answer("together")
                    else ex.respond(500, "{}")
                }
                .use { server ->
                    client(server) { connectTimeout = 2.seconds }
                        .use { client ->
                            val outcomes =
                                withContext(Dispatchers.Default) {
                                    withTimeout(40.seconds) {
                                        List(streams) {
                                                async {
                                                    runCatching {
                                                        client.chat.completions
                                                            .stream(request())
                                                            .toCompletion()
                                                            .content
                                                    }
                                                }
                                            }
                                            .awaitAll()
                                    }
                                }
                            val failures = outcomes.mapNotNull { it.exceptionOrNull() }
                            withClue(failures.take(3).joinToString { it.toString() }) {
                                failures.shouldBeEmpty()
                            }
                            outcomes.map { it.getOrNull() }.toSet() shouldBe setOf("together")
                        }
                }
        }

        test(
            "a request waiting beyond the $MAX_REQUESTS_AWAITING_HEADERS slots is not a connect timeout"
        ) {
            val slots = MAX_REQUESTS_AWAITING_HEADERS
            val busy = CountDownLatch(slots)
            LoopbackServer { ex ->
                    busy.countDown()
                    // Every slot is taken for at least 4 s: the requests beyond them wait that
                    // long before they connect, twice the (generous) connect timeout.
                    busy.await(10, TimeUnit.SECONDS)
                    Thread.sleep(4_000)
                    ex.answer("ok")
                }
                .use { server ->
                    client(server) { connectTimeout = 2.seconds }
                        .use { client ->
                            val failures =
                                withContext(Dispatchers.Default) {
                                        withTimeout(60.seconds) {
                                            List(slots + 4) {
                                                    async {
                                                        runCatching {
                                                                client.chat.completions
                                                                    .stream(request())
                                                                    .toCompletion()
                                                            }
                                                            .exceptionOrNull()
                                                    }
                                                }
                                                .awaitAll()
                                        }
                                    }
                                    .filterNotNull()
                            withClue(failures.take(3).joinToString { it.toString() }) {
                                failures.shouldBeEmpty()
                            }
                        }
                    server.requests.size shouldBe slots + 4
                    // The last four did wait for a slot: they reached the server after the first
                    // ones' 4 s.
                    val arrivals = server.requests.map { it.receivedAtNanos }.sorted()
                    ((arrivals.last() - arrivals.first()) / 1_000_000) shouldBeGreaterThanOrEqual
                        3_900L
                }
        }

        test(
            "maxRequestsAwaitingHeaders = 2: a third request waits for a slot, and is sent once one has its headers"
        ) {
            val arrived = AtomicInteger()
            val release = CountDownLatch(1)
            LoopbackServer { ex ->
                    arrived.incrementAndGet()
                    release.await(20, TimeUnit.SECONDS)
                    ex.answer("ok")
                }
                .use { server ->
                    client(server) { maxRequestsAwaitingHeaders = 2 }
                        .use { client ->
                            client.options.maxRequestsAwaitingHeaders shouldBe 2
                            withContext(Dispatchers.Default) {
                                val streams =
                                    List(3) {
                                        async {
                                            client.chat.completions
                                                .stream(request())
                                                .toCompletion()
                                                .content
                                        }
                                    }
                                try {
                                    awaitValue(10_000) { arrived.get().takeIf { it >= 2 } }
                                    // A third request, were it sent, would arrive meanwhile.
                                    delay(500)
                                    arrived.get() shouldBe 2
                                } finally {
                                    release.countDown()
                                }
                                withTimeout(20.seconds) { streams.awaitAll() } shouldBe
                                    List(3) { "ok" }
                            }
                        }
                    arrived.get() shouldBe 3
                }
        }

        for ((engineName, engineFactory) in TestEngines.all) {
            test(
                "[$engineName] 100 streams whose model went quiet hold up neither another stream nor Dispatchers.IO"
            ) {
                val quiet = 100
                val quietStarted = AtomicInteger()
                val released = CountDownLatch(1)
                LoopbackServer { ex ->
                        if (ex.request.path.startsWith("/live/")) {
                            ex.startStream()
                            repeat(5) { i ->
                                ex.chunk(contentEvent("t$i "))
                                Thread.sleep(5)
                            }
                            ex.chunk(contentEvent("", "stop"))
                            ex.chunk("data: [DONE]\n\n")
                            ex.endStream()
                        } else {
                            ex.startStream()
                            ex.chunk(contentEvent("thinking… "))
                            quietStarted.incrementAndGet()
                            released.await(20, TimeUnit.SECONDS) // a model thinking, up to 20 s
                        }
                    }
                    .use { server ->
                        val engine = engineFactory()
                        try {
                            val options: AurikoClientOptions.Builder.() -> Unit = {
                                this.engine = engine
                            }
                            client(server, options).use { client ->
                                val live = AurikoClient {
                                    apiKey = "sk-default-engine-test"
                                    baseUrl = server.baseUrl.replace("/v1", "/live/v1")
                                    this.engine = engine ?: client.runtime.http.engine
                                }
                                withContext(Dispatchers.Default) {
                                    val quietStreams =
                                        try {
                                            launchUntilFirstChunks(
                                                client,
                                                quiet,
                                                request(),
                                                15.seconds,
                                            )
                                        } catch (e: Throwable) {
                                            released.countDown()
                                            live.close()
                                            throw e
                                        }
                                    try {
                                        quietStarted.get() shouldBeGreaterThanOrEqual quiet
                                        val started = System.nanoTime()
                                        withTimeout(5.seconds) {
                                            live.chat.completions
                                                .stream(request())
                                                .toCompletion()
                                                .content
                                        } shouldBe "t0 t1 t2 t3 t4 "
                                        withTimeout(5.seconds) {
                                            withContext(Dispatchers.IO) { "free" }
                                        } shouldBe "free"
                                        ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan
                                            3_000L
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
