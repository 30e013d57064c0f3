package ai.auriko.testing

import ai.auriko.client.responses.ResponseContentPart
import ai.auriko.client.responses.ResponseOutputItem
import ai.auriko.testing.ResponsesWire.Event
import ai.auriko.testing.ResponsesWire.long
import ai.auriko.testing.ResponsesWire.string
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject

/** One way to run the fake gateway. */
private class ResponsesMode(val name: String, val create: () -> FakeGateway) {
    override fun toString() = name
}

private val responsesModes =
    listOf(
        ResponsesMode("in memory") { InMemoryGateway() },
        ResponsesMode("loopback") { LoopbackGateway() },
    )

/** A streamed Responses request for `gpt-4.1`. */
private const val STREAM_REQUEST = """{"model":"gpt-4.1","input":"Say hello","stream":true}"""

/** The same request, not streamed. */
private const val CREATE_REQUEST = """{"model":"gpt-4.1","input":"Say hello"}"""

/**
 * The fake gateway answers `POST /v1/responses` from the same scripts as chat, in the Responses
 * API's wire format: real requests, raw HTTP (Ktor's client on the in-memory engine, and
 * `HttpURLConnection` on the loopback socket), the body read back with the SDK's SSE decoder and
 * Responses model (see [ResponsesWire] for why the stream events are checked as JSON).
 */
