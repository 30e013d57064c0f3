package ai.auriko.client.internal

import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.ChunkChoice
import ai.auriko.client.chat.ChunkDelta
import ai.auriko.client.chat.FunctionCallDelta
import ai.auriko.client.chat.ToolCallDelta
import kotlinx.serialization.json.Json

/**
 * Decodes the chunk events of one stream. Not thread-safe: one per stream, used by the collecting
 * coroutine only.
 *
 * Nearly every event of a stream has one shape — an id, the model, a fingerprint and one choice
 * whose delta carries a few characters of text or of a tool call's arguments — and most of the cost
 * of decoding it with kotlinx.serialization is copying: every key becomes a String to look it up,
 * and the id, object type, model and fingerprint are copied again on every chunk although they
 * never change within a stream. For that shape a scanner reads the event text in place: keys are
 * compared where they are, and a value equal to the one the previous chunk carried is that same
 * String instance. Only the text that is new (the content) is copied.
 *
 * The scanner answers only for strict JSON of that shape. Anything else — usage, routing metadata,
 * errors, log probabilities, nested values under unknown keys, escapes inside keys, duplicate keys,
 * numbers that are not plain integers, raw control characters — goes to kotlinx.serialization,
 * which stays the one definition of what a chunk means and of every error message. Differential
 * tests and a fuzz target check that wherever the scanner answers, it gives what
 * kotlinx.serialization gives.
 */
internal class ChunkDecoder(private val json: Json) {
    private val scanner = ChunkScanner()

    /**
     * Decodes one event's data.
     *
     * @throws kotlinx.serialization.SerializationException or [IllegalArgumentException] when the
     *   data is not a chunk, exactly as kotlinx.serialization reports it
     */
    fun decode(data: String): ChatCompletionChunk =
        scanner.scan(data) ?: json.decodeFromString(ChatCompletionChunk.serializer(), data)
}

/**
 * The scanner behind [ChunkDecoder]: [scan] returns the chunk, or `null` when the text is outside
 * the shape it reads (the caller then decodes it the general way). It keeps the strings of the
 * previous chunk to return them again when they repeat.
 */
internal class ChunkScanner {
    private var s: String = ""
    private var p = 0

    // Values that repeat on every chunk of a stream, as the previous chunk carried them.
    private var lastId: String? = null
    private var lastObject: String? = null
    private var lastModel: String? = null
    private var lastFingerprint: String? = null
    private var lastTier: String? = null
    private var lastRole: String? = null
    private var lastFinish: String? = null
    private var lastNativeFinish: String? = null
    private var lastCallId: String? = null
    private var lastCallType: String? = null
    private var lastFunctionName: String? = null

    fun scan(data: String): ChatCompletionChunk? {
        s = data
        p = 0
        return try {
            val chunk = chunk()
            skipWhitespace()
            if (p != s.length) null else chunk
        } catch (e: OutsideShape) {
            null
        } finally {
            s = ""
        }
    }

    private fun chunk(): ChatCompletionChunk {
        skipWhitespace()
        var id: String? = null
        var objectType: String? = null
        var created: Long? = null
        var model: String? = null
        var fingerprint: String? = null
        var tier: String? = null
        var choices: List<ChunkChoice> = emptyList()
        members(CHUNK_KEYS) { key ->
            when (key) {
                0 -> {
                    id = string(lastId)
                    if (id != null) lastId = id
                }
                1 -> {
                    objectType = string(lastObject)
                    if (objectType != null) lastObject = objectType
                }
                2 -> created = long()
                3 -> {
                    model = string(lastModel)
                    if (model != null) lastModel = model
                }
                4 -> {
                    fingerprint = string(lastFingerprint)
                    if (fingerprint != null) lastFingerprint = fingerprint
                }
                5 -> {
                    tier = string(lastTier)
                    if (tier != null) lastTier = tier
                }
                6 -> choices = choices()
                7,
                8,
                9 ->
                    literalNull() // usage, routing_metadata, error: only their absence is read here
                else -> skipScalar()
            }
        }
        return ChatCompletionChunk(
            id = id,
            objectType = objectType,
            created = created,
            model = model,
            systemFingerprint = fingerprint,
            serviceTier = tier,
            choices = choices,
        )
    }

