package ai.auriko.client

import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.internal.MAX_REQUESTS_AWAITING_HEADERS
import ai.auriko.client.internal.Secret
import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.logging.HttpLogLevel
import ai.auriko.http.RetryPolicy
import ai.auriko.sse.SseDecoder
import io.ktor.client.engine.HttpClientEngine
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * The settings of an [AurikoClient], fixed when it is built. Create one with [AurikoClient]'s
 * builder block; [toString] never shows the API key.
 */
public class AurikoClientOptions private constructor(builder: Builder, apiKey: String) {
    // Never exposed: not a String (see Secret), in a transient field read through a method that is
    // neither Java-visible nor named like a getter, so bean introspection, reflection-based
    // serializers and heap-walking toString()s find nothing.
    @Transient private val secretKey: Secret = Secret(apiKey)

    @JvmSynthetic internal fun secretApiKey(): String = secretKey.reveal()

    /**
     * The API root, without a trailing slash, for example `https://api.auriko.ai/v1`: the one set
     * on the builder, else the `AURIKO_BASE_URL` environment variable, else [DEFAULT_BASE_URL].
     */
    public val baseUrl: String = builder.resolveBaseUrl()

    /** Limit for establishing a connection. */
    public val connectTimeout: Duration = builder.connectTimeout

    /** Limit for a whole non-streaming call, from sending to the end of the body. */
    public val requestTimeout: Duration = builder.requestTimeout

    /** Limit, for a stream, from sending the request to the first event or keep-alive comment. */
    public val firstEventTimeout: Duration = builder.firstEventTimeout

    /**
     * Limit, for a started stream, between two arrivals of data (events or keep-alive comments).
     */
    public val idleTimeout: Duration = builder.idleTimeout

    /** When to retry and how long to wait; built from [Builder.maxRetries] unless given whole. */
    public val retryPolicy: RetryPolicy =
        builder.retryPolicy?.let {
            if (builder.maxRetriesSet) it.toBuilder().maxRetries(builder.maxRetries).build() else it
        } ?: RetryPolicy.builder().maxRetries(builder.maxRetries).build()

    /**
     * The names (lower case) of the headers whose values are credentials or session state: the
     * built-in `authorization`, `proxy-authorization`, `api-key`, `x-api-key`, `cookie` and
     * `set-cookie`, plus those marked with [Builder.sensitiveHeaders]. Their values are never
     * logged, shown by [defaultHeaders] or `toString()`, and are redacted like the API key wherever
     * a server echoes them.
     */
    public val sensitiveHeaders: Set<String> =
        java.util.Collections.unmodifiableSet(
            LinkedHashSet(
                ai.auriko.client.internal.Redactor.DEFAULT_SENSITIVE_HEADERS +
                    builder.sensitiveHeaders.map { it.lowercase() }
            )
        )

    // The values as sent; a sensitive one held like the key.
    @Transient
    private val headerValues: List<Pair<String, Any>> =
        builder.defaultHeaders.map { (name, value) ->
            name to (if (name.lowercase() in sensitiveHeaders) Secret(value) else value)
        }

    /**
     * Headers added to every request (after the SDK's own, so they can override the user agent), as
     * a read-only view in which the value of each [sensitive][sensitiveHeaders] header is `██`: the
     * values sent are never readable back from the options.
     */
    public val defaultHeaders: Map<String, String> =
        java.util.Collections.unmodifiableMap(
            LinkedHashMap<String, String>().apply {
                for ((name, value) in headerValues) put(
                    name,
                    if (value is Secret) value.toString() else value as String,
                )
            }
        )

    /** The default headers as sent, sensitive values included. */
    @JvmSynthetic
    internal fun headersToSend(): List<Pair<String, String>> =
        headerValues.map { (name, value) ->
            name to (if (value is Secret) value.reveal() else value as String)
        }

    /** The values of the sensitive default headers: secrets to redact like the key. */
    @JvmSynthetic
    internal fun sensitiveHeaderValues(): List<String> =
        headerValues.mapNotNull { (_, value) -> (value as? Secret)?.reveal() }

    /** The `User-Agent` sent with every request. */
    public val userAgent: String =
        "auriko-jvm/${SdkVersion.VERSION}" + (builder.userAgentSuffix?.let { " $it" } ?: "")

