package ai.auriko.testing

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.partialCompletion
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.StreamInterruptedException
import ai.auriko.fixtures.WireRecordings
import ai.auriko.sse.SseDecoder
import ai.auriko.sse.SseListener
import ai.auriko.testing.internal.ScriptResponse
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Files
import java.nio.file.Path
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long

/**
 * Scripts that say what a recorded gateway response says produce the same wire structure (the same
 * kinds of events in the same order) and the result the fixture expects from a correct client.
 */
class FixtureParitySpec :
    FunSpec({
        val dir: Path = WireRecordings.sseDirectory()

        fun expect(name: String): JsonObject =
            Json.parseToJsonElement(
                    String(Files.readAllBytes(dir.resolve("$name.json")), Charsets.UTF_8)
                )
                .jsonObject["expect"]!!
                .jsonObject

        /**
         * The kinds of events in [sse], in order, with runs of the same delta kind collapsed; role
         * chunks are left out (providers merge them).
         */
        fun kinds(sse: ByteArray): List<String> {
            val kinds = mutableListOf<String>()
            SseDecoder(
                    object : SseListener {
                        override fun onEvent(id: String?, type: String?, data: String) {
                            if (data.isEmpty()) return // no chunk, as the chat codec reads it
                            if (data == "[DONE]") {
                                kinds += "done"
                                return
                            }
                            val chunk = Json.parseToJsonElement(data).jsonObject
                            val choice = (chunk["choices"] as? JsonArray)?.firstOrNull()?.jsonObject
                            val delta = choice?.get("delta") as? JsonObject
                            val finish =
                                choice
                                    ?.get("finish_reason")
                                    ?.takeUnless { it is JsonNull }
                                    ?.jsonPrimitive
                                    ?.content
                            kinds +=
                                when {
                                    chunk["error"] is JsonObject || type == "error" -> "error"
                                    chunk["usage"] is JsonObject && choice == null -> "usage"
                                    chunk["routing_metadata"] is JsonObject -> "routing"
                                    finish != null -> "finish:$finish"
                                    delta?.get("tool_calls") is JsonArray -> "tool_calls"
                                    (delta?.get("reasoning_content") as? JsonPrimitive)
                                        ?.content
                                        ?.isNotEmpty() == true -> "reasoning"
                                    (delta?.get("content") as? JsonPrimitive)
                                        ?.content
                                        ?.isNotEmpty() == true -> "content"
                                    else -> "role"
                                }
                        }
                    }
                )
                .apply {
                    feed(sse, 0, sse.size)
                    finish()
                }
            return kinds
                .filter { it != "role" }
                .fold(mutableListOf()) { acc, k ->
                    if (acc.lastOrNull() == k) acc else acc.apply { add(k) }
                }
        }

        suspend fun played(script: GatewayScript): ByteArray {
            val out = StringBuilder()
            ScriptResponse(script, "gpt-4o", stream = true, completionId = "chatcmpl-x")
                .writeStream({ out.append(it) }, {})
            return out.toString().toByteArray()
        }

        fun fixture(name: String): ByteArray = Files.readAllBytes(dir.resolve("$name.sse"))

        suspend fun <T> withClient(script: GatewayScript, block: suspend (AurikoClient) -> T): T =
            InMemoryGateway().use { gateway ->
                gateway.enqueue(script)
                AurikoClient {
                        apiKey = "sk-test"
                        baseUrl = gateway.baseUrl
                        engine = gateway.engine
                        maxRetries = 0
                    }
                    .use { block(it) }
            }

        test("auriko-basic") {
            val script = gatewayScript {
                content("Hello", "!")
                finishReason("stop", "end_turn")
                usage(8, 2)
                provider("openai")
                routingStrategy("balanced")
                costUsd(0.00015)
                requestId("req_basic_1")
            }
            kinds(played(script)) shouldBe kinds(fixture("auriko-basic"))
            val e = expect("auriko-basic")
            val completion =
                withClient(script) {
                    it.chat.completions
                        .stream {
                            model = "gpt-4o"
                            messages { user("hi") }
                        }
                        .toCompletion()
                }
            completion.content shouldBe e["content"]!!.jsonPrimitive.content
            completion.choices.single().finishReason shouldBe
                e["finish_reason"]!!.jsonPrimitive.content
            completion.choices.single().nativeFinishReason shouldBe
                e["native_finish_reason"]!!.jsonPrimitive.content
            completion.usage!!.totalTokens shouldBe
                e["usage"]!!.jsonObject["total_tokens"]!!.jsonPrimitive.long
            completion.routingMetadata!!.cost!!.usd shouldBe java.math.BigDecimal("0.00015")
            completion.responseHeaders.requestId() shouldBe "req_basic_1"
        }

        test("auriko-tool-calls") {
            val script = gatewayScript {
                parallelToolCalls(
                    listOf("call_1", "get_weather", "{\"ci", "ty\":\"Pa", "ris\"}"),
                    listOf("call_2", "get_time", "{\"tz\":\"Europe/Paris\"}"),
                )
                usage(30, 25)
            }
            kinds(played(script)) shouldBe kinds(fixture("auriko-tool-calls"))
            val expected = expect("auriko-tool-calls")["tool_calls"] as JsonArray
            val completion =
                withClient(script) {
                    it.chat.completions
                        .stream {
                            model = "gpt-4o"
                            messages { user("hi") }
                        }
                        .toCompletion()
                }
            completion.choices.single().message.toolCalls.map {
                listOf(it.id, it.function.name, it.function.arguments)
            } shouldBe
                expected.map { c ->
                    listOf("id", "name", "arguments").map {
                        c.jsonObject[it]!!.jsonPrimitive.content
                    }
                }
            completion.choices.single().finishReason shouldBe "tool_calls"
        }

        test("midstream-error") {
            val script = gatewayScript {
                content("Once upon", " a time")
                errorEvent("server_error", "Provider disconnected unexpectedly")
            }
            kinds(played(script)) shouldBe kinds(fixture("midstream-error"))
            val e = expect("midstream-error")["error"]!!.jsonObject
            val thrown =
                shouldThrow<AurikoApiException> {
                    withClient(script) {
                        it.chat.completions
                            .stream {
                                model = "gpt-4o"
                                messages { user("hi") }
                            }
                            .toList()
                    }
                }
            thrown.code() shouldBe e["code"]!!.jsonPrimitive.content
            thrown.errorMessage() shouldBe e["message"]!!.jsonPrimitive.content
            thrown.partialCompletion!!.content shouldBe e["partial_content"]!!.jsonPrimitive.content
        }

        test("truncated") {
            val script = gatewayScript {
                content("The answer", " is")
                truncate()
            }
            withClue(String(fixture("truncated"))) {
                kinds(played(script)) shouldBe kinds(fixture("truncated"))
            }
            val thrown =
                shouldThrow<StreamInterruptedException> {
                    withClient(script) {
                        it.chat.completions
                            .stream {
                                model = "gpt-4o"
                                messages { user("hi") }
                            }
                            .toList()
                    }
                }
            thrown.partialCompletion!!.content shouldBe
                expect("truncated")["error"]!!.jsonObject["partial_content"]!!.jsonPrimitive.content
        }
    })
