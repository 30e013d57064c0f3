package ai.auriko.client.internal.responses

import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.chat.JsonShapeReader
import ai.auriko.client.internal.stream.EventData
import ai.auriko.client.responses.ResponseStreamEvent
import ai.auriko.client.responses.ResponseStreamEvent.FunctionCallArgumentsDelta
import ai.auriko.client.responses.ResponseStreamEvent.FunctionCallArgumentsDone
import ai.auriko.client.responses.ResponseStreamEvent.OutputTextDelta
import ai.auriko.client.responses.ResponseStreamEvent.OutputTextDone
import ai.auriko.client.responses.ResponseStreamEvent.ReasoningSummaryTextDelta
import ai.auriko.client.responses.ResponseStreamEvent.ReasoningSummaryTextDone
import ai.auriko.client.responses.ResponseStreamEvent.RefusalDelta
import ai.auriko.client.responses.ResponseStreamEvent.RefusalDone
import java.util.AbstractMap.SimpleImmutableEntry
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Reads the events that make up nearly all of a Responses stream — text, refusal, argument and
 * summary deltas (and their `.done` events) — in place. Decoding one of them through a JSON tree
 * costs ~1.8 KB: every key and value becomes a String, every member a `LinkedHashMap` entry, and
 * the type, item id and indexes are copied again on every event although they rarely change. Here
 * the modelled fields are read where they are (a value equal to the previous event's is that same
 * String instance; only the new text is copied), and the event's [ResponseStreamEvent.json] is a
 * [JsonObject] over the event text itself ([ScannedMembers]) whose values kotlinx.serialization
 * reads when they are first asked for.
 *
 * [scan] answers only for strict JSON of a flat object: scalar members, empty arrays and objects,
 * keys without escapes, no key twice, the modelled fields of their usual kind (strings or null,
 * plain integers or null). Anything else — lifecycle events (their response object), items and
 * parts, errors, log probabilities, nested values, numbers given as text — returns `null`, and the
 * caller parses the tree with kotlinx.serialization, which stays the one definition of what an
 * event means and of every error. A differential test checks that wherever the scanner answers, its
 * event is the general way's, field for field and JSON for JSON. Not thread-safe: one per stream.
 */
internal class ResponseEventScanner : JsonShapeReader() {
    // Member names and values that repeat from event to event, as the previous event had them.
    private var lastKeys: Array<String> = NO_KEYS
    private var lastType: String? = null
    private var lastItemId: String? = null
    private var lastName: String? = null
    private val keys = arrayOfNulls<String>(MAX_MEMBERS)
    private val ranges = IntArray(MAX_MEMBERS)

    /**
     * The event [data] holds (its type, or [fallbackType] when it has none), or `null` when it is
     * outside what this scanner reads.
     */
    fun scan(data: EventData, fallbackType: String?): ResponseStreamEvent? {
        if (data.length > MAX_OFFSET) return null
        return read(data.chars, data.length) { event(data, fallbackType) }
    }

    /** [scan] for data given as a String (loaded into a buffer this scanner keeps). */
    fun scan(data: String, fallbackType: String?): ResponseStreamEvent? {
        text.set(data)
        return scan(text, fallbackType)
    }

    private val text = EventData()

