package ai.auriko.client.internal

import ai.auriko.client.AurikoClientOptions
import ai.auriko.client.RequestOptions
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.logging.LogLevel
import ai.auriko.errors.ErrorClassifier
import io.ktor.client.HttpClient
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.plugins.HttpTimeout
import io.ktor.http.HttpMethod
import java.util.concurrent.atomic.AtomicLong

/**
 * What one [ai.auriko.client.AurikoClient] shares between its calls: the Ktor client and the engine
 * it may own, the one [lifecycle], the [redactor], the error mapping, the logger and the clock.
 * Endpoints run their calls through [runner].
 */
internal class ClientRuntime(val options: AurikoClientOptions) {
    val lifecycle: ClientLifecycle = ClientLifecycle()
    val redactor: Redactor =
        Redactor(
            listOf(options.secretApiKey()) + options.sensitiveHeaderValues(),
            options.sensitiveHeaders,
        )
    // On the retry policy's clock, so an HTTP-date Retry-After is read on the clock the policy
    // (and a test) uses.
    val errors: ErrorResponses =
        ErrorResponses(ErrorClassifier.withClock(options.retryPolicy.clock()), redactor)
    val time: ClientTime = options.time

    private val ownsEngine = options.engine == null
    private val transport: DefaultTransport? =
        if (options.engine == null) defaultTransport(options.maxRequestsAwaitingHeaders) else null
    private val engine: HttpClientEngine =
        (options.engine ?: transport!!.engine).also(RedirectGuard::install)

    val http: HttpClient = httpClient(engine)

    private val callerThreadClient = lazy { transport?.callerThread?.let(::httpClient) }

    /**
     * The default engine's caller-thread twin ([CallerThreadEngine]), for the Java iterators'
     * streams; `null` on an engine the user passed. Made at its first use: a client only Kotlin
     * code uses never needs it.
     */
    val callerThreadHttp: HttpClient?
        get() = callerThreadClient.value

    /** The Java iterators on [callerThreadHttp]; `null` without it. */
    val callerThreadReads: CallerThread.Reads? =
        if (transport != null) CallerThread.Reads() else null

    private fun httpClient(engine: HttpClientEngine): HttpClient =
        HttpClient(engine) {
            expectSuccess = false
            // No redirect is followed: the API never redirects, following one could turn a POST
            // into a GET, and the Authorization header must never reach another host. A 3xx becomes
            // an UnexpectedStatusException naming its Location. RedirectGuard switches OkHttp's own
            // redirect following off, also in an engine the user built with it on.
            followRedirects = false
            install(HttpTimeout) {
                connectTimeoutMillis = options.connectTimeout.inWholeMilliseconds
            }
        }

    val runner: CallRunner = CallRunner(this)

    /** What a call without per-request options runs with. */
    private val clientSettings: CallSettings = CallSettings.of(options)

    /** The client's settings with a call's [requestOptions] applied (per-request wins). */
    fun settings(requestOptions: RequestOptions): CallSettings =
        CallSettings.merge(clientSettings, requestOptions, redactor::isSensitiveHeader)

    private val callIds = AtomicLong()

    init {
        InsecureBaseUrl.warnIfInsecure(options.baseUrl) { log(LogLevel.WARN, it, null) }
        BlockingEngineCheck.warnIfStallable(engine) { log(LogLevel.WARN, it, null) }
        if (options.secretApiKey().length < Redactor.SHORT_SECRET)
            log(
                LogLevel.WARN,
                "The API key is shorter than ${Redactor.SHORT_SECRET} characters: it is masked wherever those " +
                    "characters appear, in any case, so messages and logs will be hard to read.",
                null,
            )
    }

    fun url(path: String): String = options.baseUrl + path

    /** Starts observing a new call: the listener hears `callStarted` now. */
    fun observe(
        method: HttpMethod,
        path: String,
        streaming: Boolean,
        model: String? = null,
    ): CallObserver =
        CallObserver(
                this,
                AurikoCall(callIds.incrementAndGet(), method.value, url(path), streaming, model),
            )
            .also { it.callStarted() }

    /** Writes to the client's logger; a failing logger is ignored (it must never fail a call). */
    fun log(level: LogLevel, message: String, error: Throwable?) {
        try {
            options.logger.log(level, message, error)
        } catch (e: Throwable) {
            // nothing sensible to do: the logger is what would report it
            if (e is VirtualMachineError) throw e
        }
    }

    /** Closes the client once: in-flight calls end, the pool and an owned engine are released. */
    fun close() {
        if (!lifecycle.close()) return
        http.close()
        if (callerThreadClient.isInitialized()) callerThreadClient.value?.close()
        if (ownsEngine) {
            engine.close()
            transport?.callerThread?.close()
        }
    }
}
