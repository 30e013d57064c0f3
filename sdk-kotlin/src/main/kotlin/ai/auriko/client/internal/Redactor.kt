package ai.auriko.client.internal

/**
 * Keeps the API key out of everything the SDK shows: text the server sent back (some proxies echo
 * request headers into error pages), exception messages and causes, log lines. The one place that
 * knows the key's shape; every other component calls it at the boundary where outside text enters.
 */
internal class Redactor(private val secret: String) {
    /**
     * [text] with the key replaced; keys shorter than 8 characters are too short to find safely.
     */
    fun text(text: String): String =
        if (secret.length >= 8 && text.contains(secret)) text.replace(secret, MASK) else text

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
