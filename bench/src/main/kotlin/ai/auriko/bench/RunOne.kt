package ai.auriko.bench

import ai.auriko.bench.clients.SelfSigned
import ai.auriko.bench.server.ResponsesWire
import ai.auriko.bench.server.ServerProcess
import ai.auriko.bench.server.Wire
import java.lang.management.ManagementFactory
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.concurrent.thread
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * One client, one scenario, in this (fresh) JVM: `RunOne <client> <scenario> <param> <quick>`,
 * against a server in its own process ([ServerProcess], pinned to its own core when the runner pins
 * this fork to the other). For the TLS scenarios the param is the protocol: 1 HTTP/1.1, 2 HTTP/2.
 * Prints `RESULT {json}` and halts, so no thread a client left behind keeps the process alive. The
 * runner ([main] in Runner.kt) forks one of these per client and scenario.
 */
object RunOne {
    @JvmStatic
    fun main(args: Array<String>) {
        val (name, scenario) = args
        val param = args.getOrElse(2) { "0" }.toInt()
        val quick = args.getOrElse(3) { "full" } == "quick"
        val result = LinkedHashMap<String, Any?>()
        var exit = 0
        try {
            when (scenario) {
                "throughput" -> throughput(name, quick, result)
                "tls-throughput" -> throughput(name, quick, result, tls = param)
                "tls-latency" -> latency(name, quick, result, tls = param)
                "responses-throughput" -> responsesThroughput(name, quick, result)
                "latency" -> latency(name, quick, result)
                "concurrency" -> concurrency(name, param, quick, result)
                "cancellation" -> cancellation(name, quick, result)
                else -> error("unknown scenario $scenario")
            }
        } catch (e: Throwable) {
            result["error"] = "${e::class.java.simpleName}: ${e.message}".take(200)
            e.printStackTrace()
            exit = 1
        }
        println("RESULT " + JsonObject(result.mapValues { (_, v) -> toJson(v) }))
        System.out.flush()
        // halt(), so no thread a client left behind keeps the JVM alive; a normal exit when a
        // flight recording must be written (-Dbench.exit=true).
        if (System.getProperty("bench.exit") == "true") kotlin.system.exitProcess(exit)
        Runtime.getRuntime().halt(exit)
    }

    private fun toJson(v: Any?) =
        when (v) {
            null -> kotlinx.serialization.json.JsonNull
            is Number -> JsonPrimitive(v)
            is Boolean -> JsonPrimitive(v)
            else -> JsonPrimitive(v.toString())
        }

    private fun client(name: String, url: String): BenchClient =
        (Clients.all[name] ?: error("unknown client $name")).second(url)

    /**
     * A server in its own process answering with [mode] and a client [name] of it: plain HTTP when
     * [tls] is 0, else over TLS, HTTP/1.1 (1) or HTTP/2 (2), with the client trusting the run's
     * certificate.
     */
    private fun connect(
        name: String,
        mode: String,
        tls: Int = 0,
        threads: Int = 1,
    ): Pair<ServerProcess, BenchClient> {
        val server =
            ServerProcess(
                mode,
                threads,
                when (tls) {
                    0 -> null
                    1 -> "h1"
                    else -> "h2"
                },
            )
        try {
            val client =
                if (tls == 0) client(name, "http://127.0.0.1:${server.port}/v1")
                else
                    (TlsClients.all[name] ?: error("no TLS variant of $name")).create(
                        "https://127.0.0.1:${server.port}/v1",
                        SelfSigned.clientTls(tls == 2),
                    )
            return server to client
        } catch (e: Throwable) {
            server.close()
            throw e
        }
    }

    /**
     * Over TLS, the share of requests the server saw on HTTP/2 (its `STATS` counts requests, then
     * HTTP/2 requests), so a row shows the protocol it really ran.
     */
    private fun recordProtocol(server: ServerProcess, tls: Int, out: MutableMap<String, Any?>) {
        if (tls == 0) return
        val stats = server.stats()
        out["http2Share"] =
            if (stats.accepted == 0) null else stats.open.toDouble() / stats.accepted
    }

