package ai.auriko.client.chat

import ai.auriko.client.chat.stream.ChatCompletionAccumulator
import ai.auriko.client.fixtureRequest
import ai.auriko.client.gateway.Cost
import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.chat.ChunkDecoder
import ai.auriko.client.internal.chat.ChunkScanner
import ai.auriko.client.testing.MockClient
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import java.math.BigDecimal
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * The response models keep what they do not model (`additionalProperties`, exactly as sent) on
 * every path — a create() body, chunks the in-place scanner reads, chunks kotlinx.serialization
 * reads, the accumulated completion — and carry complete usage details, typed log probabilities and
 * exact money.
 */
class ResponseModelsSpec :
    FunSpec({
        fun json(text: String): JsonElement = WireJson.parseToJsonElement(text)

        fun jsonClient(body: String) =
            MockClient({
                respond(body, HttpStatusCode.OK, headersOf("Content-Type", "application/json"))
            })

        fun sseClient(vararg events: String) =
            MockClient({
                respond(
                    events.joinToString("") { "data: $it\n\n" } + "data: [DONE]\n\n",
                    HttpStatusCode.OK,
                    headersOf("Content-Type", "text/event-stream"),
                )
            })

        test("create(): every model keeps the members it does not model, and only those") {
            val body =
                """{"id":"c1","object":"chat.completion","model":"gpt-4o","x_top":{"a":[1,2.50]},
                   "choices":[{"index":0,"x_choice":true,"finish_reason":"tool_calls",
                     "message":{"role":"assistant","content":"hi","x_msg":"m","annotations":[],
                       "tool_calls":[{"id":"call_1","type":"function","x_call":1,
                         "function":{"name":"f","arguments":"{}","x_fn":null}}]},
                     "logprobs":{"x_lp":"l","content":[{"token":"hi","logprob":-0.25,"bytes":[104,105],"x_tok":0,
                       "top_logprobs":[{"token":"hi","logprob":-0.25,"bytes":null,"x_alt":"a"}]}],"refusal":null}}],
                   "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"x_usage":1e3,
                     "prompt_tokens_details":{"cached_tokens":1,"text_tokens":6,"image_tokens":3,"audio_tokens":0,"x_pd":1},
                     "completion_tokens_details":{"reasoning_tokens":2,"text_tokens":2,"image_tokens":1,"audio_tokens":0,
                       "accepted_prediction_tokens":0,"rejected_prediction_tokens":0,"x_cd":2}},
                   "routing_metadata":{"provider":"openai","x_rm":"r","cost":{"usd":0.000042,"billable_cost_usd":4.2E-5,"currency":"USD"},
                     "warnings":[{"type":"parameter_ignored","code":"seed","message":"m","x_w":[]}]}}"""
            jsonClient(body).use { mock ->
                val c = mock.client.chat.completions.create(fixtureRequest())
                c.additionalProperties shouldBe mapOf("x_top" to json("""{"a":[1,2.50]}"""))
                // kept as sent: the number's text, not a re-encoded double
                c.additionalProperties["x_top"].toString() shouldBe """{"a":[1,2.50]}"""
                val choice = c.choices.single()
                choice.additionalProperties shouldBe mapOf("x_choice" to JsonPrimitive(true))
                choice.message.additionalProperties shouldBe
                    mapOf("x_msg" to JsonPrimitive("m"), "annotations" to JsonArray(emptyList()))
                val call = choice.message.toolCalls.single()
                call.additionalProperties shouldBe mapOf("x_call" to JsonPrimitive(1))
                call.function.additionalProperties shouldBe mapOf("x_fn" to JsonNull)

                val logprobs = choice.logprobs.shouldNotBeNull()
                logprobs.additionalProperties shouldBe mapOf("x_lp" to JsonPrimitive("l"))
                logprobs.refusal.shouldBeNull()
                val token = logprobs.content.shouldNotBeNull().single()
                token.token shouldBe "hi"
                token.logprob shouldBe -0.25
                token.bytes shouldBe listOf(104, 105)
                token.additionalProperties shouldBe mapOf("x_tok" to JsonPrimitive(0))
                val alt = token.topLogprobs.single()
                alt.token shouldBe "hi"
                alt.bytes.shouldBeNull()
                alt.additionalProperties shouldBe mapOf("x_alt" to JsonPrimitive("a"))

                val usage = c.usage.shouldNotBeNull()
                usage.additionalProperties shouldBe mapOf("x_usage" to json("1e3"))
                val prompt = usage.promptTokensDetails.shouldNotBeNull()
                (prompt.cachedTokens to prompt.textTokens) shouldBe (1L to 6L)
                (prompt.imageTokens to prompt.audioTokens) shouldBe (3L to 0L)
                prompt.additionalProperties shouldBe mapOf("x_pd" to JsonPrimitive(1))
                val completion = usage.completionTokensDetails.shouldNotBeNull()
                completion.reasoningTokens shouldBe 2L
                completion.textTokens shouldBe 2L
                completion.imageTokens shouldBe 1L
                completion.audioTokens shouldBe 0L
                completion.acceptedPredictionTokens shouldBe 0L
                completion.rejectedPredictionTokens shouldBe 0L
                completion.additionalProperties shouldBe mapOf("x_cd" to JsonPrimitive(2))

                val routing = c.routingMetadata.shouldNotBeNull()
                routing.additionalProperties shouldBe mapOf("x_rm" to JsonPrimitive("r"))
                val cost = routing.cost.shouldNotBeNull()
                cost.additionalProperties shouldBe mapOf("currency" to JsonPrimitive("USD"))
                cost.usd shouldBe BigDecimal("0.000042")
                cost.usd!!.toString() shouldBe "0.000042"
                cost.billableCostUsd shouldBe BigDecimal("4.2E-5") // as sent
                cost.toString() shouldBe "Cost(usd=0.000042, billableCostUsd=0.000042)"
                routing.toString() shouldBe
                    "RoutingMetadata(provider=openai, strategy=null, ttftMs=null, cost=0.000042, warnings=1)"
                routing.warnings.single().additionalProperties shouldBe
                    mapOf("x_w" to JsonArray(emptyList()))
            }
        }

        test("a body with no unknown members allocates no maps: every model shares the empty one") {
            val body =
                """{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},
                   "finish_reason":"stop"}],"usage":{"prompt_tokens":1,"prompt_tokens_details":{"cached_tokens":0}},
                   "routing_metadata":{"provider":"openai","cost":{"usd":0.1}}}"""
            jsonClient(body).use { mock ->
                val c = mock.client.chat.completions.create(fixtureRequest())
                val empty = emptyMap<String, JsonElement>()
                c.additionalProperties shouldBeSameInstanceAs empty
                c.choices[0].additionalProperties shouldBeSameInstanceAs empty
                c.choices[0].message.additionalProperties shouldBeSameInstanceAs empty
                c.usage!!.additionalProperties shouldBeSameInstanceAs empty
                c.usage!!.promptTokensDetails!!.additionalProperties shouldBeSameInstanceAs empty
                c.routingMetadata!!.cost!!.additionalProperties shouldBeSameInstanceAs empty
            }
        }

        // The stream shape the scanner reads in place, with unknown members at every level.
        val scanned =
            listOf(
                """{"id":"c1","object":"chat.completion.chunk","model":"m","obfuscation":"Xq7","x_n":{"deep":[1,{"a":null}]},
                   "choices":[{"index":0,"x_choice":1.5,"delta":{"role":"assistant","content":"Hel","x_delta":"d"},"finish_reason":null}]}""",
                """{"id":"c1","object":"chat.completion.chunk","model":"m","obfuscation":"Yw","choices":[{"index":0,
                   "delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","x_call":false,
                     "function":{"name":"f","arguments":"{\"a\"","x_fn":[]}}]},"finish_reason":null}]}""",
                """{"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,
                   "delta":{"content":"lo","tool_calls":[{"index":0,"function":{"arguments":":1}"}}]},"finish_reason":"stop"}]}""",
            )

        test("chunks the scanner reads keep their unknown members, as kotlinx.serialization does") {
            val scanner = ChunkScanner()
            for (text in scanned) {
                val fast = scanner.scan(text).shouldNotBeNull() // the in-place path answered
                val general = WireJson.decodeFromString(ChatCompletionChunk.serializer(), text)
                fast.additionalProperties shouldBe general.additionalProperties
                fast.choices[0].additionalProperties shouldBe
                    general.choices[0].additionalProperties
                fast.choices[0].delta.additionalProperties shouldBe
                    general.choices[0].delta.additionalProperties
            }
            val first = scanner.scan(scanned[0]).shouldNotBeNull()
            first.additionalProperties shouldBe
                mapOf(
                    "obfuscation" to JsonPrimitive("Xq7"),
                    "x_n" to json("""{"deep":[1,{"a":null}]}"""),
                )
            first.choices[0].additionalProperties shouldBe mapOf("x_choice" to json("1.5"))
            first.choices[0].delta.additionalProperties shouldBe
                mapOf("x_delta" to JsonPrimitive("d"))
            val call = scanner.scan(scanned[1]).shouldNotBeNull().choices[0].delta.toolCalls[0]
            call.additionalProperties shouldBe mapOf("x_call" to JsonPrimitive(false))
            call.function!!.additionalProperties shouldBe mapOf("x_fn" to JsonArray(emptyList()))
            // The common chunk allocates nothing for them.
            val plain = scanner.scan(scanned[2]).shouldNotBeNull()
            plain.additionalProperties shouldBeSameInstanceAs emptyMap<String, JsonElement>()
            plain.choices[0].delta.additionalProperties shouldBeSameInstanceAs
                emptyMap<String, JsonElement>()
        }

        test("chunks the scanner leaves to kotlinx.serialization keep theirs too") {
            // usage and logprobs send a chunk the general way
            val text =
                """{"id":"c1","x_top":"t","choices":[{"index":0,"delta":{"content":"a","x_delta":1},
                   "logprobs":{"content":[{"token":"a","logprob":-1.0,"bytes":[97],"top_logprobs":[]}]}}],
                   "usage":{"prompt_tokens":1,"x_usage":"u"}}"""
            ChunkScanner().scan(text).shouldBeNull()
            val chunk = ChunkDecoder(WireJson).decode(text)
            chunk.additionalProperties shouldBe mapOf("x_top" to JsonPrimitive("t"))
            chunk.choices[0].delta.additionalProperties shouldBe
                mapOf("x_delta" to JsonPrimitive(1))
            chunk.usage!!.additionalProperties shouldBe mapOf("x_usage" to JsonPrimitive("u"))
            chunk.choices[0].logprobs!!.content!!.single().bytes shouldBe listOf(97)
        }

        test(
            "a stream: each chunk keeps its members; the completion keeps the chunks', a later value winning"
        ) {
            val events =
                scanned +
                    listOf(
                        """{"id":"c1","obfuscation":"Zz","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,
                           "total_tokens":5,"completion_tokens_details":{"image_tokens":4},"x_u":1},
                           "routing_metadata":{"provider":"openai","cost":{"usd":0.000042}}}"""
                    )
            sseClient(*events.map { it.replace("\n", " ") }.toTypedArray()).use { mock ->
                val stream = mock.client.chat.completions.stream(fixtureRequest())
                val chunks = stream.toList()
                chunks.map { it.additionalProperties["obfuscation"] } shouldBe
                    listOf(JsonPrimitive("Xq7"), JsonPrimitive("Yw"), null, JsonPrimitive("Zz"))
                val c = stream.completion.shouldNotBeNull()
                c.additionalProperties shouldBe
                    mapOf(
                        "obfuscation" to JsonPrimitive("Zz"),
                        "x_n" to json("""{"deep":[1,{"a":null}]}"""),
                    )
                val choice = c.choices.single()
                choice.additionalProperties shouldBe mapOf("x_choice" to json("1.5"))
                choice.message.content shouldBe "Hello"
                choice.message.additionalProperties shouldBe mapOf("x_delta" to JsonPrimitive("d"))
                val call = choice.message.toolCalls.single()
                call.function.arguments shouldBe "{\"a\":1}"
                call.additionalProperties shouldBe mapOf("x_call" to JsonPrimitive(false))
                call.function.additionalProperties shouldBe mapOf("x_fn" to JsonArray(emptyList()))
                c.usage!!.completionTokensDetails!!.imageTokens shouldBe 4L
                c.usage!!.additionalProperties shouldBe mapOf("x_u" to JsonPrimitive(1))
                c.routingMetadata!!.cost!!.usd.toString() shouldBe "0.000042"
            }
        }

        test("the accumulator concatenates each choice's content and refusal log probabilities") {
            fun token(t: String, lp: Double) =
                """{"token":"$t","logprob":$lp,"bytes":[${t.first().code}],"top_logprobs":[{"token":"$t","logprob":$lp}]}"""
            val decoder = ChunkDecoder(WireJson)
            val accumulator = ChatCompletionAccumulator()
            listOf(
                    """{"choices":[{"index":0,"delta":{"content":"ab"},"logprobs":{"content":[${token("a", -0.5)},${token("b", -1.5)}],"x_lp":1}}]}""",
                    """{"choices":[{"index":1,"delta":{"refusal":"n"},"logprobs":{"content":null,"refusal":[${token("n", -0.1)}]}}]}""",
                    """{"choices":[{"index":0,"delta":{"content":"c"},"logprobs":{"content":[${token("c", -2.0)}],"x_lp":2}}]}""",
                    """{"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""",
                    """{"choices":[{"index":1,"delta":{"refusal":"o"},"logprobs":{"refusal":[${token("o", -0.2)}]},"finish_reason":"stop"}]}""",
                    """{"choices":[{"index":2,"delta":{"content":"x"},"finish_reason":"stop"}]}""",
                )
                .forEach { accumulator.add(decoder.decode(it)) }
            val c = accumulator.snapshot()
            val first = c.choices[0].logprobs.shouldNotBeNull()
            first.content!!.map { it.token } shouldBe listOf("a", "b", "c")
            first.content!!.map { it.logprob } shouldBe listOf(-0.5, -1.5, -2.0)
            first.content!![2].topLogprobs.single().token shouldBe "c"
            first.content!![1].bytes shouldBe listOf('b'.code)
            first.refusal.shouldBeNull()
            first.additionalProperties shouldBe mapOf("x_lp" to JsonPrimitive(2))
            val second = c.choices[1].logprobs.shouldNotBeNull()
            second.content.shouldBeNull()
            second.refusal!!.map { it.token } shouldBe listOf("n", "o")
            c.choices[2].logprobs.shouldBeNull() // none sent, none made up
        }

        test("money is exact: kept as sent, printed plain, summed without rounding") {
            val amounts = listOf("0.1", "0.2", "0.000042", "1E-7", "0.30000000000000004")
            val costs =
                amounts.map { usd ->
                    WireJson.decodeFromString(
                        Cost.serializer(),
                        """{"usd":$usd,"billable_cost_usd":"$usd"}""",
                    )
                }
            costs.map { it.usd } shouldBe amounts.map { BigDecimal(it) }
            costs.map { it.billableCostUsd } shouldBe
                amounts.map { BigDecimal(it) } // numeric text too
            costs.take(2).map { it.usd!! }.reduce(BigDecimal::add) shouldBe BigDecimal("0.3")
            costs[3].toString() shouldBe "Cost(usd=0.0000001, billableCostUsd=0.0000001)"
            WireJson.decodeFromString(Cost.serializer(), """{"usd":null}""").usd.shouldBeNull()
            // encoded back as the same number
            WireJson.encodeToString(Cost.serializer(), costs[2]) shouldBe
                """{"usd":0.000042,"billable_cost_usd":0.000042}"""
            val withExtra =
                WireJson.decodeFromString(Cost.serializer(), """{"usd":1.50,"currency":"USD"}""")
            WireJson.encodeToJsonElement(Cost.serializer(), withExtra) shouldBe
                buildJsonObject {
                    put("usd", json("1.50"))
                    put("currency", "USD")
                }
        }
    })
