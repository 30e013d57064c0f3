package ai.auriko.client.responses

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.map

/** [ResponseAccumulator] over realistic text, function-call and reasoning streams. */
class ResponseAccumulatorSpec :
    FunSpec({
        fun accumulate(stream: List<Pair<String, String>>, upTo: Int = stream.size) =
            ResponseAccumulator().apply {
                stream.take(upTo).forEach { add(event(it.second, it.first)) }
            }

        test("a text stream adds up to the final response") {
            val acc = accumulate(ResponseStreams.text)
            acc.isComplete shouldBe true
            acc.terminalType shouldBe "response.completed"
            acc.eventCount shouldBe ResponseStreams.text.size
            val r = acc.snapshot()
            r.id shouldBe "resp_1"
            r.status shouldBe "completed"
            r.outputText shouldBe "Hello, world"
            r.usage!!.inputTokens shouldBe 12L
            r.usage.cachedTokens shouldBe 4L
            r.usage.reasoningTokens shouldBe 0L
            r.usage.totalTokens shouldBe 15L
            r.routingMetadata!!.provider shouldBe "openai"
            r.json["model"].toString() shouldBe "\"gpt-4.1\""
        }

        test("a snapshot mid-stream is the partial response: deltas concatenated") {
            // created, in_progress, item added, part added, two deltas
            val r = accumulate(ResponseStreams.text, 6).snapshot()
            r.status shouldBe "in_progress"
            r.outputText shouldBe "Hello, world"
            val m = r.output.single().shouldBeInstanceOf<ResponseOutputItem.Message>()
            m.id shouldBe "msg_1"
            m.content.single().shouldBeInstanceOf<ResponseContentPart.OutputText>()
            accumulate(ResponseStreams.text, 5).snapshot().outputText shouldBe "Hello"
            accumulate(ResponseStreams.text, 0).snapshot().status.shouldBeNull()
        }

        test("deltas without an output_item.added still build a message") {
            val acc = ResponseAccumulator()
            acc.add(
                event(
                    """{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":"a"}"""
                )
            )
            acc.add(
                event(
                    """{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":"b"}"""
                )
            )
            acc.add(
                event(
                    """{"type":"response.refusal.delta","item_id":"m","output_index":0,"content_index":1,"delta":"no"}"""
                )
            )
            val r = acc.snapshot()
            r.outputText shouldBe "ab"
            val m = r.output.single().shouldBeInstanceOf<ResponseOutputItem.Message>()
            m.id shouldBe "m"
            m.content[1].shouldBeInstanceOf<ResponseContentPart.Refusal>().refusal shouldBe "no"
            acc.isComplete shouldBe false
        }

        test("a function-call stream joins the argument fragments") {
            val partial = accumulate(ResponseStreams.functionCall, 4).snapshot()
            val call = partial.functionCalls.single()
            call.arguments shouldBe "{\"city\":\"Paris\"}"
            call.callId shouldBe "call_1"
            call.name shouldBe "get_weather"
            accumulate(ResponseStreams.functionCall, 3)
                .snapshot()
                .functionCalls
                .single()
                .arguments shouldBe "{\"city\":"
            val r = accumulate(ResponseStreams.functionCall).snapshot()
            r.functionCalls.single().status shouldBe "completed"
            r.functionCalls.single().arguments shouldBe "{\"city\":\"Paris\"}"
            r.outputText shouldBe ""
        }

        test("a reasoning-summary stream, ending incomplete, keeps the assembled output") {
            val mid = accumulate(ResponseStreams.reasoning, 5).snapshot()
            mid.output
                .single()
                .shouldBeInstanceOf<ResponseOutputItem.Reasoning>()
                .summaryText shouldBe "**Thinking** about greetings"

            val acc = accumulate(ResponseStreams.reasoning)
            acc.terminalType shouldBe "response.incomplete"
            val r = acc.snapshot()
            r.status shouldBe "incomplete"
            r.incompleteDetails!!.reason shouldBe "max_output_tokens"
            r.usage!!.reasoningTokens shouldBe 60L
            // The terminal snapshot lists no output: the items the events built are the output.
            r.output shouldHaveSize 2
            val reasoning = r.output[0].shouldBeInstanceOf<ResponseOutputItem.Reasoning>()
            reasoning.summary.single().text shouldBe "**Thinking** about greetings"
            reasoning.encryptedContent shouldBe "gAAA"
            r.outputText shouldBe "Hi!"
        }

        test("a done event's whole text replaces the deltas") {
            val acc = ResponseAccumulator()
            acc.add(
                event(
                    """{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"garbled"}"""
                )
            )
            acc.add(
                event(
                    """{"type":"response.output_text.done","output_index":0,"content_index":0,"text":"clean"}"""
                )
            )
            acc.snapshot().outputText shouldBe "clean"
            acc.add(
                event(
                    """{"type":"response.function_call_arguments.delta","output_index":1,"delta":"{"}"""
                )
            )
            acc.add(
                event(
                    """{"type":"response.function_call_arguments.done","output_index":1,"name":"f","arguments":"{}"}"""
                )
            )
            val call = acc.snapshot().functionCalls.single()
            call.arguments shouldBe "{}"
            call.name shouldBe "f"
        }

        test("unknown events are counted and ignored; unknown items are kept in place") {
            val acc = ResponseAccumulator()
            acc.add(
                event(
                    """{"type":"response.output_item.added","output_index":0,"item":{"type":"web_search_call","id":"ws"}}"""
                )
            )
            acc.add(
                event(
                    """{"type":"response.web_search_call.completed","output_index":0,"item_id":"ws"}"""
                )
            )
            acc.add(
                event(
                    """{"type":"response.output_text.delta","output_index":1,"content_index":0,"delta":"x"}"""
                )
            )
            acc.eventCount shouldBe 3
            val r = acc.snapshot()
            r.output[0].shouldBeInstanceOf<ResponseOutputItem.Unknown>().type shouldBe
                "web_search_call"
            r.outputText shouldBe "x"
        }

        test("Flow.accumulate") {
            val r = ResponseStreams.text.asFlow().map { event(it.second, it.first) }.accumulate()
            r.outputText shouldBe "Hello, world"
        }
    })
