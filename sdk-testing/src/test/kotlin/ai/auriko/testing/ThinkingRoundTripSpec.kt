package ai.auriko.testing

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.dsl.ChatCompletionRequestBuilder
import ai.auriko.errors.AurikoException
import ai.auriko.errors.StreamInterruptedException
import ai.auriko.request.chat.ChatMessage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject

/**
 * A two-turn tool loop with extended thinking on the loopback fake gateway: the first answer's
 * reasoning, its two signatures, its redacted block and its two tool calls (arguments in fragments,
 * one not even valid JSON) go back in the second request exactly as they arrived, through
 * `toMessage()` and the DSL's `assistant(completion)`, streamed and not streamed.
 */
class ThinkingRoundTripSpec :
    FunSpec({
        fun withClient(block: suspend (LoopbackGateway, AurikoClient) -> Unit) = suspend {
            LoopbackGateway().use { gateway ->
                AurikoClient {
                        apiKey = "sk-roundtrip-secret"
                        baseUrl = gateway.baseUrl
                        maxRetries = 0
                    }
                    .use { client -> withTimeout(20.seconds) { block(gateway, client) } }
            }
        }

        fun GatewayScript.Builder.thinkingToolTurn() {
            reasoning("First I check ", "Oslo. ")
            reasoningSignature("sig_A/+9Qx==")
            redactedReasoning("ZW5jcnlwdGVk/+aGVsbG8=")
            reasoning("Then Rome, \"quoted\" é.")
            reasoningSignature("sig_B==")
            parallelToolCalls(
                listOf("call_a", "get_weather", "{\"city\":", " \"Oslo\"}"),
                // arguments a model cut short: not valid JSON, sent back as they are
                listOf("call_b", "get_weather", "{\"city\":\"Ro", "me\""),
            )
        }

        val request: ChatCompletionRequestBuilder.(List<ChatMessage>) -> Unit = { history ->
            model = "claude-thinking"
            messages { messages(history) }
            tools { function("get_weather", "Current weather", mapOf("type" to "object")) }
            extensions { thinking(budgetTokens = 2048) }
        }

        /** What the second request's assistant message must be, given the first's `content`. */
        fun expectedAssistant(content: String) =
            Json.parseToJsonElement(
                """
                {"role":"assistant","content":$content,
                 "tool_calls":[
                   {"id":"call_a","type":"function",
                    "function":{"name":"get_weather","arguments":"{\"city\": \"Oslo\"}"}},
                   {"id":"call_b","type":"function",
                    "function":{"name":"get_weather","arguments":"{\"city\":\"Rome\""}}],
                 "reasoning_content":"First I check Oslo. Then Rome, \"quoted\" é.",
                 "reasoning_signature":["sig_A/+9Qx==","sig_B=="],
                 "reasoning_redacted_data":"ZW5jcnlwdGVk/+aGVsbG8="}
                """
            )

        suspend fun loop(
            gateway: LoopbackGateway,
            client: AurikoClient,
            stream: Boolean,
            viaDsl: Boolean,
        ) {
            gateway.enqueue { thinkingToolTurn() }
            gateway.enqueue(RequestMatchers.lastMessageIsToolResult()) { content("Oslo is cold.") }
            suspend fun send(history: List<ChatMessage>): ChatCompletion =
                if (stream) client.chat.completions.stream { request(history) }.toCompletion()
                else client.chat.completions.create { request(history) }

            val history = mutableListOf(ChatMessage.user("Oslo or Rome?"))
            val first = send(history)
            val message = first.choices.single().message
            message.reasoningSignatures shouldBe listOf("sig_A/+9Qx==", "sig_B==")
            message.reasoningSignature shouldBe "sig_B==" // the single accessor: the last
            message.reasoningRedactedBlocks shouldBe listOf("ZW5jcnlwdGVk/+aGVsbG8=")
            val results = message.toolCalls.map { ChatMessage.tool(it.id!!, "cold in ${it.id}") }
            val answer =
                if (viaDsl) {
                    val req: ChatCompletionRequestBuilder.() -> Unit = {
                        model = "claude-thinking"
                        messages {
                            messages(history)
                            assistant(first) // the whole answer, sent back
                            messages(results)
                        }
                        tools {
                            function("get_weather", "Current weather", mapOf("type" to "object"))
                        }
                    }
                    if (stream) client.chat.completions.stream(req).toCompletion()
                    else client.chat.completions.create(req)
                } else {
                    history += first.toMessage()
                    history += results
                    send(history)
                }
            answer.content shouldBe "Oslo is cold."

            gateway.takeRequest().stream shouldBe stream
            val second = gateway.takeRequest()
            val messages = second.json.shouldNotBeNull()["messages"]!!.jsonArray
            messages.size shouldBe 4
            // A streamed answer's role chunk carries "content": "", a whole body "content": null;
            // either goes back as it came.
            val sent = messages[1].jsonObject
            sent shouldBe expectedAssistant(if (stream) "\"\"" else "null")
            sent.keys.toList() shouldBe (expectedAssistant("null") as JsonObject).keys.toList()
            // the recorded view reads the same values
            val recorded = second.messages[1]
            recorded.reasoningContent shouldBe "First I check Oslo. Then Rome, \"quoted\" é."
            recorded.reasoningSignatures shouldBe listOf("sig_A/+9Qx==", "sig_B==")
            recorded.reasoningRedactedBlocks shouldBe listOf("ZW5jcnlwdGVk/+aGVsbG8=")
            recorded.toolCalls.map { it.arguments } shouldBe
                listOf("{\"city\": \"Oslo\"}", "{\"city\":\"Rome\"")
            second.functionCallOutputs.map { it.callId to it.output } shouldBe
                listOf("call_a" to "cold in call_a", "call_b" to "cold in call_b")
            gateway.assertNoUnmatchedRequests()
        }

        for (stream in listOf(true, false)) {
            val mode = if (stream) "stream" else "create"
            test(
                "[$mode] toMessage() sends reasoning, signatures, redacted data and tool calls back as they arrived"
            ) {
                withClient { gateway, client -> loop(gateway, client, stream, viaDsl = false) }()
            }
            test("[$mode] the DSL's assistant(completion) sends the same message") {
                withClient { gateway, client -> loop(gateway, client, stream, viaDsl = true) }()
            }
        }

        test("one signature and one redacted block go back as the documented strings") {
            withClient { gateway, client ->
                gateway.enqueue {
                    reasoning("Hm.")
                    reasoningSignature("sig_only")
                    redactedReasoning("cmVk")
                    content("Hi")
                }
                gateway.enqueue { content("again") }
                val first =
                    client.chat.completions
                        .stream { request(listOf(ChatMessage.user("a"))) }
                        .toCompletion()
                client.chat.completions.create {
                    request(listOf(ChatMessage.user("a"), first.toMessage(), ChatMessage.user("b")))
                }
                gateway.takeRequest()
                val sent = gateway.takeRequest().json!!["messages"]!!.jsonArray[1]
                sent shouldBe
                    Json.parseToJsonElement(
                        """{"role":"assistant","content":"Hi","reasoning_content":"Hm.",
                               "reasoning_signature":"sig_only","reasoning_redacted_data":"cmVk"}"""
                    )
            }()
        }

        // In memory: on a real socket the cut may overtake the last chunks written before it.
        test(
            "a stream cut inside a tool call: the partial completion goes back without its calls"
        ) {
            suspend {
                InMemoryGateway().use { gateway ->
                    AurikoClient {
                            apiKey = "sk-roundtrip-secret"
                            baseUrl = gateway.baseUrl
                            engine = gateway.engine
                            maxRetries = 0
                        }
                        .use { client ->
                            gateway.enqueue {
                                reasoning("Check Oslo.")
                                reasoningSignature("sig_A")
                                toolCall("call_a", "get_weather", "{\"ci")
                                truncate()
                            }
                            gateway.enqueue { content("Sorry, where?") }
                            val e =
                                shouldThrow<StreamInterruptedException> {
                                    client.chat.completions
                                        .stream { request(listOf(ChatMessage.user("Oslo?"))) }
                                        .toCompletion()
                                }
                            val partial = e.partialCompletion.shouldNotBeNull()
                            partial.choices.single().finishReason shouldBe null
                            val resumed = partial.toMessage()
                            resumed.toolCalls() shouldBe emptyList()
                            resumed.reasoningContent() shouldBe "Check Oslo."
                            resumed.reasoningSignatures() shouldBe listOf("sig_A")
                            // the message itself still has the cut call, for a caller who wants it
                            partial.choices
                                .single()
                                .message
                                .toMessage()
                                .toolCalls()
                                .single()
                                .arguments() shouldBe "{\"ci"

                            client.chat.completions.create {
                                request(
                                    listOf(
                                        ChatMessage.user("Oslo?"),
                                        resumed,
                                        ChatMessage.user("go on"),
                                    )
                                )
                            }
                            gateway.takeRequest()
                            val sent = gateway.takeRequest().json!!["messages"]!!.jsonArray[1]
                            sent shouldBe
                                Json.parseToJsonElement(
                                    """{"role":"assistant","content":"","reasoning_content":"Check Oslo.",
                               "reasoning_signature":"sig_A"}"""
                                )
                        }
                }
            }()
        }

        test(
            "an in-stream error after a tool call: the partial answer goes back without the call"
        ) {
            withClient { gateway, client ->
                gateway.enqueue {
                    reasoning("Check.")
                    reasoningSignature("sig_E")
                    redactedReasoning("cmVk")
                    toolCall("call_a", "get_weather", "{\"city\":\"Oslo\"}")
                    errorEvent("server_error", "provider went away")
                }
                val e =
                    shouldThrow<AurikoException> {
                        client.chat.completions
                            .stream { request(listOf(ChatMessage.user("Oslo?"))) }
                            .toCompletion()
                    }
                val partial = e.partialCompletion.shouldNotBeNull()
                partial.choices.single().finishReason shouldBe "error"
                val resumed = partial.toMessage()
                resumed.toolCalls() shouldBe emptyList()
                resumed.reasoningSignatures() shouldBe listOf("sig_E")
                resumed.reasoningRedactedBlocks() shouldBe listOf("cmVk")
                partial.choices.single().message.toolCalls.single().function.arguments shouldBe
                    "{\"city\":\"Oslo\"}"
            }()
        }
    })
