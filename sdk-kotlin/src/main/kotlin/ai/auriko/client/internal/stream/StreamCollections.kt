package ai.auriko.client.internal.stream

import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.PartialResult
import ai.auriko.http.ResponseHeaders
import kotlinx.coroutines.flow.FlowCollector

/**
 * What a public stream object (chat's or the Responses API's) remembers of its collections, by one
 * rule for every API: the result is the latest collection whose answer *completed* (published by
 * the core the moment it is, before the collector sees the terminal item; one still running, or one
 * that failed, changes nothing), so usage and routing metadata never come from two different
 * answers; headers and attempts are the latest collection to *start*; metrics the latest to *end*.
 * Each collection is one [StreamCall] run.
 */
internal class StreamCollections<T : Any, R : PartialResult>(private val call: StreamCall<T, R>) {
    @Volatile private var started: StreamRun<T, R>? = null
    @Volatile private var ended: StreamRun<T, R>? = null

    /**
     * The result of the latest collection that completed — published the moment its result was
     * complete (its terminal event arrived), so a collector that stops at that event keeps it.
     */
    @Volatile
    var completed: R? = null
        private set

    val responseHeaders: ResponseHeaders?
        get() = started?.headers

    val metrics: StreamMetrics?
        get() = ended?.finalMetrics

    val attempts: Int
        get() = started?.attempts ?: 0

    /** One collection into [collector]. */
    suspend fun collect(collector: FlowCollector<T>) {
        collectInto(call.newRun(), collector)
    }

    /** One collection, discarding items; returns its own result (not another collection's). */
    suspend fun collectResult(): R {
        val run = call.newRun()
        collectInto(run) {}
        return checkNotNull(run.result) { "the stream completed without a result" }
    }

    /** What the latest started collection has assembled so far; safe from any thread. */
    fun partial(): R? = started?.partial()

    private suspend fun collectInto(run: StreamRun<T, R>, collector: FlowCollector<T>) {
        started = run
        run.onComplete = { completed = it }
        try {
            call.collect(run, collector)
        } finally {
            ended = run
        }
    }
}
