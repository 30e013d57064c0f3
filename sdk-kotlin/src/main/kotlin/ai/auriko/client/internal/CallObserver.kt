package ai.auriko.client.internal

import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.internal.stream.EventData
import ai.auriko.client.logging.HttpLogLevel
import ai.auriko.client.logging.LogLevel
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.http.ResponseHeaders
import io.ktor.client.request.HttpRequestBuilder
import java.time.Duration

/**
 * Reports one call to the client's [AurikoEventListener] and, at its [HttpLogLevel], to its logger.
 * Everything logged goes through the [Redactor], so neither the API key nor a cookie can reach a
 * log line. Listener and logger failures are contained here: an observer never changes the outcome
 * of a call.
 */
internal class CallObserver(private val runtime: ClientRuntime, val call: AurikoCall) {
    private val options = runtime.options
    private val redactor = runtime.redactor
    private val time = runtime.time
    private val listener = options.eventListener
    private val level = options.httpLogLevel
    private val start = time.nanoTime()
    private var headersAt = 0L
    private var ended = false

    private val logs: Boolean
        get() = level != HttpLogLevel.NONE

    private val logsHeaders: Boolean
        get() = level >= HttpLogLevel.HEADERS

    val logsBodies: Boolean
        get() = level >= HttpLogLevel.BODY

    fun callStarted() = notify { callStarted(call) }

    fun attemptStarted(attempt: Int) = notify { attemptStarted(call, attempt) }

    /** Logs the request as built (after the SDK's and the user's headers were set). */
    fun request(builder: HttpRequestBuilder, body: ByteArray?, attempt: Int) {
        if (!logs) return
        val size = if (body == null) "" else " (${body.size}-byte body)"
        val retry = if (attempt > 1) " [attempt $attempt]" else ""
        log("--> ${call.method} ${call.url}$size$retry")
        if (logsHeaders) {
            for ((name, values) in builder.headers.entries()) for (value in values) log(
                redactor.text("$name: ${redactor.header(name, value)}")
            )
            if (body != null) log("Content-Type: application/json")
        }
        if (logsBodies && body != null) log(redactor.text(String(body, Charsets.UTF_8)))
        if (logsHeaders) log("--> END ${call.method}")
    }

    fun responseHeaders(status: Int, headers: ResponseHeaders) {
        headersAt = time.nanoTime()
        notify { responseHeaders(call, status, headers) }
        if (!logs) return
        val requestId = headers.requestId()?.let { ", request id $it" } ?: ""
        log("<-- $status ${call.url} (${millis(headersAt - start)} ms$requestId)")
        if (logsHeaders) {
            for (name in headers.names()) for (value in headers.values(name)) log(
                redactor.text("$name: ${redactor.header(name, value)}")
            )
        }
    }

    /**
     * A response body read whole (errors, non-streaming answers); logged at [HttpLogLevel.BODY].
     */
    fun responseBody(text: String) {
        if (logsBodies) log(redactor.text(text))
    }

    /**
     * One decoded stream event, logged as it arrives at [HttpLogLevel.BODY]; nothing is buffered.
     */
    fun streamEvent(type: String?, data: EventData) {
        if (logsBodies)
            log(
                if (type == null) "data: ${redactor.text(data.toString())}"
                else "event: $type data: ${redactor.text(data.toString())}"
            )
    }

    fun retryScheduled(attempt: Int, delay: Duration, reason: AurikoException) {
        notify { retryScheduled(call, attempt, delay, reason) }
        if (logs)
            log(
                "<-- retrying ${call.method} ${call.url} in ${delay.toMillis()} ms after attempt $attempt: ${describe(reason)}"
            )
    }

    fun firstChunk() = notify { firstChunk(call, Duration.ofNanos(time.nanoTime() - start)) }

    fun succeeded(metrics: StreamMetrics?) {
        if (!end()) return
        val duration = elapsed()
        notify { callSucceeded(call, duration, metrics) }
        if (logs)
            log(
                "<-- END ${call.method} ${call.url} (${duration.toMillis()} ms${metrics?.let { ", ${it.chunkCount} chunks" } ?: ""})"
            )
    }

    fun failed(error: Throwable, metrics: StreamMetrics?) {
        if (!end()) return
        val duration = elapsed()
        notify { callFailed(call, duration, error, metrics) }
        if (logs)
            log(
                "<-- FAILED ${call.method} ${call.url} (${duration.toMillis()} ms): ${describe(error)}"
            )
    }

    fun cancelled(metrics: StreamMetrics?) {
        if (!end()) return
        val duration = elapsed()
        notify { callCancelled(call, duration, metrics) }
        if (logs) log("<-- CANCELLED ${call.method} ${call.url} (${duration.toMillis()} ms)")
    }

    private fun end(): Boolean {
        if (ended) return false
        ended = true
        return true
    }

    private fun elapsed(): Duration = Duration.ofNanos(time.nanoTime() - start)

    private fun describe(error: Throwable): String {
        val type = error.javaClass.simpleName
        val status = (error as? AurikoApiException)?.let { " (status ${it.statusCode()})" } ?: ""
        return redactor.text("$type$status: ${error.message}")
    }

    private fun log(message: String) = runtime.log(LogLevel.INFO, message, null)

    private inline fun notify(event: AurikoEventListener.() -> Unit) {
        if (listener === AurikoEventListener.NONE) return
        try {
            listener.event()
        } catch (e: Throwable) {
            // Errors too: a NotImplementedError or a failed assertion in a listener must not break
            // the call
            // (nor, thrown from callSucceeded, turn a delivered success into a failure).
            if (e is VirtualMachineError) throw e
            runtime.log(
                LogLevel.WARN,
                "the event listener ${listener.javaClass.name} threw; ignored",
                e,
            )
        }
    }

    private companion object {
        fun millis(nanos: Long): Long = nanos / 1_000_000
    }
}
