@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package ai.auriko.client

import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.VirtualGateway
import ai.auriko.client.testing.contentEvent
import ai.auriko.errors.AurikoException
import ai.auriko.errors.StreamLimitExceededException
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

class ClientCloseAndLimitsSpec :
    FunSpec({
        val request = chatCompletionRequestForReview()

        test(
            "chunks decoded in the same read as an over-long line are emitted and kept in the partial"
        ) {
            val first = contentEvent("first") // ~150 bytes
            val tooLong = "data: " + "x".repeat(400) + "\n\n"
            LoopbackServer { ex ->
                    ex.startStream()
                    ex.chunk(first + tooLong) // one network read
                    ex.awaitClientClose(5_000)
                }
                .use { server ->
                    val client = AurikoClient {
                        apiKey = "sk-test"
                        baseUrl = server.baseUrl
                        maxLineBytes = 300
                        maxRetries = 0
                    }
                    val seen = ArrayList<ChatCompletionChunk>()
                    val e =
                        runCatching {
                                client.chat.completions.stream(request).collect { seen += it }
                            }
                            .exceptionOrNull()
                    client.close()
                    e.shouldBeInstanceOf<StreamLimitExceededException>()
                    val partial = e.partialCompletion
                    // "first" arrived completely (its blank line came) before the bad line:
                    seen.size shouldBe 1
                    partial?.choices?.firstOrNull()?.message?.content shouldBe "first"
                }
        }

        test("an API key with an embedded control character is rejected without echoing it") {
            val key = "sk-live-SECRET123456\u0000"
            LoopbackServer { ex -> ex.respond(200, "{}") }
                .use { server ->
                    val e =
                        runCatching {
                                AurikoClient {
                                        apiKey = "$key tail"
                                        baseUrl = server.baseUrl
                                        maxRetries = 0
                                    }
                                    .use { it.chat.completions.create(request) }
                            }
                            .exceptionOrNull()
                    e.shouldBeInstanceOf<AurikoException>()
                    e.message!! shouldNotContain "SECRET123456"
                    server.requests.size shouldBe 0
                }
        }

        test(
            "closing the client mid-stream ends the stream at once with StreamInterruptedException and the partial"
        ) {
            LoopbackServer { ex ->
                    ex.startStream()
                    ex.chunk(contentEvent("first"))
                    ex.awaitClientClose(5_000)
                }
                .use { server ->
                    val client = AurikoClient {
                        apiKey = "sk-test"
                        baseUrl = server.baseUrl
                        maxRetries = 0
                    }
                    val got = CompletableDeferred<Unit>()
                    val outcome = coroutineScope {
                        val d = async {
                            runCatching {
                                    client.chat.completions.stream(request).collect {
                                        got.complete(Unit)
                                    }
                                }
                                .exceptionOrNull()
                        }
                        withTimeout(5.seconds) { got.await() }
                        client.close()
                        val r = kotlinx.coroutines.withTimeoutOrNull(3.seconds) { d.await() }
                        if (r == null && d.isActive) {
                            println("F6 collector still running 3 s after client.close()")
                            d.cancel()
                        }
                        r ?: IllegalStateException("hung")
                    }
                    val interrupted =
                        outcome.shouldBeInstanceOf<ai.auriko.errors.StreamInterruptedException>()
                    interrupted.partialCompletion!!.content shouldBe "first"
                }
        }

        test(
            "closing the client during a retry wait ends the call at once with IllegalStateException (virtual time)"
        ) {
            runTest {
                val gateway =
                    VirtualGateway(this) {
                        json(
                            503,
                            "{\"error\":{\"message\":\"busy\"}}",
                            mapOf("retry-after-ms" to "500"),
                        )
                    }
                val client = gateway.client { maxRetries = 2 }
                val call = async {
                    runCatching { client.chat.completions.create(request) }.exceptionOrNull()
                }
                delay(250) // virtual: halfway through the 500 ms wait
                client.close()
                val outcome = call.await()
                currentTime shouldBe 250 // ended at the close: did not sit out the wait
                outcome.shouldBeInstanceOf<IllegalStateException>().message shouldContain
                    "closed while waiting to retry"
                gateway.requestTimes shouldBe listOf(0L)
            }
        }
    })

private fun chatCompletionRequestForReview() =
    ai.auriko.request.chat.ChatCompletionRequest.builder()
        .model("m")
        .addMessage(ai.auriko.request.chat.ChatMessage.user("hi"))
        .build()