    /** Counts chunks; when [stamps] is given, records each chunk's delivery latency in it. */
    private class Sink(private val stamps: LongArray? = null) : ChunkSink {
        val count = AtomicInteger()
        val recorded = AtomicInteger()
        val contentChars = AtomicLong()
        override val wantsStamps: Boolean
            get() = stamps != null

        override fun chunk(content: String?) {
            if (stamps != null) {
                val stamp = Wire.stampOf(content)
                if (stamp >= 0) stamp(stamp)
            } else {
                contentChars.addAndGet(content?.length?.toLong() ?: 0)
            }
        }

        override fun stamp(writeNanos: Long) {
            val latency = System.nanoTime() - writeNanos
            val i = recorded.getAndIncrement()
            if (stamps != null && i < stamps.size) stamps[i] = latency
        }
    }

    /**
     * One concurrent stream's view of the shared [Sink]: records, in [firstNanos] at [index], the
     * time from [startedNanos] (just before the harness called `startAsync` for it) to its first
     * chunk reaching user code, and counts the stream in [inFlight] from then until [finish]. No
     * locks: each stream writes its own slot, and a stream's chunks arrive one after another.
     */
    private class StreamSink(
        private val shared: Sink,
        private val index: Int,
        private val startedNanos: LongArray,
        private val firstNanos: LongArray,
        private val inFlight: InFlight,
    ) : ChunkSink {
        @Volatile private var seen = false

        override val wantsStamps: Boolean
            get() = shared.wantsStamps

        override fun chunk(content: String?) {
            if (!seen) first()
            shared.chunk(content)
        }

        override fun stamp(writeNanos: Long) {
            if (!seen) first()
            shared.stamp(writeNanos)
        }

        private fun first() {
            seen = true
            firstNanos[index] = System.nanoTime() - startedNanos[index]
            inFlight.enter()
        }

        /** The stream ended (completed or failed): it leaves [inFlight] if it had entered. */
        fun finish() {
            if (seen) inFlight.leave()
        }
    }

    /**
     * Streams between their first chunk and their end, and the most there were at once: the
     * admission a client allows (updated once per stream, not per chunk).
     */
    private class InFlight {
        private val now = AtomicInteger()
        val peak = AtomicInteger()

        fun enter() {
            val n = now.incrementAndGet()
            peak.accumulateAndGet(n, ::maxOf)
        }

        fun leave() {
            now.decrementAndGet()
        }
    }

    private fun throughput(
        name: String,
        quick: Boolean,
        out: MutableMap<String, Any?>,
        tls: Int = 0,
    ) {
        // Over TLS a chunk costs ~4× more: half the stream keeps a full run within its time.
        val chunks = if (quick) 50_000 else if (tls > 0) 100_000 else 200_000
        // SSE bytes, without the HTTP chunk framing.
        measureThroughput(
            name,
            quick,
            out,
            "tp-$chunks",
            chunks,
            Wire.throughputEventBytes(chunks),
            tls,
        ) { c, sink ->
            c.readAll(sink)
        }
    }

    /**
     * The Responses API's counterpart of [throughput]: one stream of as many
     * `response.output_text.delta` events, between the opening and closing events
     * ([ResponsesWire]), read to its end; "chunks" are the text deltas, measured alike.
     */
    private fun responsesThroughput(name: String, quick: Boolean, out: MutableMap<String, Any?>) {
        val deltas = if (quick) 50_000 else 200_000
        val bytes = ResponsesWire.throughputEventBytes(deltas)
        measureThroughput(name, quick, out, "rtp-$deltas", deltas, bytes) { c, sink ->
            c.readAllResponses(sink)
        }
    }

