package ai.auriko.client.internal.chat

import ai.auriko.client.internal.WireJson
import java.util.Collections
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive

/**
 * Reads strict JSON of a known shape in place, for [ChunkScanner]: keys compared where they are,
 * values copied only when new. The text is the first [n] characters of an array ([s]) that the
 * caller reuses from event to event, so reading makes no copy of it. Anything outside what a
 * subclass reads throws [OutsideShape], and the caller falls back to kotlinx.serialization, which
 * stays the definition of the format. Not thread-safe.
 */
internal abstract class JsonShapeReader {
    protected var s: CharArray = NO_CHARS
    protected var n: Int = 0
    protected var p: Int = 0

    /**
     * Reads the first [length] characters of [text] with [value]; `null` when outside the shape.
     */
    protected inline fun <V> read(text: CharArray, length: Int, value: () -> V): V? {
        s = text
        n = length
        p = 0
        return try {
            val result = value()
            skipWhitespace()
            if (p != n) null else result
        } catch (e: OutsideShape) {
            null
        } finally {
            s = NO_CHARS
            n = 0
        }
    }

    /** Whether the [length] characters at [start] are [expected]. */
    protected fun matchesAt(start: Int, expected: String, length: Int): Boolean {
        if (expected.length != length) return false
        val text = s
        for (i in 0 until length) if (text[start + i] != expected[i]) return false
        return true
    }

    /** A copy of the [length] characters at [start]. */
    protected fun copy(start: Int, length: Int): String = String(s, start, length)

    // ---- members -------------------------------------------------------------------------------