    private fun choices(): List<ChunkChoice> = array { choice() }

    private fun choice(): ChunkChoice {
        var index = 0
        var delta: ChunkDelta? = null
        var finish: String? = null
        var nativeFinish: String? = null
        members(CHOICE_KEYS) { key ->
            when (key) {
                0 -> index = int()
                1 -> delta = delta()
                2 -> {
                    finish = string(lastFinish)
                    if (finish != null) lastFinish = finish
                }
                3 -> {
                    nativeFinish = string(lastNativeFinish)
                    if (nativeFinish != null) lastNativeFinish = nativeFinish
                }
                4 -> literalNull() // logprobs
                else -> skipScalar()
            }
        }
        return ChunkChoice(
            index = index,
            delta = delta ?: ChunkDelta(),
            finishReason = finish,
            nativeFinishReason = nativeFinish,
        )
    }

    private fun delta(): ChunkDelta {
        var role: String? = null
        var content: String? = null
        var reasoning: String? = null
        var signature: String? = null
        var redacted: String? = null
        var refusal: String? = null
        var toolCalls: List<ToolCallDelta> = emptyList()
        members(DELTA_KEYS) { key ->
            when (key) {
                0 -> {
                    role = string(lastRole)
                    if (role != null) lastRole = role
                }
                1 -> content = string(null)
                2 -> reasoning = string(null)
                3 -> signature = string(null)
                4 -> redacted = string(null)
                5 -> refusal = string(null)
                6 -> toolCalls = toolCalls()
                else -> skipScalar()
            }
        }
        return ChunkDelta(
            role = role,
            content = content,
            reasoningContent = reasoning,
            reasoningSignature = signature,
            reasoningRedactedData = redacted,
            toolCalls = toolCalls,
            refusal = refusal,
        )
    }

    /**
     * `null` (no fragments, as the general way reads it too) or an array of tool call fragments.
     */
    private fun toolCalls(): List<ToolCallDelta> {
        if (peek() != 'n') return array { toolCall() }
        literal("null")
        return emptyList()
    }

    private fun toolCall(): ToolCallDelta {
        var index = 0
        var id: String? = null
        var type: String? = null
        var function: FunctionCallDelta? = null
        members(TOOL_CALL_KEYS) { key ->
            when (key) {
                0 -> index = int()
                1 -> {
                    id = string(lastCallId)
                    if (id != null) lastCallId = id
                }
                2 -> {
                    type = string(lastCallType)
                    if (type != null) lastCallType = type
                }
                3 ->
                    function =
                        if (peek() == 'n') {
                            literalNull()
                            null
                        } else function()
                else -> skipScalar()
            }
        }
        return ToolCallDelta(index = index, id = id, type = type, function = function)
    }

    private fun function(): FunctionCallDelta {
        var name: String? = null
        var arguments: String? = null
        members(FUNCTION_KEYS) { key ->
            when (key) {
                0 -> {
                    name = string(lastFunctionName)
                    if (name != null) lastFunctionName = name
                }
                1 -> arguments = string(null)
                else -> skipScalar()
            }
        }
        return FunctionCallDelta(name = name, arguments = arguments)
    }

    // ---- members -------------------------------------------------------------------------------

    /**
     * Reads an object, handing each member's key (its position in [keys], -1 for another key) to
     * [value], which reads the value.
     */
    private inline fun members(keys: Array<String>, value: (Int) -> Unit) {
        expect('{')
        if (emptyObject()) return
        var seen = 0
        do {
            val key = key(keys)
            seen = markSeen(seen, key)
            value(key)
        } while (nextMember())
    }

    /** Reads an array, each element with [element]; one element is the common case, kept small. */
    private inline fun <T> array(element: () -> T): List<T> {
        expect('[')
        skipWhitespace()
        if (peek() == ']') {
            p++
            return emptyList()
        }
        val first = element()
        skipWhitespace()
        if (peek() == ']') {
            p++
            return java.util.Collections.singletonList(first)
        }
        val all = ArrayList<T>(4)
        all.add(first)
        while (true) {
            skipWhitespace()
            when (next()) {
                ',' -> {
                    skipWhitespace()
                    all.add(element())
                }
                ']' -> return all
                else -> throw OutsideShape
            }
        }
    }

