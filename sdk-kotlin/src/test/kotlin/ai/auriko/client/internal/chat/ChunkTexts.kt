package ai.auriko.client.internal.chat

import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.internal.WireJson
import kotlin.random.Random
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement

/**
 * Generated chunk event texts for the scanner's differential tests: the stream shape in every
 * spelling JSON allows (member order, whitespace, escapes, unknown scalar members, nulls), and,
 * when [wide], the members the scanner leaves to kotlinx.serialization.
 */
internal object ChunkTexts {
    /** The client's decoding configuration. */
    val json: Json = WireJson

    private val encoder = Json { encodeDefaults = true }

    /** Every field of [chunk], for comparing two decodings. */
    fun fields(chunk: ChatCompletionChunk): JsonElement =
        encoder.encodeToJsonElement(ChatCompletionChunk.serializer(), chunk)

    /** The general way's answer, or null when it throws what the stream maps to a typed error. */
    fun general(text: String): ChatCompletionChunk? =
        try {
            json.decodeFromString(ChatCompletionChunk.serializer(), text)
        } catch (e: kotlinx.serialization.SerializationException) {
            null
        } catch (e: IllegalArgumentException) {
            null
        }

    fun chunk(rnd: Random, wide: Boolean): String {
        val members = ArrayList<String>()
        fun add(key: String, value: String?) {
            if (value != null) members += quote(key, rnd) + ws(rnd) + ":" + ws(rnd) + value
        }
        add(
            "id",
            maybe(rnd) {
                stringValue(rnd, listOf("chatcmpl-9f3a1c2b7d", "", "chatcmpl-\\u00e9t\\u00E9"))
            },
        )
        add("object", maybe(rnd) { stringValue(rnd, listOf("chat.completion.chunk")) })
        add("created", maybe(rnd) { integer(rnd, 18) })
        add(
            "model",
            maybe(rnd) {
                stringValue(rnd, listOf("gpt-4o-2024-08-06", "anthropic/claude-sonnet-4"))
            },
        )
        add("system_fingerprint", maybe(rnd) { stringValue(rnd, listOf("fp_44709d6fcb")) })
        add("service_tier", maybe(rnd) { stringValue(rnd, listOf("default", "flex")) })
        if (rnd.nextInt(10) > 0)
            add("choices", array(rnd, List(rnd.nextInt(4)) { choice(rnd, it, wide) }))
        add(
            "usage",
            if (wide && rnd.nextInt(4) == 0)
                """{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}"""
            else nullOrAbsent(rnd),
        )
        add(
            "routing_metadata",
            if (wide && rnd.nextInt(4) == 0) """{"provider":"openai","total_cost":0.0004}"""
            else nullOrAbsent(rnd),
        )
        add(
            "error",
            if (wide && rnd.nextInt(8) == 0) """{"code":503,"message":"overloaded"}"""
            else nullOrAbsent(rnd),
        )
        repeat(rnd.nextInt(3)) { add(unknownKey(rnd), unknownValue(rnd, wide)) }
        return ws(rnd) + obj(rnd, members) + ws(rnd)
    }

    private fun choice(rnd: Random, index: Int, wide: Boolean): String {
        val members = ArrayList<String>()
        fun add(key: String, value: String?) {
            if (value != null) members += quote(key, rnd) + ws(rnd) + ":" + ws(rnd) + value
        }
        if (rnd.nextInt(8) > 0)
            add("index", if (rnd.nextInt(20) == 0) integer(rnd, 9) else index.toString())
        if (rnd.nextInt(8) > 0) add("delta", delta(rnd, wide))
        add(
            "finish_reason",
            maybe(rnd) {
                stringValue(rnd, listOf("stop", "length", "tool_calls", "a_reason_not_known_yet"))
            },
        )
        add("native_finish_reason", maybe(rnd) { stringValue(rnd, listOf("end_turn", "STOP")) })
        add(
            "logprobs",
            when {
                rnd.nextInt(6) != 0 -> nullOrAbsent(rnd)
                rnd.nextBoolean() -> """{"content":[]}"""
                else ->
                    """{"content":[{"token":${text(rnd)},"logprob":-${rnd.nextInt(20)}.${rnd.nextInt(1000)},""" +
                        """"bytes":[${rnd.nextInt(256)}],"top_logprobs":[{"token":"a","logprob":-1e-3}]}],"refusal":null}"""
            },
        )
        repeat(rnd.nextInt(2)) { add(unknownKey(rnd), unknownValue(rnd, wide)) }
        return obj(rnd, members)
    }

    private fun delta(rnd: Random, wide: Boolean): String {
        val members = ArrayList<String>()
        fun add(key: String, value: String?) {
            if (value != null) members += quote(key, rnd) + ws(rnd) + ":" + ws(rnd) + value
        }
        add("role", maybe(rnd) { stringValue(rnd, listOf("assistant")) })
        add("content", maybe(rnd) { text(rnd) })
        add("reasoning_content", maybe(rnd, 4) { text(rnd) })
        add("reasoning_signature", maybe(rnd, 8) { text(rnd) })
        add("reasoning_redacted_data", maybe(rnd, 8) { text(rnd) })
        add("refusal", maybe(rnd, 8) { text(rnd) })
        add(
            "tool_calls",
            when (rnd.nextInt(4)) {
                0 -> array(rnd, List(rnd.nextInt(4)) { toolCall(rnd, it, wide) })
                1 -> "[" + ws(rnd) + "]"
                else -> nullOrAbsent(rnd)
            },
        )
        repeat(rnd.nextInt(2)) { add(unknownKey(rnd), unknownValue(rnd, wide)) }
        return obj(rnd, members)
    }