    private fun event(data: EventData, fallbackType: String?): ResponseStreamEvent? {
        skipWhitespace()
        expect('{')
        var type: String? = null
        var seq: Long? = null
        var itemId: String? = null
        var output: Int? = null
        var content: Int? = null
        var summary: Int? = null
        var delta: String? = null
        var text: String? = null
        var refusal: String? = null
        var arguments: String? = null
        var name: String? = null
        var n = 0
        if (!emptyObject()) {
            do {
                if (n == MAX_MEMBERS) throw OutsideShape
                val key = memberKey(n)
                keys[n] = key
                val start = p
                when (key) {
                    TYPE -> type = string(lastType)?.also { lastType = it }
                    SEQUENCE_NUMBER -> seq = long()
                    ITEM_ID -> itemId = string(lastItemId)?.also { lastItemId = it }
                    OUTPUT_INDEX -> output = intOrNull()
                    CONTENT_INDEX -> content = intOrNull()
                    SUMMARY_INDEX -> summary = intOrNull()
                    DELTA -> delta = string(null)
                    TEXT -> text = string(null)
                    REFUSAL -> refusal = string(null)
                    ARGUMENTS -> arguments = string(null)
                    NAME -> name = string(lastName)?.also { lastName = it }
                    else -> skipFlatValue()
                }
                ranges[n] = (start shl 16) or p
                n++
            } while (nextMember())
        }
        val t = type ?: fallbackType
        if (t !in SCANNED_TYPES) return null
        val o = output ?: 0
        val c = content ?: 0
        val i = summary ?: 0
        // The event's own text, which its json view reads its values from.
        val json = JsonObject(ScannedMembers(data.toString(), sharedKeys(n), ranges.copyOf(n)))
        return when (t) {
            "response.output_text.delta" -> OutputTextDelta(seq, itemId, o, c, delta ?: "", json)
            "response.output_text.done" -> OutputTextDone(seq, itemId, o, c, text ?: "", json)
            "response.refusal.delta" -> RefusalDelta(seq, itemId, o, c, delta ?: "", json)
            "response.refusal.done" -> RefusalDone(seq, itemId, o, c, refusal ?: "", json)
            "response.function_call_arguments.delta" ->
                FunctionCallArgumentsDelta(seq, itemId, o, delta ?: "", json)
            "response.function_call_arguments.done" ->
                FunctionCallArgumentsDone(seq, itemId, o, name, arguments ?: "", json)
            "response.reasoning_summary_text.delta" ->
                ReasoningSummaryTextDelta(seq, itemId, o, i, delta ?: "", json)
            "response.reasoning_summary_text.done" ->
                ReasoningSummaryTextDone(seq, itemId, o, i, text ?: "", json)
            else -> null
        }
    }

    /** The member names as an array, the previous event's when they are the same. */
    private fun sharedKeys(n: Int): Array<String> {
        val last = lastKeys
        if (last.size == n) {
            var same = true
            for (i in 0 until n) if (keys[i] !== last[i]) same = false
            if (same) return last
        }
        @Suppress("UNCHECKED_CAST") val copy = keys.copyOf(n) as Array<String>
        lastKeys = copy
        return copy
    }

    /**
     * Reads member [index]'s key and its `:`: the previous event's name at that position when it is
     * the same, else a known name, else a copy. A key with an escape, or met twice, is outside.
     */
    private fun memberKey(index: Int): String {
        val start = keyStart()
        val length = keyLength
        val last = lastKeys
        val key =
            if (index < last.size && matchesAt(start, last[index], length)) last[index]
            else KNOWN_KEYS.firstOrNull { matchesAt(start, it, length) } ?: copy(start, length)
        for (i in 0 until index) if (keys[i] == key) throw OutsideShape
        return key
    }

    /** An index: a plain integer in Int's range, or null (then 0, as the general way reads it). */
    private fun intOrNull(): Int? {
        if (peek() == 'n') {
            literalNull()
            return null
        }
        return int()
    }

    /** Skips a scalar, `[]` or `{}`; anything nested is outside. */
    private fun skipFlatValue() {
        when (peek()) {
            '[' -> {
                p++
                skipWhitespace()
                expect(']')
            }
            '{' -> {
                p++
                skipWhitespace()
                expect('}')
            }
            else -> skipScalar()
        }
    }

