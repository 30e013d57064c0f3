package ai.auriko.client.responses

import ai.auriko.client.testing.MockClient
import ai.auriko.client.testing.ResponseWireFixtures
import ai.auriko.client.testing.WireFixture
import ai.auriko.request.responses.ResponseRequest
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.writeFully
import kotlin.random.Random
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

/**
 * Every Responses wire recording (test-support, `fixtures/responses/`) through the public endpoint
 * on a MockEngine client: `client.responses.stream(request)` collected as a Flow — the events the
 * collector receives, then [ResponseStream.response], [ResponseStream.usage],
 * [ResponseStream.routingMetadata] and [ResponseStream.responseHeaders] — and `toResponse()` on a
 * second collection, with the body written whole, one byte per write and in seeded random pieces;
 * the HTTP error and whole-JSON recordings also through `create`. Checked against each recording's
 * `expect`.
 */
class ResponseRecordingsFlowSpec :
    FunSpec({
        for (fixture in ResponseWireFixtures.all) {
            for (delivery in Pieces.of(fixture)) {
                test("stream: ${fixture.name} (${delivery.label})") {
                    coroutineScope {
                        MockClient(
                                { respondInPieces(fixture, delivery, this@coroutineScope) },
                                { maxRetries = 0 },
                            )
                            .use { mock -> streamRun(fixture, mock) }
                    }
                }
            }
            if (fixture.name.startsWith("http-") || fixture.name == "json-body") {
                test("create: ${fixture.name}") {
                    coroutineScope {
                        MockClient(
                                { respondInPieces(fixture, Pieces.WHOLE, this@coroutineScope) },
                                { maxRetries = 0 },
                            )
                            .use { mock ->
                                val result = runCatching {
                                    mock.client.responses.create(recordingRequest())
                                }
                                when (fixture.expectedOutcome()) {
                                    "complete" -> {
                                        val response = result.getOrThrow()
                                        checkResponseComplete(
                                            fixture,
                                            response,
                                            null,
                                            response.responseHeaders,
                                        )
                                    }
                                    else ->
                                        checkResponseError(
                                            fixture,
                                            result.exceptionOrNull().shouldNotBeNull(),
                                            null,
                                        )
                                }
                            }
                    }
                }
            }
        }
    })

private suspend fun streamRun(fixture: WireFixture, mock: MockClient) {
    val stream = mock.client.responses.stream(recordingRequest())
    val events = mutableListOf<ResponseStreamEvent>()
    val failure = runCatching { stream.collect { events += it } }.exceptionOrNull()
    when (fixture.expectedOutcome()) {
        "complete" -> {
            withClue("stream failed: $failure") { failure shouldBe null }
            val headers = stream.responseHeaders.shouldNotBeNull()
            val response = stream.response.shouldNotBeNull()
            checkResponseComplete(fixture, response, events, headers)
            checkUsageAndRouting(fixture, stream.usage, stream.routingMetadata)
            response.streamMetrics.shouldNotBeNull()
            stream.metrics.shouldNotBeNull()
            // A second collection, a second request: the same result.
            val again = stream.toResponse()
            checkResponseComplete(fixture, again, null, stream.responseHeaders.shouldNotBeNull())
            mock.requests.size shouldBe 2
        }
        else -> {
            checkResponseError(fixture, failure.shouldNotBeNull(), events)
            withClue("no result after a failure") { stream.response.shouldBeNull() }
            val again = runCatching { stream.toResponse() }.exceptionOrNull()
            checkResponseError(fixture, again.shouldNotBeNull(), null)
        }
    }
}

internal fun recordingRequest(): ResponseRequest =
    ResponseRequest.builder().model("gpt-4.1").input("Hello").build()

/** How a recording's body is written: in pieces that end at [cuts] (none: whole). */
internal class Pieces(val label: String, val cuts: IntArray) {
    companion object {
        val WHOLE = Pieces("whole", IntArray(0))

        private const val RANDOM_ROUNDS = 3
        private const val MAX_PIECES = 40

        /** Whole, one byte per write, and [RANDOM_ROUNDS] seeded random splits. */
        fun of(fixture: WireFixture): List<Pieces> {
            val size = fixture.body.size
            val random = Random(fixture.name.hashCode())
            val splits =
                (1..RANDOM_ROUNDS).map { round ->
                    val n = 1 + random.nextInt(minOf(MAX_PIECES, size))
                    Pieces(
                        "random split $round",
                        IntArray(n) { random.nextInt(size + 1) }.sorted().toIntArray(),
                    )
                }
            return listOf(WHOLE, Pieces("one byte per write", IntArray(size) { it })) + splits
        }
    }
}

/** Answers with [fixture]'s status, headers and body, the body written in [pieces]. */
internal fun MockRequestHandleScope.respondInPieces(
    fixture: WireFixture,
    pieces: Pieces,
    scope: CoroutineScope,
): HttpResponseData {
    val headers = headersOf(*fixture.headers.map { (k, v) -> k to listOf(v) }.toTypedArray())
    val body = fixture.body
    val channel: ByteReadChannel =
        if (pieces.cuts.isEmpty()) ByteReadChannel(body)
        else {
            val ch = ByteChannel()
            scope.launch(Dispatchers.Unconfined) {
                var start = 0
                for (end in pieces.cuts.toList() + body.size) {
                    if (end <= start) continue
                    ch.writeFully(body, start, end)
                    ch.flush()
                    start = end
                }
                ch.flushAndClose()
            }
            ch
        }
    return respond(channel, HttpStatusCode.fromValue(fixture.status), headers)
}