    /**
     * The caller's engine, or `null` when the client creates (and owns) its default OkHttp engine.
     */
    public val engine: HttpClientEngine? = builder.engine

    /**
     * How many requests the default engine lets wait for their response headers at once; ignored
     * with a caller's [engine]. See [Builder.maxRequestsAwaitingHeaders].
     */
    public val maxRequestsAwaitingHeaders: Int = builder.maxRequestsAwaitingHeaders

    @get:JvmSynthetic internal val time: ai.auriko.client.internal.ClientTime = builder.time

    /** The longest line a stream may send, in bytes. */
    public val maxLineBytes: Int = builder.maxLineBytes

    /** The most data one stream event may carry, in bytes. */
    public val maxEventBytes: Int = builder.maxEventBytes

    /** Where log lines go; see [AurikoLogger]. */
    public val logger: AurikoLogger = builder.logger

    /** How much of each HTTP exchange is logged; see [HttpLogLevel]. */
    public val httpLogLevel: HttpLogLevel = builder.httpLogLevel

    /** The observer of every call; see [AurikoEventListener]. */
    public val eventListener: AurikoEventListener = builder.eventListener

    init {
        require(connectTimeout.isPositive()) { "connectTimeout must be positive" }
        require(requestTimeout.isPositive()) { "requestTimeout must be positive" }
        require(firstEventTimeout.isPositive()) { "firstEventTimeout must be positive" }
        require(idleTimeout.isPositive()) { "idleTimeout must be positive" }
        require(maxLineBytes > 0 && maxEventBytes > 0) { "size caps must be positive" }
        require(maxRequestsAwaitingHeaders > 0) { "maxRequestsAwaitingHeaders must be positive" }
    }

    /**
     * Every setting for logs: the API key masked, and only the names of the default headers, whose
     * values may be secrets.
     */
    override fun toString(): String =
        "AurikoClientOptions(baseUrl=$baseUrl, apiKey=██, connectTimeout=$connectTimeout, " +
            "requestTimeout=$requestTimeout, firstEventTimeout=$firstEventTimeout, idleTimeout=$idleTimeout, " +
            "retryPolicy=$retryPolicy, defaultHeaders=${defaultHeaders.keys}, userAgent=$userAgent, maxRequestsAwaitingHeaders=$maxRequestsAwaitingHeaders, " +
            "httpLogLevel=$httpLogLevel)"

    /** Collects settings for an [AurikoClient]; not thread-safe. */
    public class Builder internal constructor() {
        /** The API key; when `null`, the `AURIKO_API_KEY` environment variable is used. */
        public var apiKey: String? = null

        /**
         * The API root; a trailing slash is fine. Default: the `AURIKO_BASE_URL` environment
         * variable ([BASE_URL_VARIABLE]) when it is set and not blank, else
         * `https://api.auriko.ai/v1` ([DEFAULT_BASE_URL]). A value set here wins, and the variable
         * is then not read. Read before it is set, it gives the root the client would use.
         *
         * It must start with `http://` or `https://` and have a host, and must not have user
         * information (`user:password@`: credentials in a URL reach every log line that shows it;
         * use [apiKey] or a [sensitive][sensitiveHeaders] default header), a query or a fragment:
         * building the client fails otherwise, with an [IllegalArgumentException] naming the part
         * that is wrong for a value set here and an [ai.auriko.errors.AurikoException] naming the
         * variable for one from the environment. Neither repeats the value.
         */
        public var baseUrl: String
            get() = explicitBaseUrl ?: environmentBaseUrl() ?: DEFAULT_BASE_URL
            set(value) {
                explicitBaseUrl = value
            }

        private var explicitBaseUrl: String? = null

        private fun environmentBaseUrl(): String? =
            environment(BASE_URL_VARIABLE)?.takeIf { it.isNotBlank() }

        /** Default 10 seconds. */
        public var connectTimeout: Duration = 10.seconds

        /** Default 60 seconds. */
        public var requestTimeout: Duration = 60.seconds

        /**
         * Default 120 seconds: a stream's first sign of life (an event or a keep-alive comment)
         * must arrive within it. Set [Duration.INFINITE] to wait forever.
         */
        public var firstEventTimeout: Duration = 120.seconds