    private companion object {
        val NO_KEYS = emptyArray<String>()

        /** More members than any event of these types has; an object with more is outside. */
        const val MAX_MEMBERS = 16

        /** Offsets are kept in 16 bits each. */
        const val MAX_OFFSET = 0xFFFF

        const val TYPE = "type"
        const val SEQUENCE_NUMBER = "sequence_number"
        const val ITEM_ID = "item_id"
        const val OUTPUT_INDEX = "output_index"
        const val CONTENT_INDEX = "content_index"
        const val SUMMARY_INDEX = "summary_index"
        const val DELTA = "delta"
        const val TEXT = "text"
        const val REFUSAL = "refusal"
        const val ARGUMENTS = "arguments"
        const val NAME = "name"

        /** The event types read here: every one flat, none ending a stream. */
        val SCANNED_TYPES =
            hashSetOf(
                "response.output_text.delta",
                "response.output_text.done",
                "response.refusal.delta",
                "response.refusal.done",
                "response.function_call_arguments.delta",
                "response.function_call_arguments.done",
                "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done",
            )

        /** Names whose first appearance is not copied (OpenAI's delta and done events). */
        val KNOWN_KEYS =
            arrayOf(
                TYPE,
                SEQUENCE_NUMBER,
                ITEM_ID,
                OUTPUT_INDEX,
                CONTENT_INDEX,
                SUMMARY_INDEX,
                DELTA,
                TEXT,
                REFUSAL,
                ARGUMENTS,
                NAME,
                "logprobs",
                "obfuscation",
            )
    }
}

/**
 * The members of a flat JSON object, over the text they were scanned from: [ranges] holds each
 * value's start and end in [text] (16 bits each); a value is read by kotlinx.serialization the
 * first time it is asked for, and kept. Equal to, and printed as, the object kotlinx.serialization
 * parses from the same text. Immutable; the values' cache may be filled from any thread (a race
 * only reads a value twice).
 */
internal class ScannedMembers(
    private val text: String,
    private val names: Array<String>,
    private val ranges: IntArray,
) : AbstractMap<String, JsonElement>() {
    @Volatile private var cache: Array<JsonElement?>? = null

    override val size: Int
        get() = names.size

    override fun isEmpty(): Boolean = names.isEmpty()

    override fun containsKey(key: String): Boolean = indexOf(key) >= 0

    override fun get(key: String): JsonElement? {
        val i = indexOf(key)
        return if (i < 0) null else value(i)
    }

    /** The names, in order, without reading any value. */
    override val keys: Set<String>
        get() =
            object : AbstractSet<String>() {
                override val size: Int
                    get() = names.size

                override fun iterator(): Iterator<String> = names.iterator()

                override fun contains(element: String): Boolean = indexOf(element) >= 0
            }

    override val entries: Set<Map.Entry<String, JsonElement>>
        get() =
            object : AbstractSet<Map.Entry<String, JsonElement>>() {
                override val size: Int
                    get() = names.size

                override fun iterator(): Iterator<Map.Entry<String, JsonElement>> =
                    object : Iterator<Map.Entry<String, JsonElement>> {
                        private var i = 0

                        override fun hasNext(): Boolean = i < names.size

                        override fun next(): Map.Entry<String, JsonElement> {
                            if (i >= names.size) throw NoSuchElementException()
                            val entry = SimpleImmutableEntry(names[i], value(i))
                            i++
                            return entry
                        }
                    }
            }

    private fun indexOf(key: String): Int {
        for (i in names.indices) if (names[i] == key) return i
        return -1
    }

    private fun value(i: Int): JsonElement {
        val values = cache ?: arrayOfNulls<JsonElement>(names.size).also { cache = it }
        values[i]?.let {
            return it
        }
        val start = ranges[i] ushr 16
        val end = ranges[i] and 0xFFFF
        val raw = text.substring(start, end)
        val element =
            if (raw.length >= 2 && raw[0] == '"' && raw.indexOf('\\') < 0)
                JsonPrimitive(raw.substring(1, raw.length - 1))
            else WireJson.parseToJsonElement(raw)
        values[i] = element
        return element
    }
}
