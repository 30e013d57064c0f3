package ai.auriko.bench.server

/**
 * Runs a [BenchServer] in its own process, answering with the stream shape `args[0]`, for the
 * concurrency scenario: 10,000 streams need 10,000 sockets on each side, more than one process may
 * open here (`ulimit -n` 20000). Prints `PORT <n>` and serves until its standard input closes (the
 * parent exited or closed it), so it never outlives the run. [System.nanoTime] is CLOCK_MONOTONIC
 * on Linux, shared by both JVMs, so the write stamps stay comparable with the client's clock.
 */
fun main(args: Array<String>) {
    val server = BenchServer(threads = 2, mode = args[0])
    println("PORT ${server.port}")
    System.out.flush()
    while (System.`in`.read() >= 0) {
        /* wait for EOF */
    }
    server.close()
}
