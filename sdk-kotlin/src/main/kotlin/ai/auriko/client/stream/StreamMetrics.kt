package ai.auriko.client.stream

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.stream.ChatCompletionStream
import java.time.Duration

/**
 * Timing of one stream, measured on the client with a monotonic clock from the moment collection
 * started (so retries before the stream began are included in the times). Available from
 * [ChatCompletionStream.metrics] after the stream ended either way, and on the partial
 * [ChatCompletion] a stream exception carries ([ChatCompletion.streamMetrics]).
 */
public class StreamMetrics
internal constructor(
    /** Until the response headers of the attempt that streamed arrived. */
    public val timeToResponseHeaders: Duration?,
    /** Until the first chunk reached the caller. */
    public val timeToFirstChunk: Duration?,
    /**
     * Until the first chunk with content or reasoning text reached the caller (time to first
     * token).
     */
    public val timeToFirstToken: Duration?,
    /** Until the stream ended, normally or not. */
    public val totalDuration: Duration,
    /** Chunks delivered. */
    public val chunkCount: Int,
    /** Chunks that carried content or reasoning text. */
    public val contentChunkCount: Int,
    /** Content chunks per second between the first and the last one; `null` with fewer than two. */
    public val contentChunksPerSecond: Double?,
    /**
     * The longest time between two consecutive chunks (including from the headers to the first).
     */
    public val largestGapBetweenChunks: Duration?,
    /** Keep-alive comments received. */
    public val keepAliveComments: Int,
    /** Failed attempts retried before the stream began. */
    public val retries: Int,
) {
    /** The timings in milliseconds and the counts, for logs. */
    override fun toString(): String =
        "StreamMetrics(ttfb=${timeToFirstChunk?.toMillis()}ms, ttft=${timeToFirstToken?.toMillis()}ms, " +
            "total=${totalDuration.toMillis()}ms, chunks=$chunkCount, contentChunks=$contentChunkCount, " +
            "rate=${contentChunksPerSecond?.let { "%.1f/s".format(it) }}, largestGap=${largestGapBetweenChunks?.toMillis()}ms, " +
            "keepAlives=$keepAliveComments, retries=$retries)"
}