    /** After `{`: true (and consumed) when the object is empty. */
    private fun emptyObject(): Boolean {
        skipWhitespace()
        if (peek() != '}') return false
        p++
        return true
    }

    /** After a member's value: true when a `,` follows, false when the object's `}` closes it. */
    private fun nextMember(): Boolean {
        skipWhitespace()
        return when (next()) {
            ',' -> true
            '}' -> false
            else -> throw OutsideShape
        }
    }

    /**
     * Reads `"key"` and its `:`; returns the key's position in [keys], or -1 for a key not there.
     * Keys are compared in place, without a copy; a key with an escape is left to the general way.
     */
    private fun key(keys: Array<String>): Int {
        skipWhitespace()
        expect('"')
        val start = p
        val text = s
        while (true) {
            if (p >= text.length) throw OutsideShape
            val c = text[p]
            if (c == '"') break
            if (c == '\\' || c < ' ') throw OutsideShape
            p++
        }
        val length = p - start
        p++
        skipWhitespace()
        expect(':')
        skipWhitespace()
        for (i in keys.indices) {
            val candidate = keys[i]
            if (candidate.length == length && text.regionMatches(start, candidate, 0, length))
                return i
        }
        return -1
    }

    /** A key met twice is left to the general way, which defines what that means. */
    private fun markSeen(seen: Int, key: Int): Int {
        if (key < 0) return seen
        val bit = 1 shl key
        if (seen and bit != 0) throw OutsideShape
        return seen or bit
    }

    // ---- values --------------------------------------------------------------------------------

    /**
     * A string or `null`. When the string equals [previous], [previous] itself is returned: the
     * values that repeat on every chunk are not copied again.
     */
    private fun string(previous: String?): String? {
        if (peek() == 'n') {
            literal("null")
            return null
        }
        expect('"')
        val start = p
        val text = s
        while (true) {
            if (p >= text.length) throw OutsideShape
            val c = text[p]
            if (c == '"') {
                val length = p - start
                p++
                if (
                    previous != null &&
                        previous.length == length &&
                        text.regionMatches(start, previous, 0, length)
                )
                    return previous
                return text.substring(start, start + length)
            }
            if (c == '\\') return escapedString(start)
            if (c < ' ') throw OutsideShape
            p++
        }
    }

    /** The rest of a string from [start], which has an escape at the current position. */
    private fun escapedString(start: Int): String {
        val text = s
        val out = StringBuilder(p - start + 16)
        out.append(text, start, p)
        while (true) {
            if (p >= text.length) throw OutsideShape
            val c = text[p++]
            when {
                c == '"' -> return out.toString()
                c == '\\' -> {
                    if (p >= text.length) throw OutsideShape
                    when (text[p++]) {
                        '"' -> out.append('"')
                        '\\' -> out.append('\\')
                        '/' -> out.append('/')
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000C')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> out.append(hex4())
                        else -> throw OutsideShape
                    }
                }
                c < ' ' -> throw OutsideShape
                else -> out.append(c)
            }
        }
    }

    /**
     * The four hex digits of a `\u` escape. ASCII only (RFC 8259 §7: HEXDIG): `Character.digit`
     * would also take other scripts' digits such as U+06F0, which kotlinx.serialization rejects
     * (found by the Jazzer target).
     */
    private fun hex4(): Char {
        if (p + 4 > s.length) throw OutsideShape
        var value = 0
        repeat(4) {
            val digit =
                when (val c = s[p++]) {
                    in '0'..'9' -> c - '0'
                    in 'a'..'f' -> c - 'a' + 10
                    in 'A'..'F' -> c - 'A' + 10
                    else -> throw OutsideShape
                }
            value = value * 16 + digit
        }
        return value.toChar()
    }

    /** A plain integer (`-?digits`, no leading zero) of up to 18 digits, or `null`. */
    private fun long(): Long? {
        if (peek() == 'n') {
            literal("null")
            return null
        }
        return integer(18)
    }

    /** A plain integer in Int's range; `null` is left to the general way. */
    private fun int(): Int {
        val value = integer(10)
        if (value < Int.MIN_VALUE || value > Int.MAX_VALUE) throw OutsideShape
        return value.toInt()
    }

