package ai.auriko.client.responses

import ai.auriko.client.internal.ClientTime
import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.Redactor
import ai.auriko.client.internal.responses.ResponseStreamFormat
import ai.auriko.client.internal.stream.StreamDecoding
import ai.auriko.client.internal.stream.StreamMetricsRecorder
import ai.auriko.client.internal.stream.StreamTools
import ai.auriko.client.internal.stream.decode
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.ErrorClassifier
import ai.auriko.errors.MalformedResponseException
import ai.auriko.http.ResponseHeaders
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf

/** [ResponseStreamFormat]'s codec and end rules, fed SSE events as the generic core feeds them. */
class ResponseStreamFormatSpec :
    FunSpec({
        val redactor = Redactor("sk-test-secret-0000")
        fun decoding(): StreamDecoding<ResponseStreamEvent, Response> =
            ResponseStreamFormat.newDecoding(
                ResponseHeaders.empty(),
                StreamTools(ErrorResponses(ErrorClassifier.standard(), redactor), redactor),
                StreamMetricsRecorder(ClientTime.System),
            )

        /** Feeds events as StreamCall does: emitted items are accumulated. */
        fun StreamDecoding<ResponseStreamEvent, Response>.feed(
            events: List<Pair<String?, String>>
        ): List<ResponseStreamEvent> {
            val out = mutableListOf<ResponseStreamEvent>()
            for ((type, data) in events) {
                val item = decode(type, data)
                if (item != null) {
                    accumulate(item)
                    out += item
                } else if (ended) break
            }
            return out
        }

        test("the path") { ResponseStreamFormat.path shouldBe "/responses" }

        test("response.completed ends the stream; the result is complete") {
            val d = decoding()
            val items = d.feed(ResponseStreams.text)
            items.size shouldBe ResponseStreams.text.size
            d.ended shouldBe true
            d.incompleteReason().shouldBeNull()
            d.partial().outputText shouldBe "Hello, world"
            d.partial().status shouldBe "completed"
        }

        test("nothing after the terminal event is decoded; [DONE] after it is ignored") {
            val d = decoding()
            d.feed(ResponseStreams.functionCall)
            d.decode(null, "[DONE]").shouldBeNull()
            d.decode(
                    "response.output_text.delta",
                    """{"type":"response.output_text.delta","output_index":5,"delta":"late"}""",
                )
                .shouldBeNull()
            d.incompleteReason().shouldBeNull()
            d.partial().outputText shouldBe ""
        }

        test("response.incomplete completes normally, with status and details") {
            val d = decoding()
            d.feed(ResponseStreams.reasoning)
            d.ended shouldBe true
            d.incompleteReason().shouldBeNull()
            val r = d.partial()
            r.status shouldBe "incomplete"
            r.incompleteDetails!!.reason shouldBe "max_output_tokens"
            r.streamMetrics.shouldNotBeNull()
        }

        test("[DONE] before a terminal event does not end it; the body's end is an interruption") {
            val d = decoding()
            d.feed(ResponseStreams.text.take(5))
            d.decode(null, "[DONE]").shouldBeNull()
            d.ended shouldBe false
            d.incompleteReason()!! shouldContain "[DONE]"
            d.partial().outputText shouldBe "Hello"
        }

        test("a body that ends without a terminal event is interrupted") {
            decoding().incompleteReason()!! shouldContain "before any event"
            val d = decoding()
            d.feed(ResponseStreams.text.take(4))
            d.incompleteReason()!! shouldContain "4 events without a terminal event"
        }

        test("empty data is ignored") {
            val d = decoding()
            d.decode(null, "").shouldBeNull()
            d.decode("response.output_text.delta", "").shouldBeNull()
            d.ended shouldBe false
        }

        test("response.failed throws the classified exception with the partial response") {
            val d = decoding()
            d.feed(ResponseStreams.text.take(6))
            val e =
                shouldThrow<AurikoApiException> {
                    d.decode(
                        "response.failed",
                        """{"type":"response.failed","sequence_number":6,"response":{"id":"resp_1","status":"failed","model":"gpt-4.1","output":[],"error":{"code":"server_error","message":"The model crashed"}}}""",
                    )
                }
            e.isStreamError shouldBe true
            e.code() shouldBe "server_error"
            e.errorMessage() shouldBe "The model crashed"
            val partial = e.partialResponse.shouldNotBeNull()
            partial.status shouldBe "failed"
            partial.error!!.message shouldBe "The model crashed"
            partial.outputText shouldBe "Hello, world"
            d.ended shouldBe true
        }

        test("an error event throws the classified exception with the partial response") {
            val d = decoding()
            d.feed(ResponseStreams.text.take(5))
            val e =
                shouldThrow<AurikoApiException> {
                    d.decode(
                        "error",
                        """{"type":"error","sequence_number":5,"code":"rate_limit_exceeded","message":"Slow down","param":null}""",
                    )
                }
            e.code() shouldBe "rate_limit_exceeded"
            e.errorMessage() shouldBe "Slow down"
            e.partialResult(Response::class.java)!!.outputText shouldBe "Hello"
        }

        test("an error event with plain-text or nested data is still the server's error") {
            val plain =
                shouldThrow<AurikoApiException> {
                    decoding().decode("error", "upstream overloaded")
                }
            plain.isStreamError shouldBe true
            plain.errorMessage() shouldContain "upstream overloaded"
            val nested =
                shouldThrow<AurikoApiException> {
                    decoding()
                        .decode(
                            "error",
                            """{"type":"error","error":{"type":"invalid_request_error","code":"bad","message":"no"}}""",
                        )
                }
            nested.code() shouldBe "bad"
            nested.type() shouldBe "invalid_request_error"
            nested.errorMessage() shouldBe "no"
        }

        test("data that is not a JSON object is a malformed response, the key redacted") {
            val d = decoding()
            val e =
                shouldThrow<MalformedResponseException> {
                    d.decode(null, "not json sk-test-secret-0000")
                }
            (e.message ?: "").contains("sk-test-secret-0000") shouldBe false
            shouldThrow<MalformedResponseException> { decoding().decode(null, "[1,2]") }
        }

        test("a model field of the wrong shape is a malformed response") {
            shouldThrow<MalformedResponseException> {
                decoding()
                    .decode(
                        null,
                        """{"type":"response.completed","response":{"output":{"not":"a list"}}}""",
                    )
            }
        }

        test("unknown events are emitted, not failures") {
            val d = decoding()
            d.decode(null, """{"type":"response.audio.delta","delta":"AAA"}""")
                .shouldBeInstanceOf<ResponseStreamEvent.Unknown>()
            d.ended shouldBe false
        }

        test("text deltas count as text for time-to-first-token; lifecycle events do not") {
            val d = decoding()
            val items = ResponseStreams.reasoning.map { event(it.second, it.first) }
            items.filter { d.carriesText(it) }.map { it.type } shouldBe
                listOf(
                    "response.reasoning_summary_text.delta",
                    "response.reasoning_summary_text.delta",
                    "response.output_text.delta",
                )
        }

        test("a whole body (stream ignored) is the one terminal event") {
            val d = decoding()
            val item =
                d.decodeWholeBody(
                    """{"id":"resp_2","object":"response","status":"completed","output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hi"}]}]}"""
                )
            item.shouldBeInstanceOf<ResponseStreamEvent.Completed>()
            d.accumulate(item)
            d.partial().outputText shouldBe "Hi"
            d.incompleteReason().shouldBeNull()
            decoding()
                .decodeWholeBody("""{"id":"r","status":"incomplete","output":[]}""")
                .shouldBeInstanceOf<ResponseStreamEvent.Incomplete>()
        }

        test("a whole body with an error throws the classified exception") {
            val e =
                shouldThrow<AurikoApiException> {
                    decoding()
                        .decodeWholeBody(
                            """{"id":"r","status":"failed","output":[],"error":{"code":"server_error","message":"down"}}"""
                        )
                }
            e.errorMessage() shouldBe "down"
        }
    })
