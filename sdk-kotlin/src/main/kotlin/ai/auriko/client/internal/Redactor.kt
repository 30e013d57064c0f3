package ai.auriko.client.internal

/**
 * Keeps the API key out of everything the SDK shows: text the server sent back (some proxies echo
 * request headers into error pages), exception messages and causes, log lines. The one place that
 * knows the key's shape; every other component calls it at the boundary where outside text enters.
 */
internal class Redactor(private val secret: String) {
    /**
     * Per-call credentials of the calls in flight (a tenant's `Authorization`), each with how many
     * calls use it. A call adds its own for as long as it runs ([withSecrets]); text is read only
     * while some call runs, so each secret is redacted wherever the client's key is. Copied on
     * write: [text] reads a snapshot without a lock, and a client without per-call keys pays one
     * empty-array check.
     */
    private val inFlight = HashMap<String, Int>()
    @Volatile private var extra: Array<String> = emptyArray()

    /**
     * [text] with the key (and every per-call key in flight) replaced; keys shorter than 8
     * characters are too short to find safely.
     */
    fun text(text: String): String {
        var out =
            if (secret.length >= 8 && text.contains(secret)) text.replace(secret, MASK) else text
        val more = extra
        // Longest first, so that a header value is masked whole before its token is looked for.
        for (s in more) if (out.contains(s)) out = out.replace(s, MASK)
        return out
    }

    /**
     * Runs [block] with [secrets] redacted like the key. Calls that share a secret each hold it; it
     * stops being redacted when the last of them ends.
     */
    suspend fun <T> withSecrets(secrets: List<String>, block: suspend () -> T): T {
        val usable = secrets.filter { it.length >= 8 && it != secret }
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
                val n = (inFlight[s] ?: 0) + delta
                if (n <= 0) inFlight.remove(s) else inFlight[s] = n
            }
            extra = inFlight.keys.sortedByDescending { it.length }.toTypedArray()
        }
    }

    /** A header value as it may be logged: credentials and session state never are. */
    fun header(name: String, value: String): String =
        if (name.lowercase() in SECRET_HEADERS) MASK else text(value)

    /**
     * [e], or, when its message quotes the API key (a JSON parser quotes the input it failed on,
     * and a proxy may have echoed the key into it), a stand-in with the key removed and the same
     * stack trace, so the key cannot reach an exception's cause chain.
     */
    fun cause(e: Throwable): Throwable {
        val message = e.message ?: return e
        val redacted = text(message)
        if (redacted == message) return e
        return RuntimeException("${e::class.java.name}: $redacted").also {
            it.stackTrace = e.stackTrace
        }
    }

    /** `SimpleName: message`, without the key, for messages that quote a failure. */
    fun describe(e: Throwable): String =
        text(e::class.java.simpleName + (e.message?.let { ": $it" } ?: ""))

    companion object {
        const val MASK: String = "██"

        /** Whether [name] is a header whose value is a credential or session state. */
        fun isSecretHeader(name: String): Boolean = name.lowercase() in SECRET_HEADERS

        /** Header values that are credentials or session state; never logged. */
        private val SECRET_HEADERS =
            setOf(
                "authorization",
                "proxy-authorization",
                "api-key",
                "x-api-key",
                "cookie",
                "set-cookie",
            )
    }
}
