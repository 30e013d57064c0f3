package ai.auriko.bench

import java.io.File
import java.time.LocalDate
import java.time.ZoneOffset
import java.util.concurrent.TimeUnit
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject

/**
 * Runs every client through every scenario, each in a fresh JVM, and writes the markdown table:
 * `Runner [quick] [--clients a,b] [--scenarios s,t] [--out dir] [--name peers]` writes
 * `<dir>/<date>-<name>[-quick].md`. Each fork starts its server in a process of its own; with 2 or
 * more CPUs and `taskset`, the server runs on CPU 0 and the fork on CPU 1 ([Pinning]). Latency and
 * concurrency rows of the [REPEATED] clients are forked [REPEATS] times, the repeats interleaved
 * across clients (all clients' first, then all second ones…) so drift hits all alike. Bounded: each
 * fork has its own timeout and is killed (with the server process it started) when it passes it;
 * the whole run stops starting forks after its budget (42 min full, 8 min quick) and says so in the
 * table.
 */
object Runner {
    /** One fork's outcome; [repeat] counts from 0. */
    class Outcome(
        val client: String,
        val scenario: String,
        val param: Int,
        val data: JsonObject?,
        val note: String?,
        val repeat: Int = 0,
    )

    /** The note of a fork the run's time budget left unstarted. */
    private const val SKIPPED_FOR_TIME = "skipped: time budget"

    /** How many times a repeated row is forked. */
    const val REPEATS = 3

    /**
     * The clients whose latency and concurrency rows are repeated: the ones the targets and the
     * engine choice read (the transport baselines, this SDK on its default engine, the peers on
     * OkHttp). The others run once, to keep a full run within 45 minutes on 2 cores.
     */
    val REPEATED =
        setOf(
            "transport",
            "transport-cio",
            "auriko-flow",
            "auriko-iterator",
            "openai-java",
            "openai-java-iterator",
            "openai-kotlin-okhttp",
        )

    /**
     * Of [REPEATED], the concurrency levels above the first repeated too, by client: the rows the
     * targets read there, both sides of each comparison (the Flow against the transport on its
     * engine and against openai-java at 10,000; the Java iterator against openai-java's blocking
     * and async streams at 5,000), so that no verdict rests on one fork of either side. A
     * 10,000-stream fork takes ~40 s; repeating every client's would not fit.
     */
    val REPEATED_ABOVE_FIRST: Map<String, Set<Int>> =
        mapOf(
            "transport" to setOf(10_000),
            "auriko-flow" to setOf(10_000),
            "openai-java" to setOf(5_000, 10_000),
            "auriko-iterator" to setOf(5_000),
            "openai-java-iterator" to setOf(5_000),
        )

    /**
     * The clients that also run 5,000 concurrent streams: the blocking ones, whose target is set at
     * that level (a thread each), and what they are compared with.
     */
    val AT_5000 =
        setOf("auriko-iterator", "auriko-java-async", "openai-java", "openai-java-iterator")

    /**
     * Clients that run only the concurrency scenario, at these levels only in a full run (a quick
     * run's one level otherwise): `openai-java-iterator` reads single streams exactly as
     * `openai-java` does, and at 10,000 would need 10,000 platform threads; `auriko-flow-admit8`
     * and `auriko-flow-admit1` (the option `maxRequestsAwaitingHeaders` at 8 and at 1, not the
     * default; 1 starts one stream at a time, the floor of what the option can do) are read beside
     * the Flow's 10,000-stream row.
     */
    val CONCURRENCY_ONLY =
        mapOf(
            "openai-java-iterator" to listOf(5_000),
            "auriko-flow-admit8" to listOf(10_000),
            "auriko-flow-admit1" to listOf(10_000),
        )

    /** The concurrency levels [client] runs of [levels]. */
    private fun levelsFor(client: String, levels: List<Int>): List<Int> =
        when {
            levels.size == 1 -> levels
            client in CONCURRENCY_ONLY -> CONCURRENCY_ONLY.getValue(client)
            client in AT_5000 -> (levels + 5_000).sorted()
            else -> levels
        }

    /** The 1-minute load average, or "?" where there is no `/proc/loadavg`. */
    private fun loadAverage(): String =
        runCatching { File("/proc/loadavg").readText().substringBefore(' ') }.getOrDefault("?")

    /** What a full run leaves out to fit its time, for the report's header. */
    private fun trimmed(): String =
        "latency and concurrency repeated ×$REPEATS only for " +
            REPEATED.joinToString(", ") { "`$it`" } +
            ", once for the rest; concurrency at 1,000 and 10,000 streams (5,000 only for " +
            AT_5000.joinToString(", ") { "`$it`" } +
            "), " +
            CONCURRENCY_ONLY.entries.joinToString(", ") { (c, l) ->
                "`$c` at ${l.joinToString { "%,d".format(it) }} only"
            } +
            " (concurrency only); " +
            "repeated above 1,000 only for " +
            REPEATED_ABOVE_FIRST.entries.joinToString(", ") { (c, l) ->
                "`$c` (${l.joinToString { "%,d".format(it) }})"
            } +
            "; " +
            "each TLS row once"

