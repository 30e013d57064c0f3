package ai.auriko.client.internal

import ai.auriko.client.AurikoClientOptions
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.logging.LogLevel
import ai.auriko.errors.AurikoConnectionException
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.ErrorClassifier
import ai.auriko.errors.ErrorDetails
import ai.auriko.http.ResponseHeaders
import io.ktor.client.HttpClient
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.network.sockets.ConnectTimeoutException
import io.ktor.client.plugins.HttpRequestTimeoutException
import io.ktor.client.plugins.HttpTimeout
import io.ktor.client.plugins.timeout
import io.ktor.client.request.HttpRequestBuilder
import io.ktor.client.request.header
import io.ktor.client.request.prepareRequest
import io.ktor.client.request.setBody
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
import io.ktor.client.statement.bodyAsText
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.content.ByteArrayContent
import io.ktor.http.isSuccess
import io.ktor.utils.io.readAvailable
import java.io.IOException
import java.nio.channels.UnresolvedAddressException
import java.time.Duration as JavaDuration
import java.util.concurrent.atomic.AtomicLong
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.json.Json

/**
 * Everything the endpoints share: the Ktor client, request headers, the retry loop and the mapping
 * of transport failures to the SDK's exceptions. One per [ai.auriko.client.AurikoClient].
 */
internal class Transport(val options: AurikoClientOptions, private val checkOpen: () -> Unit) {
    private val ownsEngine = options.engine == null
    private val engine: HttpClientEngine = options.engine ?: defaultEngine()

    val http: HttpClient =
        HttpClient(engine) {
            expectSuccess = false
            // No redirect is followed: the API never redirects, following one could turn a POST
            // into
            // a GET, and the Authorization header must never reach another host. A 3xx becomes an
            // UnexpectedStatusException naming its Location (see statusError). Ktor's OkHttp engine
            // switches OkHttp's own redirect following off as well.
            followRedirects = false
            install(HttpTimeout) {
                connectTimeoutMillis = options.connectTimeout.inWholeMilliseconds
            }
        }

    val classifier: ErrorClassifier = ErrorClassifier.standard()

    // Decoding only; see WireJson.
    val json: Json = WireJson

    fun url(path: String): String = options.baseUrl + path

    private val callIds = AtomicLong()

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

    init {
        InsecureBaseUrl.warnIfInsecure(options.baseUrl) { log(LogLevel.WARN, it, null) }
        BlockingEngineCheck.warnIfStallable(engine) { log(LogLevel.WARN, it, null) }
    }

    /** Throws [IllegalStateException] once the client is closed; called before any I/O. */
    fun ensureOpen() = checkOpen()

    // Completed by close(): in-flight calls and retry waits watch it, so closing the client
    // cancels them (and closes their connections) instead of leaving them to their timeouts.
    private val closedSignal = CompletableDeferred<Unit>()

    val isClosed: Boolean
        get() = closedSignal.isCompleted

    /** Suspends until the client is closed. */
    suspend fun awaitClosed() {
        closedSignal.await()
    }

    /**
     * The failure a close-watcher ends a call's scope with; not a CancellationException on purpose.
     */
    class ClientClosed : RuntimeException("the client was closed during the call") {
        override fun fillInStackTrace(): Throwable = this
    }

    /**
     * Starts, in [scope], a child that fails the scope with [ClientClosed] when the client closes.
     */
    fun watchForClose(scope: CoroutineScope): Job =
        scope.launch(start = CoroutineStart.UNDISPATCHED) {
            closedSignal.await()
            throw ClientClosed()
        }

    /**
     * Removes the API key from text the server sent back (some proxies echo request headers into
     * error pages), so it can never reach an exception message.
     */
    fun redact(text: String): String =
        if (options.secretApiKey().length >= 8 && text.contains(options.secretApiKey()))
            text.replace(options.secretApiKey(), "██")
        else text

    /**
     * [e], or, when its message quotes the API key (a JSON parser quotes the input it failed on,
     * and a proxy may have echoed the key into it), a stand-in with the key removed and the same
     * stack trace, so the key cannot reach an exception's cause chain.
     */
    fun redactCause(e: Throwable): Throwable {
        val message = e.message ?: return e
        val redacted = redact(message)
        if (redacted == message) return e
        return RuntimeException("${e::class.java.name}: $redacted").also {
            it.stackTrace = e.stackTrace
        }
    }

    /**
     * The exception for a response whose status is not a success. A redirect is reported with where
     * it pointed, without reading its body; any other status is classified from at most
     * [MAX_ERROR_BODY_BYTES] of its body.
     */
    suspend fun statusError(
        response: HttpResponse,
        headers: ResponseHeaders,
        observer: CallObserver,
    ): AurikoException {
        val status = response.status.value
        if (status in 300..399) {
            val location =
                headers.get(HttpHeaders.Location)?.let { redact(it) } ?: "(no Location header)"
            return classifier.classify(
                ErrorDetails.builder()
                    .statusCode(status)
                    .message(
                        "the server answered $status, a redirect to $location; the client follows no redirects"
                    )
                    .headers(headers)
                    .build()
            )
        }
        val text = redact(response.readCappedText())
        observer.responseBody(text)
        return classifier.fromHttpResponse(status, headers, text)
    }

