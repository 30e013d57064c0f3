package ai.auriko.testing.tools

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.tools.ToolArgumentsException
import ai.auriko.client.tools.ToolCallStatus
import ai.auriko.client.tools.ToolRunEvent
import ai.auriko.client.tools.runTools
import ai.auriko.client.tools.tool
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import ai.auriko.testing.LoopbackGateway
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject

@Serializable class GetWeather(val city: String, val unit: String? = null)

@Serializable class Weather(val city: String, val celsius: Int, val sky: String = "clear")

/**
 * Tools from Kotlin types: the schema comes from the serializer (strict), the arguments reach the
 * function decoded, arguments that do not decode go back to the model without running it, a
 * `@Serializable` result goes back as JSON; `ToolCallDone.arguments<T>()` reads a streamed call.
 */
class TypedToolSpec :
    FunSpec({
        fun withClient(block: suspend (LoopbackGateway, AurikoClient) -> Unit) = suspend {
            LoopbackGateway().use { gateway ->
                AurikoClient {
                        apiKey = "sk-typed-tools"
                        baseUrl = gateway.baseUrl
                        maxRetries = 0
                    }
                    .use { client -> withTimeout(20.seconds) { block(gateway, client) } }
            }
        }

        val request =
            ChatCompletionRequest.builder()
                .model("gpt-4o")
                .addMessage(ChatMessage.user("Weather in Oslo?"))
                .build()

        test("a typed tool: strict schema from the type, decoded arguments, bad ones sent back") {
            withClient { gateway, client ->
                gateway.enqueue {
                    toolCall("call_bad", "get_weather", "{\"town\":\"Oslo\"}")
                    toolCall("call_ok", "get_weather", "{\"city\":\"Oslo\",\"unit\":null}")
                }
                gateway.enqueue { content("Cold.") }
                val seen = mutableListOf<String>()
                val weather =
                    tool<GetWeather>("get_weather", "Current weather for a city") { args ->
                        seen += args.city
                        "4°C in ${args.city}"
                    }
                weather.toTool().strict() shouldBe true

                val finished =
                    client.chat.completions
                        .runTools(request, listOf(weather))
                        .filterIsInstance<ToolRunEvent.ToolFinished>()
                        .toList()

                seen shouldBe listOf("Oslo") // the bad call never reached the function
                finished.associate { it.callId to it.status } shouldBe
                    mapOf(
                        "call_bad" to ToolCallStatus.INVALID_ARGUMENTS,
                        "call_ok" to ToolCallStatus.OK,
                    )
                val bad = finished.first { it.callId == "call_bad" }
                (bad.error as ToolArgumentsException).arguments shouldBe "{\"town\":\"Oslo\"}"
                bad.result shouldStartWith "Error: the arguments of get_weather are not a "
                bad.result shouldContain "city"

                val first = gateway.takeRequest()
                val function =
                    first.json!!["tools"]!!.jsonArray.single().jsonObject["function"]!!.jsonObject
                function["strict"].toString() shouldBe "true"
                function["parameters"]!!.jsonObject["additionalProperties"].toString() shouldBe
                    "false"
                gateway.takeRequest().messages.drop(2).map { it.toolCallId to it.content } shouldBe
                    listOf("call_bad" to bad.result, "call_ok" to "4°C in Oslo")
            }()
        }

        test("a tool returning a @Serializable value sends it back as JSON, defaults included") {
            withClient { gateway, client ->
                gateway.enqueue { toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}") }
                gateway.enqueue { content("Cold.") }
                val weather =
                    tool<GetWeather, Weather>("get_weather", "Current weather") {
                        Weather(it.city, 4)
                    }
                client.chat.completions.runTools(request, listOf(weather)).toList()
                gateway.takeRequest()
                Json.parseToJsonElement(gateway.takeRequest().messages.last().content!!) shouldBe
                    Json.parseToJsonElement("""{"city":"Oslo","celsius":4,"sky":"clear"}""")
            }()
        }

        test("ToolCallDone.arguments<T>() decodes a streamed call, and names it when it cannot") {
            withClient { gateway, client ->
                gateway.enqueue {
                    parallelToolCalls(
                        listOf("call_a", "get_weather", "{\"city\":", "\"Oslo\"}"),
                        listOf("call_b", "get_weather", "{\"city\":4"),
                    )
                }
                val done =
                    client.chat.completions
                        .stream(request)
                        .events()
                        .filterIsInstance<StreamEvent.ToolCallDone>()
                        .toList()
                done[0].arguments<GetWeather>().city shouldBe "Oslo"
                val e = shouldThrow<ToolArgumentsException> { done[1].arguments<GetWeather>() }
                e.callId shouldBe "call_b"
                e.toolName shouldBe "get_weather"
                e.arguments shouldBe "{\"city\":4"
                e.message shouldStartWith "the arguments of get_weather (call call_b) are not a "
            }()
        }
    })