    @JvmStatic
    fun main(args: Array<String>) {
        val quick = "quick" in args
        fun option(name: String) =
            args.indexOf(name).takeIf { it >= 0 }?.let { args.getOrNull(it + 1) }
        val clients = option("--clients")?.split(',') ?: Clients.all.keys.toList()
        val scenarios =
            option("--scenarios")?.split(',')
                ?: listOf(
                    "throughput",
                    "responses-throughput",
                    "latency",
                    "cancellation",
                    "tls-latency",
                    "tls-throughput",
                    "jmh",
                    // Last: its repeats are the first thing the time budget would cut.
                    "concurrency",
                )
        val outDir = File(option("--out") ?: "bench/results")
        val name = option("--name") ?: "peers"
        val levels = if (quick) listOf(1_000) else listOf(1_000, 10_000)
        val budgetNanos = (if (quick) 8L else 42L) * 60 * 1_000_000_000L
        val started = System.nanoTime()
        val logs = File("bench/target/bench-logs").apply { mkdirs() }
        val outcomes = ArrayList<Outcome>()
        val pin = Pinning.decide()
        val loadAtStart = loadAverage()
        // One self-signed certificate for the run's TLS servers and clients.
        val keystore =
            if (scenarios.any { it.startsWith("tls-") })
                File("bench/target/bench-tls.p12").absoluteFile.also {
                    it.parentFile.mkdirs()
                    ai.auriko.bench.clients.SelfSigned.make(it)
                }
            else null

        fun fork(
            client: String,
            scenario: String,
            param: Int,
            timeoutSeconds: Long,
            repeat: Int = 0,
        ): Outcome {
            if (System.nanoTime() - started > budgetNanos)
                return Outcome(client, scenario, param, null, SKIPPED_FOR_TIME, repeat)
            val java = File(System.getProperty("java.home"), "bin/java").path
            val heap = if (scenario == "concurrency") "3g" else "1g"
            val log =
                File(logs, "$client-$scenario-$param${if (repeat > 0) "-r$repeat" else ""}.log")
            val command =
                Pinning.prefix(Pinning.CLIENT_CPU, pin) +
                    listOfNotNull(
                        java,
                        "-Xmx$heap",
                        // A fixed heap: after each round's System.gc() G1 shrank the heap, and the
                        // next rounds ran at half speed while it grew back (rounds spread 55 %).
                        "-Xms$heap",
                        "-XX:+UseG1GC",
                        "-Dbench.pin=$pin",
                        keystore?.let { "-Dbench.keystore=${it.path}" },
                        "-cp",
                        System.getProperty("java.class.path"),
                        "ai.auriko.bench.RunOne",
                        client,
                        scenario,
                        param.toString(),
                        if (quick) "quick" else "full",
                    )
            val process = ProcessBuilder(command).redirectError(log).start()
            val output = StringBuilder()
            val reader =
                Thread {
                        process.inputStream.bufferedReader().forEachLine { output.appendLine(it) }
                    }
                    .apply {
                        isDaemon = true
                        start()
                    }
            val t0 = System.nanoTime()
            val finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS)
            if (!finished) {
                process.descendants().forEach { it.destroyForcibly() }
                process.destroyForcibly()
                process.waitFor(5, TimeUnit.SECONDS)
            }
            reader.join(2_000)
            val line = output.lineSequence().firstOrNull { it.startsWith("RESULT ") }
            val data =
                line?.let { Json.parseToJsonElement(it.removePrefix("RESULT ")) as JsonObject }
            val note =
                when {
                    !finished -> "killed after $timeoutSeconds s"
                    data == null -> "no result (exit ${process.exitValue()}, see ${log.path})"
                    else -> null
                }
            System.err.println(
                "[%5.0f s] %-22s %-20s %6s %s (%.1f s)"
                    .format(
                        (System.nanoTime() - started) / 1e9,
                        client,
                        scenario,
                        if (param > 0) param.toString() else "",
                        note ?: line?.removePrefix("RESULT ")?.take(160),
                        (System.nanoTime() - t0) / 1e9,
                    )
            )
            return Outcome(client, scenario, param, data, note, repeat)
        }

