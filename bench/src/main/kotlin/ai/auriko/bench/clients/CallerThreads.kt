package ai.auriko.bench.clients

import ai.auriko.bench.ChunkSink

/**
 * Concurrent streams for blocking clients: each stream is read to the end by [readAll] on a
 * platform thread of its own (256 KiB stack), as a blocking caller's thread would; [done] gets the
 * count, or the failure.
 */
internal object CallerThreads {
    fun start(
        sink: ChunkSink,
        done: (Int, Throwable?) -> Unit,
        readAll: (ChunkSink) -> Int,
    ): Boolean {
        Thread(
                null,
                {
                    val n =
                        try {
                            readAll(sink)
                        } catch (e: Throwable) {
                            done(-1, e)
                            return@Thread
                        }
                    done(n, null)
                },
                "iterating-caller",
                256 * 1024,
            )
            .apply {
                isDaemon = true
                start()
            }
        return true
    }
}
