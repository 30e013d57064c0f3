package ai.auriko.client.internal.stream

import ai.auriko.client.internal.ClientTime
import ai.auriko.client.stream.StreamMetrics
import java.time.Duration

/** Records a [StreamMetrics] as a stream runs; written by the collecting coroutine only. */
internal class StreamMetricsRecorder(private val time: ClientTime) {
    private val start = time.nanoTime()
    // NOT_YET marks a moment that has not happened: any reading of a monotonic clock, 0 included,
    // is a real one (System.nanoTime() may be 0 or negative; a virtual clock starts at 0).
    @Volatile private var headersAt = NOT_YET
    private var firstChunkAt = NOT_YET
    private var firstTokenAt = NOT_YET
    private var lastTokenAt = NOT_YET
    private var lastChunkAt = NOT_YET
    private var largestGap = -1L
    private var chunks = 0
    private var contentChunks = 0
    private var comments = 0
    var retries: Int = 0

    fun headers() {
        headersAt = time.nanoTime()
        lastChunkAt = NOT_YET
    }

    fun comment() {
        comments++
    }

    /** An item reached the caller; [carriesText] when it added answer or reasoning text. */
    fun item(carriesText: Boolean) {
        val now = time.nanoTime()
        chunks++
        if (firstChunkAt == NOT_YET) firstChunkAt = now
        val previous = if (lastChunkAt != NOT_YET) lastChunkAt else headersAt
        if (previous != NOT_YET) largestGap = maxOf(largestGap, now - previous)
        lastChunkAt = now
        if (carriesText) {
            contentChunks++
            if (firstTokenAt == NOT_YET) firstTokenAt = now
            lastTokenAt = now
        }
    }

    fun snapshot(): StreamMetrics {
        val now = time.nanoTime()
        fun since(t: Long) = if (t == NOT_YET) null else Duration.ofNanos(t - start)
        val rate =
            if (contentChunks >= 2 && lastTokenAt > firstTokenAt) {
                (contentChunks - 1) / ((lastTokenAt - firstTokenAt) / 1e9)
            } else {
                null
            }
        return StreamMetrics(
            timeToResponseHeaders = since(headersAt),
            timeToFirstChunk = since(firstChunkAt),
            timeToFirstToken = since(firstTokenAt),
            totalDuration = Duration.ofNanos(now - start),
            chunkCount = chunks,
            contentChunkCount = contentChunks,
            contentChunksPerSecond = rate,
            largestGapBetweenChunks = if (largestGap < 0) null else Duration.ofNanos(largestGap),
            keepAliveComments = comments,
            retries = retries,
        )
    }

    private companion object {
        const val NOT_YET = Long.MIN_VALUE
    }
}
