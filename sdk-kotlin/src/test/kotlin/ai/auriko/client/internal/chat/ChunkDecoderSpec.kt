package ai.auriko.client.internal.chat

import ai.auriko.client.internal.WireJson
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.matchers.types.shouldNotBeSameInstanceAs
import kotlin.random.Random

/**
 * The chunk scanner against kotlinx.serialization, the definition of a chunk: wherever the scanner
 * answers, its chunk has every field kotlinx.serialization gives; where it declines, the general
 * way decides (and reports any error).
 */
class ChunkDecoderSpec :
    FunSpec({
        fun agrees(scanner: ChunkScanner, text: String): Boolean {
            val fast = scanner.scan(text) ?: return false
            val general =
                withClue("the scanner accepted what kotlinx.serialization rejects: $text") {
                    ChunkTexts.general(text).shouldNotBeNull()
                }
            withClue(text) { ChunkTexts.fields(fast) shouldBe ChunkTexts.fields(general) }
            return true
        }

        test(
            "the scanner answers for every spelling of the stream shape, as kotlinx.serialization does"
        ) {
            val rnd = Random(20261122)
            val scanner = ChunkScanner()
            repeat(5_000) {
                val text = ChunkTexts.chunk(rnd, wide = false)
                // Keys spelled with escapes are the one thing of this shape left to the general
                // way;
                // an index beyond Int is not a chunk at all.
                if (!text.contains("\"\\u") && ChunkTexts.general(text) != null)
                    withClue(text) { agrees(scanner, text) shouldBe true }
            }
        }

        test(
            "with members outside the shape it declines, or answers exactly as kotlinx.serialization"
        ) {
            val rnd = Random(7)
            val scanner = ChunkScanner()
            var answered = 0
            var declined = 0
            repeat(5_000) {
                if (agrees(scanner, ChunkTexts.chunk(rnd, wide = true))) answered++ else declined++
            }
            answered shouldBeGreaterThan 500
            declined shouldBeGreaterThan 500
        }

        test(
            "broken text: never accepted where kotlinx.serialization rejects it, never read differently"
        ) {
            val rnd = Random(99)
            val scanner = ChunkScanner()
            var answered = 0
            var rejectedByBoth = 0
            repeat(30_000) {
                var text = ChunkTexts.chunk(rnd, wide = rnd.nextInt(4) == 0)
                repeat(1 + rnd.nextInt(2)) { text = ChunkTexts.mutate(rnd, text) }
                if (agrees(scanner, text)) answered++
                else if (ChunkTexts.general(text) == null) rejectedByBoth++
            }
            // Both kinds occur, so the property above was really exercised.
            answered shouldBeGreaterThan 3_000
            rejectedByBoth shouldBeGreaterThan 3_000
        }

        test("declines each member it leaves to the general way") {
            val scanner = ChunkScanner()
            val base = """"id":"c","choices":[{"index":0,"delta":{"content":"x"}}]"""
            listOf(
                    """{$base,"usage":{"prompt_tokens":1}}""",
                    """{$base,"routing_metadata":{"provider":"openai"}}""",
                    """{$base,"error":{"message":"boom"}}""",
                    """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":{}}}]}}]}""",
                    """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":null}]}}]}""",
                    """{"choices":[{"index":0,"logprobs":{"content":[{"logprob":1e400}]},"delta":{}}]}""",
                    """{"choices":[{"index":null,"delta":{}}]}""",
                    """{"choices":null}""",
                    """{"created":1.5}""",
                    """{"created":"1732250000"}""",
                    """{"created":01}""",
                    """{"id":"a","id":"b"}""",
                    """{"\u0069d":"a"}""",
                    // an unknown member nested too deep, too many of them
                    """{$base,"extra":${"[".repeat(40)}${"]".repeat(40)}}""",
                    "{$base," + (1..17).joinToString(",") { "\"x$it\":$it" } + "}",
                    """{$base}x""",
                    """{"content":"raw""" + '\u0001' + """control"}""",
                    """[]""",
                )
                .forEach { text -> withClue(text) { scanner.scan(text).shouldBeNull() } }
        }

        test("keeps unknown members, nested ones included, exactly as kotlinx.serialization does") {
            val scanner = ChunkScanner()
            val base = """"id":"c","choices":[{"index":0,"delta":{"content":"x"}}]"""
            listOf(
                    """{$base,"extra":{"nested":true}}""",
                    """{$base,"extra":[1, {"a" : [ ]}, "s\n", -0.5e+10]}""",
                    """{$base,"a":"1","b":1,"c":true,"d":null,"e":1E3}""",
                    """{$base,"a":1,"b":2,"a":3}""", // the later value, in the first place
                    """{"choices":[{"index":0,"logprobs":{"content":[]},"delta":{}}]}""",
                    """{"choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":{"content":[{"token":"Hi",""" +
                        """"logprob":-0.031,"bytes":[72,105],"top_logprobs":[{"token":"Hi","logprob":-3.1E-2,""" +
                        """"bytes":null},{"token":"Hey","logprob":-4,"x":1}]}],"refusal":null,"y":[]}}]}""",
                    """{"choices":[{"index":0,"logprobs":{"refusal":[{"token":"no","logprob":null,"top_logprobs":null}]}}]}""",
                    """{$base,"x":-0.5e310,"y":2.50}""", // numbers as sent
                    "{$base," + (1..16).joinToString(",") { "\"x$it\":$it" } + "}",
                )
                .forEach { text ->
                    withClue(text) {
                        val fast = scanner.scan(text).shouldNotBeNull()
                        ChunkTexts.fields(fast) shouldBe
                            ChunkTexts.fields(ChunkTexts.general(text).shouldNotBeNull())
                        fast.additionalProperties shouldBe
                            ChunkTexts.general(text)!!.additionalProperties
                    }
                }
        }

        test(
            "values that repeat from chunk to chunk are the previous chunk's strings; new text is copied"
        ) {
            val scanner = ChunkScanner()
            fun chunk(content: String) =
                """{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o","system_fingerprint":"fp_1",""" +
                    """"choices":[{"index":0,"delta":{"role":"assistant","content":"$content"},"finish_reason":null}]}"""
            val first = scanner.scan(chunk("Hel")).shouldNotBeNull()
            val second = scanner.scan(chunk("Hel")).shouldNotBeNull()
            second.id shouldBeSameInstanceAs first.id
            second.model shouldBeSameInstanceAs first.model
            second.objectType shouldBeSameInstanceAs first.objectType
            second.systemFingerprint shouldBeSameInstanceAs first.systemFingerprint
            second.choices[0].delta.role shouldBeSameInstanceAs first.choices[0].delta.role
            second.choices[0].delta.content shouldNotBeSameInstanceAs first.choices[0].delta.content
            val other =
                scanner.scan(chunk("lo").replace("chatcmpl-1", "chatcmpl-2")).shouldNotBeNull()
            other.id shouldBe "chatcmpl-2"
        }

        test(
            "tool call fragments: read in place, the call's id, type and name reused when they repeat"
        ) {
            val scanner = ChunkScanner()
            fun chunk(arguments: String) =
                """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_1","type":"function",""" +
                    """"function":{"name":"get_weather","arguments":"$arguments"}}]}}]}"""
            val first =
                scanner.scan(chunk("{\\\"ci")).shouldNotBeNull().choices[0].delta.toolCalls[0]
            val second =
                scanner.scan(chunk("ty\\\":")).shouldNotBeNull().choices[0].delta.toolCalls[0]
            first.index shouldBe 1
            first.function?.arguments shouldBe "{\"ci"
            second.function?.arguments shouldBe "ty\":"
            second.id shouldBeSameInstanceAs first.id
            second.function?.name shouldBeSameInstanceAs first.function?.name
        }

        test("the decoder falls back to kotlinx.serialization, errors and all") {
            val decoder = ChunkDecoder(WireJson)
            decoder
                .decode(
                    """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{","x":[1]}}]}}]}"""
                )
                .choices[0]
                .delta
                .toolCalls[0]
                .index shouldBe 1
            val error =
                runCatching { decoder.decode("""{"choices":[{"index":"zero"}]}""") }
                    .exceptionOrNull()
            (error is kotlinx.serialization.SerializationException ||
                error is IllegalArgumentException) shouldBe true
        }
    })
