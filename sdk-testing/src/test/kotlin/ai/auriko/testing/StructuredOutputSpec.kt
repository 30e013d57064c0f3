package ai.auriko.testing

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.dsl.responseRequest
import ai.auriko.client.structured.JsonSchema
import ai.auriko.client.structured.PartialObject
import ai.auriko.client.structured.StructuredOutput
import ai.auriko.client.structured.create
import ai.auriko.client.structured.streamObject
import ai.auriko.errors.AurikoException
import ai.auriko.errors.InvalidRequestException
import ai.auriko.errors.StructuredOutputException
import ai.auriko.json.RawJson
import ai.auriko.request.chat.ResponseFormat
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.Serializable

/**
 * Structured outputs through the real client on the loopback fake gateway: `create` with a schema
 * and a serializer (the request carries the format, the answer comes back typed), a refusal as a
 * typed result, JSON that does not match and an answer cut at `length` as
 * [StructuredOutputException]s carrying the raw text and the completion, `streamObject`'s partial
 * objects in order up to the validated value, an error and a cancellation mid-stream, and the
 * Responses API's `text.format`.
 */
class StructuredOutputSpec :
    FunSpec({
        fun withClient(block: suspend (LoopbackGateway, AurikoClient) -> Unit) = suspend {
            LoopbackGateway().use { gateway ->
                AurikoClient {
                        apiKey = "sk-structured-secret"
                        baseUrl = gateway.baseUrl
                        maxRetries = 0
                    }
                    .use { client -> withTimeout(20.seconds) { block(gateway, client) } }
            }
        }

        val request = chatCompletionRequest {
            model = "gpt-4o"
            messages { user("Weather in Oslo?") }
        }

        test(
            "create sends the json_schema format and returns the typed value with the completion"
        ) {
            withClient { gateway, client ->
                gateway.enqueue {
                    content("""{"city":"Oslo",""", """"celsius":-3.5,"days":["mon","tue"]}""")
                    requestId("req-structured")
                }
                val answer = client.chat.completions.create(WEATHER, request)
                answer.isRefusal shouldBe false
                val weather = answer.valueOrThrow()
                weather.city shouldBe "Oslo"
                weather.celsius shouldBe -3.5
                weather.days shouldContainExactly listOf("mon", "tue")
                answer.completion.responseHeaders.requestId() shouldBe "req-structured"
                answer.text shouldBe """{"city":"Oslo","celsius":-3.5,"days":["mon","tue"]}"""
                answer.toString() shouldNotContain "Oslo"
                val sent = gateway.takeRequest()
                sent.field("response_format.type") shouldBe "json_schema"
                sent.field("response_format.json_schema.name") shouldBe "weather"
                sent.field("response_format.json_schema.strict") shouldBe "true"
                sent.field("response_format.json_schema.schema.required") shouldBe
                    """["city","celsius","days"]"""
            }
        }

        test("create<T>, streamObject<T> and responses.create<T> use the schema generated from T") {
            withClient { gateway, client ->
                gateway.enqueue { content("""{"city":"Oslo","celsius":2,"days":["mon"]}""") }
                val typed =
                    client.chat.completions.create<Weather> {
                        model = "gpt-4o"
                        messages { user("Oslo?") }
                    }
                typed.valueOrThrow().days shouldContainExactly listOf("mon")
                val sent = gateway.takeRequest()
                sent.field("response_format.json_schema.name") shouldBe "Weather"
                sent.field("response_format.json_schema.schema.additionalProperties") shouldBe
                    "false"
                sent.field("response_format.json_schema.schema.required") shouldBe
                    """["city","celsius","days"]"""

                gateway.enqueue { content("""{"city":"Os""", """lo"}""") }
                val items =
                    client.chat.completions
                        .streamObject<PartialWeather> {
                            model = "gpt-4o"
                            messages { user("Oslo?") }
                        }
                        .toList()
                items.map { it.value?.city } shouldContainExactly listOf("Os", "Oslo", "Oslo")
                items.last().isComplete shouldBe true
                gateway.takeRequest().field("response_format.json_schema.name") shouldBe
                    "PartialWeather"

                gateway.enqueue { content("""{"city":"Rome","celsius":20,"days":[]}""") }
                val response =
                    client.responses.create<Weather> {
                        model = "gpt-4o"
                        input = "Rome?"
                    }
                response.valueOrThrow().city shouldBe "Rome"
                gateway.takeRequest().field("text.format.name") shouldBe "Weather"
            }
        }

        test("a refusal is a typed result, and valueOrThrow says so") {
            withClient { gateway, client ->
                gateway.enqueue {
                    rawResponse(
                        200,
                        "application/json",
                        completionBody(refusal = "I can't help with that."),
                    )
                }
                val answer = client.chat.completions.create(WEATHER, request)
                answer.isRefusal shouldBe true
                answer.refusal shouldBe "I can't help with that."
                answer.value.shouldBeNull()
                val e = shouldThrow<StructuredOutputException> { answer.valueOrThrow() }
                e.kind() shouldBe StructuredOutputException.Kind.REFUSED
                e.rawText() shouldBe "I can't help with that."
                e.partialCompletion shouldBe answer.completion
            }
        }

        test(
            "JSON that does not match throws with the raw text and the completion, not the text in the message"
        ) {
            withClient { gateway, client ->
                val text =
                    """{"city":"Oslo","celsius":"cold","days":[],"note":"${"x".repeat(500)}"}"""
                gateway.enqueue { content(text) }
                val e =
                    shouldThrow<StructuredOutputException> {
                        client.chat.completions.create(WEATHER, request)
                    }
                e.kind() shouldBe StructuredOutputException.Kind.MISMATCH
                e.rawText() shouldBe text
                e.partialCompletion.shouldNotBeNull().choices.single().message.content shouldBe text
                e.message.shouldNotBeNull() shouldContain "weather"
                e.message!!.shouldNotContain("x".repeat(100))
                e.cause.shouldNotBeNull()
            }
        }

        test("an answer cut at length throws TRUNCATED with the partial text") {
            withClient { gateway, client ->
                gateway.enqueue {
                    content("""{"city":"Os""")
                    finishReason("length")
                }
                val e =
                    shouldThrow<StructuredOutputException> {
                        client.chat.completions.create(WEATHER, request)
                    }
                e.kind() shouldBe StructuredOutputException.Kind.TRUNCATED
                e.rawText() shouldBe """{"city":"Os"""
                e.message.shouldNotBeNull() shouldContain "length"
            }
        }

        test(
            "a request that already has another response_format is rejected before anything is sent"
        ) {
            withClient { gateway, client ->
                val other = request.toBuilder().responseFormat(ResponseFormat.jsonObject()).build()
                val e =
                    shouldThrow<InvalidRequestException> {
                        client.chat.completions.create(WEATHER, other)
                    }
                e.param() shouldBe "response_format"
                // the same format is fine
                gateway.enqueue { content("""{"city":"Oslo","celsius":1,"days":[]}""") }
                val same =
                    request.toBuilder().responseFormat(WEATHER.schema.toResponseFormat()).build()
                client.chat.completions.create(WEATHER, same).valueOrThrow().city shouldBe "Oslo"
            }
        }

        test("streamObject emits the partial object as the JSON grows, then the validated value") {
            withClient { gateway, client ->
                gateway.enqueue {
                    content(
                        """{"ci""",
                        """ty":"Os""",
                        """lo","cel""",
                        """sius":-3""",
                        """.5,""",
                        """"days":["mo""",
                        """n"]}""",
                    )
                }
                val items = client.chat.completions.streamObject(PARTIAL_WEATHER, request).toList()
                items.map { it.json.toString() } shouldContainExactly
                    listOf(
                        """{}""",
                        """{"city":"Os"}""",
                        """{"city":"Oslo"}""",
                        """{"city":"Oslo","celsius":-3.5}""",
                        """{"city":"Oslo","celsius":-3.5,"days":["mo"]}""",
                        """{"city":"Oslo","celsius":-3.5,"days":["mon"]}""",
                        """{"city":"Oslo","celsius":-3.5,"days":["mon"]}""",
                    )
                items.dropLast(1).forEach { it.isComplete shouldBe false }
                items[1].value.shouldNotBeNull().city shouldBe "Os"
                items[1].value!!.celsius.shouldBeNull()
                val last = items.last()
                last.isComplete shouldBe true
                last.value.shouldNotBeNull().days shouldContainExactly listOf("mon")
                last.result.shouldNotBeNull().completion.choices.single().finishReason shouldBe
                    "stop"
                gateway.takeRequest().field("response_format.json_schema.name") shouldBe
                    "partial_weather"
            }
        }

        test("streamObject: a streamed refusal ends with a refusal result") {
            withClient { gateway, client ->
                gateway.enqueue {
                    rawEvent(refusalChunk("I can't "))
                    rawEvent(refusalChunk("help."))
                }
                val items = client.chat.completions.streamObject(PARTIAL_WEATHER, request).toList()
                val last = items.single()
                last.isComplete shouldBe true
                last.result.shouldNotBeNull().refusal shouldBe "I can't help."
                last.value.shouldBeNull()
            }
        }

        test("streamObject: a mismatch at the end throws with the raw text; partials came first") {
            withClient { gateway, client ->
                gateway.enqueue { content("""{"city":"Oslo",""", """"celsius":"cold"}""") }
                val seen = mutableListOf<PartialObject<PartialWeather>>()
                val e =
                    shouldThrow<StructuredOutputException> {
                        client.chat.completions.streamObject(PARTIAL_WEATHER, request).collect {
                            seen += it
                        }
                    }
                e.kind() shouldBe StructuredOutputException.Kind.MISMATCH
                e.rawText() shouldBe """{"city":"Oslo","celsius":"cold"}"""
                seen.last().json.toString() shouldBe """{"city":"Oslo","celsius":"cold"}"""
                seen.none { it.isComplete } shouldBe true
            }
        }

        test("streamObject: a stream cut at length throws TRUNCATED") {
            withClient { gateway, client ->
                gateway.enqueue {
                    content("""{"city":"Os""")
                    finishReason("length")
                }
                val e =
                    shouldThrow<StructuredOutputException> {
                        client.chat.completions.streamObject(PARTIAL_WEATHER, request).toList()
                    }
                e.kind() shouldBe StructuredOutputException.Kind.TRUNCATED
                e.rawText() shouldBe """{"city":"Os"""
            }
        }

        test(
            "streamObject: a gateway error mid-stream throws the stream's exception with the partial"
        ) {
            withClient { gateway, client ->
                gateway.enqueue {
                    content("""{"city":"Oslo",""")
                    errorEvent("provider_error", "upstream died")
                }
                val seen = mutableListOf<PartialObject<PartialWeather>>()
                val e =
                    shouldThrow<AurikoException> {
                        client.chat.completions.streamObject(PARTIAL_WEATHER, request).collect {
                            seen += it
                        }
                    }
                (e is StructuredOutputException) shouldBe false
                e.partialCompletion.shouldNotBeNull().choices.single().message.content shouldBe
                    """{"city":"Oslo","""
                seen.last().value.shouldNotBeNull().city shouldBe "Oslo"
            }
        }

        test("streamObject: a stream cut off throws StreamInterruptedException with the partial") {
            withClient { gateway, client ->
                gateway.enqueue {
                    content("""{"city":"Os""")
                    truncate()
                }
                val e =
                    shouldThrow<AurikoException> {
                        client.chat.completions.streamObject(PARTIAL_WEATHER, request).toList()
                    }
                e.shouldBeInstanceOf<ai.auriko.errors.StreamInterruptedException>()
                e.partialCompletion.shouldNotBeNull().choices.single().message.content shouldBe
                    """{"city":"Os"""
            }
        }

        test("streamObject: cancelling the collector closes the stream; the server sees it") {
            withClient { gateway, client ->
                gateway.enqueue {
                    content("""{"city":"Oslo",""")
                    pause(60.seconds)
                    content(""""celsius":1}""")
                }
                val first =
                    client.chat.completions.streamObject(PARTIAL_WEATHER, request).first {
                        it.value?.city == "Oslo"
                    }
                first.json.toString() shouldBe """{"city":"Oslo"}"""
                gateway.takeRequest().awaitCancellation(java.time.Duration.ofSeconds(5)) shouldBe
                    true
            }
        }

        test("Responses: create sends text.format and reads the output text typed") {
            withClient { gateway, client ->
                gateway.enqueue { content("""{"city":"Rome","celsius":21,"days":["sat"]}""") }
                val answer =
                    client.responses.create(
                        WEATHER,
                        responseRequest {
                            model = "gpt-4o"
                            input = "Weather in Rome?"
                        },
                    )
                answer.valueOrThrow().city shouldBe "Rome"
                answer.response.status shouldBe "completed"
                val sent = gateway.takeRequest()
                sent.field("text.format.type") shouldBe "json_schema"
                sent.field("text.format.name") shouldBe "weather"
            }
        }

        test("Responses: an incomplete answer is TRUNCATED, a refusal part a typed refusal") {
            withClient { gateway, client ->
                val rq = responseRequest {
                    model = "gpt-4o"
                    input = "Weather?"
                }
                gateway.enqueue {
                    content("""{"city":"Ro""")
                    finishReason("length")
                }
                val e =
                    shouldThrow<StructuredOutputException> { client.responses.create(WEATHER, rq) }
                e.kind() shouldBe StructuredOutputException.Kind.TRUNCATED
                e.rawText() shouldBe """{"city":"Ro"""
                gateway.enqueue {
                    rawResponse(
                        200,
                        "application/json",
                        """{"id":"resp_1","object":"response","status":"completed","model":"gpt-4o",
                           "output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed",
                           "content":[{"type":"refusal","refusal":"No."}]}]}""",
                    )
                }
                val refused = client.responses.create(WEATHER, rq)
                refused.isRefusal shouldBe true
                refused.refusal shouldBe "No."
            }
        }
    }) {
    @Serializable class Weather(val city: String, val celsius: Double, val days: List<String>)

    @Serializable
    class PartialWeather(
        val city: String? = null,
        val celsius: Double? = null,
        val days: List<String> = emptyList(),
    )

    companion object {
        private const val SCHEMA =
            """{"type":"object","properties":{"city":{"type":"string"},"celsius":{"type":"number"},
               "days":{"type":"array","items":{"type":"string"}}},
               "required":["city","celsius","days"],"additionalProperties":false}"""

        val WEATHER: StructuredOutput<Weather> =
            StructuredOutput.of(JsonSchema.of("weather", RawJson.of(SCHEMA)), Weather.serializer())

        val PARTIAL_WEATHER: StructuredOutput<PartialWeather> =
            StructuredOutput.of(
                JsonSchema.of("partial_weather", RawJson.of(SCHEMA)),
                PartialWeather.serializer(),
            )

        fun completionBody(refusal: String): String =
            """{"id":"c1","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,
               "message":{"role":"assistant","content":null,"refusal":"$refusal"},"finish_reason":"stop"}]}"""

        fun refusalChunk(text: String): String =
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\"," +
                "\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"$text\"}}]}\n\n"
    }
}
