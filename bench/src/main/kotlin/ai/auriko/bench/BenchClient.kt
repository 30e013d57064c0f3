package ai.auriko.bench

/**
 * One client under test, behind the few operations the scenarios need. To add a client, implement
 * this and register a factory in [Clients]; the factory gets the base URL (ending in `/v1`). The
 * server decides the stream's shape, so a client is built once with default settings.
 */
interface BenchClient : AutoCloseable {
    /** Reads one whole stream on the calling thread; returns the chunks delivered to [sink]. */
    fun readAll(sink: ChunkSink): Int

    /**
     * Reads one whole Responses API stream (`POST /responses`) on the calling thread, to its end,
     * handing each `response.output_text.delta`'s text to [sink]; returns how many there were, or
     * null when this client cannot stream Responses.
     */
    fun readAllResponses(sink: ChunkSink): Int? = null

    /**
     * Starts one stream without blocking the caller and calls [done] once, with the chunk count or
     * the failure. Clients without a non-blocking API return false (the scenario is skipped).
     */
    fun startAsync(sink: ChunkSink, done: (Int, Throwable?) -> Unit): Boolean

    /**
     * Reads [n] chunks of an endless stream, then cancels it the way a user of this client would;
     * returns [System.nanoTime] just before the cancel call and just after it returned.
     */
    fun readThenCancel(n: Int): LongArray
}