        /**
         * Default 60 seconds: a started stream fails when nothing arrives for this long. Keep-alive
         * comments count as arrivals. There is no limit on a stream's total length.
         */
        public var idleTimeout: Duration = 60.seconds

        @get:JvmSynthetic @set:JvmSynthetic internal var maxRetriesSet = false

        /**
         * Retries after a failed first attempt; default 2. Streams retry only before their first
         * chunk.
         */
        public var maxRetries: Int = RetryPolicy.DEFAULT_MAX_RETRIES
            set(value) {
                require(value >= 0) { "maxRetries must be >= 0, was $value" }
                field = value
                maxRetriesSet = true
            }

        /**
         * A whole retry policy (backoff, caps, injected clock and randomness); [maxRetries] still
         * applies if set.
         */
        public var retryPolicy: RetryPolicy? = null

        /**
         * Headers sent with every request. Names must be HTTP tokens and values visible ASCII (tab
         * and space allowed): building the client fails otherwise, naming the header but never
         * showing the value.
         */
        public val defaultHeaders: MutableMap<String, String> = LinkedHashMap()

        /**
         * Names of further headers whose values are credentials (for example `x-goog-api-key`,
         * `x-tenant-token`), compared case-insensitively; they join the built-in list (see
         * [AurikoClientOptions.sensitiveHeaders]). Their values in [defaultHeaders] are redacted
         * like the API key: never logged, never shown, masked wherever a server echoes them.
         */
        public val sensitiveHeaders: MutableSet<String> = LinkedHashSet()

        /** Appended to the SDK's `User-Agent`, for example `my-app/1.2`. */
        public var userAgentSuffix: String? = null

        /**
         * The Ktor engine, for example `CIO.create { … }` set up as the README shows (add
         * `ktor-client-cio-jvm`). The client does not close an engine it was given; close it
         * yourself after the client. Default: an OkHttp engine the client owns, which reuses
         * connections, closes a cancelled stream's connection at once, has no timeouts of its own
         * (the SDK's apply), lets up to [maxRequestsAwaitingHeaders] requests wait for their
         * response headers at once, keeps up to 256 idle connections, and reads each open stream on
         * a thread of its own: a virtual one on JDK 24+; for the Java iterators of
         * [ai.auriko.client.blocking.AurikoBlockingClient], once more are open than cores, the
         * iterating thread (README, Engines).
         */
        public var engine: HttpClientEngine? = null

        /**
         * How many requests the default engine lets wait for their response headers at once, to any
         * host, at most; default 256. More wait for a slot before they connect (so the wait is
         * never a connect timeout; it counts toward [firstEventTimeout]). Streams whose headers
         * have arrived do not count: this never limits how many streams are open.
         *
         * On JDK 24+ (virtual threads) the engine admits fewer while this JVM's CPU is saturated,
         * down to one at a time, so that chunks of open streams are not queued behind requests
         * being set up: at 10,000 concurrent streams on one core a chunk's median delay went from
         * 27.8 ms to 0.5–0.6 ms (openai-java's thread per stream: 0.3–2.0 ms from run to run), new
         * streams starting later (README, Engines). A request the server keeps waiting for its
         * headers more than 20 ms stops counting then: against a server that sends headers only
         * with the first token, starts go on at one per 20 ms and slot at the least, not one per
         * time to first token. Once the CPU has room the limit grows back to this value within half
         * a second.
         *
         * The requests of Java iterators that read on their own threads ([engine]) are counted
         * apart from the rest, up to this many too, and not adapted: they do not use the engine's
         * threads.
         *
         * Too low throttles starts against such a server: at most this many start per time to first
         * token. Ignored with an [engine] of your own, whose limits are yours.
         */
        public var maxRequestsAwaitingHeaders: Int = MAX_REQUESTS_AWAITING_HEADERS

        /** The longest line a stream may send; default 4 MiB. */
        public var maxLineBytes: Int = SseDecoder.DEFAULT_MAX_LINE_BYTES

        /** The most data one stream event may carry; default 8 MiB. */
        public var maxEventBytes: Int = SseDecoder.DEFAULT_MAX_EVENT_BYTES

        /**
         * Where log lines go. Default [AurikoLogger.javaUtilLogging]: with HTTP logging off (the
         * default) it only ever receives warnings. [AurikoLogger.NONE] drops everything.
         */
        public var logger: AurikoLogger = AurikoLogger.javaUtilLogging()

