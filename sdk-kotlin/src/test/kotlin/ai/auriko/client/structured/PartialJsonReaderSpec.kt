package ai.auriko.client.structured

import ai.auriko.client.structured.internal.PartialJsonReader
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import kotlin.random.Random
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The partial reader's promise, as a property: for every prefix of generated JSON texts (random
 * nesting, strings with escapes and `\u` sequences, numbers with fractions and exponents, literals,
 * random white space), the value read so far is consistent with the final one — every member or
 * element before the last is already final, the last one is a prefix of its final value (a string
 * that grows, a container that grows), keys come in the final order, and nothing once shown
 * changes. `feed` reports a change exactly when the snapshot changed. A fixed seed: a failure
 * reproduces.
 */
class PartialJsonReaderSpec :
    FunSpec({
        test("every prefix of generated JSON reads as a value consistent with the final one") {
            val random = Random(SEED)
            repeat(CASES) { case ->
                val value = randomValue(random, depth = 0)
                val text = write(value, random)
                val final = Json.parseToJsonElement(text)
                withClue("case $case: $text") {
                    val reader = PartialJsonReader()
                    var previous: JsonElement? = null
                    for (i in text.indices) {
                        val changed = reader.feed(text.substring(i, i + 1))
                        reader.failure.shouldBeNull()
                        val snapshot = reader.snapshot()
                        withClue("after ${i + 1} chars: $snapshot") {
                            changed shouldBe (snapshot != previous)
                            if (snapshot != null) {
                                checkPrefix(snapshot, final)
                                previous?.let { checkPrefix(it, snapshot) }
                            } else previous.shouldBeNull()
                            if (reader.isComplete) snapshot shouldBe final
                        }
                        previous = snapshot
                    }
                    reader.finish()
                    reader.isComplete shouldBe true
                    reader.snapshot() shouldBe final
                }
            }
        }

        test("deltas of any size read the same as one character at a time") {
            val random = Random(SEED + 1)
            repeat(CASES) {
                val text = write(randomValue(random, depth = 0), random)
                val reader = PartialJsonReader()
                var at = 0
                while (at < text.length) {
                    val end = minOf(text.length, at + 1 + random.nextInt(12))
                    reader.feed(text.substring(at, end))
                    reader.snapshot()?.let { checkPrefix(it, Json.parseToJsonElement(text)) }
                    at = end
                }
                reader.finish()
                reader.snapshot() shouldBe Json.parseToJsonElement(text)
            }
        }

        test("unfinished tokens are left out until they are complete") {
            fun read(text: String) =
                PartialJsonReader().also { it.feed(text) }.snapshot().toString()
            read("""{"a":1""") shouldBe "{}"
            read("""{"a":12,""") shouldBe """{"a":12}"""
            read("""{"a":-""") shouldBe "{}"
            read("""{"a":1.""") shouldBe "{}"
            read("""{"a":1e""") shouldBe "{}"
            read("""{"a":tru""") shouldBe "{}"
            read("""{"a":true""") shouldBe """{"a":true}"""
            read("""{"a":nul""") shouldBe "{}"
            read("""{"na""") shouldBe "{}"
            read("""{"name":""") shouldBe "{}"
            read("""{"name":"Os""") shouldBe """{"name":"Os"}"""
            read("""{"name":"O\""") shouldBe """{"name":"O"}"""
            read("""{"name":"\u00""") shouldBe """{"name":""}"""
            read("""{"name":"\u00e9""") shouldBe """{"name":"é"}"""
            read("""{"days":[1,2""") shouldBe """{"days":[1]}"""
            read("""{"days":[{"t":""") shouldBe """{"days":[{}]}"""
            read("""[""") shouldBe "[]"
            PartialJsonReader().also { it.feed("  ") }.snapshot().shouldBeNull()
        }

        test("a syntax error stops the reader; what came before stays") {
            val reader = PartialJsonReader()
            reader.feed("""{"a":"x","b":]""")
            reader.failure.shouldNotBeNull()
            reader.snapshot().toString() shouldBe """{"a":"x"}"""
            reader.feed("""1}""") shouldBe false
            reader.isComplete shouldBe false
            PartialJsonReader().also { it.feed("""{"a":01,""") }.failure.shouldNotBeNull()
            PartialJsonReader().also { it.feed("""{} x""") }.failure.shouldNotBeNull()
        }
    }) {
    private companion object {
        const val SEED = 21L
        const val CASES = 400

        /**
         * [partial] is consistent with [final]: the same shape; in a container every entry but the
         * last equals the final one, the last one recursively consistent; a string a prefix of the
         * final string; any other scalar equal.
         */
        fun checkPrefix(partial: JsonElement, final: JsonElement) {
            when (partial) {
                is JsonObject -> {
                    val f = final as JsonObject
                    val keys = partial.keys.toList()
                    keys shouldBe f.keys.take(keys.size)
                    keys.forEachIndexed { i, k ->
                        if (i < keys.size - 1) partial[k] shouldBe f[k]
                        else checkPrefix(partial.getValue(k), f.getValue(k))
                    }
                }
                is JsonArray -> {
                    val f = final as JsonArray
                    (partial.size <= f.size) shouldBe true
                    partial.forEachIndexed { i, e ->
                        if (i < partial.size - 1) e shouldBe f[i] else checkPrefix(e, f[i])
                    }
                }
                is JsonPrimitive ->
                    if (partial.isString) {
                        val f = final as JsonPrimitive
                        f.isString shouldBe true
                        f.content.startsWith(partial.content) shouldBe true
                    } else partial shouldBe final
            }
        }

        fun randomValue(random: Random, depth: Int): JsonElement {
            val container = depth < 4 && random.nextInt(3) != 0
            return if (depth == 0 || container) {
                if (depth == 0 && random.nextInt(10) == 0) return scalar(random)
                if (random.nextBoolean()) {
                    JsonObject(
                        (0 until random.nextInt(5)).associate {
                            "k$it${randomString(random, 3)}" to randomValue(random, depth + 1)
                        }
                    )
                } else JsonArray((0 until random.nextInt(5)).map { randomValue(random, depth + 1) })
            } else scalar(random)
        }

        fun scalar(random: Random): JsonElement =
            when (random.nextInt(6)) {
                0 -> JsonPrimitive(randomString(random, 12))
                1 -> JsonPrimitive(random.nextInt(-100_000, 100_000))
                2 ->
                    Json.parseToJsonElement(
                        listOf("0.5", "-12.25", "1e10", "3.5E-3", "-0", "0").random(random)
                    )
                3 -> JsonPrimitive(random.nextBoolean())
                4 -> JsonNull
                else -> JsonPrimitive("")
            }

        private val ALPHABET = "abc xyz\"\\/\n\t\u0001é€😀{}[],:"

        fun randomString(random: Random, max: Int): String = buildString {
            repeat(random.nextInt(max + 1)) { append(ALPHABET[random.nextInt(ALPHABET.length)]) }
        }

        /**
         * JSON text of [value] with random white space, some characters written as `\u` escapes.
         */
        fun write(value: JsonElement, random: Random): String = buildString {
            fun ws() {
                if (random.nextInt(4) == 0) append(" \n\t".take(1 + random.nextInt(3)))
            }
            fun str(s: String) {
                append('"')
                for (c in s) {
                    when {
                        c == '"' -> append("\\\"")
                        c == '\\' -> append("\\\\")
                        c < ' ' || random.nextInt(8) == 0 -> append("\\u%04x".format(c.code))
                        else -> append(c)
                    }
                }
                append('"')
            }
            fun node(v: JsonElement) {
                ws()
                when (v) {
                    is JsonObject -> {
                        append('{')
                        v.entries.forEachIndexed { i, (k, e) ->
                            if (i > 0) append(',')
                            ws()
                            str(k)
                            ws()
                            append(':')
                            node(e)
                        }
                        ws()
                        append('}')
                    }
                    is JsonArray -> {
                        append('[')
                        v.forEachIndexed { i, e ->
                            if (i > 0) append(',')
                            node(e)
                        }
                        ws()
                        append(']')
                    }
                    is JsonPrimitive -> if (v.isString) str(v.content) else append(v.content)
                }
                ws()
            }
            node(value)
        }
    }
}
