package ai.auriko.bench.server

import ai.auriko.bench.clients.SelfSigned
import kotlin.system.exitProcess

/**
 * Runs the bench server in its own process (pinned to its own core by the runner when it can), so
 * its threads compete neither with the client's for a core nor for the client's CPU and allocation
 * figures: `ServerMain <mode> [--threads n] [--tls h1|h2]` starts a [BenchServer] (or, with
 * `--tls`, a [TlsServer] with the run's self-signed certificate), prints `PORT <n>`, then answers a
 * line protocol on its standard input, one reply line per command:
 * - `MODE <mode>` switches the stream shape (`OK`);
 * - `STATS` → `STATS <accepted> <open> <lastPeerCloseNanos>` (a [TlsServer] answers `STATS
 *   <requests> <HTTP/2 requests> 0`).
 *
 * It exits when its standard input closes (the parent exited or closed it), so it never outlives
 * the run. [System.nanoTime] is CLOCK_MONOTONIC on Linux, shared by both JVMs, so the write stamps
 * and close times stay comparable with the client's clock.
 */
fun main(args: Array<String>) {
    fun option(name: String) = args.indexOf(name).takeIf { it >= 0 }?.let { args.getOrNull(it + 1) }
    val threads = option("--threads")?.toInt() ?: 1
    val tls = option("--tls")
    val plain = if (tls == null) BenchServer(threads = threads, mode = args[0]) else null
    val secure =
        if (tls != null) TlsServer(SelfSigned.serverContext(), tls == "h2", args[0]) else null
    println("PORT ${plain?.port ?: secure!!.port}")
    System.out.flush()
    val input = System.`in`.bufferedReader()
    while (true) {
        val line = input.readLine() ?: break
        val reply =
            when {
                line.startsWith("MODE ") -> {
                    val mode = line.removePrefix("MODE ").trim()
                    plain?.mode = mode
                    secure?.mode = mode
                    "OK"
                }
                line == "STATS" ->
                    if (plain != null)
                        "STATS ${plain.accepted.get()} ${plain.open.get()} ${plain.lastPeerCloseNanos.get()}"
                    else "STATS ${secure!!.requests.get()} ${secure.http2Requests.get()} 0"
                else -> "ERR unknown command"
            }
        println(reply)
        System.out.flush()
    }
    plain?.close()
    secure?.close()
    exitProcess(0)
}
