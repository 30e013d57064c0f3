package ai.auriko.client

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.stream.ChatCompletionAccumulator
import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.internal.RequestEncoder
import ai.auriko.client.internal.WireJson
import ai.auriko.errors.InvalidRequestException
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.chat.Role
import ai.auriko.request.chat.ToolCall
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject

/**
 * Reasoning, signatures, redacted blocks and tool calls from an answer to the next request: the
 * accumulator keeps every block in order, `toMessage()` converts without loss, and the encoder
 * writes the documented shapes field by field.
 */
class ReasoningRoundTripSpec :
    FunSpec({
        fun chunk(delta: String, finish: String? = null): ChatCompletionChunk =
            WireJson.decodeFromString(
                ChatCompletionChunk.serializer(),
                """{"id":"c1","choices":[{"index":0,"delta":$delta,"finish_reason":${finish?.let { "\"$it\"" } ?: "null"}}]}""",
            )

        fun completion(message: String, finish: String? = "stop"): ChatCompletion =
            WireJson.decodeFromString(
                ChatCompletion.serializer(),
                """{"id":"c1","choices":[{"index":0,"message":$message,"finish_reason":${finish?.let { "\"$it\"" } ?: "null"}}]}""",
            )

        fun encoded(message: ChatMessage): JsonObject =
            RequestEncoder.toJson(
                    ChatCompletionRequest.builder()
                        .model("m")
                        .addMessage(ChatMessage.user("q"))
                        .addMessage(message)
                        .build(),
                    stream = false,
                )["messages"]!!
                .jsonArray[1]
                .jsonObject

        test(
            "the accumulator keeps every signature and redacted block, in order, skipping empty ones"
        ) {
            val acc = ChatCompletionAccumulator()
            acc.add(chunk("""{"role":"assistant","content":""}"""))
            acc.add(chunk("""{"reasoning_content":"one "}"""))
            acc.add(chunk("""{"reasoning_signature":"sig_1"}"""))
            acc.add(chunk("""{"reasoning_redacted_data":"red_1"}"""))
            acc.add(chunk("""{"reasoning_signature":""}"""))
            acc.add(chunk("""{"reasoning_content":"two"}"""))
            acc.add(chunk("""{"reasoning_signature":"sig_2","reasoning_redacted_data":"red_2"}"""))
            acc.add(chunk("""{"content":"ok"}""", finish = "stop"))
            val m = acc.snapshot().choices.single().message
            m.reasoningContent shouldBe "one two"
            m.reasoningSignatures shouldBe listOf("sig_1", "sig_2")
            m.reasoningRedactedBlocks shouldBe listOf("red_1", "red_2")
            m.reasoningSignature shouldBe "sig_2"
            m.reasoningRedactedData shouldBe "red_2"
        }

        test("a whole response reads reasoning_signature as a string, an array, or null") {
            completion("""{"role":"assistant","content":"a","reasoning_signature":"s"}""")
                .choices[0]
                .message
                .reasoningSignatures shouldBe listOf("s")
            val many =
                completion(
                    """{"role":"assistant","content":"a","reasoning_signature":["s1","","s2"],
                       "reasoning_redacted_data":["d1","d2"]}"""
                )
            many.choices[0].message.reasoningSignatures shouldBe listOf("s1", "s2")
            many.choices[0].message.reasoningRedactedBlocks shouldBe listOf("d1", "d2")
            val none =
                completion("""{"role":"assistant","content":"a","reasoning_signature":null}""")
            none.choices[0].message.reasoningSignatures shouldBe emptyList()
            none.choices[0].message.reasoningSignature shouldBe null
        }

        test(
            "toMessage keeps content, refusal, reasoning, every block and the tool calls exactly"
        ) {
            val c =
                completion(
                    """{"role":"assistant","content":" spaced ","refusal":"r",
                       "reasoning_content":" think\n","reasoning_signature":["s1 ","s2"],
                       "reasoning_redacted_data":"d1",
                       "tool_calls":[{"id":"call_1","type":"function",
                         "function":{"name":"f","arguments":"{not json"}},
                         {"id":"call_2","function":{"name":"g"}}]}""",
                    finish = "tool_calls",
                )
            val expected =
                ChatMessage.builder(Role.ASSISTANT)
                    .content(" spaced ")
                    .refusal("r")
                    .reasoningContent(" think\n")
                    .reasoningSignatures(listOf("s1 ", "s2"))
                    .reasoningRedactedBlocks(listOf("d1"))
                    .addToolCall(ToolCall.function("call_1", "f", "{not json"))
                    .addToolCall(ToolCall.function("call_2", "g", ""))
                    .build()
            c.toMessage() shouldBe expected
            c.choices[0].toMessage() shouldBe expected
            c.choices[0].message.toMessage() shouldBe expected
            chatCompletionRequest {
                    model = "m"
                    messages {
                        user("q")
                        assistant(c)
                        assistant(c.choices[0].message)
                    }
                }
                .messages()
                .drop(1) shouldBe listOf(expected, expected)
        }

        test(
            "an unfinished choice of a partial result leaves its tool calls out; a whole answer and its message keep them"
        ) {
            val c =
                completion(
                    """{"role":"assistant","content":"","reasoning_content":"r",
                       "reasoning_signature":"s",
                       "tool_calls":[{"id":"call_1","type":"function",
                         "function":{"name":"f","arguments":"{\"ci"}}]}""",
                    finish = null,
                )
            // A whole answer without a finish reason (some servers send none) keeps its calls.
            c.toMessage().toolCalls().single().arguments() shouldBe "{\"ci"
            // The same choice in a stream's partial result was cut short: its calls are left out.
            c.choices[0].ofPartialResult = true
            c.toMessage().toolCalls() shouldBe emptyList()
            c.toMessage().reasoningSignatures() shouldBe listOf("s")
            c.choices[0].message.toMessage().toolCalls().single().arguments() shouldBe "{\"ci"
        }

        test("an answer whose finish reason is error leaves its tool calls out, partial or not") {
            val c =
                completion(
                    """{"role":"assistant","content":"x",
                       "tool_calls":[{"id":"call_1","type":"function",
                         "function":{"name":"f","arguments":"{}"}}]}""",
                    finish = "error",
                )
            c.toMessage().toolCalls() shouldBe emptyList()
            c.toMessage().content() shouldBe "x"
        }

        test("what cannot be sent back is a typed error naming the field") {
            shouldThrow<InvalidRequestException> {
                    WireJson.decodeFromString(ChatCompletion.serializer(), """{"choices":[]}""")
                        .toMessage()
                }
                .param() shouldBe "choices"
            shouldThrow<InvalidRequestException> {
                    completion(
                            """{"role":"assistant","tool_calls":[{"id":"c","type":"custom",
                               "function":{"name":"f","arguments":"{}"}}]}"""
                        )
                        .toMessage()
                }
                .param() shouldBe "tool_calls[0].type"
            shouldThrow<InvalidRequestException> {
                    completion(
                            """{"role":"assistant","tool_calls":[{"type":"function",
                               "function":{"name":"f","arguments":"{}"}}]}"""
                        )
                        .toMessage()
                }
                .param() shouldBe "tool_calls[0].id"
            shouldThrow<InvalidRequestException> {
                    completion("""{"role":"assistant","content":"a","tool_calls":[{"id":"c"}]}""")
                        .toMessage()
                }
                .param() shouldBe "tool_calls[0].function.name"
            // reasoning alone, as in an answer cut while thinking, is no message
            shouldThrow<InvalidRequestException> {
                    completion("""{"role":"assistant","reasoning_content":"r"}""", finish = null)
                        .toMessage()
                }
                .param() shouldBe "content"
        }

        test(
            "the encoder writes one block as a string, several as an array in order, none not at all"
        ) {
            val one =
                encoded(
                    ChatMessage.builder(Role.ASSISTANT)
                        .content("a")
                        .reasoningContent(" r\n")
                        .addReasoningSignature("sig+/=")
                        .addReasoningRedactedBlock("red")
                        .build()
                )
            one["role"] shouldBe JsonPrimitive("assistant")
            one["content"] shouldBe JsonPrimitive("a")
            one["reasoning_content"] shouldBe JsonPrimitive(" r\n")
            one["reasoning_signature"] shouldBe JsonPrimitive("sig+/=")
            one["reasoning_redacted_data"] shouldBe JsonPrimitive("red")
            one.keys shouldBe
                setOf(
                    "role",
                    "content",
                    "reasoning_content",
                    "reasoning_signature",
                    "reasoning_redacted_data",
                )

            val many =
                encoded(
                    ChatMessage.builder(Role.ASSISTANT)
                        .addToolCall(ToolCall.function("call_1", "f", "{\"a\":1}"))
                        .reasoningSignatures(listOf("s2", "s1"))
                        .reasoningRedactedBlocks(listOf("d1", "d2", "d3"))
                        .build()
                )
            many["content"] shouldBe JsonNull
            many["reasoning_signature"] shouldBe
                JsonArray(listOf(JsonPrimitive("s2"), JsonPrimitive("s1")))
            many["reasoning_redacted_data"] shouldBe
                JsonArray(listOf("d1", "d2", "d3").map { JsonPrimitive(it) })
            many.containsKey("reasoning_content") shouldBe false

            val none = encoded(ChatMessage.assistant("a"))
            none.keys shouldBe setOf("role", "content")
        }
    })
