package ai.auriko.client.responses

import ai.auriko.client.testing.ResponsesWire
import ai.auriko.client.testing.VirtualGateway
import ai.auriko.client.testing.responsesRequest
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.AurikoTimeoutException.Kind
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest

/**
 * The Responses stream's timing in virtual time: the shared core's first-event and idle timeouts,
 * retry waits, and an end that does not wait for the body once the terminal event arrived.
 */
@OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)
class ResponsesVirtualTimeSpec :
    FunSpec({
        test("headers, then silence → FIRST_EVENT after exactly 30 s") {
            runTest {
                val gateway = VirtualGateway(this) { stream { silence() } }
                gateway
                    .client {
                        firstEventTimeout = 30.seconds
                        maxRetries = 0
                    }
                    .use { client ->
                        val e =
                            shouldThrow<AurikoTimeoutException> {
                                client.responses.stream(responsesRequest()).collect {}
                            }
                        e.kind() shouldBe Kind.FIRST_EVENT
                        e.requestId() shouldBe "req_1"
                        currentTime shouldBe 30_000
                    }
            }
        }

        test("text, then silence → IDLE 30 s after the last event, the text in the partial") {
            runTest {
                val gateway =
                    VirtualGateway(this) {
                        stream {
                            val wire = ResponsesWire()
                            send(wire.created() + wire.textStart())
                            delay(1_000)
                            send(wire.delta("Hel"))
                            delay(1_000)
                            send(wire.delta("lo"))
                            silence()
                        }
                    }
                gateway
                    .client {
                        idleTimeout = 30.seconds
                        maxRetries = 0
                    }
                    .use { client ->
                        val e =
                            shouldThrow<AurikoTimeoutException> {
                                client.responses.stream(responsesRequest()).collect {}
                            }
                        e.kind() shouldBe Kind.IDLE
                        currentTime shouldBe 32_000
                        e.partialResponse.shouldNotBeNull().outputText shouldBe "Hello"
                    }
            }
        }

        test(
            "a 503 with Retry-After: 7 → the second request at exactly 7 000 ms, which completes"
        ) {
            runTest {
                val gateway =
                    VirtualGateway(this) {
                        if (number == 1)
                            json(
                                503,
                                """{"error":{"message":"busy"}}""",
                                mapOf("retry-after" to "7"),
                            )
                        else stream { send(ResponsesWire().textStream("ok")) }
                    }
                gateway.client().use { client ->
                    val stream = client.responses.stream(responsesRequest())
                    stream.toResponse().outputText shouldBe "ok"
                    gateway.requestTimes shouldBe listOf(0L, 7_000L)
                    stream.attempts shouldBe 2
                }
            }
        }

        test("response.completed ends the stream at once, though the server keeps the body open") {
            runTest {
                val gateway =
                    VirtualGateway(this) {
                        stream {
                            send(ResponsesWire().textStream("done"))
                            silence()
                        }
                    }
                gateway
                    .client {
                        idleTimeout = 30.seconds
                        maxRetries = 0
                    }
                    .use { client ->
                        val stream = client.responses.stream(responsesRequest())
                        stream.map { it.type }.toList().last() shouldBe "response.completed"
                        stream.response.shouldNotBeNull().outputText shouldBe "done"
                        // Only the core's bounded wait for the body's end (100 ms), never the idle
                        // timeout.
                        (currentTime < 1_000) shouldBe true
                    }
            }
        }
    })
