package ai.auriko.client.structured.internal

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Reads JSON text as it grows, delta by delta, and shows at any point the value it has so far: open
 * strings, arrays and objects closed; an unfinished key, a member with no value yet, a dangling `:`
 * or `,`, and an unfinished number or literal (`12` while `123` may follow, `tru`, `-`, `1.`, `1e`)
 * left out.
 *
 * What a snapshot promises (the property test checks it): a value, once complete, never changes — a
 * number or literal appears only when a delimiter (or its last letter) ended it, a string may grow
 * while it is open and never changes once closed, arrays only grow, and every member or element
 * before the last one is complete. Only the last value in document order can still be open.
 *
 * Incremental: each character is read once, when fed. A closed container is frozen into its
 * [JsonElement] once, so a snapshot only rebuilds the containers still open (the path to the value
 * being written). [feed] says whether the snapshot changed, so a caller decodes only then.
 *
 * Syntax errors stop the reader ([failure]); it does not try to recover, the final decode of the
 * whole text reports the error. Not thread-safe: one stream's collector feeds it.
 */
internal class PartialJsonReader {
    private abstract class Frame {
        /** The last value, still open: a [Frame] or a [StringBuilder] (a string value). */
        var open: Any? = null
    }

    private class ObjectFrame : Frame() {
        val members = LinkedHashMap<String, JsonElement>()
        var key: String? = null
    }

    private class ArrayFrame : Frame() {
        val items = ArrayList<JsonElement>()
    }

    private enum class Expect {
        VALUE,
        VALUE_OR_END,
        KEY_OR_END,
        KEY,
        COLON,
        COMMA_OR_END,
        DONE,
    }

    private val stack = ArrayList<Frame>()
    private var root: Any? = null
    private var expect = Expect.VALUE

    // the token being read
    private var string: StringBuilder? = null
    private var stringIsKey = false
    private var escape = 0 // 0 none, 1 after '\', 2 in \uXXXX
    private var hex = 0
    private var hexDigits = 0
    private var number: StringBuilder? = null
    private var literal: StringBuilder? = null

    private var changed = false

    /** Why reading stopped (a syntax error), or `null`. */
    var failure: String? = null
        private set

    /** Whether the top-level value is complete (a number only after [finish] or a delimiter). */
    val isComplete: Boolean
        get() = expect == Expect.DONE && failure == null

    /** Reads [delta]; returns whether [snapshot] changed. */
    fun feed(delta: CharSequence): Boolean {
        changed = false
        var i = 0
        while (i < delta.length && failure == null) {
            read(delta[i])
            i++
        }
        return changed
    }

    /**
     * The input ended: a top-level number still being read is complete now. Returns whether
     * [snapshot] changed.
     */
    fun finish(): Boolean {
        changed = false
        if (number != null && stack.isEmpty()) endNumber()
        return changed
    }

    /** The value so far, or `null` when nothing of it is visible yet. */
    fun snapshot(): JsonElement? = root?.let { snapshotOf(it) }

    private fun snapshotOf(node: Any): JsonElement =
        when (node) {
            is JsonElement -> node
            is StringBuilder -> JsonPrimitive(node.toString())
            is ObjectFrame -> {
                val open = node.open
                val key = node.key
                if (open == null || key == null) JsonObject(LinkedHashMap(node.members))
                else JsonObject(LinkedHashMap(node.members).also { it[key] = snapshotOf(open) })
            }
            is ArrayFrame -> {
                val open = node.open
                if (open == null) JsonArray(ArrayList(node.items))
                else
                    JsonArray(
                        ArrayList<JsonElement>(node.items.size + 1).also {
                            it.addAll(node.items)
                            it.add(snapshotOf(open))
                        }
                    )
            }
            else -> error("unexpected node")
        }

    private fun read(c: Char) {
        val s = string
        if (s != null) return readString(s, c)
        val n = number
        if (n != null) {
            if (c in '0'..'9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                n.append(c)
                return
            }
            endNumber()
            if (failure != null) return
        }
        val l = literal
        if (l != null) return readLiteral(l, c)
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return
        when (expect) {
            Expect.VALUE -> startValue(c)
            Expect.VALUE_OR_END -> if (c == ']') closeContainer() else startValue(c)
            Expect.KEY_OR_END ->
                when (c) {
                    '"' -> startString(key = true)
                    '}' -> closeContainer()
                    else -> fail("expected a key or '}'", c)
                }
            Expect.KEY -> if (c == '"') startString(key = true) else fail("expected a key", c)
            Expect.COLON -> if (c == ':') expect = Expect.VALUE else fail("expected ':'", c)
            Expect.COMMA_OR_END ->
                when {
                    c == ',' ->
                        expect = if (stack.last() is ObjectFrame) Expect.KEY else Expect.VALUE
                    c == '}' && stack.last() is ObjectFrame -> closeContainer()
                    c == ']' && stack.last() is ArrayFrame -> closeContainer()
                    else -> fail("expected ',' or the end of the container", c)
                }
            Expect.DONE -> fail("text after the value", c)
        }
    }

