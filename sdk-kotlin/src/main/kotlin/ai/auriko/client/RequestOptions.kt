package ai.auriko.client

import ai.auriko.client.internal.Redactor
import ai.auriko.client.internal.Secret
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * Settings for one call, on top of the client's: timeouts, extra headers (a per-tenant
 * `Authorization` among them), extra query parameters and the number of retries. Every endpoint
 * takes them as its last argument (`create(request, options)`, `stream(request, options)`,
 * `models.list(options)`), or first before a DSL block (`create(options) { model = … }`); the call
 * runs on the same client, connection pool and engine as every other.
 *
 * Merge rules (the per-request value wins):
 * - [requestTimeout], [firstEventTimeout], [idleTimeout] and [maxRetries] replace the client's for
 *   this call when set; unset ones (`null`) keep the client's.
 * - [headers] are sent after the SDK's and the client's default headers; each replaces a header of
 *   the same name (compared case-insensitively). An `Authorization` header (or [Builder.apiKey])
 *   replaces the client's key for this call and its retries, and is redacted from every message,
 *   body, log line and `toString()` exactly as the client's key is.
 * - [queryParams] are added to the URL; each replaces a parameter of the same name.
 *
 * Immutable and thread-safe; build one with [requestOptions] in Kotlin or [builder] in Java, and
 * reuse it for as many calls as you like. [toString] shows header and parameter names, never their
 * values.
 *
 * ```
 * val options = requestOptions { apiKey("sk-tenant-…"); maxRetries = 0; header("X-Tenant", "acme") }
 * client.chat.completions.create(request, options)
 * ```
 */
public class RequestOptions private constructor(builder: Builder) {
    /** Limit for a whole non-streaming call; `null` keeps the client's. */
    public val requestTimeout: Duration? = builder.requestTimeout

    /**
     * Limit from sending a stream request to its first event or keep-alive; `null`: the client's.
     */
    public val firstEventTimeout: Duration? = builder.firstEventTimeout

    /** Limit between two arrivals on a started stream; `null` keeps the client's. */
    public val idleTimeout: Duration? = builder.idleTimeout

    /** Retries after a failed first attempt; `null` keeps the client's. */
    public val maxRetries: Int? = builder.maxRetries

    // The values as sent; a credential (Authorization, X-Api-Key, Cookie, …) held like the
    // client's key, so that neither a getter nor a reflective serializer finds it as a string.
    @Transient
    private val headerValues: List<Pair<String, Any>> =
        builder.headers.values.map { (name, value) ->
            name to (if (Redactor.isSecretHeader(name)) Secret(value) else value)
        }

    /**
     * Headers added to the call, in the order set, each name once (the last value set for a name,
     * compared case-insensitively, wins). A read-only view in which a credential header's value
     * (`Authorization`, set by [Builder.apiKey] too, `Proxy-Authorization`, `Api-Key`, `X-Api-Key`,
     * `Cookie`, `Set-Cookie`) is `██`: the value sent is never readable back.
     */
    public val headers: Map<String, String> =
        java.util.Collections.unmodifiableMap(
            LinkedHashMap<String, String>().apply {
                for ((name, value) in headerValues) put(name, value.toString())
            }
        )

    /** The headers as sent, credentials included. */
    @JvmSynthetic
    internal fun headersToSend(): Map<String, String> =
        LinkedHashMap<String, String>().apply {
            for ((name, value) in headerValues) {
                put(name, if (value is Secret) value.reveal() else value as String)
            }
        }

    /** Query parameters added to the call's URL, each name once (the last value set wins). */
    public val queryParams: Map<String, String> = copyOf(builder.queryParams)

    /** A builder holding these settings, to derive other options from them. */
    public fun toBuilder(): Builder = Builder(this)

    /** The timeouts and retries set, and only the names of headers and parameters. */
    override fun toString(): String =
        "RequestOptions(requestTimeout=$requestTimeout, firstEventTimeout=$firstEventTimeout, " +
            "idleTimeout=$idleTimeout, maxRetries=$maxRetries, headers=${headers.keys}, " +
            "queryParams=${queryParams.keys})"

    /**
     * Collects request options; not thread-safe. In Kotlin, set the properties inside
     * [requestOptions]; in Java, chain the methods after [RequestOptions.builder].
     */
    public class Builder internal constructor() {
        // Keyed by lower-case name so that a second value for the same header replaces the first,
        // whatever its case; the pair keeps the name as the caller spelled it.
        internal val headers = LinkedHashMap<String, Pair<String, String>>()
        internal val queryParams = LinkedHashMap<String, Pair<String, String>>()

        internal constructor(options: RequestOptions) : this() {
            requestTimeout = options.requestTimeout
            firstEventTimeout = options.firstEventTimeout
            idleTimeout = options.idleTimeout
            maxRetries = options.maxRetries
            options.headersToSend().forEach { (name, value) -> header(name, value) }
            options.queryParams.forEach { (name, value) -> queryParam(name, value) }
        }

        /** Limit for a whole non-streaming call (Kotlin); `null` keeps the client's. */
        @get:JvmSynthetic
        @set:JvmSynthetic
        public var requestTimeout: Duration? = null
            set(value) {
                field = positive("requestTimeout", value)
            }