    private fun toolCall(rnd: Random, index: Int, wide: Boolean): String {
        val members = ArrayList<String>()
        fun add(key: String, value: String?) {
            if (value != null) members += quote(key, rnd) + ws(rnd) + ":" + ws(rnd) + value
        }
        if (rnd.nextInt(8) > 0)
            add("index", if (rnd.nextInt(20) == 0) integer(rnd, 9) else index.toString())
        add("id", maybe(rnd, 2) { stringValue(rnd, listOf("call_abc123", "toolu_01")) })
        add("type", maybe(rnd, 2) { stringValue(rnd, listOf("function")) })
        if (rnd.nextInt(6) > 0) {
            val function = ArrayList<String>()
            fun addF(key: String, value: String?) {
                if (value != null) function += quote(key, rnd) + ws(rnd) + ":" + ws(rnd) + value
            }
            addF("name", maybe(rnd, 2) { stringValue(rnd, listOf("get_weather", "search")) })
            addF("arguments", maybe(rnd) { text(rnd) })
            repeat(rnd.nextInt(2)) { addF(unknownKey(rnd), unknownValue(rnd, wide)) }
            add("function", if (rnd.nextInt(10) == 0) "null" else obj(rnd, function))
        }
        repeat(rnd.nextInt(2)) { add(unknownKey(rnd), unknownValue(rnd, wide)) }
        return obj(rnd, members)
    }

    private fun obj(rnd: Random, members: MutableList<String>): String {
        members.shuffle(rnd)
        return "{" + ws(rnd) + members.joinToString(ws(rnd) + "," + ws(rnd)) + ws(rnd) + "}"
    }

    private fun array(rnd: Random, items: List<String>): String =
        "[" + ws(rnd) + items.joinToString(ws(rnd) + "," + ws(rnd)) + ws(rnd) + "]"

    private fun ws(rnd: Random): String =
        when (rnd.nextInt(6)) {
            0 -> " "
            1 -> listOf(" ", "\n", "\r\n", "\t", "  ").random(rnd)
            else -> ""
        }

    private fun <T> maybe(rnd: Random, oneIn: Int = 1, value: () -> T): String? =
        when {
            rnd.nextInt(oneIn) != 0 -> null
            rnd.nextInt(10) == 0 -> "null"
            rnd.nextInt(10) == 0 -> null
            else -> value().toString()
        }

    private fun nullOrAbsent(rnd: Random): String? = if (rnd.nextBoolean()) "null" else null

    private fun quote(key: String, rnd: Random): String =
        // now and then a key spelled with an escape, which means the same key
        if (key.isNotEmpty() && rnd.nextInt(40) == 0)
            "\"\\u${"%04x".format(key[0].code)}${key.substring(1)}\""
        else "\"$key\""

    private fun stringValue(rnd: Random, common: List<String>): String =
        if (rnd.nextInt(6) == 0) text(rnd) else "\"" + common.random(rnd) + "\""

    private fun integer(rnd: Random, maxDigits: Int): String =
        when (rnd.nextInt(6)) {
            0 -> "0"
            1 -> "-" + (1 + rnd.nextInt(1000))
            2 -> "9".repeat(maxDigits)
            3 -> if (maxDigits < 18) "2147483648" else "-999999999999999999"
            else -> rnd.nextLong(0, 2_000_000_000L).toString()
        }

    /**
     * A JSON string of token-like text: ASCII, accents, emoji, quotes and control characters
     * escaped.
     */
    fun text(rnd: Random): String {
        val sb = StringBuilder("\"")
        repeat(rnd.nextInt(12)) {
            sb.append(
                when (rnd.nextInt(14)) {
                    0 -> "\\n"
                    1 -> "\\\""
                    2 -> "\\\\"
                    3 -> "\\u00e9"
                    4 -> "\\ud83d\\ude00"
                    5 -> "é"
                    6 -> "😀"
                    7 -> "\\/"
                    8 -> "\\t\\r\\b\\f"
                    9 -> "\\uD800" // a lone surrogate: kept as the char it names
                    else ->
                        listOf("tok", " the", ",", " 42", "{", "}", "[", ":", "null").random(rnd)
                }
            )
        }
        return sb.append('"').toString()
    }

    private fun unknownKey(rnd: Random): String =
        listOf("obfuscation", "provider", "x", "", "p99", "choice").random(rnd)

    private fun unknownValue(rnd: Random, wide: Boolean): String =
        when (rnd.nextInt(if (wide) 9 else 7)) {
            0 -> text(rnd)
            1 -> "true"
            2 -> "false"
            3 -> "null"
            4 -> "-0.5e+10"
            5 -> "12.25"
            6 -> "1E3"
            7 -> """{"nested":[1,2,{"x":null}]}"""
            else -> "[]"
        }

    /** [text] with one random edit: a character deleted, inserted or replaced. */
    fun mutate(rnd: Random, text: String): String {
        val at = rnd.nextInt(text.length + 1)
        val c = "{}[],:\"\\ 0123456789-+.eEnultrfas\u0000\u001f\u00e9x".random(rnd)
        return when (rnd.nextInt(3)) {
            0 -> if (at < text.length) text.removeRange(at, at + 1) else text
            1 -> text.substring(0, at) + c + text.substring(at)
            else ->
                if (at < text.length) text.substring(0, at) + c + text.substring(at + 1)
                else text + c
        }
    }
}