    /**
     * After warm-up streams, [read]s one stream of [chunks] items from a server answering with
     * [mode], in measured rounds: items/s, MB/s of [bodyBytes], CPU and allocation per item. A
     * client for which [read] returns null is skipped.
     */
    private fun measureThroughput(
        name: String,
        quick: Boolean,
        out: MutableMap<String, Any?>,
        mode: String,
        chunks: Int,
        bodyBytes: Long,
        tls: Int = 0,
        read: (BenchClient, ChunkSink) -> Int?,
    ) {
        val rounds = if (quick) 3 else 7
        val (server, client) = connect(name, mode, tls)
        server.use {
            val probe = Probe()
            client.use { c ->
                // Warm-up: at least 2 (quick) or 4 streams, then on until two in a row are within
                // 5 % of each other and the JIT compiled for less than 5 ms during the last one, at
                // most 40 streams or 20 s. On a pinned core the JIT compiles on the client's own
                // core: a fixed count left the first measured rounds at half speed, and rate
                // stability alone stopped while C2 was still compiling, so the first rounds ran
                // slower and at more CPU per chunk (rounds 26 % apart on the fastest rows).
                val jit = ManagementFactory.getCompilationMXBean()
                val warmStart = System.nanoTime()
                var warmups = 0
                var previous = 0.0
                while (true) {
                    val jit0 = jit.totalCompilationTime
                    val t0 = System.nanoTime()
                    val n = read(c, Sink())
                    val rate = (n ?: 0) / ((System.nanoTime() - t0) / 1e9)
                    if (n == null) {
                        out["skipped"] = "not supported by this client"
                        return
                    }
                    check(n == chunks) { "warm-up: got $n of $chunks" }
                    warmups++
                    val steady = previous > 0 && kotlin.math.abs(rate - previous) <= 0.05 * previous
                    val compiled = jit.totalCompilationTime - jit0 < 5
                    if (warmups >= (if (quick) 2 else 4) && steady && compiled) break
                    if (warmups >= 40 || System.nanoTime() - warmStart > 20_000_000_000L) break
                    previous = rate
                }
                out["warmups"] = warmups
                val rates = ArrayList<Double>()
                val cpu = ArrayList<Double>()
                val alloc = ArrayList<Double>()
                var roundsJitMs = 0L
                // A round reads the stream again until it has taken 0.5 s (0.2 s quick): the
                // fastest clients read one in 70 ms, where one GC or compilation moved a round by
                // 20 % and more.
                val minRoundNanos = if (quick) 200_000_000L else 500_000_000L
                var streamsPerRound = 0
                repeat(rounds) {
                    System.gc()
                    val jit0 = jit.totalCompilationTime
                    val a0 = probe.allocation()
                    val c0 = probe.cpuNanos()
                    val t0 = System.nanoTime()
                    var n = 0L
                    var streams = 0
                    do {
                        val got = read(c, Sink())
                        check(got == chunks) { "got $got of $chunks chunks" }
                        n += got
                        streams++
                    } while (System.nanoTime() - t0 < minRoundNanos)
                    val t1 = System.nanoTime()
                    val c1 = probe.cpuNanos()
                    val a1 = probe.allocation()
                    streamsPerRound = maxOf(streamsPerRound, streams)
                    roundsJitMs += jit.totalCompilationTime - jit0
                    rates += n / ((t1 - t0) / 1e9)
                    cpu += (c1 - c0) / 1e3 / n
                    alloc += probe.allocatedBetween(a0, a1).toDouble() / n
                    System.err.println(
                        "$name round: ${"%.0f".format(rates.last())} chunks/s, ${"%.2f".format(cpu.last())} µs, ${"%.0f".format(alloc.last())} B"
                    )
                }
                val rate = median(rates)
                out["chunks"] = chunks
                out["chunksPerSec"] = rate
                out["mbPerSec"] = rate * bodyBytes / chunks / 1e6
                out["cpuUsPerChunk"] = median(cpu)
                out["allocBytesPerChunk"] = median(alloc)
                out["bytesPerChunk"] = bodyBytes.toDouble() / chunks
                // How far apart the rounds are: (max − min) / median, in %.
                out["roundsSpreadPct"] = (rates.max() - rates.min()) / rate * 100
                // The farthest round from the median, in % of it: issue 22's "rounds within ±10 %".
                out["roundsMaxDevPct"] = rates.maxOf { kotlin.math.abs(it - rate) } / rate * 100
                out["rounds"] = rates.size
                out["streamsPerRound"] = streamsPerRound
                // JIT compilation during the measured rounds, all together (ms): near 0 when the
                // warm-up did its job.
                out["roundsJitMs"] = roundsJitMs
                recordProtocol(server, tls, out)
            }
        }
    }