        /**
         * Limit from sending a stream request to its first event or keep-alive (Kotlin);
         * [Duration.INFINITE] waits forever, `null` keeps the client's.
         */
        @get:JvmSynthetic
        @set:JvmSynthetic
        public var firstEventTimeout: Duration? = null
            set(value) {
                field = positive("firstEventTimeout", value)
            }

        /**
         * Limit between two arrivals on a started stream (Kotlin); [Duration.INFINITE] waits
         * forever, `null` keeps the client's.
         */
        @get:JvmSynthetic
        @set:JvmSynthetic
        public var idleTimeout: Duration? = null
            set(value) {
                field = positive("idleTimeout", value)
            }

        /**
         * Retries after a failed first attempt (Kotlin); `0` makes one attempt, `null` keeps the
         * client's.
         */
        @get:JvmSynthetic
        @set:JvmSynthetic
        public var maxRetries: Int? = null
            set(value) {
                require(value == null || value >= 0) { "maxRetries must be >= 0, was $value" }
                field = value
            }

        /** Limit for a whole non-streaming call. */
        public fun requestTimeout(timeout: java.time.Duration): Builder = apply {
            requestTimeout = timeout.toKotlinDuration()
        }

        /** Limit from sending a stream request to its first event or keep-alive. */
        public fun firstEventTimeout(timeout: java.time.Duration): Builder = apply {
            firstEventTimeout = timeout.toKotlinDuration()
        }

        /** Limit between two arrivals on a started stream. */
        public fun idleTimeout(timeout: java.time.Duration): Builder = apply {
            idleTimeout = timeout.toKotlinDuration()
        }

        /** Retries after a failed first attempt; `0` makes one attempt. */
        public fun maxRetries(maxRetries: Int): Builder = apply { this.maxRetries = maxRetries }

        /**
         * Adds a header, replacing one of the same name (case-insensitively) set before, here or by
         * the client.
         *
         * @throws IllegalArgumentException when [name] is not an HTTP token, [value] holds a line
         *   break or other control character or a non-ASCII character (a pasted zero-width space;
         *   the message repeats neither the value nor an invalid name), or [name] is one the HTTP
         *   layer sets itself (`Content-Length`, `Content-Type`, `Transfer-Encoding`, `Upgrade`)
         */
        public fun header(name: String, value: String): Builder = apply {
            // Checked before any I/O, never quoting the value (nor an invalid name, which may be
            // a value pasted in the wrong place): an engine would reject it quoting both.
            ai.auriko.client.internal.ConfigChecks.checkHeader("header", name, value)
            require(name.lowercase() !in RESERVED_HEADERS) {
                "header '$name' is set by the HTTP layer and cannot be set per request"
            }
            headers[name.lowercase()] = name to value
        }

        /** Adds each of [headers]; see [header]. */
        public fun headers(headers: Map<String, String>): Builder = apply {
            headers.forEach { (name, value) -> header(name, value) }
        }

        /**
         * Uses [apiKey] for this call instead of the client's: `Authorization: Bearer <apiKey>`,
         * for example a tenant's key. Redacted everywhere like the client's key.
         *
         * @throws IllegalArgumentException when the key is blank or holds a control or non-ASCII
         *   character
         */
        public fun apiKey(apiKey: String): Builder = apply {
            val key = apiKey.trim()
            require(key.isNotEmpty()) { "apiKey must not be blank" }
            ai.auriko.client.internal.ConfigChecks.valueProblem(key)?.let {
                throw IllegalArgumentException("the API key contains $it (value not shown)")
            }
            header("Authorization", "Bearer $key")
        }

        /**
         * Adds a query parameter, replacing one of the same name set before. Names and values are
         * URL-encoded when sent.
         */
        public fun queryParam(name: String, value: String): Builder = apply {
            require(name.isNotEmpty()) { "query parameter names must not be empty" }
            queryParams[name] = name to value
        }

        /** Adds each of [params]; see [queryParam]. */
        public fun queryParams(params: Map<String, String>): Builder = apply {
            params.forEach { (name, value) -> queryParam(name, value) }
        }

        /** The options; the builder can go on being changed without affecting them. */
        public fun build(): RequestOptions = RequestOptions(this)

        private fun positive(what: String, value: Duration?): Duration? {
            require(value == null || value.isPositive()) { "$what must be positive, was $value" }
            return value
        }
    }

    /** Entry points. */
    public companion object {
        /** A builder for Java: `RequestOptions.builder().maxRetries(0).build()`. */
        @JvmStatic public fun builder(): Builder = Builder()

        private val RESERVED_HEADERS =
            setOf("content-length", "content-type", "transfer-encoding", "upgrade")

        private fun copyOf(entries: Map<String, Pair<String, String>>): Map<String, String> =
            java.util.Collections.unmodifiableMap(
                LinkedHashMap<String, String>().apply {
                    entries.values.forEach { put(it.first, it.second) }
                }
            )

        /** No per-request settings: the call runs exactly as the client's settings say. */
        @JvmField public val NONE: RequestOptions = Builder().build()
    }
}

/**
 * Builds [RequestOptions] in Kotlin:
 * ```
 * requestOptions { requestTimeout = 5.seconds; maxRetries = 0; header("X-Tenant", "acme") }
 * ```
 *
 * @param build sets the options on the builder
 */
public fun requestOptions(build: RequestOptions.Builder.() -> Unit): RequestOptions =
    RequestOptions.Builder().apply(build).build()