    private fun integer(maxDigits: Int): Long {
        val text = s
        val negative = peek() == '-'
        if (negative) p++
        val start = p
        var value = 0L
        while (p < text.length) {
            val c = text[p]
            if (c < '0' || c > '9') break
            value = value * 10 + (c - '0')
            p++
        }
        val digits = p - start
        if (digits == 0 || digits > maxDigits || (digits > 1 && text[start] == '0'))
            throw OutsideShape
        // A fraction or an exponent makes it another kind of number.
        if (p < text.length && (text[p] == '.' || text[p] == 'e' || text[p] == 'E'))
            throw OutsideShape
        return if (negative) -value else value
    }

    private fun literalNull() = literal("null")

    /** Skips the value of a key this scanner does not know: a string, number or literal. */
    private fun skipScalar() {
        when (peek()) {
            '"' -> skipString()
            't' -> literal("true")
            'f' -> literal("false")
            'n' -> literal("null")
            else -> skipNumber()
        }
    }

    private fun skipString() {
        expect('"')
        val text = s
        while (true) {
            if (p >= text.length) throw OutsideShape
            val c = text[p++]
            when {
                c == '"' -> return
                c == '\\' -> {
                    if (p >= text.length) throw OutsideShape
                    when (text[p++]) {
                        '"',
                        '\\',
                        '/',
                        'b',
                        'f',
                        'n',
                        'r',
                        't' -> {}
                        'u' -> hex4()
                        else -> throw OutsideShape
                    }
                }
                c < ' ' -> throw OutsideShape
            }
        }
    }

    /** A JSON number (RFC 8259 §6): `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
    private fun skipNumber() {
        if (peek() == '-') p++
        val intStart = p
        val intDigits = digits()
        if (intDigits == 0 || (intDigits > 1 && s[intStart] == '0')) throw OutsideShape
        if (peek() == '.') {
            p++
            if (digits() == 0) throw OutsideShape
        }
        if (peek() == 'e' || peek() == 'E') {
            p++
            if (peek() == '+' || peek() == '-') p++
            if (digits() == 0) throw OutsideShape
        }
    }

    private fun digits(): Int {
        val start = p
        while (p < s.length && s[p] in '0'..'9') p++
        return p - start
    }

    private fun literal(word: String) {
        if (!s.regionMatches(p, word, 0, word.length)) throw OutsideShape
        p += word.length
        // `nullx` is not `null`: the literal must end where a token can.
        if (p < s.length) {
            val c = s[p]
            if (c != ',' && c != '}' && c != ']' && !isWhitespace(c)) throw OutsideShape
        }
    }

    // ---- characters ----------------------------------------------------------------------------

    private fun peek(): Char = if (p < s.length) s[p] else END

    private fun next(): Char = if (p < s.length) s[p++] else END

    private fun expect(c: Char) {
        if (p >= s.length || s[p] != c) throw OutsideShape
        p++
    }

    private fun skipWhitespace() {
        val text = s
        while (p < text.length && isWhitespace(text[p])) p++
    }

    /** JSON whitespace (RFC 8259 §2): space, tab, line feed, carriage return. */
    private fun isWhitespace(c: Char) = c == ' ' || c == '\n' || c == '\r' || c == '\t'

    /** Thrown to leave the scanner when the text is outside its shape; allocated once, no stack. */
    private object OutsideShape : RuntimeException() {
        // No stack: it is thrown often on some streams and never seen outside.
        override fun fillInStackTrace(): Throwable = this
    }

    private companion object {
        const val END = '\u0000'

        // Positions matter: they are the codes the `when`s above switch on.
        val CHUNK_KEYS =
            arrayOf(
                "id",
                "object",
                "created",
                "model",
                "system_fingerprint",
                "service_tier",
                "choices",
                "usage",
                "routing_metadata",
                "error",
            )
        val CHOICE_KEYS =
            arrayOf("index", "delta", "finish_reason", "native_finish_reason", "logprobs")
        val DELTA_KEYS =
            arrayOf(
                "role",
                "content",
                "reasoning_content",
                "reasoning_signature",
                "reasoning_redacted_data",
                "refusal",
                "tool_calls",
            )
        val TOOL_CALL_KEYS = arrayOf("index", "id", "type", "function")
        val FUNCTION_KEYS = arrayOf("name", "arguments")
    }
}
