@file:OptIn(ExperimentalCoroutinesApi::class)

package ai.auriko.client

import ai.auriko.client.testing.DONE_EVENT
import ai.auriko.client.testing.ResponsesWire
import ai.auriko.client.testing.VirtualGateway
import ai.auriko.client.testing.completionJson
import ai.auriko.client.testing.contentEvent
import ai.auriko.client.testing.responsesRequest
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.AurikoTimeoutException.Kind
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest

/**
 * Per-request timeouts run on the client's own machinery (the request timeout of every
 * non-streaming call, the stream watchdog's first-event and idle deadlines) and so in the virtual
 * time of kotlinx-coroutines-test, as in [VirtualTimeSpec]: each test proves the per-call value
 * wins over the client's, both shorter and longer, at the exact virtual millisecond.
 */
class RequestOptionsVirtualTimeSpec :
    FunSpec({
        val chatRequest =
            ChatCompletionRequest.builder().model("m").addMessage(ChatMessage.user("hi")).build()
        val modelsJson = """{"object":"list","data":[{"id":"gpt-4o","object":"model"}]}"""

        fun TestScope.shouldTimeOut(
            e: AurikoTimeoutException,
            kind: Kind,
            timeout: Duration,
            atMillis: Long,
        ) {
            withClue("$e at $currentTime ms") {
                e.kind() shouldBe kind
                e.timeout() shouldBe java.time.Duration.ofMillis(timeout.inWholeMilliseconds)
                currentTime shouldBe atMillis
            }
        }

        context("request timeout (create and management)") {
            test("chat create: client 60 s, per call 5 s, answer after 10 s → REQUEST at 5 s") {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            delay(10_000)
                            json(200, completionJson("late"))
                        }
                    gateway
                        .client {
                            requestTimeout = 60.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.chat.completions.create(
                                        chatRequest,
                                        requestOptions { requestTimeout = 5.seconds },
                                    )
                                }
                            shouldTimeOut(e, Kind.REQUEST, 5.seconds, 5_000)
                        }
                }
            }

            test("chat create: client 5 s, per call 30 s, answer after 10 s → the answer at 10 s") {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            delay(10_000)
                            json(200, completionJson("late"))
                        }
                    gateway
                        .client {
                            requestTimeout = 5.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            client.chat.completions
                                .create(chatRequest, requestOptions { requestTimeout = 30.seconds })
                                .content shouldBe "late"
                            currentTime shouldBe 10_000
                            // Without options the client's 5 s still applies.
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.chat.completions.create(chatRequest)
                                }
                            shouldTimeOut(e, Kind.REQUEST, 5.seconds, 15_000)
                        }
                }
            }

            test("responses create: client 60 s, per call 2 s → REQUEST at 2 s") {
                runTest {
                    val gateway = VirtualGateway(this) { noAnswer() }
                    gateway
                        .client { maxRetries = 0 }
                        .use { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.responses.create(
                                        responsesRequest(),
                                        requestOptions { requestTimeout = 2.seconds },
                                    )
                                }
                            shouldTimeOut(e, Kind.REQUEST, 2.seconds, 2_000)
                        }
                }
            }

            test(
                "management: client 5 s, per call 1 s → REQUEST at 1 s; per call 30 s → the answer at 1 s + 20 s"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            delay(20_000)
                            json(200, modelsJson)
                        }
                    gateway
                        .client {
                            requestTimeout = 5.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.models.list(
                                        requestOptions { requestTimeout = 1.seconds }
                                    )
                                }
                            shouldTimeOut(e, Kind.REQUEST, 1.seconds, 1_000)
                            client.models
                                .list(requestOptions { requestTimeout = 30.seconds })
                                .single()
                                .id shouldBe "gpt-4o"
                            currentTime shouldBe 21_000
                        }
                }
            }
        }

        context("stream timeouts") {
            test("chat stream first event: client 120 s, per call 10 s → FIRST_EVENT at 10 s") {
                runTest {
                    val gateway = VirtualGateway(this) { stream { silence() } }
                    gateway
                        .client { maxRetries = 0 }
                        .use { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.chat.completions
                                        .stream(
                                            chatRequest,
                                            requestOptions { firstEventTimeout = 10.seconds },
                                        )
                                        .collect {}
                                }
                            shouldTimeOut(e, Kind.FIRST_EVENT, 10.seconds, 10_000)
                        }
                }
            }

            test(
                "chat stream first event: client 30 s, per call 60 s, first event at 40 s → completes at 40 s"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream {
                                delay(40_000)
                                send(contentEvent("slow", finishReason = "stop"))
                                send(DONE_EVENT)
                            }
                        }
                    gateway
                        .client {
                            firstEventTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            client.chat.completions
                                .stream(
                                    chatRequest,
                                    requestOptions { firstEventTimeout = 60.seconds },
                                )
                                .toCompletion()
                                .content shouldBe "slow"
                            currentTime shouldBe 40_000
                        }
                }
            }

            test(
                "chat stream idle: client 60 s, per call 5 s, a chunk then silence → IDLE at 1 s + 5 s"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream {
                                delay(1_000)
                                send(contentEvent("Hel"))
                                silence()
                            }
                        }
                    gateway
                        .client { maxRetries = 0 }
                        .use { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.chat.completions
                                        .stream(
                                            chatRequest,
                                            requestOptions { idleTimeout = 5.seconds },
                                        )
                                        .collect {}
                                }
                            shouldTimeOut(e, Kind.IDLE, 5.seconds, 6_000)
                        }
                }
            }

            test(
                "chat stream idle: client 10 s, per call 30 s, a 20 s gap → completes at 21 s; without options the client's 10 s fails it"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream {
                                delay(1_000)
                                send(contentEvent("Hel"))
                                delay(20_000)
                                send(contentEvent("lo", finishReason = "stop"))
                                send(DONE_EVENT)
                            }
                        }
                    gateway
                        .client {
                            idleTimeout = 10.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            client.chat.completions
                                .stream(chatRequest, requestOptions { idleTimeout = 30.seconds })
                                .toCompletion()
                                .content shouldBe "Hello"
                            currentTime shouldBe 21_000
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.chat.completions.stream(chatRequest).collect {}
                                }
                            shouldTimeOut(e, Kind.IDLE, 10.seconds, 21_000 + 11_000)
                        }
                }
            }

            test(
                "responses stream: per call first event 3 s → FIRST_EVENT at 3 s; per call idle 40 s carries a 35 s gap"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            if (number == 1) stream { silence() }
                            else
                                stream {
                                    val wire = ResponsesWire()
                                    send(wire.created() + wire.textStart() + wire.delta("Hi"))
                                    delay(35_000)
                                    send(wire.completed("Hi"))
                                }
                        }
                    gateway
                        .client { maxRetries = 0 }
                        .use { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.responses
                                        .stream(
                                            responsesRequest(),
                                            requestOptions { firstEventTimeout = 3.seconds },
                                        )
                                        .collect {}
                                }
                            shouldTimeOut(e, Kind.FIRST_EVENT, 3.seconds, 3_000)
                            client.responses
                                .stream(
                                    responsesRequest(),
                                    requestOptions { idleTimeout = 40.seconds },
                                )
                                .toResponse()
                                .outputText shouldBe "Hi"
                            currentTime shouldBe 3_000 + 35_000
                        }
                }
            }
        }

        test(
            "retry waits of a per-call maxRetries run on the client's clock: 2 retries after 503s with Retry-After 7 s → the answer at 14 s"
        ) {
            runTest {
                val gateway =
                    VirtualGateway(this) {
                        if (number <= 2)
                            json(
                                503,
                                """{"error":{"message":"busy"}}""",
                                mapOf("retry-after" to "7"),
                            )
                        else json(200, completionJson("ok"))
                    }
                gateway
                    .client { maxRetries = 0 }
                    .use { client ->
                        client.chat.completions
                            .create(chatRequest, requestOptions { maxRetries = 2 })
                            .content shouldBe "ok"
                        gateway.requestTimes shouldBe listOf(0L, 7_000L, 14_000L)
                    }
            }
        }
    })