class ResponsesGatewaySpec :
    FunSpec({
        for (mode in responsesModes) {
            suspend fun withGateway(block: suspend (FakeGateway) -> Unit) {
                mode.create().use { gateway -> withTimeout(20.seconds) { block(gateway) } }
            }

            /** The types of [events], in order. */
            fun types(events: List<Event>) = events.map { it.type }

            context(mode.name) {
                test(
                    "text streams as a message item, a delta per fragment, then response.completed"
                ) {
                    withGateway { gateway ->
                        gateway.enqueue {
                            content("Hel", "lo, ", "world")
                            usage(12, 3, cachedTokens = 4)
                            requestId("req_responses_1")
                        }
                        val reply = ResponsesWire.post(gateway, STREAM_REQUEST)
                        reply.status shouldBe 200
                        reply.header("content-type")!! shouldStartWith "text/event-stream"
                        reply.header("x-request-id") shouldBe "req_responses_1"
                        reply.cut.shouldBeFalse()
                        val events = ResponsesWire.events(reply.body)
                        types(events) shouldContainExactly
                            listOf(
                                "response.created",
                                "response.in_progress",
                                "response.output_item.added",
                                "response.content_part.added",
                                "response.output_text.delta",
                                "response.output_text.delta",
                                "response.output_text.delta",
                                "response.output_text.done",
                                "response.content_part.done",
                                "response.output_item.done",
                                "response.completed",
                            )
                        val assembled = ResponsesWire.assemble(events)
                        assembled.deltas[0].toString() shouldBe "Hello, world"
                        assembled.doneTexts[0] shouldBe "Hello, world"
                        events
                            .filter { it.type == "response.output_text.delta" }
                            .map { it.data.string("delta") } shouldContainExactly
                            listOf("Hel", "lo, ", "world")

                        val added = assembled.added[0]!!
                        added.string("type") shouldBe "message"
                        added.string("id")!! shouldStartWith "msg_"
                        added.string("status") shouldBe "in_progress"
                        added.string("role") shouldBe "assistant"
                        added["content"]!!.jsonArray.shouldBeEmpty()
                        val partAdded = events[3].data
                        partAdded.long("content_index") shouldBe 0
                        partAdded["part"] shouldBe
                            Json.parseToJsonElement(
                                """{"type":"output_text","text":"","annotations":[]}"""
                            )
                        events[8].data["part"]!!.jsonObject.string("text") shouldBe "Hello, world"

                        // the snapshots, read by the SDK's model
                        for (snapshot in events.take(2)) {
                            val r = ResponsesWire.response(snapshot.data["response"]!!.jsonObject)
                            r.status shouldBe "in_progress"
                            r.output.shouldBeEmpty()
                            r.id shouldBe "resp_fake_1"
                        }
                        val final =
                            ResponsesWire.response(events.last().data["response"]!!.jsonObject)
                        final.id shouldBe "resp_fake_1"
                        final.objectType shouldBe "response"
                        final.status shouldBe "completed"
                        final.model shouldBe "gpt-4.1"
                        final.createdAt.shouldNotBeNull()
                        final.outputText shouldBe "Hello, world"
                        val message =
                            final.output.single().shouldBeInstanceOf<ResponseOutputItem.Message>()
                        message.status shouldBe "completed"
                        message.id shouldBe added.string("id")
                        message.content
                            .single()
                            .shouldBeInstanceOf<ResponseContentPart.OutputText>()
                            .text shouldBe "Hello, world"
                        val usage = final.usage.shouldNotBeNull()
                        usage.inputTokens shouldBe 12L
                        usage.outputTokens shouldBe 3L
                        usage.totalTokens shouldBe 15L
                        usage.cachedTokens shouldBe 4L
                        usage.reasoningTokens shouldBe 0L
                        final.routingMetadata.shouldBeNull()
                        final.incompleteDetails.shouldBeNull()
                        // the item as done is the item in the final response
                        assembled.done[0] shouldBe
                            events.last().data["response"]!!.jsonObject["output"]!!.jsonArray[0]
                    }
                }

                test("reasoning streams first as a reasoning item's summary, then the message") {
                    withGateway { gateway ->
                        gateway.enqueue {
                            reasoning("Think", "ing it over")
                            content("Hi", "!")
                            usage(5, 9, reasoningTokens = 6)
                        }
                        val events =
                            ResponsesWire.events(ResponsesWire.post(gateway, STREAM_REQUEST).body)
                        types(events) shouldContainExactly
                            listOf(
                                "response.created",
                                "response.in_progress",
                                "response.output_item.added",
                                "response.reasoning_summary_part.added",
                                "response.reasoning_summary_text.delta",
                                "response.reasoning_summary_text.delta",
                                "response.reasoning_summary_text.done",
                                "response.reasoning_summary_part.done",
                                "response.output_item.done",
                                "response.output_item.added",
                                "response.content_part.added",
                                "response.output_text.delta",
                                "response.output_text.delta",
                                "response.output_text.done",
                                "response.content_part.done",
                                "response.output_item.done",
                                "response.completed",
                            )
                        val assembled = ResponsesWire.assemble(events)
                        assembled.added[0]!!.string("type") shouldBe "reasoning"
                        assembled.added[0]!!.string("id")!! shouldStartWith "rs_"
                        assembled.deltas[0].toString() shouldBe "Thinking it over"
                        assembled.doneTexts[0] shouldBe "Thinking it over"
                        events[4].data.long("summary_index") shouldBe 0
                        events[7].data["part"] shouldBe
                            Json.parseToJsonElement(
                                """{"type":"summary_text","text":"Thinking it over"}"""
                            )
                        assembled.deltas[1].toString() shouldBe "Hi!"

                        val final =
                            ResponsesWire.response(events.last().data["response"]!!.jsonObject)
                        final.output.size shouldBe 2
                        final.output[0]
                            .shouldBeInstanceOf<ResponseOutputItem.Reasoning>()
                            .summaryText shouldBe "Thinking it over"
                        final.outputText shouldBe "Hi!"
                        final.usage!!.reasoningTokens shouldBe 6L
                        final.usage!!.outputTokens shouldBe 9L
                    }
                }

                test("a tool call streams as a function_call item with its argument fragments") {
                    withGateway { gateway ->
                        gateway.enqueue {
                            toolCall("call_weather_1", "get_weather", "{\"city\":", "\"Paris\"}")
                        }
                        val events =
                            ResponsesWire.events(ResponsesWire.post(gateway, STREAM_REQUEST).body)
                        types(events) shouldContainExactly
                            listOf(
                                "response.created",
                                "response.in_progress",
                                "response.output_item.added",
                                "response.function_call_arguments.delta",
                                "response.function_call_arguments.delta",
                                "response.function_call_arguments.done",
                                "response.output_item.done",
                                "response.completed",
                            )
                        val assembled = ResponsesWire.assemble(events)
                        val added = assembled.added[0]!!
                        added.string("type") shouldBe "function_call"
                        added.string("id")!! shouldStartWith "fc_"
                        added.string("call_id") shouldBe "call_weather_1"
                        added.string("name") shouldBe "get_weather"
                        added.string("arguments") shouldBe ""
                        added.string("status") shouldBe "in_progress"
                        assembled.deltas[0].toString() shouldBe "{\"city\":\"Paris\"}"
                        assembled.doneTexts[0] shouldBe "{\"city\":\"Paris\"}"

                        val final =
                            ResponsesWire.response(events.last().data["response"]!!.jsonObject)
                        final.status shouldBe "completed"
                        final.outputText shouldBe ""
                        val call = final.functionCalls.single()
                        call.callId shouldBe "call_weather_1"
                        call.name shouldBe "get_weather"
                        call.arguments shouldBe "{\"city\":\"Paris\"}"
                        call.status shouldBe "completed"
                        call.id shouldBe added.string("id")
                    }
                }

                test("parallel calls stream side by side; calls one after another, one by one") {
                    withGateway { gateway ->
                        gateway.enqueue {
                            parallelToolCalls(
                                listOf("call_a", "get_weather", "{\"city\":", "\"Oslo\"}"),
                                listOf("call_b", "get_time", "{\"tz\":", "\"CET\"}"),
                            )
                        }
                        val parallel =
                            ResponsesWire.events(ResponsesWire.post(gateway, STREAM_REQUEST).body)
                        types(parallel).drop(2) shouldContainExactly
                            listOf(
                                "response.output_item.added",
                                "response.output_item.added",
                                "response.function_call_arguments.delta",
                                "response.function_call_arguments.delta",
                                "response.function_call_arguments.delta",
                                "response.function_call_arguments.delta",
                                "response.function_call_arguments.done",
                                "response.output_item.done",
                                "response.function_call_arguments.done",
                                "response.output_item.done",
                                "response.completed",
                            )
                        parallel
                            .filter { it.type == "response.function_call_arguments.delta" }
                            .map { it.data.long("output_index") } shouldContainExactly
                            listOf(0L, 1L, 0L, 1L)
                        val assembled = ResponsesWire.assemble(parallel)
                        assembled.deltas.mapValues { it.value.toString() } shouldBe
                            mapOf(0 to "{\"city\":\"Oslo\"}", 1 to "{\"tz\":\"CET\"}")
                        ResponsesWire.response(parallel.last().data["response"]!!.jsonObject)
                            .functionCalls
                            .map { it.callId to it.arguments } shouldContainExactly
                            listOf(
                                "call_a" to "{\"city\":\"Oslo\"}",
                                "call_b" to "{\"tz\":\"CET\"}",
                            )

                        gateway.enqueue {
                            toolCall("call_a", "get_weather", "{}")
                            toolCall("call_b", "get_time", "{}")
                        }
                        val sequential =
                            ResponsesWire.events(ResponsesWire.post(gateway, STREAM_REQUEST).body)
                        types(sequential).drop(2) shouldContainExactly
                            listOf(
                                "response.output_item.added",
                                "response.function_call_arguments.delta",
                                "response.function_call_arguments.done",
                                "response.output_item.done",
                                "response.output_item.added",
                                "response.function_call_arguments.delta",
                                "response.function_call_arguments.done",
                                "response.output_item.done",
                                "response.completed",
                            )
                        ResponsesWire.assemble(sequential)
                    }
                }

                test("routing metadata is on the final response, in the chat stream's shape") {
                    withGateway { gateway ->
                        val script = gatewayScript {
                            content("ok")
                            provider("groq")
                            providerModelId("groq/llama-4")
                            modelCanonical("llama-4-maverick")
                            routingStrategy("cost")
                            costUsd(0.000123)
                            ttftMs(90.0)
                            throughputTps(280.0)
                            routingWarning("parameter_ignored", "seed_unsupported", "seed dropped")
                        }
                        gateway.on(RequestMatchers.any(), script)
                        val events =
                            ResponsesWire.events(ResponsesWire.post(gateway, STREAM_REQUEST).body)
                        // only the final response reports the routing
                        events.dropLast(1).forEach {
                            (it.data["response"] as? JsonObject)
                                ?.get("routing_metadata")
                                .shouldBeNull()
                        }
                        val finalJson = events.last().data["response"]!!.jsonObject
                        val routing =
                            ResponsesWire.response(finalJson).routingMetadata.shouldNotBeNull()
                        routing.provider shouldBe "groq"
                        routing.providerModelId shouldBe "groq/llama-4"
                        routing.modelCanonical shouldBe "llama-4-maverick"
                        routing.routingStrategy shouldBe "cost"
                        routing.cost!!.usd shouldBe java.math.BigDecimal("0.000123")
                        routing.ttftMs shouldBe 90.0
                        routing.throughputTps shouldBe 280.0
                        routing.warnings.single().code shouldBe "seed_unsupported"

                        // the same script answering a chat request: the same routing_metadata
                        val chat =
                            ResponsesWire.post(
                                gateway,
                                """{"model":"gpt-4.1","messages":[{"role":"user","content":"hi"}],"stream":true}""",
                                "/chat/completions",
                            )
                        val chatRouting =
                            ResponsesWire.events(chat.body)
                                .asSequence()
                                .map { it.data["routing_metadata"] }
                                .firstOrNull { it is JsonObject }
                        chatRouting shouldBe finalJson["routing_metadata"]
                        // …and a non-streamed Responses request: the same too
                        val whole = ResponsesWire.post(gateway, CREATE_REQUEST)
                        Json.parseToJsonElement(whole.text).jsonObject["routing_metadata"] shouldBe
                            finalJson["routing_metadata"]
                    }
                }

                test("an error event ends the stream: event: error, no terminal event") {
                    withGateway { gateway ->
                        gateway.enqueue {
                            content("Hel", "lo")
                            errorEvent("server_error", "Provider disconnected")
                            content("never sent")
                        }
                        val reply = ResponsesWire.post(gateway, STREAM_REQUEST)
                        reply.status shouldBe 200
                        reply.cut.shouldBeFalse()
                        val events = ResponsesWire.events(reply.body)
                        types(events).takeLast(3) shouldContainExactly
                            listOf(
                                "response.output_text.delta",
                                "response.output_text.delta",
                                "error",
                            )
                        ResponsesWire.assemble(events)
                        val error = events.last().data
                        error shouldBe
                            Json.parseToJsonElement(
                                """{"type":"error","sequence_number":${events.size - 1},"code":"server_error","message":"Provider disconnected","param":null}"""
                            )
                        events.none { it.type.startsWith("response.completed") }.shouldBeTrue()

                        // not streamed: HTTP 500 with the error, as for chat
                        gateway.enqueue { errorEvent("server_error", "Provider disconnected") }
                        val whole = ResponsesWire.post(gateway, CREATE_REQUEST)
                        whole.status shouldBe 500
                        Json.parseToJsonElement(whole.text) shouldBe
                            Json.parseToJsonElement(
                                """{"error":{"message":"Provider disconnected","type":"server_error","code":"server_error"}}"""
                            )
                    }
                }

                test("truncate cuts the stream before its terminal event") {
                    withGateway { gateway ->
                        gateway.enqueue {
                            content("Hel", "lo")
                            truncate()
                            content("never sent")
                        }
                        val reply = ResponsesWire.post(gateway, STREAM_REQUEST)
                        reply.status shouldBe 200
                        // on a socket the chunked body is cut; in memory the body just ends
                        reply.cut shouldBe (gateway is LoopbackGateway)
                        val events = ResponsesWire.events(reply.body)
                        types(events).last() shouldBe "response.output_text.delta"
                        ResponsesWire.assemble(events).deltas[0].toString() shouldBe "Hello"
                        events
                            .none {
                                it.type == "response.completed" ||
                                    it.type == "response.incomplete" ||
                                    it.type == "response.output_item.done"
                            }
                            .shouldBeTrue()

                        // not streamed: half a JSON body
                        gateway.enqueue {
                            content("Hello")
                            truncate()
                        }
                        val whole = ResponsesWire.post(gateway, CREATE_REQUEST)
                        whole.status shouldBe 200
                        whole.text shouldStartWith "{\"id\":\"resp_fake_"
                        shouldThrow<SerializationException> { Json.parseToJsonElement(whole.text) }
                    }
                }

                test("a length finish reason ends it as response.incomplete, max_output_tokens") {
                    withGateway { gateway ->
                        val script = gatewayScript {
                            content("The answer is")
                            finishReason("length")
                            usage(4, 16)
                        }
                        gateway.on(RequestMatchers.any(), script)
                        val events =
                            ResponsesWire.events(ResponsesWire.post(gateway, STREAM_REQUEST).body)
                        events.last().type shouldBe "response.incomplete"
                        ResponsesWire.assemble(events).done[0]!!.string("status") shouldBe
                            "incomplete"
                        val final =
                            ResponsesWire.response(events.last().data["response"]!!.jsonObject)
                        final.status shouldBe "incomplete"
                        final.incompleteDetails!!.reason shouldBe "max_output_tokens"
                        final.outputText shouldBe "The answer is"
                        final.usage!!.outputTokens shouldBe 16L

                        val whole =
                            ResponsesWire.response(
                                Json.parseToJsonElement(
                                        ResponsesWire.post(gateway, CREATE_REQUEST).text
                                    )
                                    .jsonObject
                            )
                        whole.status shouldBe "incomplete"
                        whole.incompleteDetails!!.reason shouldBe "max_output_tokens"
                        whole.outputText shouldBe "The answer is"
                    }
                }

                test("an HTTP error has the same status, headers and body as for chat") {
                    withGateway { gateway ->
                        val script =
                            GatewayScript.Builder()
                                .httpError(429, "rate_limit_exceeded", "slow down")
                                .retryAfter(2)
                                .build()
                        gateway.on(RequestMatchers.any(), script)
                        val responses = ResponsesWire.post(gateway, STREAM_REQUEST)
                        val chat =
                            ResponsesWire.post(
                                gateway,
                                """{"model":"m","messages":[{"role":"user","content":"q"}],"stream":true}""",
                                "/chat/completions",
                            )
                        responses.status shouldBe 429
                        responses.header("retry-after") shouldBe "2"
                        responses.header("content-type")!! shouldStartWith "application/json"
                        responses.text shouldBe chat.text
                        Json.parseToJsonElement(responses.text) shouldBe
                            Json.parseToJsonElement(
                                """{"error":{"message":"slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}"""
                            )
                    }
                }

                test("not streamed, the answer is the final response as one JSON body") {
                    withGateway { gateway ->
                        val script = gatewayScript {
                            reasoning("Look", "ing")
                            content("Hel", "lo")
                            toolCall("call_1", "lookup", "{\"q\":", "1}")
                            usage(7, 5, cachedTokens = 2, reasoningTokens = 1)
                            provider("openai")
                        }
                        gateway.on(RequestMatchers.any(), script)
                        val whole = ResponsesWire.post(gateway, CREATE_REQUEST)
                        whole.status shouldBe 200
                        whole.header("content-type")!! shouldStartWith "application/json"
                        whole.header("x-request-id") shouldBe "req_fake_1"
                        val body = Json.parseToJsonElement(whole.text).jsonObject
                        val response = ResponsesWire.response(body)
                        response.id shouldBe "resp_fake_1"
                        response.status shouldBe "completed"
                        response.model shouldBe "gpt-4.1"
                        response.output.map { it.type } shouldContainExactly
                            listOf("reasoning", "message", "function_call")
                        response.output[0]
                            .shouldBeInstanceOf<ResponseOutputItem.Reasoning>()
                            .summaryText shouldBe "Looking"
                        response.outputText shouldBe "Hello"
                        response.functionCalls.single().arguments shouldBe "{\"q\":1}"
                        response.usage!!.cachedTokens shouldBe 2L
                        response.routingMetadata!!.provider shouldBe "openai"

                        // the same output as the stream's final response
                        val events =
                            ResponsesWire.events(ResponsesWire.post(gateway, STREAM_REQUEST).body)
                        ResponsesWire.assemble(events)
                        val streamed = events.last().data["response"]!!.jsonObject
                        // item ids come from the response id, which differs
                        fun withoutIds(output: JsonElement?) =
                            output!!.jsonArray.map { JsonObject(it.jsonObject - "id") }
                        withoutIds(body["output"]) shouldBe withoutIds(streamed["output"])
                        body["usage"] shouldBe streamed["usage"]
                        streamed.string("id") shouldBe "resp_fake_2"
                    }
                }

                test("keep-alives, pauses and pacing play as for chat") {
                    withGateway { gateway ->
                        gateway.enqueue {
                            keepAlive()
                            pause(50.milliseconds)
                            pacing(10.milliseconds)
                            content("a", "b")
                            keepAlive("still thinking")
                            content("c")
                        }
                        val started = System.nanoTime()
                        val reply = ResponsesWire.post(gateway, STREAM_REQUEST)
                        val tookMs = (System.nanoTime() - started) / 1_000_000
                        (tookMs >= 80).shouldBeTrue()
                        ResponsesWire.comments(reply.body) shouldContainExactly
                            listOf("keep-alive", "still thinking")
                        reply.text shouldStartWith ": keep-alive\n\n"
                        val events = ResponsesWire.events(reply.body)
                        ResponsesWire.assemble(events).deltas[0].toString() shouldBe "abc"
                        events.last().type shouldBe "response.completed"
                    }
                }

                test("the recorded Responses request is decoded") {
                    withGateway { gateway ->
                        gateway.on(RequestMatchers.lastMessageIsToolResult()) {
                            content("It is 18 °C in Paris.")
                        }
                        val body =
                            """
                            {"model":"gpt-4.1","instructions":"Be brief.",
                             "input":[
                               {"type":"message","role":"user","content":[{"type":"input_text","text":"Weather"},{"type":"input_text","text":"in Paris?"}]},
                               {"role":"assistant","content":"Let me check."},
                               {"type":"reasoning","id":"rs_1","summary":[]},
                               {"type":"function_call","call_id":"call_7","name":"get_weather","arguments":"{\"city\":\"Paris\"}"},
                               {"type":"function_call_output","call_id":"call_7","output":"{\"temp\":18}"}
                             ],
                             "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}},{"type":"web_search"}],
                             "previous_response_id":"resp_prev_1","max_output_tokens":256,"stream":true,
                             "gateway":{"routing":{"optimize":"cost"},"metadata":{"user_id":"u1"}},
                             "extensions":{"thinking":{"enabled":true}}}
                            """
                                .trimIndent()
                        val reply = ResponsesWire.post(gateway, body)
                        reply.status shouldBe 200
                        val r = gateway.takeRequest()
                        r.path shouldBe "/v1/responses"
                        r.isResponsesRequest.shouldBeTrue()
                        r.stream.shouldBeTrue()
                        r.model shouldBe "gpt-4.1"
                        r.instructions shouldBe "Be brief."
                        r.messages.map { it.role } shouldContainExactly
                            listOf("system", "user", "assistant", "assistant", "tool")
                        r.messages[0].content shouldBe "Be brief."
                        r.messages[1].content shouldBe "Weather in Paris?"
                        r.messages[2].content shouldBe "Let me check."
                        r.lastUserMessage shouldBe "Weather in Paris?"
                        val call = r.functionCalls.single()
                        call.id shouldBe "call_7"
                        call.name shouldBe "get_weather"
                        call.arguments shouldBe "{\"city\":\"Paris\"}"
                        r.messages[3].toolCalls.single().id shouldBe "call_7"
                        r.messages[3].json.string("type") shouldBe "function_call"
                        val output = r.functionCallOutputs.single()
                        output.callId shouldBe "call_7"
                        output.output shouldBe "{\"temp\":18}"
                        r.messages.last().toolCallId shouldBe "call_7"
                        r.toolNames shouldContainExactly listOf("get_weather")
                        r.hasTools.shouldBeTrue()
                        r.previousResponseId shouldBe "resp_prev_1"
                        r.maxOutputTokens shouldBe 256
                        r.routing!!.string("optimize") shouldBe "cost"
                        r.metadata!!.string("user_id") shouldBe "u1"
                        r.extensions!!["thinking"].shouldNotBeNull()
                        r.field("input.3.call_id") shouldBe "call_7"
                        RequestMatchers.toolOffered("get_weather").matches(r).shouldBeTrue()
                        RequestMatchers.path("/v1/responses").matches(r).shouldBeTrue()
                        // the tool-loop matcher picked the script
                        ResponsesWire.assemble(ResponsesWire.events(reply.body))
                            .deltas[0]
                            .toString() shouldBe "It is 18 °C in Paris."
                        gateway.assertNoUnmatchedRequests()

                        // the previous response id comes back in the response
                        ResponsesWire.events(reply.body)
                            .last()
                            .data["response"]!!
                            .jsonObject
                            .string("previous_response_id") shouldBe "resp_prev_1"
                    }
                }

                test("a string input is one user message; a chat request keeps its own view") {
                    withGateway { gateway ->
                        gateway.on(RequestMatchers.any()) { content("ok") }
                        ResponsesWire.post(gateway, CREATE_REQUEST).status shouldBe 200
                        val r = gateway.takeRequest()
                        r.isResponsesRequest.shouldBeTrue()
                        r.stream.shouldBeFalse()
                        r.instructions.shouldBeNull()
                        r.messages.single().role shouldBe "user"
                        r.messages.single().content shouldBe "Say hello"
                        r.messages.single().json shouldBe
                            Json.parseToJsonElement("""{"role":"user","content":"Say hello"}""")
                        r.functionCalls.shouldBeEmpty()
                        r.functionCallOutputs.shouldBeEmpty()
                        r.previousResponseId.shouldBeNull()
                        r.maxOutputTokens.shouldBeNull()
                        r.toString() shouldBe
                            "#1 POST /v1/responses model=gpt-4.1 last user message=\"Say hello\""

                        val chatBody =
                            """{"model":"gpt-4o","messages":[{"role":"user","content":"hi"},""" +
                                """{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},""" +
                                """{"role":"tool","tool_call_id":"call_1","content":"42"}],""" +
                                """"tools":[{"type":"function","function":{"name":"f"}}]}"""
                        val chat = ResponsesWire.post(gateway, chatBody, "/chat/completions")
                        Json.parseToJsonElement(chat.text).jsonObject.string("object") shouldBe
                            "chat.completion"
                        val c = gateway.takeRequest()
                        c.isResponsesRequest.shouldBeFalse()
                        c.messages.map { it.role } shouldContainExactly
                            listOf("user", "assistant", "tool")
                        c.toolNames shouldContainExactly listOf("f")
                        c.functionCalls.single().id shouldBe "call_1"
                        c.functionCallOutputs.single().callId shouldBe "call_1"
                        c.functionCallOutputs.single().output shouldBe "42"
                        c.instructions.shouldBeNull()
                    }
                }

                test("one script answers a chat request and a Responses request alike") {
                    withGateway { gateway ->
                        val script = gatewayScript {
                            content("Same ", "answer")
                            completionId("answer_1")
                        }
                        gateway.enqueue(script)
                        gateway.enqueue(script)
                        val chat =
                            ResponsesWire.post(
                                gateway,
                                """{"model":"m","messages":[{"role":"user","content":"q"}]}""",
                                "/chat/completions",
                            )
                        val chatJson = Json.parseToJsonElement(chat.text).jsonObject
                        chatJson.string("id") shouldBe "answer_1"
                        chatJson["choices"]!!
                            .jsonArray[0]
                            .jsonObject["message"]!!
                            .jsonObject
                            .string("content") shouldBe "Same answer"
                        val responses =
                            ResponsesWire.response(
                                Json.parseToJsonElement(
                                        ResponsesWire.post(gateway, CREATE_REQUEST).text
                                    )
                                    .jsonObject
                            )
                        responses.id shouldBe "answer_1"
                        responses.outputText shouldBe "Same answer"
                        responses.output.single().id shouldNotBe null
                        gateway.assertAllQueuedScriptsUsed()
                    }
                }
            }
        }

        test("a Responses answer's error and previous_response_id fields are null when unset") {
            InMemoryGateway().use { gateway ->
                gateway.enqueue { content("x") }
                val body =
                    Json.parseToJsonElement(ResponsesWire.post(gateway, CREATE_REQUEST).text)
                        .jsonObject
                body["error"] shouldBe JsonNull
                body["previous_response_id"] shouldBe JsonNull
                body["incomplete_details"] shouldBe JsonNull
                body["usage"] shouldBe JsonNull
                body.string("object") shouldBe "response"
            }
        }
    })
