package ai.auriko.client

import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.chat.stream.ChatCompletionStream
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.testing.MockClient
import ai.auriko.errors.ServiceUnavailableException
import ai.auriko.http.ResponseHeaders
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.writeFully
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/**
 * Several collections of ONE [ChatCompletionStream], as its KDoc promises: `completion`, `usage`,
 * `routingMetadata` and `finishReasons` describe the latest collection to complete normally (so
 * usage and routing metadata never come from two answers), `responseHeaders` the latest to start,
 * `metrics` the latest to end. A MockEngine answers each request from a script whose body the test
 * writes piece by piece; the order is set with deferreds and channels, never with sleeps.
 */
class StreamCollectionsSpec :
    FunSpec({
        test(
            "two concurrent collections: each toCompletion() gets its own answer; afterwards usage and routing metadata both come from the later-completing one"
        ) {
            val a = Answer("req_A")
            val b = Answer("req_B")
            withScripts(a, b) { stream ->
                coroutineScope {
                    val first = async { stream.toCompletion() }
                    a.headers.await()
                    stream.responseHeaders.shouldNotBeNull().requestId() shouldBe "req_A"

                    // B has started (its request arrived) but its response has not: the latest
                    // started collection has no response headers yet.
                    b.release = CompletableDeferred()
                    val second = async { stream.toCompletion() }
                    b.arrived.await()
                    stream.responseHeaders.shouldBeNull()
                    b.release.complete(Unit)
                    b.headers.await()
                    stream.responseHeaders.shouldNotBeNull().requestId() shouldBe "req_B"

                    // A is half-way: nothing has completed yet.
                    a.send(content("A1"), content("A2"))
                    stream.completion.shouldBeNull()
                    stream.usage.shouldBeNull()
                    stream.routingMetadata.shouldBeNull()
                    stream.metrics.shouldBeNull()

                    // B completes first.
                    b.send(content("B"), finish(), usage(20, 2), routing("provider-B"), DONE)
                    b.end()
                    val bAnswer = second.await()
                    bAnswer.content shouldBe "B"
                    bAnswer.usage.shouldNotBeNull().promptTokens shouldBe 20L
                    bAnswer.routingMetadata.shouldNotBeNull().provider shouldBe "provider-B"
                    stream.completion shouldBeSameInstanceAs bAnswer
                    stream.usage.shouldNotBeNull().promptTokens shouldBe 20L
                    stream.routingMetadata.shouldNotBeNull().provider shouldBe "provider-B"
                    stream.metrics.shouldNotBeNull().chunkCount shouldBe 4
                    first.isActive shouldBe true

                    // Then A, which sent more chunks.
                    a.send(content("A3"), finish(), usage(10, 3), routing("provider-A"), DONE)
                    a.end()
                    val aAnswer = first.await()
                    aAnswer.content shouldBe "A1A2A3"
                    aAnswer.usage.shouldNotBeNull().promptTokens shouldBe 10L
                    aAnswer.routingMetadata.shouldNotBeNull().provider shouldBe "provider-A"

                    // Afterwards: the later-completing answer, all of it from that one answer.
                    stream.completion shouldBeSameInstanceAs aAnswer
                    stream.completion.shouldNotBeNull().content shouldBe "A1A2A3"
                    stream.usage.shouldNotBeNull().promptTokens shouldBe 10L
                    stream.usage.shouldNotBeNull().completionTokens shouldBe 3L
                    stream.routingMetadata.shouldNotBeNull().provider shouldBe "provider-A"
                    stream.finishReasons shouldBe mapOf(0 to "stop")
                    // responseHeaders: the latest to START (B), though A ended later.
                    stream.responseHeaders.shouldNotBeNull().requestId() shouldBe "req_B"
                    // metrics: the latest to END (A, 6 chunks).
                    stream.metrics.shouldNotBeNull().chunkCount shouldBe 6
                }
            }
        }

        test(
            "while a second collection runs, even past its usage and routing chunks, completion, usage and routing metadata still show the first"
        ) {
            val a = Answer("req_A")
            val b = Answer("req_B")
            withScripts(a, b) { stream ->
                coroutineScope {
                    val first = async { stream.toCompletion() }
                    a.headers.await()
                    a.send(content("first"), finish(), usage(10, 1), routing("provider-A"), DONE)
                    a.end()
                    val aAnswer = first.await()
                    stream.completion shouldBeSameInstanceAs aAnswer

                    val seen = Channel<ChatCompletionChunk>(Channel.UNLIMITED)
                    val second = launch { stream.collect { seen.send(it) } }
                    b.headers.await()
                    b.send(
                        content("sec"),
                        content("ond"),
                        finish(),
                        usage(20, 2),
                        routing("provider-B"),
                    )
                    // The collector has had all five, usage and routing metadata included.
                    repeat(5) { seen.receive() }
                    stream.responseHeaders.shouldNotBeNull().requestId() shouldBe "req_B"
                    stream.completion shouldBeSameInstanceAs aAnswer
                    stream.usage.shouldNotBeNull().promptTokens shouldBe 10L
                    stream.routingMetadata.shouldNotBeNull().provider shouldBe "provider-A"
                    stream.finishReasons shouldBe mapOf(0 to "stop")
                    stream.metrics.shouldNotBeNull().chunkCount shouldBe 4 // A's; B has not ended

                    b.send(DONE)
                    b.end()
                    second.join()
                    stream.completion.shouldNotBeNull().content shouldBe "second"
                    stream.usage.shouldNotBeNull().promptTokens shouldBe 20L
                    stream.routingMetadata.shouldNotBeNull().provider shouldBe "provider-B"
                    stream.metrics.shouldNotBeNull().chunkCount shouldBe 5
                }
            }
        }

        test(
            "a failing collection leaves completion, usage, routing metadata and finish reasons unchanged; headers and metrics are its own"
        ) {
            val a = Answer("req_A")
            val c = Answer("req_C")
            withScripts(a, c) { stream ->
                coroutineScope {
                    val first = async { stream.toCompletion() }
                    a.headers.await()
                    a.send(
                        content("ok"),
                        content("!"),
                        finish(),
                        usage(10, 2),
                        routing("provider-A"),
                        DONE,
                    )
                    a.end()
                    val aAnswer = first.await()
                    stream.metrics.shouldNotBeNull().chunkCount shouldBe 5

                    val failed = async { runCatching { stream.toCompletion() }.exceptionOrNull() }
                    c.headers.await()
                    c.send(
                        content("partial"),
                        usage(99, 9),
                        routing("provider-C"),
                        "event: error\ndata: {\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}\n\n",
                    )
                    c.end()
                    val e = failed.await().shouldBeInstanceOf<ServiceUnavailableException>()
                    e.isStreamError shouldBe true
                    e.partialCompletion
                        .shouldNotBeNull()
                        .usage
                        .shouldNotBeNull()
                        .promptTokens shouldBe 99L

                    stream.completion shouldBeSameInstanceAs aAnswer
                    stream.usage.shouldNotBeNull().promptTokens shouldBe 10L
                    stream.routingMetadata.shouldNotBeNull().provider shouldBe "provider-A"
                    stream.finishReasons shouldBe mapOf(0 to "stop")
                    stream.responseHeaders.shouldNotBeNull().requestId() shouldBe "req_C"
                    stream.metrics.shouldNotBeNull().chunkCount shouldBe 3
                }
            }
        }
    })

