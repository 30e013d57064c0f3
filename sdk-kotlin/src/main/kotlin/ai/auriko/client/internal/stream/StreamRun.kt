package ai.auriko.client.internal.stream

import ai.auriko.client.internal.AttemptState
import ai.auriko.client.internal.ClientTime
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.PartialResult

/**
 * What one collection of a stream has seen: its current attempt's decoding, the result once it
 * completed, the metrics once it ended. Written by the collecting coroutine; read from any thread.
 */
internal class StreamRun<T : Any, R : PartialResult>(time: ClientTime) :
    AttemptState("the client was closed before the stream started") {
    /** The complete result, once there is one; see [complete]. */
    @Volatile
    var result: R? = null
        private set

    /**
     * Called once with the result the moment it is complete (before the collector sees the end).
     */
    @Volatile var onComplete: ((R) -> Unit)? = null
    @Volatile var emitted: Int = 0
    @Volatile var attempts: Int = 0
    @Volatile var finalMetrics: StreamMetrics? = null
    @Volatile var decoding: StreamDecoding<T, R>? = null
    val metrics: StreamMetricsRecorder = StreamMetricsRecorder(time)

    /** A new attempt: nothing of the previous one counts. */
    fun reset(attempt: Int) {
        attempts = attempt
        metrics.retries = attempt - 1
        decoding = null
        headers = null
        responseStarted = false
    }

    /** What had arrived, once the response started; `null` before. Safe from any thread. */
    override fun partial(): R? = decoding?.partial()

    /** The result is complete: record it and tell [onComplete]. */
    fun complete(value: R) {
        result = value
        onComplete?.invoke(value)
    }

    /** Records the final metrics once; returns them. */
    fun finish(): StreamMetrics = finalMetrics ?: metrics.snapshot().also { finalMetrics = it }
}
