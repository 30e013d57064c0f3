package ai.auriko.client.responses

import ai.auriko.client.dsl.responseRequest
import ai.auriko.client.internal.responses.ResponseRequestEncoder
import ai.auriko.errors.InvalidRequestException
import ai.auriko.gateway.Optimize
import ai.auriko.request.chat.ImageDetail
import ai.auriko.request.chat.ResponseFormat
import ai.auriko.request.chat.Role
import ai.auriko.request.chat.Tool
import ai.auriko.request.chat.ToolChoice
import ai.auriko.request.responses.InputContentPart
import ai.auriko.request.responses.Reasoning
import ai.auriko.request.responses.ResponseInputItem
import ai.auriko.request.responses.ResponseRequest
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject

private fun json(text: String): JsonObject = Json.parseToJsonElement(text) as JsonObject

/**
 * The Responses request on the wire: the shapes that differ from chat (flat function tools, a
 * forced tool choice by name, `text.format`, input items) and Auriko's fields as for chat.
 */
class ResponseRequestEncodingSpec :
    FunSpec({
        test("string input, stream flag, and nothing that was not set") {
            val request = ResponseRequest.builder().model("gpt-4o").input("Hi").build()
            ResponseRequestEncoder.toJson(request, stream = true) shouldBe
                json("""{"model":"gpt-4o","input":"Hi","stream":true}""")
            ResponseRequestEncoder.toJson(request, stream = false)["stream"].toString() shouldBe
                "false"
        }

        test("every field in its Responses shape") {
            val request =
                ResponseRequest.builder()
                    .models("a", "b")
                    .input(
                        ResponseInputItem.system("Be brief"),
                        ResponseInputItem.user(
                            InputContentPart.text("What is this?"),
                            InputContentPart.imageUrl("https://x/y.png", ImageDetail.LOW),
                            InputContentPart.imageFile("file_1", null),
                        ),
                        ResponseInputItem.message(Role.ASSISTANT, "Let me look."),
                        ResponseInputItem.reasoning("rs_1", listOf("I looked"), "enc=="),
                        ResponseInputItem.functionCall("fc_1", "call_1", "look", "{\"x\":1}"),
                        ResponseInputItem.functionCallOutput("call_1", "a cat"),
                    )
                    .instructions("You see images.")
                    .addTool(
                        Tool.builder("look")
                            .description("Looks")
                            .parameters(mapOf("type" to "object"))
                            .strict(true)
                            .build()
                    )
                    .toolChoice(ToolChoice.function("look"))
                    .parallelToolCalls(false)
                    .temperature(0.5)
                    .topP(0.9)
                    .maxOutputTokens(100)
                    .reasoning(Reasoning.of("high", "auto"))
                    .textFormat(ResponseFormat.jsonSchema("answer", mapOf("type" to "object")))
                    .previousResponseId("resp_0")
                    .store(false)
                    .include("reasoning.encrypted_content")
                    .user("u1")
                    .putResponseMetadata("k", "v")
                    .routing(
                        ai.auriko.gateway.RoutingOptions.builder().optimize(Optimize.COST).build()
                    )
                    .metadata(ai.auriko.gateway.RequestMetadata.builder().traceId("t1").build())
                    .putExtraBody("truncation", "auto")
                    .putExtraBody("temperature", 0.1)
                    .build()
            ResponseRequestEncoder.toJson(request, stream = true) shouldBe
                json(
                    """
                    {"models":["a","b"],
                     "input":[
                       {"type":"message","role":"system","content":"Be brief"},
                       {"type":"message","role":"user","content":[
                         {"type":"input_text","text":"What is this?"},
                         {"type":"input_image","image_url":"https://x/y.png","detail":"low"},
                         {"type":"input_image","file_id":"file_1"}]},
                       {"type":"message","role":"assistant","content":"Let me look."},
                       {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"I looked"}],"encrypted_content":"enc=="},
                       {"type":"function_call","id":"fc_1","call_id":"call_1","name":"look","arguments":"{\"x\":1}"},
                       {"type":"function_call_output","call_id":"call_1","output":"a cat"}],
                     "instructions":"You see images.",
                     "tools":[{"type":"function","name":"look","description":"Looks","parameters":{"type":"object"},"strict":true}],
                     "tool_choice":{"type":"function","name":"look"},
                     "parallel_tool_calls":false,
                     "temperature":0.1,
                     "top_p":0.9,
                     "max_output_tokens":100,
                     "reasoning":{"effort":"high","summary":"auto"},
                     "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"}}},
                     "previous_response_id":"resp_0",
                     "store":false,
                     "include":["reasoning.encrypted_content"],
                     "user":"u1",
                     "metadata":{"k":"v"},
                     "stream":true,
                     "gateway":{"routing":{"optimize":"cost"},"metadata":{"trace_id":"t1"}},
                     "truncation":"auto"}
                    """
                )
        }

        test("a tool without parameters or strict is sent as not strict, as on chat") {
            val request =
                ResponseRequest.builder()
                    .model("m")
                    .input("x")
                    .addTool(Tool.builder("ping").build())
                    .build()
            ResponseRequestEncoder.toJson(request, stream = false)["tools"].toString() shouldBe
                """[{"type":"function","name":"ping","parameters":null,"strict":false}]"""
        }

        test("the DSL builds the same request as the Java builder") {
            val dsl = responseRequest {
                model = "gpt-4o"
                instructions = "Be brief"
                maxOutputTokens = 50
                input {
                    user {
                        text("Hi")
                        image("https://x/y.png", ImageDetail.HIGH)
                    }
                    functionCall("call_1", "f", "{}")
                    functionCallOutput("call_1", "ok")
                }
                tools { function("f", parameters = mapOf("type" to "object")) }
                toolChoice = ToolChoice.required()
                reasoning(effort = "low")
                textFormat = ResponseFormat.jsonObject()
                responseMetadata("k", "v")
                routing { optimize = Optimize.SPEED }
                extensions { thinking(budgetTokens = 1000) }
                extraBody("x", 1)
            }
            val java =
                ResponseRequest.builder()
                    .model("gpt-4o")
                    .instructions("Be brief")
                    .maxOutputTokens(50)
                    .input(
                        ResponseInputItem.user(
                            InputContentPart.text("Hi"),
                            InputContentPart.imageUrl("https://x/y.png", ImageDetail.HIGH),
                        ),
                        ResponseInputItem.functionCall("call_1", "f", "{}"),
                        ResponseInputItem.functionCallOutput("call_1", "ok"),
                    )
                    .addTool(Tool.builder("f").parameters(mapOf("type" to "object")).build())
                    .toolChoice(ToolChoice.required())
                    .reasoning(Reasoning.effort("low"))
                    .textFormat(ResponseFormat.jsonObject())
                    .putResponseMetadata("k", "v")
                    .routing(
                        ai.auriko.gateway.RoutingOptions.builder().optimize(Optimize.SPEED).build()
                    )
                    .extensions(
                        ai.auriko.gateway.Extensions.builder()
                            .thinking(ai.auriko.gateway.ThinkingOptions.enabled(1000))
                            .build()
                    )
                    .putExtraBody("x", 1)
                    .build()
            dsl shouldBe java
            ResponseRequestEncoder.toJson(dsl, stream = false) shouldBe
                ResponseRequestEncoder.toJson(java, stream = false)
        }

        test("the DSL refuses text input and input items together, before any I/O") {
            shouldThrow<InvalidRequestException> {
                    responseRequest {
                        model = "gpt-4o"
                        input = "Hi"
                        input { user("Hello") }
                    }
                }
                .param() shouldBe "input"
        }

        test("a response's output goes back as input items for the next turn") {
            val response =
                ai.auriko.client.internal.responses.ResponseEventDecoding.response(
                    json(
                        """
                        {"id":"resp_1","status":"completed","output":[
                          {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"think"}],"encrypted_content":"e"},
                          {"type":"function_call","id":"fc_1","call_id":"call_1","name":"f","arguments":"{}"},
                          {"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"Done"}]},
                          {"type":"web_search_call","id":"ws_1"}]}
                        """
                    )
                )
            response.outputAsInput() shouldBe
                listOf(
                    ResponseInputItem.reasoning("rs_1", listOf("think"), "e"),
                    ResponseInputItem.functionCall("fc_1", "call_1", "f", "{}"),
                    ResponseInputItem.assistant("Done"),
                )
        }
    })
