package ai.auriko.client.responses

import ai.auriko.client.AurikoClient
import ai.auriko.client.AurikoClientOptions
import ai.auriko.client.TestEngines
import ai.auriko.client.assertNoActiveCalls
import ai.auriko.client.awaitValue
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.ResponsesWire
import ai.auriko.client.testing.responsesRequest
import ai.auriko.client.testing.responsesUntilClientCloses
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.InternalException
import ai.auriko.errors.RateLimitException
import ai.auriko.errors.StreamInterruptedException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.ktor.client.engine.HttpClientEngine
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

/**
 * The Responses stream against a real HTTP server on 127.0.0.1, once per supported engine: the end
 * rules (completed, incomplete, failed, error event, truncation), the shared core's retries before
 * the first event, idle timeout, cancellation and resets.
 */
class ResponsesRealServerSpec :
    FunSpec({
        for ((engineName, createEngine) in TestEngines.all) {
            fun withClient(
                server: LoopbackServer,
                configure: AurikoClientOptions.Builder.() -> Unit = {},
                block: suspend (AurikoClient) -> Unit,
            ) = suspend {
                val engine: HttpClientEngine? = createEngine()
                val client = AurikoClient {
                    apiKey = "sk-test"
                    baseUrl = server.baseUrl
                    this.engine = engine
                    retryPolicy =
                        ai.auriko.http.RetryPolicy.builder()
                            .maxRetries(2)
                            .initialBackoff(java.time.Duration.ofMillis(1))
                            .maxBackoff(java.time.Duration.ofMillis(5))
                            .build()
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

            test("[$engineName] a text stream completes on response.completed, which it delivers") {
                LoopbackServer { ex ->
                        ex.startStream(
                            headers =
                                mapOf(
                                    "Content-Type" to "text/event-stream",
                                    "x-request-id" to "req_r1",
                                )
                        )
                        ex.chunk(ResponsesWire().textStream("Hel", "lo ", "wörld"))
                        ex.endStream()
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val stream = client.responses.stream(responsesRequest())
                            val types = stream.map { it.type }.toList()
                            types.first() shouldBe "response.created"
                            types.last() shouldBe "response.completed"
                            types.count { it == "response.completed" } shouldBe 1
                            types.count { it == "response.output_text.delta" } shouldBe 3
                            val response = stream.response.shouldNotBeNull()
                            response.outputText shouldBe "Hello wörld"
                            response.status shouldBe "completed"
                            stream.usage.shouldNotBeNull().totalTokens shouldBe 8L
                            stream.usage.shouldNotBeNull().cachedTokens shouldBe 1L
                            stream.routingMetadata.shouldNotBeNull().provider shouldBe "openai"
                            stream.responseHeaders.shouldNotBeNull().requestId() shouldBe "req_r1"
                            stream.metrics.shouldNotBeNull()
                            stream.attempts shouldBe 1
                            stream.textDeltas().toList() shouldContainExactly
                                listOf("Hel", "lo ", "wörld")
                            stream.toResponse().responseHeaders.requestId() shouldBe "req_r1"

                            val request = server.requests.first()
                            request.path shouldBe "/v1/responses"
                            val body = String(request.body)
                            body shouldContain "\"stream\":true"
                            body shouldContain "\"input\":\"Hello\""
                        }()
                    }
            }

            test(
                "[$engineName] nothing after response.completed counts: later events, [DONE] and an oversized line in the same read"
            ) {
                LoopbackServer { ex ->
                        val wire = ResponsesWire()
                        ex.startStream()
                        ex.chunk(
                            wire.textStream("fine") +
                                wire.delta("late") +
                                "data: [DONE]\n\n" +
                                "data: " +
                                "x".repeat(4096) +
                                "\n\n"
                        )
                        ex.endStream()
                    }
                    .use { server ->
                        withClient(server, { maxLineBytes = 1024 }) { client ->
                            val stream = client.responses.stream(responsesRequest())
                            val types = stream.map { it.type }.toList()
                            types.last() shouldBe "response.completed"
                            types.count { it == "response.output_text.delta" } shouldBe 1
                            stream.response.shouldNotBeNull().outputText shouldBe "fine"
                        }()
                    }
            }

            test("[$engineName] a collector that stops at response.completed keeps the response") {
                LoopbackServer { ex ->
                        ex.startStream()
                        ex.chunk(ResponsesWire().textStream("kept"))
                        ex.awaitClientClose(10_000) // the body never ends: the collector stops
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val stream = client.responses.stream(responsesRequest())
                            stream.first { it is ResponseStreamEvent.Completed }
                            stream.response.shouldNotBeNull().outputText shouldBe "kept"
                            stream.usage.shouldNotBeNull().totalTokens shouldBe 6L
                        }()
                    }
            }

            test("[$engineName] create of a failed response throws the classified error with it") {
                val wire = ResponsesWire()
                LoopbackServer { ex ->
                        ex.respond(
                            200,
                            wire.response(
                                "failed",
                                "[${wire.message("par", "incomplete")}]",
                                ",\"error\":{\"code\":\"server_error\",\"message\":\"model crashed\"}",
                            ),
                        )
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val e =
                                shouldThrow<InternalException> {
                                    client.responses.create(responsesRequest())
                                }
                            e.message shouldContain "model crashed"
                            val partial = e.partialResponse.shouldNotBeNull()
                            partial.id shouldBe "resp_1"
                            partial.outputText shouldBe "par"
                        }()
                    }
            }

            test("[$engineName] create returns the whole Response from one JSON body") {
                val wire = ResponsesWire()
                LoopbackServer { ex ->
                        ex.respond(
                            200,
                            wire.response(
                                "completed",
                                "[${wire.message("Hi there")}]",
                                ",\"usage\":{\"input_tokens\":3,\"output_tokens\":2,\"total_tokens\":5}",
                            ),
                            mapOf("Content-Type" to "application/json", "x-request-id" to "req_c"),
                        )
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val response =
                                client.responses.create {
                                    model = "gpt-4o"
                                    input = "Hi"
                                }
                            response.outputText shouldBe "Hi there"
                            response.usage.shouldNotBeNull().totalTokens shouldBe 5L
                            response.responseHeaders.requestId() shouldBe "req_c"
                            response.streamMetrics shouldBe null
                            String(server.requests.first().body) shouldContain "\"stream\":false"
                        }()
                    }
            }

            test(
                "[$engineName] response.incomplete ends the stream normally, with status and reason"
            ) {
                LoopbackServer { ex ->
                        val wire = ResponsesWire()
                        ex.startStream()
                        ex.chunk(
                            wire.created() +
                                wire.textStart() +
                                wire.delta("Once") +
                                wire.incomplete("Once")
                        )
                        ex.endStream()
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val response = client.responses.stream(responsesRequest()).toResponse()
                            response.status shouldBe "incomplete"
                            response.incompleteDetails.shouldNotBeNull().reason shouldBe
                                "max_output_tokens"
                            response.outputText shouldBe "Once"
                        }()
                    }
            }

            test(
                "[$engineName] a body cut before the terminal event is interrupted, keeping the text, and not retried"
            ) {
                LoopbackServer { ex ->
                        val wire = ResponsesWire()
                        ex.startStream()
                        ex.chunk(
                            wire.created() + wire.textStart() + wire.delta("Hel") + wire.delta("lo")
                        )
                        ex.endStream()
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val seen = mutableListOf<String>()
                            val e =
                                shouldThrow<StreamInterruptedException> {
                                    client.responses.stream(responsesRequest()).collect {
                                        seen += it.type
                                    }
                                }
                            seen.last() shouldBe "response.output_text.delta"
                            e.partialResponse.shouldNotBeNull().outputText shouldBe "Hello"
                            server.requests.size shouldBe 1
                        }()
                    }
            }

            test(
                "[$engineName] response.failed throws the classified exception with the partial Response"
            ) {
                LoopbackServer { ex ->
                        val wire = ResponsesWire()
                        ex.startStream(
                            headers =
                                mapOf(
                                    "Content-Type" to "text/event-stream",
                                    "x-request-id" to "req_f",
                                )
                        )
                        ex.chunk(
                            wire.created() +
                                wire.textStart() +
                                wire.delta("Par") +
                                wire.failed("Par", "server_error", "the model crashed")
                        )
                        ex.endStream()
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val seen = mutableListOf<String>()
                            val e =
                                shouldThrow<InternalException> {
                                    client.responses.stream(responsesRequest()).collect {
                                        seen += it.type
                                    }
                                }
                            seen.last() shouldBe "response.output_text.delta" // never the failure
                            e.message shouldContain "the model crashed"
                            e.requestId() shouldBe "req_f"
                            val partial = e.partialResponse.shouldNotBeNull()
                            partial.status shouldBe "failed"
                            partial.outputText shouldBe "Par"
                            server.requests.size shouldBe 1
                        }()
                    }
            }

            test(
                "[$engineName] an error event throws the classified exception with what had arrived"
            ) {
                LoopbackServer { ex ->
                        val wire = ResponsesWire()
                        ex.startStream()
                        ex.chunk(
                            wire.created() +
                                wire.textStart() +
                                wire.delta("So far") +
                                wire.error("rate_limit_exceeded", "too many tokens")
                        )
                        ex.endStream()
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val e =
                                shouldThrow<RateLimitException> {
                                    client.responses.stream(responsesRequest()).collect {}
                                }
                            e.message shouldContain "too many tokens"
                            e.partialResponse.shouldNotBeNull().outputText shouldBe "So far"
                            server.requests.size shouldBe 1 // mid-stream: never retried
                        }()
                    }
            }

            test(
                "[$engineName] a stall after the first events fails with the idle timeout, keeping them"
            ) {
                LoopbackServer { ex ->
                        val wire = ResponsesWire()
                        ex.startStream()
                        ex.chunk(wire.created() + wire.textStart() + wire.delta("first"))
                        ex.awaitClientClose(10_000)
                    }
                    .use { server ->
                        withClient(server, { idleTimeout = 300.milliseconds }) { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.responses.stream(responsesRequest()).collect {}
                                }
                            e.kind() shouldBe AurikoTimeoutException.Kind.IDLE
                            e.partialResponse.shouldNotBeNull().outputText shouldBe "first"
                        }()
                    }
            }

            test("[$engineName] cancelling (take) closes the connection at once") {
                LoopbackServer { it.responsesUntilClientCloses() }
                    .use { server ->
                        withClient(server) { client ->
                            val events =
                                client.responses.stream(responsesRequest()).take(6).toList()
                            val cancelledAt = System.nanoTime()
                            events.size shouldBe 6
                            val closedAt = awaitValue(8_000) { server.clientClosedAt[1] }
                            withClue("closed ${(closedAt - cancelledAt) / 1_000_000} ms after") {
                                (closedAt - cancelledAt) shouldBeLessThan 5_000_000_000L
                            }
                        }()
                    }
            }

            test("[$engineName] a 429 before the stream is retried, then the stream completes") {
                val attempts = AtomicInteger()
                LoopbackServer { ex ->
                        if (attempts.getAndIncrement() == 0) {
                            ex.respond(
                                429,
                                """{"error":{"message":"slow down","code":"rate_limit_exceeded"}}""",
                                mapOf("Content-Type" to "application/json", "retry-after-ms" to "1"),
                            )
                        } else {
                            ex.startStream()
                            ex.chunk(ResponsesWire().textStream("ok"))
                            ex.endStream()
                        }
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val stream = client.responses.stream(responsesRequest())
                            stream.toResponse().outputText shouldBe "ok"
                            stream.attempts shouldBe 2
                            server.requests.size shouldBe 2
                        }()
                    }
            }

            test(
                "[$engineName] a reset after the first event is not retried and keeps the partial"
            ) {
                // The server resets only once the caller has the delta: no race with the read.
                val delivered = java.util.concurrent.CountDownLatch(1)
                LoopbackServer { ex ->
                        val wire = ResponsesWire()
                        ex.startStream()
                        ex.chunk(wire.created() + wire.textStart() + wire.delta("Hi"))
                        delivered.await(10, java.util.concurrent.TimeUnit.SECONDS)
                        ex.reset()
                    }
                    .use { server ->
                        withClient(server) { client ->
                            val seen = mutableListOf<String>()
                            val e =
                                shouldThrow<AurikoException> {
                                    client.responses.stream(responsesRequest()).collect {
                                        seen += it.type
                                        if (it is ResponseStreamEvent.OutputTextDelta)
                                            delivered.countDown()
                                    }
                                }
                            withClue("got $e") {
                                (e is StreamInterruptedException ||
                                        e is ai.auriko.errors.AurikoConnectionException)
                                    .shouldBe(true)
                            }
                            seen.last() shouldBe "response.output_text.delta"
                            e.partialResponse.shouldNotBeNull().outputText shouldBe "Hi"
                            server.requests.size shouldBe 1
                        }()
                    }
            }
        }
    })