/**
 * One scripted answer: its request id, and a body the test writes piece by piece. [arrived]
 * completes when its request reached the engine, [headers] when the client has its response
 * headers; the engine answers once [release] completes (at once unless a test replaces it).
 */
private class Answer(val requestId: String) {
    val body = ByteChannel()
    val arrived = CompletableDeferred<Unit>()
    val headers = CompletableDeferred<ResponseHeaders>()
    @Volatile var release: CompletableDeferred<Unit> = CompletableDeferred(Unit)

    suspend fun send(vararg events: String) {
        for (event in events) body.writeFully(event.toByteArray())
        body.flush()
    }

    suspend fun end() {
        body.flushAndClose()
    }
}

/**
 * A stream on a MockEngine that answers its n-th request with [answers]`[n]` (event stream, the
 * answer's `x-request-id`), under a bounded time.
 */
private suspend fun withScripts(
    vararg answers: Answer,
    block: suspend (ChatCompletionStream) -> Unit,
) {
    val arrivals = AtomicInteger()
    val byId = ConcurrentHashMap(answers.associateBy { it.requestId })
    val listener =
        object : AurikoEventListener() {
            override fun responseHeaders(call: AurikoCall, status: Int, headers: ResponseHeaders) {
                byId[headers.requestId()]?.headers?.complete(headers)
            }
        }
    MockClient(
            { _ ->
                val answer = answers[arrivals.getAndIncrement()]
                answer.arrived.complete(Unit)
                answer.release.await()
                respond(
                    answer.body,
                    HttpStatusCode.OK,
                    headersOf(
                        "content-type" to listOf("text/event-stream"),
                        "x-request-id" to listOf(answer.requestId),
                    ),
                )
            },
            {
                maxRetries = 0
                eventListener = listener
            },
        )
        .use { mock ->
            withTimeout(30_000) { block(mock.client.chat.completions.stream(fixtureRequest())) }
        }
}

private const val DONE = "data: [DONE]\n\n"

private fun chunk(fields: String) =
    "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",$fields}\n\n"

private fun content(text: String) =
    chunk("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"$text\"},\"finish_reason\":null}]")

private fun finish() = chunk("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]")

private fun usage(prompt: Int, completion: Int) =
    chunk(
        "\"choices\":[],\"usage\":{\"prompt_tokens\":$prompt,\"completion_tokens\":$completion,\"total_tokens\":${prompt + completion}}"
    )

private fun routing(provider: String) =
    chunk("\"choices\":[],\"routing_metadata\":{\"provider\":\"$provider\"}")
