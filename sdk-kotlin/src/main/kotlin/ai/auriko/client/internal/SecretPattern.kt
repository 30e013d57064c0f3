package ai.auriko.client.internal

/**
 * Finds one secret in text however the text encodes it, and masks each occurrence whole. A server
 * or proxy that echoes a credential rarely echoes it byte for byte: JSON encoders escape `/` (PHP),
 * `+` and `<` (.NET, as `\u002B`), `"` and `\` (everyone), any character as `\uXXXX` in either
 * case; a `Location` or a query string percent-encodes it (either hex case, `+` for a space, UTF-8
 * bytes for non-ASCII); an HTML error page writes entities (`&#43;`, `&#x2B;`, `&quot;`, `&plus;`);
 * and some systems upper- or lower-case a whole header. Enumerating the encoded forms would be
 * exponential (each character may be escaped or not, independently), so the match decodes as it
 * goes instead: at each position of the text it reads one *unit* — a raw character or one escape —
 * and compares what the unit decodes to with the next character of the secret, ignoring case. The
 * set of positions reachable after each character of the secret is kept (a unit can often be read
 * more than one way: `\\` is one escaped backslash or two raw ones), so the match never backtracks
 * and a call costs O(text × secret) at worst, O(text) in practice (most positions fail on their
 * first character).
 *
 * Built once per secret (the client's key, a sensitive default header, per call a tenant's key).
 * Its fields are transient: a reflection-based serializer that walks a client finds nothing.
 */
internal class SecretPattern(secret: String) {
    @Transient private val lower: CharArray = CharArray(secret.length) { lowerOf(secret[it]) }

    /** The secret's length in characters. */
    val length: Int
        get() = lower.size

    /** Whether [text] holds the secret in any form this pattern knows. */
    fun occursIn(text: String): Boolean = lower.isNotEmpty() && nextMatch(text, 0) != null

    /** [text] with every occurrence of the secret, in any form, replaced by [mask]. */
    fun mask(text: String, mask: String): String {
        if (lower.isEmpty()) return text
        var match = nextMatch(text, 0) ?: return text
        val out = StringBuilder(text.length)
        var copied = 0
        while (true) {
            out.append(text, copied, match.first).append(mask)
            copied = match.last + 1
            match = nextMatch(text, copied) ?: break
        }
        out.append(text, copied, text.length)
        return out.toString()
    }

    /** The first occurrence at or after [from], as the range of text it covers, or `null`. */
    private fun nextMatch(text: String, from: Int): IntRange? {
        for (start in from until text.length) {
            val c = text[start]
            // Cheap filter: a match starts with the secret's first character itself, or an escape.
            val escape = c == '\\' || c == '%' || c == '&' || c == '+'
            if (!escape && lowerOf(c) != lower[0]) continue
            // A raw first character: the second unit starts right after it, so a second raw
            // character that differs (the common case in prose: an `s` not followed by `k`) ends
            // the candidate without the general walk.
            if (!escape && lower.size > 1 && start + 1 < text.length) {
                val d = text[start + 1]
                val dEscape = d == '\\' || d == '%' || d == '&' || d == '+'
                if (!dEscape && lowerOf(d) != lower[1]) continue
            }
            val end = matchAt(text, start)
            if (end > start) return start until end
        }
        return null
    }

    /**
     * The end (exclusive) of the longest match starting at [start], or -1. A breadth-first walk
     * over states (text position, characters of the secret read): each state is visited once, so
     * the ambiguous readings of escapes cost a few states, never a backtracking blow-up.
     */
    private fun matchAt(text: String, start: Int): Int {
        // Most candidates (every `%`, `\`, `&` of a body) fail on their first unit: no allocation.
        var first = false
        units(text, start) { _, decoded -> if (lowerOf(decoded[0]) == lower[0]) first = true }
        if (!first) return -1
        val width = lower.size + 1L
        val seen = HashSet<Long>()
        val queue = ArrayDeque<Long>()
        queue.add(start * width)
        seen.add(start * width)
        var best = -1
        while (queue.isNotEmpty()) {
            val state = queue.removeFirst()
            val pos = (state / width).toInt()
            val i = (state % width).toInt()
            if (i == lower.size) {
                if (pos > best) best = pos
                continue
            }
            units(text, pos) { end, decoded ->
                if (decoded.length <= lower.size - i && matches(decoded, i)) {
                    val next = end * width + i + decoded.length
                    if (seen.add(next)) queue.add(next)
                }
            }
        }
        return best
    }

    private fun matches(decoded: String, at: Int): Boolean {
        for (k in decoded.indices) if (lowerOf(decoded[k]) != lower[at + k]) return false
        return true
    }