    /**
     * Reads an object, handing each member's key (its position in [keys], -1 for another key) to
     * [value], which reads the value.
     */
    protected inline fun members(keys: Array<String>, value: (Int) -> Unit) {
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
    protected inline fun <T> array(element: () -> T): List<T> {
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
    protected fun emptyObject(): Boolean {
        skipWhitespace()
        if (peek() != '}') return false
        p++
        return true
    }

    /** After a member's value: true when a `,` follows, false when the object's `}` closes it. */
    protected fun nextMember(): Boolean {
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
    protected fun key(keys: Array<String>): Int {
        val start = keyStart()
        lastKeyStart = start
        val length = keyLength
        for (i in keys.indices) if (matchesAt(start, keys[i], length)) return i
        return -1
    }

    /** Where the key [key] read last starts in [s]. */
    private var lastKeyStart: Int = 0

    /** The name of the unknown key read last, kept to return the same String when it repeats. */
    private var lastExtraKey: String? = null

    /**
     * Reads the value of the key [key] just read, which is not one the shape models, and returns
     * [extras] with it added: the model keeps every member it does not model, exactly as sent. The
     * first one is a singleton map; a value is built in place for a string or a literal, and parsed
     * from its text (the same parser the general way uses) for a number, object or array. More than
     * [MAX_EXTRAS] of them, or one nested deeper than [MAX_DEPTH], is left to the general way.
     */
    protected fun extra(extras: Map<String, JsonElement>?): Map<String, JsonElement> {
        val keyStart = lastKeyStart
        val length = keyLength
        val previous = lastExtraKey
        val name =
            if (previous != null && matchesAt(keyStart, previous, length)) previous
            else copy(keyStart, length).also { lastExtraKey = it }
        val value: JsonElement =
            when (peek()) {
                '"' -> JsonPrimitive(string(null))
                't' -> {
                    literal("true")
                    JsonPrimitive(true)
                }
                'f' -> {
                    literal("false")
                    JsonPrimitive(false)
                }
                'n' -> {
                    literal("null")
                    JsonNull
                }
                else -> {
                    val start = p
                    skipValue(0)
                    try {
                        WireJson.parseToJsonElement(copy(start, p - start))
                    } catch (e: IllegalArgumentException) {
                        throw OutsideShape // SerializationException included
                    }
                }
            }
        if (extras == null) return Collections.singletonMap(name, value)
        // A name met twice: the later value in the first one's place, as kotlinx.serialization's
        // JSON tree keeps it.
        val again = extras.containsKey(name)
        if (extras.size == 1 && again) return Collections.singletonMap(name, value)
        if (!again && extras.size >= MAX_EXTRAS) throw OutsideShape
        val more = LinkedHashMap<String, JsonElement>(extras)
        more[name] = value
        return Collections.unmodifiableMap(more)
    }

    /** Skips any JSON value, objects and arrays up to [MAX_DEPTH] deep included. */
    private fun skipValue(depth: Int) {
        if (depth > MAX_DEPTH) throw OutsideShape
        when (peek()) {
            '{' -> {
                p++
                if (emptyObject()) return
                do {
                    keyStart()
                    skipValue(depth + 1)
                } while (nextMember())
            }
            '[' -> {
                p++
                skipWhitespace()
                if (peek() == ']') {
                    p++
                    return
                }
                while (true) {
                    skipWhitespace()
                    skipValue(depth + 1)
                    skipWhitespace()
                    when (next()) {
                        ',' -> continue
                        ']' -> return
                        else -> throw OutsideShape
                    }
                }
            }
            else -> skipScalar()
        }
    }

    /** The length of the key [keyStart] read last. */
    protected var keyLength: Int = 0
        private set

    /**
     * Reads `"key"` and its `:` without copying the key: returns where the key starts in [s] and
     * sets [keyLength]. A key with an escape is left to the general way.
     */
    protected fun keyStart(): Int {
        skipWhitespace()
        expect('"')
        val start = p
        val text = s
        while (true) {
            if (p >= n) throw OutsideShape
            val c = text[p]
            if (c == '"') break
            if (c == '\\' || c < ' ') throw OutsideShape
            p++
        }
        keyLength = p - start
        p++
        skipWhitespace()
        expect(':')
        skipWhitespace()
        return start
    }

    /** A key met twice is left to the general way, which defines what that means. */
    protected fun markSeen(seen: Int, key: Int): Int {
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
    protected fun string(previous: String?): String? {
        if (peek() == 'n') {
            literal("null")
            return null
        }
        expect('"')
        val start = p
        val text = s
        while (true) {
            if (p >= n) throw OutsideShape
            val c = text[p]
            if (c == '"') {
                val length = p - start
                p++
                if (previous != null && matchesAt(start, previous, length)) return previous
                return copy(start, length)
            }
            if (c == '\\') return escapedString(start)
            if (c < ' ') throw OutsideShape
            p++
        }
    }

    /** The rest of a string from [start], which has an escape at the current position. */
    protected fun escapedString(start: Int): String {
        val text = s
        val out = StringBuilder(p - start + 16)
        out.appendRange(text, start, p)
        while (true) {
            if (p >= n) throw OutsideShape
            val c = text[p++]
            when {
                c == '"' -> return out.toString()
                c == '\\' -> {
                    if (p >= n) throw OutsideShape
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
    protected fun hex4(): Char {
        if (p + 4 > n) throw OutsideShape
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
    protected fun long(): Long? {
        if (peek() == 'n') {
            literal("null")
            return null
        }
        return integer(18)
    }

    /** A plain integer in Int's range; `null` is left to the general way. */
    protected fun int(): Int {
        val value = integer(10)
        if (value < Int.MIN_VALUE || value > Int.MAX_VALUE) throw OutsideShape
        return value.toInt()
    }

    protected fun integer(maxDigits: Int): Long {
        val text = s
        val negative = peek() == '-'
        if (negative) p++
        val start = p
        var value = 0L
        while (p < n) {
            val c = text[p]
            if (c < '0' || c > '9') break
            value = value * 10 + (c - '0')
            p++
        }
        val digits = p - start
        if (digits == 0 || digits > maxDigits || (digits > 1 && text[start] == '0'))
            throw OutsideShape
        // A fraction or an exponent makes it another kind of number.
        if (p < n && (text[p] == '.' || text[p] == 'e' || text[p] == 'E')) throw OutsideShape
        return if (negative) -value else value
    }

    /**
     * A finite JSON number as a Double, or `null`: its text converted as kotlinx.serialization
     * converts it (`String.toDouble`); one beyond Double's range is left to the general way.
     */
    protected fun double(): Double? {
        if (peek() == 'n') {
            literal("null")
            return null
        }
        val start = p
        skipNumber()
        val value = copy(start, p - start).toDouble()
        if (!value.isFinite()) throw OutsideShape
        return value
    }

    protected fun literalNull() = literal("null")

    /** Skips the value of a key this scanner does not know: a string, number or literal. */
    protected fun skipScalar() {
        when (peek()) {
            '"' -> skipString()
            't' -> literal("true")
            'f' -> literal("false")
            'n' -> literal("null")
            else -> skipNumber()
        }
    }

    protected fun skipString() {
        expect('"')
        val text = s
        while (true) {
            if (p >= n) throw OutsideShape
            val c = text[p++]
            when {
                c == '"' -> return
                c == '\\' -> {
                    if (p >= n) throw OutsideShape
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
    protected fun skipNumber() {
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

    protected fun digits(): Int {
        val start = p
        while (p < n && s[p] in '0'..'9') p++
        return p - start
    }

    protected fun literal(word: String) {
        if (p + word.length > n || !matchesAt(p, word, word.length)) throw OutsideShape
        p += word.length
        // `nullx` is not `null`: the literal must end where a token can.
        if (p < n) {
            val c = s[p]
            if (c != ',' && c != '}' && c != ']' && !isWhitespace(c)) throw OutsideShape
        }
    }

    // ---- characters ----------------------------------------------------------------------------

    protected fun peek(): Char = if (p < n) s[p] else END

    protected fun next(): Char = if (p < n) s[p++] else END

    protected fun expect(c: Char) {
        if (p >= n || s[p] != c) throw OutsideShape
        p++
    }

    protected fun skipWhitespace() {
        val text = s
        while (p < n && isWhitespace(text[p])) p++
    }

    /** JSON whitespace (RFC 8259 §2): space, tab, line feed, carriage return. */
    protected fun isWhitespace(c: Char) = c == ' ' || c == '\n' || c == '\r' || c == '\t'

    /** Thrown to leave the scanner when the text is outside its shape; allocated once, no stack. */
    protected object OutsideShape : RuntimeException() {
        // No stack: it is thrown often on some streams and never seen outside.
        override fun fillInStackTrace(): Throwable = this
    }

    protected companion object {
        const val END: Char = '\u0000'

        @PublishedApi internal val NO_CHARS: CharArray = CharArray(0)

        /** Unknown members one object may carry before the general way takes over. */
        const val MAX_EXTRAS: Int = 16

        /** How deep an unknown member's value may nest before the general way takes over. */
        const val MAX_DEPTH: Int = 32
    }
}