        Runtime.getRuntime()
            .addShutdownHook(
                Thread { ProcessHandle.current().descendants().forEach { it.destroyForcibly() } }
            )
        for (scenario in scenarios) {
            if (scenario == "jmh") {
                outcomes += jmh(logs, quick)
                continue
            }
            // Repeat-major: every client's first repeat, then every client's second…
            val repeats = if (scenario == "latency" || scenario == "concurrency") REPEATS else 1
            // A client that failed a concurrency level skips the higher ones, in every repeat.
            val failedBelow = HashMap<String, Int>()
            // The TLS scenarios run the clients with a TLS variant (TlsClients), those asked for.
            val rows =
                if (!scenario.startsWith("tls-")) clients
                else
                    option("--clients")?.split(',')?.filter { it in TlsClients.all }
                        ?: TlsClients.all.keys.toList()
            for (repeat in 0 until repeats) for (client in rows) {
                if (repeat > 0 && client !in REPEATED) continue
                if (scenario != "concurrency" && client in CONCURRENCY_ONLY) continue
                when (scenario) {
                    "concurrency" -> {
                        for (n in levelsFor(client, levels)) {
                            if (
                                repeat > 0 &&
                                    n > levels.first() &&
                                    n !in REPEATED_ABOVE_FIRST[client].orEmpty()
                            )
                                continue
                            val failed = failedBelow[client]
                            if (failed != null && failed < n) {
                                outcomes +=
                                    Outcome(
                                        client,
                                        scenario,
                                        n,
                                        null,
                                        "skipped: did not complete $failed",
                                        repeat,
                                    )
                                continue
                            }
                            val o = fork(client, scenario, n, if (quick) 60 else 90, repeat)
                            outcomes += o
                            // A fork the time budget never started did not fail: it says so itself.
                            if (o.note == SKIPPED_FOR_TIME) continue
                            val d = o.data
                            if (
                                d == null ||
                                    d["skipped"] != null ||
                                    d["finished"]?.toString() != "true" ||
                                    d["completed"]?.toString()?.toIntOrNull() != n
                            )
                                failedBelow[client] = minOf(n, failed ?: n)
                        }
                    }
                    "tls-latency",
                    "tls-throughput" -> {
                        // param = protocol (1: HTTP/1.1, 2: HTTP/2).
                        for (protocol in TlsClients.protocols(client)) outcomes +=
                            fork(
                                client,
                                scenario,
                                protocol,
                                if (scenario == "tls-latency") 60 else if (quick) 60 else 150,
                            )
                    }
                    "throughput",
                    "responses-throughput" ->
                        outcomes += fork(client, scenario, 0, if (quick) 60 else 150)
                    else -> outcomes += fork(client, scenario, 0, 60, repeat)
                }
            }
        }
        val header =
            Report.Header(
                pinned = pin,
                repeats = REPEATS,
                trimmed =
                    if (quick) "quick: shorter streams, 3 throughput rounds, 1,000 streams only"
                    else trimmed(),
                load = "$loadAtStart → ${loadAverage()}",
            )
        val markdown =
            Report(outcomes, quick, (System.nanoTime() - started) / 1e9, args.toList(), header)
                .markdown()
        outDir.mkdirs()
        val file =
            File(outDir, "${LocalDate.now(ZoneOffset.UTC)}-$name${if (quick) "-quick" else ""}.md")
        file.writeText(markdown)
        println(markdown)
        System.err.println("wrote ${file.path}")
    }

    /**
     * The JMH microbenchmarks (SSE decoder alone, chunk decoding, accumulation) with `-prof gc`,
     * shortened to fit the run: 2 warm-up and 3 measured 1-second iterations, one fork each.
     */
    private fun jmh(logs: File, quick: Boolean): Outcome {
        val results = File(logs, "jmh.json")
        results.delete()
        val java = File(System.getProperty("java.home"), "bin/java").path
        val command =
            listOf(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "org.openjdk.jmh.Main",
                "SseDecoderBenchmark|ChunkDecodeBenchmark|ChunkFloorBenchmark|ResponseEventDecodeBenchmark",
                "-wi",
                if (quick) "1" else "2",
                "-i",
                if (quick) "2" else "3",
                "-w",
                "1",
                "-r",
                "1",
                "-f",
                "1",
                "-prof",
                "gc",
                "-rf",
                "json",
                "-rff",
                results.path,
            )
        val process =
            ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(File(logs, "jmh.log"))
                .start()
        val finished = process.waitFor(240, TimeUnit.SECONDS)
        if (!finished) {
            process.descendants().forEach { it.destroyForcibly() }
            process.destroyForcibly()
        }
        val data =
            if (results.exists())
                JsonObject(mapOf("runs" to Json.parseToJsonElement(results.readText())))
            else null
        System.err.println("jmh: ${if (data != null) "done" else "no result"}")
        return Outcome(
            "jmh",
            "jmh",
            0,
            data,
            if (!finished) "killed after 240 s"
            else if (data == null) "no result (see ${logs.path}/jmh.log)" else null,
        )
    }
}