    private fun latency(name: String, quick: Boolean, out: MutableMap<String, Any?>, tls: Int = 0) {
        val chunks = 2_000
        val (server, client) = connect(name, "tp-20000", tls)
        server.use {
            client.use { c ->
                repeat(3) { c.readAll(Sink()) } // JIT warm-up
                // The paced path (waiting for data, waking the reader) is code the fast stream
                // never runs; on one core its compilations delayed chunks by milliseconds while
                // measured. A method runs once or a few times per chunk, and C2 compiles it after
                // ~5,000-15,000 calls: 0.5 s warm-ups at the measured spacing left C2 compiling
                // the socket read path (50 ms) in the middle of the measured stream (JFR). So:
                // paced warm-ups of 5,000 chunks 200 µs apart (1 s), at least 3, until the JIT
                // compiled for less than 5 ms during one (at most 10), then one at the measured
                // spacing; the same rule for every client.
                val jit = ManagementFactory.getCompilationMXBean()
                var pacedWarmups = 0
                if (!quick) {
                    server.mode("paced-5000-200000")
                    while (pacedWarmups < 10) {
                        val before = jit.totalCompilationTime
                        c.readAll(Sink(LongArray(5_000)))
                        pacedWarmups++
                        if (pacedWarmups >= 3 && jit.totalCompilationTime - before < 5) break
                    }
                }
                server.mode("paced-${if (quick) 200 else 500}-1000000")
                c.readAll(Sink(LongArray(500)))
                out["pacedWarmups"] = pacedWarmups
                server.mode("paced-$chunks-1000000")
                val stamps = LongArray(chunks)
                val sink = Sink(stamps)
                val n = c.readAll(sink)
                check(n == chunks) { "got $n of $chunks chunks" }
                val m = sink.recorded.get().coerceAtMost(chunks)
                check(m == chunks) { "only $m chunks carried a stamp" }
                out["p50Us"] = percentile(stamps, m, 0.50) / 1e3
                out["p99Us"] = percentile(stamps, m, 0.99) / 1e3
                out["maxUs"] = percentile(stamps, m, 1.0) / 1e3
                recordProtocol(server, tls, out)
            }
        }
    }

    private fun concurrency(
        name: String,
        streams: Int,
        quick: Boolean,
        out: MutableMap<String, Any?>,
    ) {
        val perStream = 40
        val timeoutSeconds = if (quick) 40L else 60L
        // Two selector threads: 10,000 paced streams keep one busy.
        val (server, client) = connect(name, "paced-$perStream-50000000", threads = 2)
        server.use {
            val probe = Probe()
            client.use { c ->
                // Warm-up: 100 streams (2 s), the same for every client.
                val warm = CountDownLatch(100)
                if (!c.startAsync(Sink()) { _, _ -> warm.countDown() }) {
                    out["skipped"] = "no non-blocking API: one caller thread per stream"
                    return
                }
                repeat(99) { c.startAsync(Sink()) { _, _ -> warm.countDown() } }
                warm.await(30, TimeUnit.SECONDS)
                System.gc()
                val memory = ManagementFactory.getMemoryMXBean()
                var peakThreads = probe.liveThreads()
                var peakHeap = memory.heapMemoryUsage.used
                val sampling =
                    thread(isDaemon = true, name = "bench-sampler") {
                        while (!Thread.currentThread().isInterrupted) {
                            peakThreads = maxOf(peakThreads, probe.liveThreads() - 1)
                            peakHeap = maxOf(peakHeap, memory.heapMemoryUsage.used)
                            try {
                                Thread.sleep(20)
                            } catch (e: InterruptedException) {
                                break
                            }
                        }
                    }
                val stamps = LongArray(streams * perStream)
                val sink = Sink(stamps)
                // Per stream: when the harness called startAsync, and how long its first chunk
                // took from then (-1: none arrived).
                val startedNanos = LongArray(streams)
                val firstNanos = LongArray(streams) { -1 }
                val inFlight = InFlight()
                val done = CountDownLatch(streams)
                val completed = AtomicInteger()
                val failures = java.util.concurrent.ConcurrentHashMap<String, AtomicInteger>()
                val t0 = System.nanoTime()
                for (i in 0 until streams) {
                    val stream = StreamSink(sink, i, startedNanos, firstNanos, inFlight)
                    startedNanos[i] = System.nanoTime()
                    c.startAsync(stream) { n, e ->
                        stream.finish()
                        if (e == null && n == perStream) completed.incrementAndGet()
                        else
                            failures
                                .computeIfAbsent(
                                    e?.let { it::class.java.simpleName } ?: "got $n chunks"
                                ) {
                                    AtomicInteger()
                                }
                                .incrementAndGet()
                        done.countDown()
                    }
                }
                val finished = done.await(timeoutSeconds, TimeUnit.SECONDS)
                val wall = (System.nanoTime() - t0) / 1e9
                sampling.interrupt()
                sampling.join(1000)
                val m = sink.recorded.get().coerceAtMost(stamps.size)
                out["streams"] = streams
                out["completed"] = completed.get()
                out["finished"] = finished
                out["wallSec"] = if (finished) wall else null
                out["timeoutSec"] = timeoutSeconds
                out["peakThreads"] = peakThreads
                out["peakHeapMb"] = peakHeap / 1e6
                out["latencyP50Ms"] = percentile(stamps, m, 0.50) / 1e6
                out["latencyP99Ms"] = percentile(stamps, m, 0.99) / 1e6
                // Time to first chunk, over the streams that had one.
                val firsts = firstNanos.filter { it >= 0 }.toLongArray()
                out["ttfcP50Ms"] =
                    if (firsts.isEmpty()) null else percentile(firsts, firsts.size, 0.50) / 1e6
                out["ttfcP99Ms"] =
                    if (firsts.isEmpty()) null else percentile(firsts, firsts.size, 0.99) / 1e6
                out["ttfcMaxMs"] =
                    if (firsts.isEmpty()) null else percentile(firsts, firsts.size, 1.0) / 1e6
                out["peakInFlight"] = inFlight.peak.get()
                out["failures"] = failures.entries.joinToString { "${it.value.get()}× ${it.key}" }
            }
        }
    }

