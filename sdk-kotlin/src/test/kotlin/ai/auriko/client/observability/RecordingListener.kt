package ai.auriko.client.observability

import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.logging.LogLevel
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.AurikoException
import ai.auriko.http.ResponseHeaders
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList

/** Records every listener callback as a short line, and the last metrics and calls seen. */
class RecordingListener : AurikoEventListener() {
    val events = CopyOnWriteArrayList<String>()
    val calls = CopyOnWriteArrayList<AurikoCall>()
    @Volatile var metrics: StreamMetrics? = null
    @Volatile var error: Throwable? = null
    @Volatile var retryDelay: Duration? = null

    override fun callStarted(call: AurikoCall) {
        calls += call
        events += "callStarted"
    }

    override fun attemptStarted(call: AurikoCall, attempt: Int) {
        events += "attempt $attempt"
    }

    override fun responseHeaders(call: AurikoCall, status: Int, headers: ResponseHeaders) {
        events += "headers $status"
    }

    override fun retryScheduled(
        call: AurikoCall,
        attempt: Int,
        delay: Duration,
        reason: AurikoException,
    ) {
        retryDelay = delay
        events += "retry $attempt ${reason.javaClass.simpleName}"
    }

    override fun firstChunk(call: AurikoCall, sinceStart: Duration) {
        events += "firstChunk"
    }

    override fun callSucceeded(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) {
        this.metrics = metrics
        events += "succeeded"
    }

    override fun callFailed(
        call: AurikoCall,
        duration: Duration,
        error: Throwable,
        metrics: StreamMetrics?,
    ) {
        this.metrics = metrics
        this.error = error
        events += "failed ${error.javaClass.simpleName}"
    }

    override fun callCancelled(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) {
        this.metrics = metrics
        events += "cancelled"
    }
}

/** Keeps every line given to it, with its level. */
class RecordingLogger : AurikoLogger {
    val lines = CopyOnWriteArrayList<String>()
    val errors = CopyOnWriteArrayList<Throwable>()

    override fun log(level: LogLevel, message: String, error: Throwable?) {
        lines += "$level $message"
        if (error != null) errors += error
    }
}
