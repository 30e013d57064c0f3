package ai.auriko.bench

import java.io.File

/**
 * Which core each process of a run gets: on a machine with 2 or more CPUs and `taskset`, the server
 * process runs on CPU 0 and the client fork ([RunOne]) on CPU 1, so neither steals the other's core
 * and the latency figures stop moving with the scheduler's whims. The runner decides ([decide]) and
 * tells its forks (`-Dbench.pin=true`); a fork pins the server it starts.
 */
object Pinning {
    /** Whether the runner can pin: `taskset` found and at least 2 CPUs. */
    fun decide(): Boolean =
        Runtime.getRuntime().availableProcessors() >= 2 &&
            listOf("/usr/bin/taskset", "/bin/taskset").any { File(it).canExecute() }

    /** Whether this fork was told to pin. */
    val enabled: Boolean
        get() = System.getProperty("bench.pin") == "true"

    /** The command prefix that pins a process to [cpu], or none when not pinning. */
    fun prefix(cpu: Int, pin: Boolean = enabled): List<String> =
        if (pin) listOf("taskset", "-c", cpu.toString()) else emptyList()

    /** The server's core. */
    const val SERVER_CPU = 0

    /** The client's core. */
    const val CLIENT_CPU = 1
}