    private companion object {
        /** Case folding for comparison: the same character in either case is the same. */
        fun lowerOf(c: Char): Char = Character.toLowerCase(Character.toUpperCase(c))

        /**
         * Calls [unit] with each way of reading one unit of [text] at [pos]: its end and the
         * characters it stands for.
         */
        inline fun units(text: String, pos: Int, unit: (end: Int, decoded: String) -> Unit) {
            if (pos >= text.length) return
            val c = text[pos]
            unit(pos + 1, c.toString())
            when (c) {
                '+' -> unit(pos + 1, " ")
                '\\' -> jsonEscape(text, pos)?.let { (end, decoded) -> unit(end, decoded) }
                '%' -> percent(text, pos)?.let { (end, decoded) -> unit(end, decoded) }
                '&' -> entity(text, pos)?.let { (end, decoded) -> unit(end, decoded) }
            }
        }

        /** `\"`, `\\`, `\/`, `\b` `\f` `\n` `\r` `\t`, `\uXXXX` (either case). */
        fun jsonEscape(text: String, pos: Int): Pair<Int, String>? {
            if (pos + 1 >= text.length) return null
            val simple =
                when (text[pos + 1]) {
                    '"' -> '"'
                    '\\' -> '\\'
                    '/' -> '/'
                    '\'' -> '\''
                    'b' -> '\b'
                    'f' -> '\u000c'
                    'n' -> '\n'
                    'r' -> '\r'
                    't' -> '\t'
                    'u',
                    'U' -> null
                    else -> return null
                }
            if (simple != null) return pos + 2 to simple.toString()
            val code = hex(text, pos + 2, 4) ?: return null
            return pos + 6 to code.toChar().toString()
        }

        /** `%XX` (either case); consecutive bytes of one UTF-8 sequence decode to its character. */
        fun percent(text: String, pos: Int): Pair<Int, String>? {
            val b0 = byteAt(text, pos) ?: return null
            val extra =
                when {
                    b0 < 0x80 -> return pos + 3 to b0.toChar().toString()
                    b0 and 0xE0 == 0xC0 -> 1
                    b0 and 0xF0 == 0xE0 -> 2
                    b0 and 0xF8 == 0xF0 -> 3
                    else -> return null
                }
            var cp = b0 and (0x3F shr extra)
            var p = pos + 3
            repeat(extra) {
                val b = byteAt(text, p) ?: return null
                if (b and 0xC0 != 0x80) return null
                cp = (cp shl 6) or (b and 0x3F)
                p += 3
            }
            if (!Character.isValidCodePoint(cp)) return null
            return p to String(Character.toChars(cp))
        }

        private fun byteAt(text: String, pos: Int): Int? =
            if (pos < text.length && text[pos] == '%') hex(text, pos + 1, 2) else null

        /** `&#DDD;`, `&#xHH;` and the named entities of ASCII punctuation. */
        fun entity(text: String, pos: Int): Pair<Int, String>? {
            val semi = text.indexOf(';', pos + 1)
            if (semi < 0 || semi - pos > 12) return null
            val body = text.substring(pos + 1, semi)
            val cp =
                when {
                    body.startsWith("#x") || body.startsWith("#X") ->
                        body.substring(2).takeIf { it.isNotEmpty() }?.toIntOrNull(16)
                    body.startsWith("#") -> body.substring(1).toIntOrNull()
                    else -> NAMED[body]?.code
                } ?: return null
            if (!Character.isValidCodePoint(cp)) return null
            return semi + 1 to String(Character.toChars(cp))
        }

        fun hex(text: String, from: Int, digits: Int): Int? {
            if (from + digits > text.length) return null
            var v = 0
            for (k in from until from + digits) {
                val d = Character.digit(text[k], 16)
                if (d < 0) return null
                v = v * 16 + d
            }
            return v
        }

        val NAMED: Map<String, Char> =
            mapOf(
                "quot" to '"',
                "QUOT" to '"',
                "amp" to '&',
                "AMP" to '&',
                "lt" to '<',
                "LT" to '<',
                "gt" to '>',
                "GT" to '>',
                "apos" to '\'',
                "plus" to '+',
                "sol" to '/',
                "bsol" to '\\',
                "equals" to '=',
                "num" to '#',
                "percnt" to '%',
                "excl" to '!',
                "colon" to ':',
                "semi" to ';',
                "comma" to ',',
                "period" to '.',
                "lpar" to '(',
                "rpar" to ')',
                "lowbar" to '_',
                "dollar" to '$',
                "ast" to '*',
                "quest" to '?',
                "commat" to '@',
                "lsqb" to '[',
                "rsqb" to ']',
                "lcub" to '{',
                "rcub" to '}',
                "verbar" to '|',
                "grave" to '`',
                "Hat" to '^',
                "tilde" to '~',
                "dash" to '-',
                "nbsp" to '\u00a0',
            )
    }
}
