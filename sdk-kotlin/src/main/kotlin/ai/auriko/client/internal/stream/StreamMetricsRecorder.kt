package ai.auriko.client.internal.stream

import ai.auriko.client.internal.ClientTime
import ai.auriko.client.stream.StreamMetrics
import java.time.Duration

/** Records a [StreamMetrics] as a stream runs; written by the collecting coroutine only. */
internal class StreamMetricsRecorder(private val time: ClientTime) {
    private val start = time.nanoTime()
    @Volatile private var headersAt = 0L
    private var firstChunkAt = 0L
    private var firstTokenAt = 0L
    private var lastTokenAt = 0L
    private var lastChunkAt = 0L
    private var largestGap = -1L
    private var chunks = 0
    private var contentChunks = 0
    private var comments = 0
    var retries: Int = 0

    fun headers() {
        headersAt = time.nanoTime()
        lastChunkAt = 0L
    }

    fun comment() {
        comments++
    }

    /** An item reached the caller; [carriesText] when it added answer or reasoning text. */
    fun item(carriesText: Boolean) {
        val now = time.nanoTime()
        chunks++
        if (firstChunkAt == 0L) firstChunkAt = now
        val previous = if (lastChunkAt != 0L) lastChunkAt else headersAt
        if (previous != 0L) largestGap = maxOf(largestGap, now - previous)
        lastChunkAt = now
        if (carriesText) {
            contentChunks++
            if (firstTokenAt == 0L) firstTokenAt = now
            lastTokenAt = now
        }
    }

    fun snapshot(): StreamMetrics {
        val now = time.nanoTime()
        fun since(t: Long) = if (t == 0L) null else Duration.ofNanos(t - start)
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
}