        /** How much of each HTTP exchange to log; default [HttpLogLevel.NONE]. */
        public var httpLogLevel: HttpLogLevel = HttpLogLevel.NONE

        /** Observes every call (attempts, retries, headers, first chunk, outcome); default none. */
        public var eventListener: AurikoEventListener = AurikoEventListener.NONE

        @get:JvmSynthetic
        @set:JvmSynthetic
        internal var environment: (String) -> String? = System::getenv

        /** The clock and retry waits; tests set virtual or recording ones. */
        @get:JvmSynthetic
        @set:JvmSynthetic
        internal var time: ai.auriko.client.internal.ClientTime =
            ai.auriko.client.internal.ClientTime.System

        @JvmSynthetic
        internal fun build(): AurikoClientOptions {
            val key =
                apiKey?.takeIf { it.isNotBlank() }
                    ?: environment(API_KEY_VARIABLE)?.takeIf { it.isNotBlank() }
                    ?: throw ai.auriko.errors.SdkExceptions.unexpected(
                        "No API key: pass apiKey to AurikoClient or set the $API_KEY_VARIABLE environment variable",
                        null,
                        null,
                        null,
                    )
            val trimmed = key.trim()
            // A control or non-ASCII character (a pasted newline, a zero-width space) would make
            // the HTTP layer reject the header with a message that quotes it; fail here without
            // echoing the key.
            ai.auriko.client.internal.ConfigChecks.valueProblem(trimmed)?.let {
                throw ai.auriko.errors.SdkExceptions.unexpected(
                    "The API key contains $it; check $API_KEY_VARIABLE or apiKey (value not shown)",
                    null,
                    null,
                    null,
                )
            }
            for ((name, value) in defaultHeaders) {
                ai.auriko.client.internal.ConfigChecks.checkHeader("default header", name, value)
            }
            for (name in sensitiveHeaders) {
                require(ai.auriko.client.internal.ConfigChecks.isToken(name)) {
                    "a sensitive header name is not an HTTP token (name not shown)"
                }
            }
            userAgentSuffix?.let {
                ai.auriko.client.internal.ConfigChecks.checkHeader("header", "User-Agent", it)
            }
            return AurikoClientOptions(this, trimmed)
        }

        /** The builder's root, else the environment's, else the default; normalized and checked. */
        @JvmSynthetic
        internal fun resolveBaseUrl(): String {
            explicitBaseUrl?.let {
                return normalizeBaseUrl(it)
            }
            val fromEnvironment = environmentBaseUrl() ?: return DEFAULT_BASE_URL
            // Not echoed: a value in the wrong variable may be a secret (an API key pasted there).
            return try {
                normalizeBaseUrl(fromEnvironment)
            } catch (e: IllegalArgumentException) {
                throw ai.auriko.errors.SdkExceptions.unexpected(
                    "The $BASE_URL_VARIABLE environment variable is set but is not a usable http:// or https:// URL " +
                        "(${e.message?.substringBefore(" (value not shown)")}) " +
                        "(its value is not shown); fix or unset it, or set baseUrl, which takes precedence",
                    null,
                    null,
                    null,
                )
            }
        }
    }

    /** Constants. */
    public companion object {
        /** The default API root. */
        public const val DEFAULT_BASE_URL: String = "https://api.auriko.ai/v1"

        /** The environment variable the API key is read from. */
        public const val API_KEY_VARIABLE: String = "AURIKO_API_KEY"

        /**
         * The environment variable the base URL is read from when none is set on the builder, like
         * `OPENAI_BASE_URL` for OpenAI's SDKs: for example `http://localhost:8080/v1` to run the
         * same program against a local server.
         */
        public const val BASE_URL_VARIABLE: String = "AURIKO_BASE_URL"

        /**
         * [url] trimmed, without a trailing slash, checked by the SDK's own parser: an
         * [IllegalArgumentException] names the part that is wrong and never repeats the URL (user
         * information, `user:password@`, is rejected).
         */
        internal fun normalizeBaseUrl(url: String): String {
            val trimmed = url.trim().trimEnd('/')
            ai.auriko.client.internal.ConfigChecks.parseBaseUrl(trimmed)
            return trimmed
        }
    }
}