    /**
     * Sets what every request carries. Engine timeouts are switched off per request because the SDK
     * enforces its own (first-event, idle, request) engine-independently; OkHttp's 10-second
     * default read timeout would otherwise cut long-thinking streams.
     */
    fun HttpRequestBuilder.common(body: ByteArray?, accept: String) {
        header(HttpHeaders.Authorization, "Bearer ${options.secretApiKey()}")
        header(HttpHeaders.UserAgent, options.userAgent)
        header(HttpHeaders.Accept, accept)
        for ((name, value) in options.defaultHeaders) {
            headers.remove(name)
            header(name, value)
        }
        timeout {
            requestTimeoutMillis = HttpTimeoutInfinite
            socketTimeoutMillis = HttpTimeoutInfinite
        }
        if (body != null) setBody(ByteArrayContent(body, ContentType.Application.Json))
    }

    /**
     * One non-streaming exchange under the retry policy and the request timeout: sends [method] to
     * [path], classifies an error status, and hands a successful response's body to [read].
     */
    suspend fun <T> exchange(
        method: HttpMethod,
        path: String,
        body: ByteArray?,
        model: String? = null,
        read: (text: String, headers: ResponseHeaders) -> T,
    ): T {
        ensureOpen()
        val observer = observe(method, path, streaming = false, model = model)
        try {
            return withRetries(observer) { attempt ->
                    exchangeOnce(method, path, body, observer, attempt, read)
                }
                .also { observer.succeeded(null) }
        } catch (e: CancellationException) {
            observer.cancelled(null)
            throw e
        } catch (e: Throwable) {
            // A caller cancelled with a cause (an interrupt, a failed sibling) often surfaces as
            // that cause, mapped by the engine or by us: it is still a cancellation.
            if (currentCoroutineContext().isActive) observer.failed(e, null)
            else observer.cancelled(null)
            throw e
        }
    }

    private suspend fun <T> exchangeOnce(
        method: HttpMethod,
        path: String,
        body: ByteArray?,
        observer: CallObserver,
        attempt: Int,
        read: (text: String, headers: ResponseHeaders) -> T,
    ): T {
        var responseStarted = false
        try {
            return closeable {
                withTimeoutOrNull(options.requestTimeout) {
                    http
                        .prepareRequest(url(path)) {
                            this.method = method
                            common(body, accept = "application/json")
                            observer.request(this, body, attempt)
                        }
                        .execute { response ->
                            responseStarted = true
                            val headers = response.typedHeaders(::redact)
                            observer.responseHeaders(response.status.value, headers)
                            if (!response.status.isSuccess())
                                throw statusError(response, headers, observer)
                            val text = redact(response.bodyAsText())
                            observer.responseBody(text)
                            read(text, headers)
                        }
                }
            }
                ?: throw AurikoTimeoutException(
                    AurikoTimeoutException.Kind.REQUEST,
                    options.requestTimeout.toJava(),
                    null,
                    null,
                    null,
                )
        } catch (e: ClientClosed) {
            throw IllegalStateException("the client was closed during the call")
        } catch (e: CancellationException) {
            // Ktor cancels its own jobs when the client closes; the caller was not cancelled.
            if (isClosed && currentCoroutineContext().isActive)
                throw IllegalStateException("the client was closed during the call", e)
            throw e
        } catch (e: AurikoException) {
            throw e
        } catch (e: Throwable) {
            throw mapTransportFailure(e, options, responseStarted, null, null)
        }
    }

    /**
     * Test seam: when set, called with each wait before a retry instead of waiting, so a test of
     * long `Retry-After` values can check the waits without sitting through them.
     */
    @Volatile internal var retrySleeper: (suspend (JavaDuration) -> Unit)? = null

    /**
     * Runs [attempt] under the retry policy. [attempt] receives the 1-based attempt number and
     * reports through [canRetry] whether a failure may still be retried (a stream may not, once a
     * chunk reached the caller). Cancellation is never retried or wrapped.
     */
    suspend fun <T> withRetries(
        observer: CallObserver,
        canRetry: () -> Boolean = { true },
        attempt: suspend (Int) -> T,
    ): T {
        var retries = 0
        while (true) {
            try {
                observer.attemptStarted(retries + 1)
                return attempt(retries + 1)
            } catch (e: CancellationException) {
                throw e
            } catch (e: DownstreamFailure) {
                throw e.original
            } catch (e: AurikoException) {
                // A cancelled caller can surface as its cancellation's cause, mapped to a
                // retryable failure that never happened: end as the cancellation instead.
                currentCoroutineContext().ensureActive()
                val wait = if (canRetry()) options.retryPolicy.retryDelay(retries, e) else null
                if (wait == null) throw e.recordAttempts(retries + 1)
                observer.retryScheduled(retries + 1, wait, e)
                // Wait for the retry, unless the client is closed meanwhile.
                val sleeper = retrySleeper
                if (sleeper != null) {
                    sleeper(wait)
                } else if (withTimeoutOrNull(wait.toMillis()) { closedSignal.await() } != null) {
                    throw IllegalStateException("the client was closed while waiting to retry", e)
                }
                ensureOpen()
                retries++
            }
        }
    }