    private fun startValue(c: Char) {
        when (c) {
            '{' -> openContainer(ObjectFrame(), Expect.KEY_OR_END)
            '[' -> openContainer(ArrayFrame(), Expect.VALUE_OR_END)
            '"' -> startString(key = false)
            '-',
            in '0'..'9' -> number = StringBuilder().append(c)
            't',
            'f',
            'n' -> literal = StringBuilder().append(c)
            else -> fail("expected a value", c)
        }
    }

    private fun openContainer(frame: Frame, next: Expect) {
        attachOpen(frame)
        stack.add(frame)
        expect = next
        changed = true
    }

    private fun attachOpen(node: Any) {
        if (stack.isEmpty()) root = node else stack.last().open = node
    }

    private fun closeContainer() {
        val frame = stack.removeAt(stack.size - 1)
        val value =
            when (frame) {
                is ObjectFrame -> JsonObject(frame.members)
                else -> JsonArray((frame as ArrayFrame).items)
            }
        // the snapshot showed it closed already: nothing visible changes
        complete(value, visible = false)
    }

    /** [value] is complete: it replaces the open node it was, or joins its container. */
    private fun complete(value: JsonElement, visible: Boolean) {
        if (stack.isEmpty()) {
            root = value
            expect = Expect.DONE
        } else {
            when (val top = stack.last()) {
                is ObjectFrame -> {
                    top.members[top.key!!] = value
                    top.key = null
                }
                is ArrayFrame -> top.items.add(value)
            }
            top().open = null
            expect = Expect.COMMA_OR_END
        }
        if (visible) changed = true
    }

    private fun top(): Frame = stack.last()

    private fun startString(key: Boolean) {
        val sb = StringBuilder()
        string = sb
        stringIsKey = key
        escape = 0
        if (!key) {
            attachOpen(sb)
            changed = true
        }
    }

    private fun readString(s: StringBuilder, c: Char) {
        when (escape) {
            0 ->
                when (c) {
                    '\\' -> escape = 1
                    '"' -> endString(s)
                    else -> append(s, c)
                }
            1 -> {
                escape = 0
                when (c) {
                    '"',
                    '\\',
                    '/' -> append(s, c)
                    'b' -> append(s, '\b')
                    'f' -> append(s, '\u000C')
                    'n' -> append(s, '\n')
                    'r' -> append(s, '\r')
                    't' -> append(s, '\t')
                    'u' -> {
                        escape = 2
                        hex = 0
                        hexDigits = 0
                    }
                    else -> fail("invalid escape", c)
                }
            }
            else -> {
                val digit = Character.digit(c, 16)
                if (digit < 0) return fail("invalid \\u escape", c)
                hex = hex * 16 + digit
                if (++hexDigits == 4) {
                    escape = 0
                    append(s, hex.toChar())
                }
            }
        }
    }

    private fun append(s: StringBuilder, c: Char) {
        s.append(c)
        if (!stringIsKey) changed = true
    }

    private fun endString(s: StringBuilder) {
        string = null
        if (stringIsKey) {
            (top() as ObjectFrame).key = s.toString()
            expect = Expect.COLON
        } else {
            // the snapshot showed this text already
            complete(JsonPrimitive(s.toString()), visible = false)
        }
    }

    private fun endNumber() {
        val text = number.toString()
        number = null
        if (!NUMBER.matches(text)) return fail("invalid number", text.last())
        complete(Json.parseToJsonElement(text), visible = true)
    }

    private fun readLiteral(l: StringBuilder, c: Char) {
        l.append(c)
        val text = l.toString()
        val match = LITERALS.firstOrNull { it.startsWith(text) }
        if (match == null) return fail("invalid literal", c)
        if (match.length == text.length) {
            literal = null
            val value =
                when (text) {
                    "null" -> JsonNull
                    else -> JsonPrimitive(text == "true")
                }
            complete(value, visible = true)
        }
    }

    private fun fail(problem: String, c: Char) {
        failure = "$problem, got '${if (c < ' ') "\\u%04x".format(c.code) else c.toString()}'"
    }

    private companion object {
        val NUMBER = Regex("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")
        val LITERALS = listOf("true", "false", "null")
    }
}