    private fun cancellation(name: String, quick: Boolean, out: MutableMap<String, Any?>) {
        val reps = if (quick) 8 else 21
        val (server, client) = connect(name, "tp-20")
        server.use {
            val probe = Probe()
            client.use { c ->
                // Connection reuse: three completed streams in a row.
                val accepted0 = server.stats().accepted
                repeat(3) { check(c.readAll(Sink()) == 20) }
                out["connectionsFor3Streams"] = server.stats().accepted - accepted0
                server.mode("endless-1000000")
                repeat(3) {
                    c.readThenCancel(5)
                    Thread.sleep(50)
                } // warm-up
                Thread.sleep(200)
                val threads0 = probe.liveThreads()
                val open0 = server.stats().open // idle pooled connections, if the client keeps any
                val seen = ArrayList<Double>()
                val call = ArrayList<Double>()
                var notClosed = 0
                repeat(reps) {
                    val before = server.stats().lastPeerCloseNanos
                    val (start, end) = c.readThenCancel(5).let { it[0] to it[1] }
                    call += (end - start) / 1e6
                    val deadline = System.nanoTime() + 1_000_000_000L
                    // Each poll asks the server process; the close time is its own stamp.
                    while (
                        server.stats().lastPeerCloseNanos == before && System.nanoTime() < deadline
                    ) Thread.sleep(0, 100_000)
                    val closedAt = server.stats().lastPeerCloseNanos
                    if (closedAt == before) notClosed++ else seen += (closedAt - start) / 1e6
                    val openDeadline = System.nanoTime() + 1_000_000_000L
                    while (server.stats().open > open0 && System.nanoTime() < openDeadline) Thread
                        .sleep(1)
                }
                Thread.sleep(300)
                out["reps"] = reps
                out["serverSeesCloseMs"] = if (seen.isEmpty()) null else median(seen)
                out["serverSeesCloseMaxMs"] = seen.maxOrNull()
                out["cancelCallMs"] = median(call)
                out["cancelCallMaxMs"] = call.maxOrNull()
                out["notClosedWithin1s"] = notClosed
                out["connectionsLeftOpen"] = (server.stats().open - open0).coerceAtLeast(0)
                out["threadsLeftOver"] = probe.liveThreads() - threads0
            }
        }
    }
}
