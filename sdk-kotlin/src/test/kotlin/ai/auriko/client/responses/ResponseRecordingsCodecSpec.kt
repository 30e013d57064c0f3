package ai.auriko.client.responses

import ai.auriko.client.internal.ClientTime
import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.Redactor
import ai.auriko.client.internal.responses.ResponseStreamFormat
import ai.auriko.client.internal.stream.StreamMetricsRecorder
import ai.auriko.client.internal.stream.StreamTools
import ai.auriko.client.internal.stream.decode
import ai.auriko.client.testing.ResponseWireFixtures
import ai.auriko.client.testing.WireFixture
import ai.auriko.errors.AurikoException
import ai.auriko.errors.ErrorClassifier
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import ai.auriko.sse.SseDecoder
import ai.auriko.sse.SseListener
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import kotlin.random.Random
import kotlinx.coroutines.flow.asFlow

/**
 * Every Responses wire recording (test-support, `fixtures/responses/`) through the codec and the
 * accumulator as the streaming core drives them: bytes → [SseDecoder] → [ResponseStreamFormat]'s
 * decoding (codec, end rule, accumulator) → the events a caller receives, with the body delivered
 * whole, one byte per read and split at random points (seeded). HTTP error statuses, which never
 * reach the codec, go through the client's error mapping. Each run is checked against the
 * recording's `expect`; for a complete stream, the public [ResponseAccumulator] over the received
 * events must agree.
 */
class ResponseRecordingsCodecSpec :
    FunSpec({
        test("the recordings are there") {
            withClue(ResponseWireFixtures.dir) {
                (ResponseWireFixtures.all.size >= 20) shouldBe true
            }
        }

        for (fixture in ResponseWireFixtures.all) {
            test("codec: ${fixture.name} (whole)") {
                checkRun(fixture, CodecRun.run(fixture, intArrayOf()), "whole")
            }
            test("codec: ${fixture.name} (one byte per read)") {
                val everyByte = IntArray(fixture.body.size) { it }
                checkRun(fixture, CodecRun.run(fixture, everyByte), "one byte per read")
            }
            test("codec: ${fixture.name} (random splits)") {
                val random = Random(fixture.name.hashCode())
                repeat(SPLIT_ROUNDS) {
                    val pieces = 1 + random.nextInt(minOf(MAX_PIECES, fixture.body.size))
                    val cuts = IntArray(pieces) { random.nextInt(fixture.body.size + 1) }.sorted()
                    checkRun(fixture, CodecRun.run(fixture, cuts.toIntArray()), "split at $cuts")
                }
            }
        }
    })

private const val SPLIT_ROUNDS = 40
private const val MAX_PIECES = 40

private suspend fun checkRun(fixture: WireFixture, run: CodecRun, how: String) {
    withClue("${fixture.name}, $how") {
        when (fixture.expectedOutcome()) {
            "complete" -> {
                withClue("failed: ${run.failure}") { run.failure shouldBe null }
                val result = run.result.shouldNotBeNull()
                checkResponseComplete(fixture, result, run.events, run.headers)
                result.streamMetrics.shouldNotBeNull()
                // The public accumulator over the same events makes the same response.
                val alone = run.events.asFlow().accumulate()
                withClue("the public accumulator") {
                    checkResponseComplete(
                        fixture,
                        alone.also { it.responseHeaders = run.headers },
                        run.events,
                        run.headers,
                    )
                }
            }
            else -> checkResponseError(fixture, run.failure.shouldNotBeNull(), run.events)
        }
    }
}

/**
 * One run of a recording through the codec, fed as [ai.auriko.client.internal.stream.StreamCall]
 * feeds it: the events decoded from each read are handled in order, each emitted item accumulated
 * first; the stream ends at the codec's terminal event, or at the body's end, where the end rule
 * decides between a result and an interruption.
 */
internal class CodecRun
private constructor(
    val headers: ResponseHeaders,
    val events: List<ResponseStreamEvent>,
    val result: Response?,
    val failure: AurikoException?,
) {
    companion object {
        private val redactor = Redactor("sk-test-secret-0000")
        private val errors = ErrorResponses(ErrorClassifier.standard(), redactor)

        /** Runs [fixture] with its body delivered in reads that end at each of [cuts]. */
        fun run(fixture: WireFixture, cuts: IntArray): CodecRun {
            val headers = ResponseHeaders.ofSingle(fixture.headers)
            if (fixture.status !in 200..299) {
                val failure =
                    errors.fromStatus(fixture.status, headers, String(fixture.body, Charsets.UTF_8))
                return CodecRun(headers, emptyList(), null, failure)
            }
            val decoding =
                ResponseStreamFormat.newDecoding(
                    headers,
                    StreamTools(errors, redactor),
                    StreamMetricsRecorder(ClientTime.System),
                )
            val events = mutableListOf<ResponseStreamEvent>()
            fun emit(event: ResponseStreamEvent) {
                decoding.accumulate(event)
                events += event
            }
            try {
                if (headers.get("content-type").orEmpty().startsWith("application/json")) {
                    emit(decoding.decodeWholeBody(String(fixture.body, Charsets.UTF_8)))
                    return CodecRun(headers, events, decoding.partial(), null)
                }
                val pending = mutableListOf<Pair<String?, String>>()
                val decoder =
                    SseDecoder(
                        object : SseListener {
                            override fun onEvent(id: String?, type: String?, data: String) {
                                pending += type to data
                            }
                        }
                    )
                val body = fixture.body
                var start = 0
                for (end in cuts.toList() + body.size) {
                    if (end <= start) continue // the transport delivers no empty reads
                    decoder.feed(body, start, end - start)
                    start = end
                    for ((type, data) in pending) {
                        val item = decoding.decode(type, data)
                        // A terminal event is itself an item: it reaches the caller, then the
                        // stream ends.
                        if (item != null) emit(item)
                        if (decoding.ended)
                            return CodecRun(headers, events, decoding.partial(), null)
                    }
                    pending.clear()
                }
                decoder.finish()
                decoding.incompleteReason()?.let { reason ->
                    throw SdkExceptions.interrupted(
                        reason,
                        null,
                        headers.requestId(),
                        decoding.partial(),
                    )
                }
                return CodecRun(headers, events, decoding.partial(), null)
            } catch (e: AurikoException) {
                return CodecRun(headers, events, null, e)
            }
        }
    }
}
