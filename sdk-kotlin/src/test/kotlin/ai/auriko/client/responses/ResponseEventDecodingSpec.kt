package ai.auriko.client.responses

import ai.auriko.client.internal.WireJson
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/** Every Responses event type, item type and part type decoded from literal JSON. */
class ResponseEventDecodingSpec :
    FunSpec({
        val response =
            """{"id":"resp_1","object":"response","created_at":1741476542,"status":"in_progress","model":"gpt-4.1","output":[],"service_tier":"auto"}"""

        test("lifecycle events carry the response snapshot") {
            for (type in
                listOf(
                    "response.created",
                    "response.in_progress",
                    "response.completed",
                    "response.incomplete",
                    "response.failed",
                )) {
                val e = event("""{"type":"$type","sequence_number":3,"response":$response}""")
                e.type shouldBe type
                e.sequenceNumber shouldBe 3L
                val r = e.shouldBeInstanceOf<ResponseStreamEvent.Lifecycle>().response
                r.id shouldBe "resp_1"
                r.model shouldBe "gpt-4.1"
                r.status shouldBe "in_progress"
                r.createdAt shouldBe 1741476542.0
                // An unmodelled field stays reachable.
                r.json["service_tier"]!!.jsonPrimitive.content shouldBe "auto"
            }
            event("""{"type":"response.created","sequence_number":0,"response":$response}""")
                .shouldBeInstanceOf<ResponseStreamEvent.Created>()
            event("""{"type":"response.in_progress","response":$response}""")
                .shouldBeInstanceOf<ResponseStreamEvent.InProgress>()
                .sequenceNumber
                .shouldBeNull()
            event("""{"type":"response.completed","response":$response}""")
                .shouldBeInstanceOf<ResponseStreamEvent.Completed>()
            event("""{"type":"response.incomplete","response":$response}""")
                .shouldBeInstanceOf<ResponseStreamEvent.Incomplete>()
            event("""{"type":"response.failed","response":$response}""")
                .shouldBeInstanceOf<ResponseStreamEvent.Failed>()
        }

        test("output item events") {
            val added =
                event(
                        """{"type":"response.output_item.added","sequence_number":2,"output_index":1,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputItemAdded>()
            added.outputIndex shouldBe 1
            val message = added.item.shouldBeInstanceOf<ResponseOutputItem.Message>()
            message.id shouldBe "msg_1"
            message.role shouldBe "assistant"
            message.status shouldBe "in_progress"
            message.content shouldHaveSize 0

            val done =
                event(
                        """{"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi","annotations":[{"type":"url_citation","url":"https://example.com","start_index":0,"end_index":2}]},{"type":"refusal","refusal":"no"}]}}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputItemDone>()
            val m = done.item.shouldBeInstanceOf<ResponseOutputItem.Message>()
            val text = m.content[0].shouldBeInstanceOf<ResponseContentPart.OutputText>()
            text.text shouldBe "Hi"
            text.annotations shouldHaveSize 1
            text.annotations[0].jsonObject["url"]!!.jsonPrimitive.content shouldBe
                "https://example.com"
            m.content[1].shouldBeInstanceOf<ResponseContentPart.Refusal>().refusal shouldBe "no"
            m.outputText shouldBe "Hi"
        }

        test("function call and reasoning items") {
            val call =
                event(
                        """{"type":"response.output_item.done","output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"f","arguments":"{}","status":"completed"}}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputItemDone>()
                    .item
                    .shouldBeInstanceOf<ResponseOutputItem.FunctionCall>()
            call.id shouldBe "fc_1"
            call.callId shouldBe "call_1"
            call.name shouldBe "f"
            call.arguments shouldBe "{}"
            call.status shouldBe "completed"
            call.type shouldBe "function_call"

            val reasoning =
                event(
                        """{"type":"response.output_item.done","output_index":0,"item":{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"a"},{"type":"summary_text","text":"b"}],"encrypted_content":"gAAA"}}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputItemDone>()
                    .item
                    .shouldBeInstanceOf<ResponseOutputItem.Reasoning>()
            reasoning.summary.map { it.text } shouldBe listOf("a", "b")
            reasoning.summaryText shouldBe "a\n\nb"
            reasoning.encryptedContent shouldBe "gAAA"
        }

        test("content part events") {
            val added =
                event(
                        """{"type":"response.content_part.added","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":1,"part":{"type":"output_text","text":"","annotations":[]}}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.ContentPartAdded>()
            added.itemId shouldBe "msg_1"
            added.contentIndex shouldBe 1
            added.part.shouldBeInstanceOf<ResponseContentPart.OutputText>().text shouldBe ""
            event(
                    """{"type":"response.content_part.done","item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"refusal","refusal":"no"}}"""
                )
                .shouldBeInstanceOf<ResponseStreamEvent.ContentPartDone>()
                .part
                .shouldBeInstanceOf<ResponseContentPart.Refusal>()
        }

        test("text, refusal, argument and summary deltas and dones") {
            val d =
                event(
                        """{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":2,"content_index":1,"delta":"Hel","logprobs":[]}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputTextDelta>()
            d.sequenceNumber shouldBe 4L
            d.itemId shouldBe "msg_1"
            d.outputIndex shouldBe 2
            d.contentIndex shouldBe 1
            d.delta shouldBe "Hel"
            event(
                    """{"type":"response.output_text.done","item_id":"msg_1","output_index":0,"content_index":0,"text":"Hello"}"""
                )
                .shouldBeInstanceOf<ResponseStreamEvent.OutputTextDone>()
                .text shouldBe "Hello"
            event(
                    """{"type":"response.refusal.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"I can"}"""
                )
                .shouldBeInstanceOf<ResponseStreamEvent.RefusalDelta>()
                .delta shouldBe "I can"
            event(
                    """{"type":"response.refusal.done","item_id":"msg_1","output_index":0,"content_index":0,"refusal":"I cannot"}"""
                )
                .shouldBeInstanceOf<ResponseStreamEvent.RefusalDone>()
                .refusal shouldBe "I cannot"
            event(
                    """{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":"{\"a\""}"""
                )
                .shouldBeInstanceOf<ResponseStreamEvent.FunctionCallArgumentsDelta>()
                .delta shouldBe "{\"a\""
            val argsDone =
                event(
                        """{"type":"response.function_call_arguments.done","item_id":"fc_1","output_index":0,"name":"f","arguments":"{\"a\":1}"}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.FunctionCallArgumentsDone>()
            argsDone.arguments shouldBe "{\"a\":1}"
            argsDone.name shouldBe "f"
            val sd =
                event(
                        """{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":2,"delta":"th"}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.ReasoningSummaryTextDelta>()
            sd.summaryIndex shouldBe 2
            sd.delta shouldBe "th"
            event(
                    """{"type":"response.reasoning_summary_text.done","item_id":"rs_1","output_index":0,"summary_index":0,"text":"thought"}"""
                )
                .shouldBeInstanceOf<ResponseStreamEvent.ReasoningSummaryTextDone>()
                .text shouldBe "thought"
            event(
                    """{"type":"response.reasoning_summary_part.added","item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}"""
                )
                .shouldBeInstanceOf<ResponseStreamEvent.ReasoningSummaryPartAdded>()
            event(
                    """{"type":"response.reasoning_summary_part.done","item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"t"}}"""
                )
                .shouldBeInstanceOf<ResponseStreamEvent.ReasoningSummaryPartDone>()
                .part
                .text shouldBe "t"
        }

        test("error events, with the fields at the top level or in an error object") {
            val e =
                event(
                        """{"type":"error","sequence_number":7,"code":"rate_limit_exceeded","message":"slow down","param":null}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.ErrorEvent>()
            e.code shouldBe "rate_limit_exceeded"
            e.message shouldBe "slow down"
            e.param.shouldBeNull()
            e.sequenceNumber shouldBe 7L
            val nested =
                event("""{"type":"error","error":{"code":429,"message":"m"}}""")
                    .shouldBeInstanceOf<ResponseStreamEvent.ErrorEvent>()
            nested.code shouldBe "429"
            nested.message shouldBe "m"
        }

        test("the SSE event name is the fallback when the data has no type") {
            event("""{"delta":"x","output_index":0}""", "response.output_text.delta")
                .shouldBeInstanceOf<ResponseStreamEvent.OutputTextDelta>()
                .delta shouldBe "x"
            // The data's type wins over the event name.
            event("""{"type":"response.refusal.delta","delta":"x"}""", "response.output_text.delta")
                .shouldBeInstanceOf<ResponseStreamEvent.RefusalDelta>()
        }

        test("unknown event, item and part types are kept, never a failure") {
            val e =
                event(
                        """{"type":"response.web_search_call.searching","sequence_number":5,"output_index":0,"item_id":"ws_1"}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.Unknown>()
            e.type shouldBe "response.web_search_call.searching"
            e.sequenceNumber shouldBe 5L
            e.json["item_id"]!!.jsonPrimitive.content shouldBe "ws_1"

            val item =
                event(
                        """{"type":"response.output_item.added","output_index":0,"item":{"type":"web_search_call","id":"ws_1","status":"in_progress"}}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputItemAdded>()
                    .item
                    .shouldBeInstanceOf<ResponseOutputItem.Unknown>()
            item.type shouldBe "web_search_call"
            item.id shouldBe "ws_1"
            item.json["status"]!!.jsonPrimitive.content shouldBe "in_progress"

            val part =
                event(
                        """{"type":"response.content_part.added","output_index":0,"content_index":0,"part":{"type":"output_audio","data":"AAA"}}"""
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.ContentPartAdded>()
                    .part
                    .shouldBeInstanceOf<ResponseContentPart.Unknown>()
            part.type shouldBe "output_audio"
            part.json["data"]!!.jsonPrimitive.content shouldBe "AAA"
        }

        test("a whole response: usage, errors, incomplete details, routing metadata, outputText") {
            val text =
                """{"id":"resp_9","object":"response","created_at":1.5,"status":"incomplete","model":"m",
                   "output":[
                     {"type":"reasoning","id":"rs","summary":[]},
                     {"type":"message","id":"a","role":"assistant","content":[{"type":"output_text","text":"Hello, "},{"type":"refusal","refusal":"x"}]},
                     {"type":"image_generation_call","id":"ig","result":"..."},
                     {"type":"message","id":"b","role":"assistant","content":[{"type":"output_text","text":"world"}]}
                   ],
                   "usage":{"input_tokens":10,"input_tokens_details":{"cached_tokens":2},"output_tokens":20,"output_tokens_details":{"reasoning_tokens":7},"total_tokens":30},
                   "error":{"code":"server_error","message":"boom"},
                   "incomplete_details":{"reason":"max_output_tokens"},
                   "routing_metadata":{"provider":"anthropic","cost":{"usd":0.5}},
                   "future_field":{"x":1}}"""
            val r = WireJson.decodeFromString(Response.serializer(), text)
            r.outputText shouldBe "Hello, world"
            r.output.map { it.type } shouldBe
                listOf("reasoning", "message", "image_generation_call", "message")
            r.output[2].shouldBeInstanceOf<ResponseOutputItem.Unknown>()
            r.usage!!.inputTokens shouldBe 10L
            r.usage.cachedTokens shouldBe 2L
            r.usage.reasoningTokens shouldBe 7L
            r.usage.totalTokens shouldBe 30L
            r.error!!.code shouldBe "server_error"
            r.incompleteDetails!!.reason shouldBe "max_output_tokens"
            r.routingMetadata!!.provider shouldBe "anthropic"
            r.routingMetadata.cost!!.usd shouldBe java.math.BigDecimal("0.5")

            // Encoding writes each item's JSON back, so a round trip keeps unknown items whole.
            val again =
                WireJson.decodeFromString(
                    Response.serializer(),
                    WireJson.encodeToString(Response.serializer(), r),
                )
            again.output[2].json["result"]!!.jsonPrimitive.content shouldBe "..."
            again.outputText shouldBe "Hello, world"
        }
    })
