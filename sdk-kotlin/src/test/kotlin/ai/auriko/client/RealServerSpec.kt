package ai.auriko.client

import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.contentEvent
import ai.auriko.client.testing.rateLimitedOnceServer
import ai.auriko.client.testing.streamUntilClientCloses
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.ServiceUnavailableException
import ai.auriko.errors.StreamInterruptedException
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.HttpClientEngine
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/** One engine under test: how to make it, and whether the client owns it. */
private class EngineCase(val name: String, val create: () -> HttpClientEngine?) {
    override fun toString() = name
}

private val engines = TestEngines.all.map { (name, create) -> EngineCase(name, create) }

/**
 * Streams against a real HTTP server on 127.0.0.1, once per supported engine: cancellation closes
 * the socket, timeouts fire on their bounds, keep-alives count as liveness, resets keep the partial
 * answer, retries honour Retry-After, and `[DONE]` ends the flow at once.
 */
class RealServerSpec :
    FunSpec({
        for (engineCase in engines) {
            fun withClient(
                server: LoopbackServer,
                configure: AurikoClientOptions.Builder.() -> Unit = {},
                block: suspend (AurikoClient) -> Any?,
            ) = suspend {
                val engine = engineCase.create()
                val client = AurikoClient {
                    apiKey = "sk-test"
                    baseUrl = server.baseUrl
                    this.engine = engine
                    configure()
                }
                try {
                    block(client)
                    assertNoActiveCalls(client)
                } finally {
                    client.close()
                    engine?.close()
                }
            }

            test(
                "[$engineCase] cancelling after the 5th chunk closes the socket at once (well before the 10 s stream ends) and leaves nothing running"
            ) {
                LoopbackServer { it.streamUntilClientCloses() }
                    .use { server ->
                        withClient(server) { client ->
                            val chunks =
                                client.chat.completions.stream(fixtureRequest()).take(5).toList()
                            val cancelledAt = System.nanoTime()
                            chunks.size shouldBe 5
                            // Bounds are generous (a loaded machine must not fail them) yet far
                            // below the 10 s the server would stream to a client that never closed.
                            val closedAt = awaitValue(8_000) { server.clientClosedAt[1] }
                            withClue(
                                "server saw the close ${(closedAt - cancelledAt) / 1_000_000} ms after cancel"
                            ) {
                                (closedAt - cancelledAt) shouldBeLessThan 5_000_000_000L
                            }
                        }()

                        // Cancelling the collecting coroutine from outside does the same.
                        withClient(server) { client ->
                            coroutineScope {
                                val fifth = CompletableDeferred<Unit>()
                                var seen = 0
                                val job = launch {
                                    client.chat.completions.stream(fixtureRequest()).collect {
                                        if (++seen == 5) fifth.complete(Unit)
                                    }
                                }
                                withTimeout(5.seconds) { fifth.await() }
                                val cancelledAt = System.nanoTime()
                                job.cancelAndJoin()
                                job.isCancelled.shouldBeTrue()
                                val closedAt = awaitValue(8_000) { server.clientClosedAt[2] }
                                (closedAt - cancelledAt) shouldBeLessThan 5_000_000_000L
                            }
                        }()
                        awaitValue(8_000) {
                            server.openConnections.get().takeIf { it == 0 }
                        } shouldBe 0
                    }
            }

            test(
                "[$engineCase] an exception thrown by the collector propagates unchanged, closes the socket and is not retried"
            ) {
                LoopbackServer { it.streamUntilClientCloses() }
                    .use { server ->
                        withClient(server) { client ->
                            val boom = IllegalStateException("collector failed")
                            var seen = 0
                            val e =
                                runCatching {
                                        client.chat.completions.stream(fixtureRequest()).collect {
                                            if (++seen == 2) throw boom
                                        }
                                    }
                                    .exceptionOrNull()
                            // The same exception; under -ea kotlinx.coroutines' stack-trace
                            // recovery may hand
                            // back a copy whose cause is the original, so accept either form,
                            // nothing else.
                            withClue("got $e caused by ${e?.cause}") {
                                (e === boom || (e is IllegalStateException && e.cause === boom))
                                    .shouldBeTrue()
                            }
                            awaitValue(2_000) { server.clientClosedAt[1] }
                            server.requests.size shouldBe 1
                        }()
                    }
            }

            test(
                "[$engineCase] withTimeout around collect cancels the exchange and surfaces as the caller's timeout"
            ) {
                LoopbackServer { it.streamUntilClientCloses() }
                    .use { server ->
                        withClient(server) { client ->
                            val e =
                                runCatching {
                                        withTimeout(200.milliseconds) {
                                            client.chat.completions
                                                .stream(fixtureRequest())
                                                .collect {}
                                        }
                                    }
                                    .exceptionOrNull()
                            e.shouldBeInstanceOf<kotlinx.coroutines.TimeoutCancellationException>()
                            awaitValue(8_000) { server.clientClosedAt[1] }
                        }()
                    }
            }

            test(
                "[$engineCase] a stall after one chunk fails with the idle timeout, within its bound, keeping the chunk"
            ) {
                LoopbackServer { ex ->
                        ex.startStream(
                            headers =
                                mapOf(
                                    "Content-Type" to "text/event-stream",
                                    "x-request-id" to "req_stall",
                                )
                        )
                        ex.chunk(contentEvent("first"))
                        ex.awaitClientClose(10_000)
                    }
                    .use { server ->
                        withClient(server, { idleTimeout = 300.milliseconds }) { client ->
                            val started = System.nanoTime()
                            val e =
                                runCatching {
                                        client.chat.completions.stream(fixtureRequest()).collect {}
                                    }
                                    .exceptionOrNull()
                            val elapsedMs = (System.nanoTime() - started) / 1_000_000
                            val timeout = e.shouldBeInstanceOf<AurikoTimeoutException>()
                            timeout.kind() shouldBe AurikoTimeoutException.Kind.IDLE
                            timeout.requestId() shouldBe "req_stall"
                            timeout.partialCompletion.shouldNotBeNull().content shouldBe "first"
                            elapsedMs shouldBeGreaterThanOrEqual 300L
                            // generous: the exact time is VirtualTimeSpec's; here the server holds
                            // the stream open for 10 s
                            elapsedMs shouldBeLessThan 5_000L
                            awaitValue(8_000) { server.clientClosedAt[1] }
                        }()
                    }
            }

            test("[$engineCase] no first event fails with the first-event timeout") {
                LoopbackServer { ex ->
                        ex.startStream()
                        ex.awaitClientClose(10_000)
                    }
                    .use { server ->
                        withClient(server, { firstEventTimeout = 300.milliseconds }) { client ->
                            val e =
                                runCatching {
                                        client.chat.completions.stream(fixtureRequest()).collect {}
                                    }
                                    .exceptionOrNull()
                            e.shouldBeInstanceOf<AurikoTimeoutException>().kind() shouldBe
                                AurikoTimeoutException.Kind.FIRST_EVENT
                        }()
                    }
            }

            test(
                "[$engineCase] keep-alive comments every 250 ms for 3 s keep a stream alive past a 2.5 s idle timeout"
            ) {
                // Each gap leaves 2.25 s of slack before the idle timeout, so a loaded machine
                // cannot fail it; the exact timing is VirtualTimeSpec's.
                LoopbackServer { ex ->
                        ex.startStream()
                        ex.chunk(contentEvent("a"))
                        repeat(12) {
                            Thread.sleep(250)
                            ex.chunk(": keep-alive\n\n")
                        }
                        ex.chunk(contentEvent("b", finishReason = "stop"))
                        ex.chunk("data: [DONE]\n\n")
                        ex.endStream()
                    }
                    .use { server ->
                        withClient(server, { idleTimeout = 2_500.milliseconds }) { client ->
                            val stream = client.chat.completions.stream(fixtureRequest())
                            val started = System.nanoTime()
                            stream.collect {}
                            ((System.nanoTime() - started) / 1_000_000) shouldBeGreaterThanOrEqual
                                3_000L
                            stream.completion.shouldNotBeNull().content shouldBe "ab"
                            stream.metrics.shouldNotBeNull().keepAliveComments shouldBe 12
                        }()
                    }
            }

            test(
                "[$engineCase] time the collector spends with a chunk does not count as the server being idle"
            ) {
                LoopbackServer { ex ->
                        ex.startStream()
                        ex.chunk(contentEvent("a"))
                        ex.chunk(contentEvent("b"))
                        ex.chunk(contentEvent("c", finishReason = "stop"))
                        ex.chunk("data: [DONE]\n\n")
                        ex.endStream()
                    }
                    .use { server ->
                        // The first chunk is held 1.5 s against a 1 s idle timeout; the rest was
                        // sent at once, so the server's writes have 2.5 s of slack.
                        withClient(server, { idleTimeout = 1_000.milliseconds }) { client ->
                            val stream = client.chat.completions.stream(fixtureRequest())
                            var held = 0
                            stream.collect {
                                if (held++ == 0) delay(1_500)
                            } // a slow consumer, e.g. a UI animating a token
                            stream.completion.shouldNotBeNull().content shouldBe "abc"
                        }()
                    }
            }

            test(
                "[$engineCase] a reset after three chunks gives the interrupted exception with the partial content"
            ) {
                LoopbackServer { ex ->
                        ex.startStream(
                            headers =
                                mapOf(
                                    "Content-Type" to "text/event-stream",
                                    "x-request-id" to "req_rst",
                                )
                        )
                        ex.chunk(contentEvent("a"))
                        ex.chunk(contentEvent("b"))
                        ex.chunk(contentEvent("c"))
                        Thread.sleep(500) // time for the client to read the chunks before the RST
                        ex.reset()
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val e =
                                runCatching {
                                        client.chat.completions.stream(fixtureRequest()).collect {}
                                    }
                                    .exceptionOrNull()
                            val interrupted = e.shouldBeInstanceOf<StreamInterruptedException>()
                            interrupted.partialCompletion.shouldNotBeNull().content shouldBe "abc"
                            interrupted.requestId() shouldBe "req_rst"
                            server.requests.size shouldBe
                                1 // chunks had reached the caller: never retried
                        }()
                    }
            }

            test(
                "[$engineCase] 429 with Retry-After: 1, then success: two attempts at least 1 s apart"
            ) {
                rateLimitedOnceServer("Retry-After" to "1").use { server ->
                    withClient(server) { client ->
                        val stream = client.chat.completions.stream(fixtureRequest())
                        stream.collect {}
                        stream.completion.shouldNotBeNull().content shouldBe "ok"
                        stream.attempts shouldBe 2
                        server.requests.size shouldBe 2
                        val gapMs =
                            (server.requests[1].receivedAtNanos -
                                server.requests[0].receivedAtNanos) / 1_000_000
                        gapMs shouldBeGreaterThanOrEqual 1_000L
                    }()
                }
            }

            test(
                "[$engineCase] a 503 storm beyond max retries gives ServiceUnavailableException with the attempt count"
            ) {
                LoopbackServer { ex ->
                        ex.respond(
                            503,
                            """{"error":{"message":"No available providers","code":503}}""",
                            mapOf("Content-Type" to "application/json", "retry-after-ms" to "20"),
                        )
                    }
                    .use { server ->
                        withClient(server, { maxRetries = 2 }) { client ->
                            val e =
                                runCatching {
                                        client.chat.completions.stream(fixtureRequest()).collect {}
                                    }
                                    .exceptionOrNull()
                            val unavailable = e.shouldBeInstanceOf<ServiceUnavailableException>()
                            unavailable.attempts() shouldBe 3
                            server.requests.size shouldBe 3
                            val e2 =
                                runCatching { client.chat.completions.create(fixtureRequest()) }
                                    .exceptionOrNull()
                            e2.shouldBeInstanceOf<ServiceUnavailableException>().attempts() shouldBe
                                3
                            server.requests.size shouldBe 6
                        }()
                    }
            }

            test(
                "[$engineCase] [DONE] followed by a connection held open completes the flow at once"
            ) {
                LoopbackServer { ex ->
                        ex.startStream()
                        ex.chunk(contentEvent("done", finishReason = "stop"))
                        ex.chunk("data: [DONE]\n\n")
                        ex.awaitClientClose(30_000) // hold the connection open, never end the body
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val started = System.nanoTime()
                            val stream = client.chat.completions.stream(fixtureRequest())
                            withTimeout(20.seconds) { stream.collect {} }
                            val elapsedMs = (System.nanoTime() - started) / 1_000_000
                            // ~100 ms expected; generous, yet far below the 30 s the server holds
                            elapsedMs shouldBeLessThan 10_000L
                            stream.completion.shouldNotBeNull().content shouldBe "done"
                            awaitValue(8_000) { server.clientClosedAt[1] } // released, not drained
                        }()
                    }
            }

            test(
                "[$engineCase] one client serves 100 concurrent streams, and headers are readable from the first chunk on"
            ) {
                LoopbackServer { ex ->
                        ex.startStream(
                            headers =
                                mapOf(
                                    "Content-Type" to "text/event-stream",
                                    "x-request-id" to "req_${ex.request.path.length}",
                                )
                        )
                        repeat(5) {
                            ex.chunk(contentEvent("$it"))
                            Thread.sleep(10)
                        }
                        ex.chunk(contentEvent("", finishReason = "stop"))
                        ex.chunk("data: [DONE]\n\n")
                        ex.endStream()
                    }
                    .use { server ->
                        withClient(server) { client ->
                            coroutineScope {
                                val results =
                                    (1..100)
                                        .map {
                                            async {
                                                val stream =
                                                    client.chat.completions.stream(fixtureRequest())
                                                var headersAtFirstChunk: String? = null
                                                stream.collect {
                                                    if (headersAtFirstChunk == null)
                                                        headersAtFirstChunk =
                                                            stream.responseHeaders?.requestId()
                                                }
                                                headersAtFirstChunk shouldBe "req_20"
                                                stream.completion.shouldNotBeNull().content
                                            }
                                        }
                                        .map { it.await() }
                                results.toSet() shouldBe setOf("01234")
                            }
                            server.requests.size shouldBe 100
                        }()
                    }
            }

            test("[$engineCase] create() past the request timeout fails with a REQUEST timeout") {
                LoopbackServer { ex -> ex.awaitClientClose(5_000) }
                    .use { server ->
                        withClient(
                            server,
                            {
                                requestTimeout = 300.milliseconds
                                maxRetries = 0
                            },
                        ) { client ->
                            val started = System.nanoTime()
                            val e =
                                runCatching { client.chat.completions.create(fixtureRequest()) }
                                    .exceptionOrNull()
                            e.shouldBeInstanceOf<AurikoTimeoutException>().kind() shouldBe
                                AurikoTimeoutException.Kind.REQUEST
                            // ~300 ms expected; generous for a loaded machine
                            ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 4_000L
                            awaitValue(8_000) { server.clientClosedAt[1] }
                        }()
                    }
            }

            test("[$engineCase] a refused connection is a retried AurikoConnectionException") {
                val port =
                    java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()).use {
                        it.localPort
                    }
                val engine = engineCase.create()
                val client = AurikoClient {
                    apiKey = "sk-test"
                    baseUrl = "http://127.0.0.1:$port/v1"
                    this.engine = engine
                    retryPolicy =
                        ai.auriko.http.RetryPolicy.builder()
                            .initialBackoff(java.time.Duration.ofMillis(1))
                            .build()
                }
                try {
                    val e =
                        runCatching { client.chat.completions.stream(fixtureRequest()).collect {} }
                            .exceptionOrNull()
                    val failure = e.shouldBeInstanceOf<ai.auriko.errors.AurikoConnectionException>()
                    failure.attempts() shouldBe 3
                    (failure.message ?: "").contains("sk-test") shouldBe false
                } finally {
                    client.close()
                    engine?.close()
                }
            }

            test(
                "[$engineCase] create() returns the completion with routing metadata and typed headers"
            ) {
                LoopbackServer { ex ->
                        ex.respond(
                            200,
                            """{"id":"x","object":"chat.completion","created":1,"model":"m",
                    "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop","native_finish_reason":"end_turn"}],
                    "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2},
                    "routing_metadata":{"provider":"openai","routing_strategy":"cost","cost":{"usd":0.001},
                      "warnings":[{"type":"parameter_ignored","code":"seed_unsupported","message":"seed ignored"}]}}""",
                            mapOf(
                                "Content-Type" to "application/json",
                                "x-request-id" to "req_c",
                                "x-provider-used" to "openai",
                            ),
                        )
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val c = client.chat.completions.create(fixtureRequest())
                            c.content shouldBe "hi"
                            c.choices[0].nativeFinishReason shouldBe "end_turn"
                            c.usage.shouldNotBeNull().totalTokens shouldBe 2L
                            c.routingMetadata.shouldNotBeNull().cost.shouldNotBeNull().usd shouldBe
                                java.math.BigDecimal("0.001")
                            c.routingMetadata.shouldNotBeNull().warnings.single().code shouldBe
                                "seed_unsupported"
                            c.responseHeaders.requestId() shouldBe "req_c"
                            c.responseHeaders.providerUsed() shouldBe "openai"
                        }()
                    }
            }
        }
    })

/** Polls [read] until it returns non-null, for at most [millis]. */
internal suspend fun <T : Any> awaitValue(millis: Long, read: () -> T?): T {
    val deadline = System.nanoTime() + millis * 1_000_000
    while (true) {
        read()?.let {
            return it
        }
        check(System.nanoTime() < deadline) { "condition not met within $millis ms" }
        delay(5)
    }
}

/** No request coroutine of the client's HttpClient is still active. */
internal suspend fun assertNoActiveCalls(client: AurikoClient) {
    val job = client.runtime.http.coroutineContext[Job].shouldNotBeNull()
    awaitValue(5_000) { if (job.children.none { it.isActive }) true else null }
}
