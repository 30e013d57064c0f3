package ai.auriko.bench.server

import ai.auriko.bench.Pinning
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * A bench server in its own process ([ServerMain]), pinned to the server's core when the run pins,
 * driven over its standard input and output: the client fork's handle on it. Closing it closes the
 * server's standard input, which ends it; a fork that is killed takes it along (the runner kills a
 * fork's descendants, and the server exits when its input closes).
 */
class ServerProcess(mode: String, threads: Int = 1, tls: String? = null) : AutoCloseable {
    private val process: Process
    private val replies: java.io.BufferedReader
    private val commands: java.io.Writer

    /** The port it listens on, on 127.0.0.1. */
    val port: Int

    init {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val command =
            Pinning.prefix(Pinning.SERVER_CPU) +
                listOfNotNull(
                    java,
                    "-Xmx1g",
                    "-XX:+UseG1GC",
                    System.getProperty("bench.keystore")?.let { "-Dbench.keystore=$it" },
                    "-cp",
                    System.getProperty("java.class.path"),
                    "ai.auriko.bench.server.ServerMainKt",
                    mode,
                    "--threads",
                    threads.toString(),
                ) +
                (if (tls != null) listOf("--tls", tls) else emptyList())
        process = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start()
        replies = process.inputStream.bufferedReader()
        commands = process.outputStream.bufferedWriter()
        val line = replies.readLine() ?: error("the server process did not start")
        port = line.removePrefix("PORT ").trim().toInt()
    }

    /** What the server counts: connections accepted and open, the last mid-response peer close. */
    class Stats(val accepted: Int, val open: Int, val lastPeerCloseNanos: Long)

    /** Switches the stream shape for requests that do not name one. */
    fun mode(mode: String) {
        check(command("MODE $mode") == "OK") { "the server refused MODE $mode" }
    }

    /** The server's counters now. */
    fun stats(): Stats {
        val parts = command("STATS").split(' ')
        check(parts[0] == "STATS") { "unexpected reply ${parts[0]}" }
        return Stats(parts[1].toInt(), parts[2].toInt(), parts[3].toLong())
    }

    @Synchronized
    private fun command(line: String): String {
        commands.write(line)
        commands.write("\n")
        commands.flush()
        return replies.readLine() ?: error("the server process ended")
    }

    override fun close() {
        runCatching { commands.close() }
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly()
    }
}
