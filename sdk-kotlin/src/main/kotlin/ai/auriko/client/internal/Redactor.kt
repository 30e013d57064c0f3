package ai.auriko.client.internal

/**
 * Keeps credentials out of everything the SDK shows: text the server sent back (some proxies echo
 * request headers into error pages, header names or a `Location`), exception messages and their
 * causes, log lines, listener arguments. The one redaction step: every component calls it where
 * outside text (from the wire, from the engine, from configuration) enters, *after* decoding it (a
 * JSON escape such as `\u002B` hides the key from the raw text but not from the decoded string),
 * and [SecretPattern] finds each secret in its raw, JSON-escaped, URL-encoded, HTML-escaped and
 * case-folded forms.
 *
 * Its secrets: the client's [secrets] (the API key, the values of sensitive default headers and the
 * token after their scheme, `Bearer x` → `x`), whatever their length — a short key is masked
 * wherever its characters appear, which is ugly but never leaks (the client warns about keys under
 * [SHORT_SECRET] characters) — and, for as long as a call runs, that call's own credentials
 * ([withSecrets]). Patterns are built once per client, and once per call for a call's own.
 *
 * [sensitiveHeaders] (lower case) are the headers whose values are credentials or session state:
 * [DEFAULT_SENSITIVE_HEADERS] plus those the user marked; their values are never shown at all.
 */
internal class Redactor(
    secrets: List<String>,
    private val sensitiveHeaders: Set<String> = DEFAULT_SENSITIVE_HEADERS,
) {
    /** A redactor of one key, with the default sensitive headers. */
    constructor(secret: String) : this(listOf(secret))

    @Transient private val fixed: Array<SecretPattern> = patterns(secrets.flatMap(::formsOf))

    /**
     * Per-call credentials of the calls in flight (a tenant's `Authorization`), each with how many
     * calls use it. Copied on write: [text] reads a snapshot without a lock, and a client without
     * per-call keys pays one empty-array check.
     */
    @Transient private val inFlight = HashMap<String, Pair<SecretPattern, Int>>()
    @Transient @Volatile private var extra: Array<SecretPattern> = emptyArray()

    /** [text] with every secret, in every form, replaced by [MASK]. */
    fun text(text: String): String {
        if (text.isEmpty()) return text
        var out = text
        // Longest first, so that a header value is masked whole before its token is looked for.
        for (p in fixed) out = p.mask(out, MASK)
        for (p in extra) out = p.mask(out, MASK)
        return out
    }

    /** Whether [text] holds a secret in any form. */
    fun leaks(text: String): Boolean = text(text) != text

    /**
     * Runs [block] with [secrets] redacted like the key. Calls that share a secret each hold it; it
     * stops being redacted when the last of them ends.
     */
    suspend fun <T> withSecrets(secrets: List<String>, block: suspend () -> T): T {
        val usable = secrets.flatMap(::formsOf).distinct()
        if (usable.isEmpty()) return block()
        change(usable, +1)
        try {
            return block()
        } finally {
            change(usable, -1)
        }
    }

    private fun change(secrets: List<String>, delta: Int) {
        synchronized(inFlight) {
            for (s in secrets) {
                val (pattern, count) = inFlight[s] ?: (SecretPattern(s) to 0)
                val n = count + delta
                if (n <= 0) inFlight.remove(s) else inFlight[s] = pattern to n
            }
            extra = inFlight.values.map { it.first }.sortedByDescending { it.length }.toTypedArray()
        }
    }

    /** Whether [name] is a header whose value is a credential or session state, for this client. */
    fun isSensitiveHeader(name: String): Boolean = name.lowercase() in sensitiveHeaders

    /** A header value as it may be shown: credentials and session state never are. */
    fun header(name: String, value: String): String =
        if (isSensitiveHeader(name)) MASK else text(value)

    /**
     * [e], or, when any message in its cause chain (or among its suppressed exceptions) quotes a
     * secret (a JSON parser quotes the input it failed on, an engine quotes the header value it
     * rejected, a proxy may have echoed the key), a copy of the chain in which each such exception
     * is replaced by a [RedactedCause] with its class name, the redacted message and the same stack
     * trace, so the key cannot reach an exception's cause chain.
     */
    fun cause(e: Throwable): Throwable = if (chainLeaks(e, 0)) copy(e, 0) else e

    private fun chainLeaks(t: Throwable, depth: Int): Boolean {
        if (depth > MAX_CHAIN) return false
        if (t.message?.let(::leaks) == true) return true
        if (t.localizedMessage?.let(::leaks) == true) return true
        val cause = t.cause
        if (cause != null && cause !== t && chainLeaks(cause, depth + 1)) return true
        return t.suppressed.any { chainLeaks(it, depth + 1) }
    }

    private fun copy(t: Throwable, depth: Int): Throwable {
        if (depth > MAX_CHAIN || !chainLeaks(t, depth)) return t
        val cause = t.cause?.takeIf { it !== t }?.let { copy(it, depth + 1) }
        val copy = RedactedCause(t.javaClass.name, t.message?.let(::text), cause)
        copy.stackTrace = t.stackTrace
        for (s in t.suppressed) copy.addSuppressed(copy(s, depth + 1))
        return copy
    }

    /** `SimpleName: message`, without a secret, for messages that quote a failure. */
    fun describe(e: Throwable): String =
        text(e::class.java.simpleName + (e.message?.let { ": $it" } ?: ""))

    companion object {
        const val MASK: String = "██"

        /** Below this length a key is masked wherever its characters appear; the client warns. */
        const val SHORT_SECRET: Int = 4

        private const val MAX_CHAIN: Int = 32

        /** The headers whose values are credentials or session state; never shown (README). */
        val DEFAULT_SENSITIVE_HEADERS: Set<String> =
            setOf(
                "authorization",
                "proxy-authorization",
                "api-key",
                "x-api-key",
                "cookie",
                "set-cookie",
            )

        /** Whether [name] is one of [DEFAULT_SENSITIVE_HEADERS]. */
        fun isSecretHeader(name: String): Boolean = name.lowercase() in DEFAULT_SENSITIVE_HEADERS

        /**
         * The forms of a credential to look for: the value, and the token after an auth scheme
         * (`Bearer x`, `Basic x`), which a server may echo alone. Blank values are no secret.
         */
        fun formsOf(value: String): List<String> {
            val trimmed = value.trim()
            if (trimmed.isEmpty()) return emptyList()
            val space = trimmed.indexOf(' ')
            val token = if (space > 0) trimmed.substring(space + 1).trim() else ""
            return if (token.isEmpty()) listOf(trimmed) else listOf(trimmed, token)
        }

        private fun patterns(secrets: List<String>): Array<SecretPattern> =
            secrets
                .filter { it.isNotEmpty() }
                .distinct()
                .sortedByDescending { it.length }
                .map(::SecretPattern)
                .toTypedArray()
    }
}

/**
 * Stands in for an exception whose message quoted a secret: it shows the original class name and
 * the redacted message (its [toString] reads like the original's) and carries the original stack
 * trace, cause chain (itself redacted) and suppressed exceptions.
 */
internal class RedactedCause(
    private val originalClass: String,
    message: String?,
    cause: Throwable?,
) : RuntimeException(message, cause) {
    override fun toString(): String = message?.let { "$originalClass: $it" } ?: originalClass
}