    /** Runs [block] so that closing the client cancels it with [ClientClosed]. */
    private suspend fun <T> closeable(block: suspend () -> T): T = coroutineScope {
        val watcher = watchForClose(this)
        try {
            block()
        } finally {
            watcher.cancel()
        }
    }

    fun close() {
        closedSignal.complete(Unit)
        http.close()
        if (ownsEngine) engine.close()
    }

    companion object {
        const val HttpTimeoutInfinite: Long = Long.MAX_VALUE

        /** Cap on how much of an error body is read. */
        const val MAX_ERROR_BODY_BYTES: Int = 64 * 1024
    }
}

/** An exception thrown by the flow's collector; rethrown unchanged, never retried or wrapped. */
internal class DownstreamFailure(cause: Throwable) : RuntimeException(cause) {
    override fun fillInStackTrace(): Throwable = this

    /**
     * The collector's own exception. kotlinx.coroutines' stack-trace recovery (on under `-ea`) may
     * wrap a copy of this failure around the original, so unwrap every layer.
     */
    val original: Throwable
        get() {
            var t: Throwable = this
            while (t is DownstreamFailure) t = t.cause ?: return t
            return t
        }
}

/**
 * The response's headers, typed. [redact] is applied to every value: a proxy that echoes request
 * headers back (the key included) must not put the key into request ids, logs or toString().
 */
internal fun HttpResponse.typedHeaders(redact: (String) -> String): ResponseHeaders {
    val builder = ResponseHeaders.builder()
    headers.forEach { name, values -> values.forEach { builder.add(name, redact(it)) } }
    return builder.build()
}

/** Reads at most [limit] bytes of the body as UTF-8, for error messages. */
internal suspend fun HttpResponse.readCappedText(
    limit: Int = Transport.MAX_ERROR_BODY_BYTES
): String {
    val channel = bodyAsChannel()
    val buffer = ByteArray(limit)
    var total = 0
    while (total < limit) {
        val n = channel.readAvailable(buffer, total, limit - total)
        if (n == -1) break
        total += n
    }
    // At the cap, the rest of the body is refused rather than drained: an endless error body
    // would otherwise keep the connection (and the call) busy after the exception was thrown.
    if (total == limit) channel.cancel(null)
    return String(buffer, 0, total, Charsets.UTF_8)
}

/**
 * Maps a failure of the transport to the SDK's types. [responseStarted] tells a connection that
 * never produced a response (retryable connection error) from one that broke mid-body.
 */
internal fun mapTransportFailure(
    e: Throwable,
    options: AurikoClientOptions,
    responseStarted: Boolean,
    requestId: String?,
    partial: Any?,
): AurikoException =
    when (e) {
        is AurikoException -> e
        is ConnectTimeoutException ->
            AurikoTimeoutException(
                AurikoTimeoutException.Kind.CONNECT,
                options.connectTimeout.toJava(),
                e,
                requestId,
                partial,
            )
        is HttpRequestTimeoutException ->
            AurikoTimeoutException(
                AurikoTimeoutException.Kind.REQUEST,
                options.requestTimeout.toJava(),
                e,
                requestId,
                partial,
            )
        is IOException,
        is UnresolvedAddressException ->
            if (responseStarted) {
                ai.auriko.errors.StreamInterruptedException(
                    "the connection broke before the response was complete: ${e.describe(options)}",
                    e,
                    requestId,
                    partial,
                )
            } else {
                AurikoConnectionException(
                    "could not reach ${options.baseUrl}: ${e.describe(options)}",
                    e,
                    requestId,
                    partial,
                )
            }
        else -> AurikoException("unexpected failure: ${e.describe(options)}", e, requestId, partial)
    }

private fun Throwable.describe(): String =
    this::class.java.simpleName + (message?.let { ": $it" } ?: "")

/** [describe] with the API key removed, should an engine quote a header in its message. */
private fun Throwable.describe(options: AurikoClientOptions): String {
    val text = describe()
    val key = options.secretApiKey()
    return if (key.length >= 8 && text.contains(key)) text.replace(key, "██") else text
}

internal fun kotlin.time.Duration.toJava(): JavaDuration? =
    if (isInfinite()) null else JavaDuration.ofMillis(inWholeMilliseconds)
