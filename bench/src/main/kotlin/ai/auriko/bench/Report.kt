package ai.auriko.bench

import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.doubleOrNull

/**
 * The markdown table of one run: medians, ratios to the baselines of the same run, targets. Rows
 * forked several times (repeats) are shown as the median of the repeats' figures, with the spread
 * (min–max) of the ones that move most.
 */
class Report(
    outcomes: List<Runner.Outcome>,
    private val quick: Boolean,
    private val seconds: Double,
    /** The runner's arguments, quoted in the heading. */
    private val args: List<String> = if (quick) listOf("quick") else emptyList(),
    private val header: Header = Header(pinned = false, repeats = 1, trimmed = ""),
) {
    /**
     * How the run was set up, for the heading; [load] is the 1-minute load average at the start and
     * end (`/proc/loadavg`), so a reader sees whether others shared the machine.
     */
    class Header(
        val pinned: Boolean,
        val repeats: Int,
        val trimmed: String,
        val load: String? = null,
    )

    /** One outcome per client, scenario and param: repeats merged ([mergeRepeats]). */
    private val outcomes: List<Runner.Outcome> =
        outcomes
            .groupBy { Triple(it.client, it.scenario, it.param) }
            .values
            .map { if (it.size == 1) it[0] else mergeRepeats(it) }

    /**
     * The repeats of one row as one outcome: each number the median of the repeats that measured
     * it, with `<key>Min` and `<key>Max`; a number some repeat lacks (wall time of a run that did
     * not finish) is left out; `finished` only if all finished; `repeats` counts the repeats that
     * gave figures, `repeatNote` says why the others did not.
     */
    private fun mergeRepeats(group: List<Runner.Outcome>): Runner.Outcome {
        val first = group[0]
        val ok =
            group.filter { o ->
                o.data != null && o.data["error"] == null && o.data["skipped"] == null
            }
        if (ok.isEmpty()) return first
        val data = LinkedHashMap<String, JsonElement>()
        for (key in ok.flatMap { it.data!!.keys }.distinct()) {
            val values = ok.map { (it.data!![key] as? JsonPrimitive) }
            val numbers = values.mapNotNull { v -> v?.takeIf { !it.isString }?.doubleOrNull }
            when {
                key == "finished" -> data[key] = JsonPrimitive(values.all { it?.content == "true" })
                numbers.size == ok.size -> {
                    data[key] = JsonPrimitive(median(numbers))
                    data["${key}Min"] = JsonPrimitive(numbers.min())
                    data["${key}Max"] = JsonPrimitive(numbers.max())
                }
                numbers.isNotEmpty() -> data[key] = JsonNull
                else ->
                    data[key] =
                        JsonPrimitive(
                            values
                                .mapNotNull { it?.content?.takeIf { c -> c.isNotEmpty() } }
                                .distinct()
                                .joinToString("; ")
                        )
            }
        }
        data["repeats"] = JsonPrimitive(ok.size)
        val failed = group - ok.toSet()
        if (failed.isNotEmpty())
            data["repeatNote"] =
                JsonPrimitive(failed.joinToString("; ") { why(it).ifEmpty { "no result" } })
        return Runner.Outcome(first.client, first.scenario, first.param, JsonObject(data), null)
    }

    /** "min–max" of a merged number, or "–" for a row run once. */
    private fun spread(o: Runner.Outcome?, key: String, digits: Int = 0): String {
        val lo = num(o, "${key}Min") ?: return "–"
        val hi = num(o, "${key}Max") ?: return "–"
        return "${f(lo, digits)}–${f(hi, digits)}"
    }

    /** How many repeats a row's figures come from, and why any are missing. */
    private fun repeats(o: Runner.Outcome?): String {
        val n = num(o, "repeats")?.toInt() ?: return "1"
        return n.toString() + (str(o, "repeatNote")?.let { " ($it)" } ?: "")
    }

    private companion object {
        /** Size of `SseDecoderBenchmark`'s 10,000-event body, in MB. */
        const val SSE_BODY_MB = 1.78

        /** The scenarios issue 9's targets judge. */
        val CHAT_SCENARIOS = setOf("throughput", "latency", "concurrency", "cancellation")

        /** The scenarios issue 22's targets read (and the JMH runs for the throughput floor). */
        val ISSUE_22_SCENARIOS = CHAT_SCENARIOS + "jmh"

        /** Issue 22's concurrency level, and the one its iterator target is set at. */
        const val TOP_STREAMS = 10_000
        const val ITERATOR_STREAMS = 5_000

        /** The peers the Flow's delivery p50 at [TOP_STREAMS] is compared with. */
        val PEERS = listOf("openai-java", "openai-kotlin-okhttp", "openai-kotlin-cio")

        const val NOT_MEASURED = "not measured"

        /** Responses throughput targets: × openai-java's deltas/s, bytes allocated per delta. */
        const val RESPONSES_SPEEDUP = 3.0
        const val RESPONSES_ALLOC_BYTES = 1024.0
    }

    private fun find(client: String, scenario: String, param: Int = 0) =
        outcomes.firstOrNull { it.client == client && it.scenario == scenario && it.param == param }

    private fun num(o: Runner.Outcome?, key: String): Double? =
        (o?.data?.get(key) as? JsonPrimitive)?.doubleOrNull

    private fun str(o: Runner.Outcome?, key: String): String? =
        (o?.data?.get(key) as? JsonPrimitive)?.takeIf { it.isString }?.content

    private fun f(v: Double?, digits: Int = 0): String =
        if (v == null || v.isNaN()) "–" else "%,.${digits}f".format(v)

    private fun ratio(a: Double?, b: Double?): String =
        if (a == null || b == null || b == 0.0) "–" else "%.2f×".format(a / b)

    private fun label(client: String) = Clients.all[client]?.first ?: client

    private fun why(o: Runner.Outcome?): String =
        o?.note ?: str(o, "error") ?: str(o, "skipped") ?: ""

    private val clients: List<String> = outcomes.map { it.client }.distinct()

    /**
     * The baseline of [kind] (`transport` or `minimal`) on the same engine as [client]: the CIO
     * ones for clients on CIO, the OkHttp ones (the SDK's default engine) for the rest.
     */
    private fun baseline(kind: String, client: String) =
        if (client.contains("cio")) "$kind-cio" else kind

    fun markdown(): String = buildString {
        val env =
            "JDK ${System.getProperty("java.version")} (${System.getProperty("java.vm.vendor")}), ${Runtime.getRuntime().availableProcessors()} cores"
        appendLine("# Streaming benchmarks against openai-java and openai-kotlin")
        appendLine()
        appendLine(
            "One run of `${(listOf("bench/run.sh") + args).joinToString(" ")}` (${env}; ${"%.0f".format(seconds)} s). Each client and"
        )
        appendLine(
            "scenario in a fresh JVM against a loopback server in a process of its own; medians; ratios are to the"
        )
        appendLine(
            "baselines measured in this run. CPU is the client process's CPU time (GC and JIT included); allocation"
        )
        appendLine(
            "is per-thread allocated bytes summed over the client's threads (as `-prof gc`)."
        )
        appendLine()
        appendLine(
            "- Pinning: " +
                if (header.pinned)
                    "server process on CPU 0, client fork on CPU 1 (`taskset`); each JVM sees 1 CPU."
                else "none (no `taskset` or fewer than 2 CPUs): server and client share the cores."
        )
        appendLine(
            "- Repeats: latency and concurrency rows forked ${header.repeats}× where marked, repeats interleaved" +
                " across clients; figures are the median of the repeats, spreads their min–max."
        )
        if (header.trimmed.isNotEmpty()) appendLine("- Trimmed to fit the time: ${header.trimmed}.")
        if (header.load != null)
            appendLine(
                "- Load average (1 min) at start → end: ${header.load} (above 2, other work shared the cores)."
            )
        appendLine()
        throughput()
        responsesThroughput()
        latency()
        concurrency()
        cancellation()
        tlsLatency()
        tlsThroughput()
        jmh()
        if (outcomes.any { it.scenario in CHAT_SCENARIOS }) {
            targets()
            appendLine()
        }
        responsesTargets()
        issue22Targets()
    }

    private fun StringBuilder.throughput() {
        val rows = clients.filter { find(it, "throughput") != null }
        if (rows.isEmpty()) return
        val j = num(find("openai-java", "throughput"), "chunksPerSec")
        val o0 =
            rows.firstNotNullOfOrNull { find(it, "throughput")?.takeIf { o -> o.data != null } }
        appendLine(
            "## 1. Throughput: one stream of ${f(num(o0, "chunks"))} chunks (~${f(num(o0, "bytesPerChunk"))} bytes each)"
        )
        appendLine()
        appendLine(
            "| client | chunks/s | rounds spread | MB/s | CPU µs/chunk | alloc B/chunk | × transport (same engine) | × minimal parser (same engine) | × openai-java |"
        )
        appendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (c in rows) {
            val o = find(c, "throughput")
            val r = num(o, "chunksPerSec")
            val t = num(find(baseline("transport", c), "throughput"), "chunksPerSec")
            val m = num(find(baseline("minimal", c), "throughput"), "chunksPerSec")
            if (r == null) {
                appendLine("| ${label(c)} | ${why(o)} | | | | | | | |")
                continue
            }
            appendLine(
                "| ${label(c)} | ${f(r)} | ${roundsSpread(o)} | ${f(num(o, "mbPerSec"), 1)} | ${f(num(o, "cpuUsPerChunk"), 2)} | ${f(num(o, "allocBytesPerChunk"))} | ${ratio(r, t)} | ${ratio(r, m)} | ${ratio(r, j)} |"
            )
        }
        appendLine()
    }

    /**
     * The Responses stream's throughput, as [throughput] measures chat chunks; the last column is
     * the client's Responses rate over its own chat rate in this run (events ~15% longer).
     */
    private fun StringBuilder.responsesThroughput() {
        val s = "responses-throughput"
        val rows = clients.filter { find(it, s) != null }
        if (rows.isEmpty()) return
        val j = num(find("openai-java", s), "chunksPerSec")
        val o0 = rows.firstNotNullOfOrNull { find(it, s)?.takeIf { o -> o.data != null } }
        appendLine(
            "## 1b. Responses streaming throughput: one stream of ${f(num(o0, "chunks"))} `response.output_text.delta` events (~${f(num(o0, "bytesPerChunk"))} bytes each)"
        )
        appendLine()
        appendLine(
            "Between `response.created`, `output_item.added`, `content_part.added` and the closing `output_text.done`,"
        )
        appendLine(
            "`content_part.done`, `output_item.done`, `response.completed`; every client reads to the end and counts the text deltas."
        )
        appendLine()
        appendLine(
            "| client | deltas/s | rounds spread | MB/s | CPU µs/delta | alloc B/delta | × transport (same engine) | × minimal parser (same engine) | × openai-java | × own chat chunks/s |"
        )
        appendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (c in rows) {
            val o = find(c, s)
            val r = num(o, "chunksPerSec")
            val t = num(find(baseline("transport", c), s), "chunksPerSec")
            val m = num(find(baseline("minimal", c), s), "chunksPerSec")
            if (r == null) {
                appendLine("| ${label(c)} | ${why(o)} | | | | | | | | |")
                continue
            }
            appendLine(
                "| ${label(c)} | ${f(r)} | ${roundsSpread(o)} | ${f(num(o, "mbPerSec"), 1)} | ${f(num(o, "cpuUsPerChunk"), 2)} | ${f(num(o, "allocBytesPerChunk"))} | ${ratio(r, t)} | ${ratio(r, m)} | ${ratio(r, j)} | ${ratio(r, num(find(c, "throughput"), "chunksPerSec"))} |"
            )
        }
        appendLine()
    }

    private fun StringBuilder.responsesTargets() {
        val s = "responses-throughput"
        if (outcomes.none { it.scenario == s }) return
        appendLine("## Targets (Responses streaming)")
        appendLine()
        appendLine("| target | measured | met |")
        appendLine("|---|---|:---:|")
        val j = num(find("openai-java", s), "chunksPerSec")
        for (c in listOf("auriko-flow", "auriko-iterator")) {
            val o = find(c, s) ?: continue
            val r = num(o, "chunksPerSec")
            val speedup = r?.let { a -> j?.let { a / it } }
            appendLine(
                "| ${label(c)}: deltas/s ≥ ${"%.0f".format(RESPONSES_SPEEDUP)}× openai-java | ${ratio(r, j)} | ${met(speedup) { it >= RESPONSES_SPEEDUP }} |"
            )
            val alloc = num(o, "allocBytesPerChunk")
            appendLine(
                "| ${label(c)}: allocation ≤ ${f(RESPONSES_ALLOC_BYTES)} B/delta | ${f(alloc)} B | ${met(alloc) { it <= RESPONSES_ALLOC_BYTES }} |"
            )
        }
        appendLine()
    }

    private fun met(value: Double?, ok: (Double) -> Boolean): String =
        if (value == null) "–" else if (ok(value)) "yes" else "**no**"

    private fun StringBuilder.latency() {
        val rows = clients.filter { find(it, "latency") != null }
        if (rows.isEmpty()) return
        appendLine(
            "## 2. Delivery latency: 2,000 chunks flushed 1 ms apart (server write → user code)"
        )
        appendLine()
        appendLine(
            "| client | repeats | p50 µs | p50 spread | p99 µs | p99 spread | max µs | p50 × transport (same engine) |"
        )
        appendLine("|---|---:|---:|---:|---:|---:|---:|---:|")
        for (c in rows) {
            val o = find(c, "latency")
            val p50 = num(o, "p50Us")
            val t = num(find(baseline("transport", c), "latency"), "p50Us")
            if (p50 == null) {
                appendLine("| ${label(c)} | ${why(o)} | | | | | | |")
                continue
            }
            appendLine(
                "| ${label(c)} | ${repeats(o)} | ${f(p50)} | ${spread(o, "p50Us")} | ${f(num(o, "p99Us"))} | ${spread(o, "p99Us")} | ${f(num(o, "maxUs"))} | ${ratio(p50, t)} |"
            )
        }
        appendLine()
    }

    private fun StringBuilder.concurrency() {
        val levels =
            outcomes.filter { it.scenario == "concurrency" }.map { it.param }.distinct().sorted()
        if (levels.isEmpty()) return
        appendLine(
            "## 3. Concurrency: N streams through one client, 40 chunks each 50 ms apart (ideal wall time 2 s)"
        )
        appendLine()
        appendLine(
            "Latency is per chunk, from the server's write to user code; first chunk is per stream, from the harness's"
        )
        appendLine(
            "`startAsync` call to its first chunk in user code (a stream waiting to start waits there); in flight: streams"
        )
        appendLine("between their first chunk and their end, the most at once.")
        appendLine()
        appendLine(
            "| client | N | repeats | completed | wall s | wall spread | peak threads | peak heap MB | latency p50 ms | p50 spread | p99 ms | first chunk p50 ms | first chunk p99 ms | streams in flight, peak | wall × transport (same engine) | p50 × transport (same engine) | failures |"
        )
        appendLine(
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
        )
        for (n in levels) for (c in clients) {
            val o = find(c, "concurrency", n) ?: continue
            val t = find(baseline("transport", c), "concurrency", n)
            if (o.data == null || str(o, "skipped") != null || str(o, "error") != null) {
                appendLine(
                    "| ${label(c)} | ${f(n.toDouble())} | | ${why(o)} | | | | | | | | | | | | | |"
                )
                continue
            }
            val wall = num(o, "wallSec")
            val wallText = wall?.let { f(it, 1) } ?: "> ${f(num(o, "timeoutSec"))} (not finished)"
            appendLine(
                "| ${label(c)} | ${f(n.toDouble())} | ${repeats(o)} | ${f(num(o, "completed"))} | $wallText | ${spread(o, "wallSec", 1)} | ${f(num(o, "peakThreads"))} | ${f(num(o, "peakHeapMb"))} | " +
                    "${f(num(o, "latencyP50Ms"), 1)} | ${spread(o, "latencyP50Ms", 1)} | ${f(num(o, "latencyP99Ms"), 1)} | " +
                    "${f(num(o, "ttfcP50Ms"))} | ${f(num(o, "ttfcP99Ms"))} | ${f(num(o, "peakInFlight"))} | ${ratio(wall, num(t, "wallSec"))} | ${ratio(num(o, "latencyP50Ms"), num(t, "latencyP50Ms"))} | ${str(o, "failures") ?: ""} |"
            )
        }
        appendLine()
    }

    private fun StringBuilder.cancellation() {
        val rows = clients.filter { find(it, "cancellation") != null }
        if (rows.isEmpty()) return
        appendLine("## 4. Cancellation after the 5th chunk of an endless stream (1 chunk/ms)")
        appendLine()
        appendLine(
            "| client | server sees close, median ms (max) | cancel call, median ms (max) | not closed within 1 s | connections left open | threads left over | TCP connections for 3 completed streams |"
        )
        appendLine("|---|---:|---:|---:|---:|---:|---:|")
        for (c in rows) {
            val o = find(c, "cancellation")
            if (num(o, "cancelCallMs") == null) {
                appendLine("| ${label(c)} | ${why(o)} | | | | | |")
                continue
            }
            appendLine(
                "| ${label(c)} | ${f(num(o, "serverSeesCloseMs"), 2)} (${f(num(o, "serverSeesCloseMaxMs"), 1)}) | ${f(num(o, "cancelCallMs"), 2)} (${f(num(o, "cancelCallMaxMs"), 1)}) | " +
                    "${f(num(o, "notClosedWithin1s"))} of ${f(num(o, "reps"))} | ${f(num(o, "connectionsLeftOpen"))} | ${f(num(o, "threadsLeftOver"))} | ${f(num(o, "connectionsFor3Streams"))} |"
            )
        }
        appendLine()
    }

    /** The spread of a throughput row's measured rounds: (max − min) / median, in %. */
    private fun roundsSpread(o: Runner.Outcome?): String =
        num(o, "roundsSpreadPct")?.let { "%.1f %%".format(it) } ?: "–"

    /** The TLS rows of [scenario], by client in run order, HTTP/1.1 before HTTP/2. */
    private fun tlsRows(scenario: String): List<Runner.Outcome> =
        outcomes
            .filter { it.scenario == scenario }
            .sortedBy { it.param }
            .sortedBy { clients.indexOf(it.client) }

    /** The protocol the server saw a TLS row's requests on. */
    private fun seen(o: Runner.Outcome): String =
        when (num(o, "http2Share")) {
            null -> "–"
            1.0 -> "h2"
            0.0 -> "http/1.1"
            else -> "mixed (${f(num(o, "http2Share")?.times(100))} % h2)"
        }

    private fun StringBuilder.tlsLatency() {
        val rows = tlsRows("tls-latency")
        if (rows.isEmpty()) return
        appendLine(
            "## 5. Delivery latency over TLS (self-signed certificate, loopback): 2,000 chunks flushed 1 ms apart"
        )
        appendLine()
        appendLine(
            "Server: OkHttp's MockWebServer (TLS, ALPN), the same stamped events as section 2. Each row once."
        )
        appendLine()
        appendLine(
            "| client | protocol (server saw) | p50 µs | p99 µs | max µs | p50 × TLS transport (same engine, protocol) | p50 × own plain-HTTP p50 |"
        )
        appendLine("|---|---|---:|---:|---:|---:|---:|")
        for (o in rows) {
            val l = TlsClients.label(o.client, o.param)
            val p50 = num(o, "p50Us")
            if (p50 == null) {
                appendLine("| $l | ${why(o)} | | | | | |")
                continue
            }
            val t = num(find(tlsBaseline(o.client), "tls-latency", o.param), "p50Us")
            val plain = num(find(o.client, "latency"), "p50Us")
            appendLine(
                "| $l | ${seen(o)} | ${f(p50)} | ${f(num(o, "p99Us"))} | ${f(num(o, "maxUs"))} | ${ratio(p50, t)} | ${ratio(p50, plain)} |"
            )
        }
        appendLine()
    }

    private fun StringBuilder.tlsThroughput() {
        val rows = tlsRows("tls-throughput")
        if (rows.isEmpty()) return
        val o0 = rows.firstOrNull { it.data != null }
        appendLine(
            "## 6. Throughput over TLS: one stream of ${f(num(o0, "chunks"))} chunks (self-signed certificate, loopback)"
        )
        appendLine()
        appendLine(
            "| client | protocol (server saw) | chunks/s | rounds spread | MB/s | CPU µs/chunk | alloc B/chunk | × TLS transport (same engine, protocol) | × own plain-HTTP chunks/s |"
        )
        appendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for (o in rows) {
            val l = TlsClients.label(o.client, o.param)
            val r = num(o, "chunksPerSec")
            if (r == null) {
                appendLine("| $l | ${why(o)} | | | | | | | |")
                continue
            }
            val t = num(find(tlsBaseline(o.client), "tls-throughput", o.param), "chunksPerSec")
            val plain = num(find(o.client, "throughput"), "chunksPerSec")
            appendLine(
                "| $l | ${seen(o)} | ${f(r)} | ${roundsSpread(o)} | ${f(num(o, "mbPerSec"), 1)} | ${f(num(o, "cpuUsPerChunk"), 2)} | ${f(num(o, "allocBytesPerChunk"))} | ${ratio(r, t)} | ${ratio(r, plain)} |"
            )
        }
        appendLine()
    }

    /** The TLS transport baseline on [client]'s engine. */
    private fun tlsBaseline(client: String): String =
        when (TlsClients.all[client]?.engine) {
            ai.auriko.bench.clients.Engine.JAVA -> "transport-java"
            ai.auriko.bench.clients.Engine.CIO -> "transport-cio"
            else -> "transport"
        }

    private fun StringBuilder.jmh() {
        val o = find("jmh", "jmh") ?: return
        appendLine("## JMH microbenchmarks (`-prof gc`, shortened: 2 warm-up + 3 × 1 s)")
        appendLine()
        val runs = o.data?.get("runs") as? kotlinx.serialization.json.JsonArray
        if (runs == null) {
            appendLine(why(o))
            appendLine()
            return
        }
        appendLine("| benchmark | params | score | alloc B/op |")
        appendLine("|---|---|---:|---:|")
        for (run in runs) {
            val r = run as kotlinx.serialization.json.JsonObject
            val name = (r["benchmark"] as JsonPrimitive).content.substringAfterLast("bench.")
            val params =
                (r["params"] as? kotlinx.serialization.json.JsonObject)?.entries?.joinToString {
                    "${it.key}=${(it.value as JsonPrimitive).content}"
                } ?: ""
            val primary = r["primaryMetric"] as kotlinx.serialization.json.JsonObject
            val score = (primary["score"] as JsonPrimitive).doubleOrNull
            val unit = (primary["scoreUnit"] as JsonPrimitive).content
            val secondary = r["secondaryMetrics"] as? kotlinx.serialization.json.JsonObject
            // JMH 1.37 names it "gc.alloc.rate.norm"; older versions prefix a middle dot.
            val alloc =
                ((secondary?.get("gc.alloc.rate.norm") ?: secondary?.get("·gc.alloc.rate.norm"))
                        as? kotlinx.serialization.json.JsonObject)
                    ?.get("score")
                    ?.let { (it as JsonPrimitive).doubleOrNull }
            appendLine("| $name | $params | ${f(score, 2)} $unit | ${f(alloc)} |")
        }
        appendLine()
        appendLine(
            "`SseDecoderBenchmark` decodes a 10,000-event body per op; MB/s = ops/s × ${"%.2f".format(SSE_BODY_MB)} MB."
        )
        appendLine()
    }

    private fun StringBuilder.targets() {
        appendLine("## Targets (issue 9)")
        appendLine()
        appendLine("| target | measured | met |")
        appendLine("|---|---|:---:|")
        // A target whose scenario did not run (or did not measure it) is left out.
        fun row(what: String, value: Double?, shown: String, ok: (Double) -> Boolean) {
            if (value != null)
                appendLine("| $what | $shown | ${if (ok(value)) "yes" else "**no**"} |")
        }
        // The default engine's clients are judged, against the baselines on that engine.
        val flow = find("auriko-flow", "throughput")
        val rate = num(flow, "chunksPerSec")
        val j = num(find("openai-java", "throughput"), "chunksPerSec")
        val m = num(find("minimal", "throughput"), "chunksPerSec")
        row(
            "Flow throughput ≥ 3× openai-java",
            rate?.let { r -> j?.let { r / it } },
            ratio(rate, j),
        ) {
            it >= 3
        }
        row(
            "Flow throughput ≥ 1.0× minimal parser",
            rate?.let { r -> m?.let { r / it } },
            ratio(rate, m),
        ) {
            it >= 1.0
        }
        val it = num(find("auriko-iterator", "throughput"), "chunksPerSec")
        row(
            "Iterator throughput ≥ 3× openai-java",
            it?.let { r -> j?.let { r / it } },
            ratio(it, j),
        ) { v ->
            v >= 3
        }
        row(
            "Flow CPU ≤ 3.5 µs/chunk",
            num(flow, "cpuUsPerChunk"),
            f(num(flow, "cpuUsPerChunk"), 2) + " µs",
        ) { v ->
            v <= 3.5
        }
        row(
            "Flow allocation ≤ 1.5 KB/chunk",
            num(flow, "allocBytesPerChunk"),
            f(num(flow, "allocBytesPerChunk")) + " B",
        ) { v ->
            v <= 1536
        }
        val il = find("auriko-iterator", "latency")
        row("Iterator delivery p50 ≤ 150 µs", num(il, "p50Us"), f(num(il, "p50Us")) + " µs") { v ->
            v <= 150
        }
        row("Iterator delivery p99 ≤ 1.5 ms", num(il, "p99Us"), f(num(il, "p99Us")) + " µs") { v ->
            v <= 1500
        }
        val fl = find("auriko-flow", "latency")
        row("Flow delivery p50 ≤ 250 µs", num(fl, "p50Us"), f(num(fl, "p50Us")) + " µs") { v ->
            v <= 250
        }
        val top = outcomes.filter { o -> o.scenario == "concurrency" }.maxOfOrNull { o -> o.param }
        if (top != null) {
            val c = find("auriko-flow", "concurrency", top)
            val t = find("transport", "concurrency", top)
            row("Flow: all $top streams complete", num(c, "completed"), f(num(c, "completed"))) { v
                ->
                v.toInt() == top
            }
            row(
                "Flow: ≤ 128 live threads at $top streams",
                num(c, "peakThreads"),
                f(num(c, "peakThreads")),
            ) { v ->
                v <= 128
            }
            val w = num(c, "wallSec")?.let { a -> num(t, "wallSec")?.let { a / it } }
            row(
                "Flow: wall time ≤ 1.5× transport at $top",
                w,
                ratio(num(c, "wallSec"), num(t, "wallSec")),
            ) { v ->
                v <= 1.5
            }
            val l = num(c, "latencyP50Ms")?.let { a -> num(t, "latencyP50Ms")?.let { a / it } }
            row(
                "Flow: delivery p50 ≤ 2× transport at $top",
                l,
                ratio(num(c, "latencyP50Ms"), num(t, "latencyP50Ms")),
            ) { v ->
                v <= 2
            }
        }
        for (c in listOf("auriko-flow", "auriko-iterator")) {
            val o = find(c, "cancellation")
            row(
                "${label(c)}: server sees close ≤ 5 ms",
                num(o, "serverSeesCloseMs"),
                f(num(o, "serverSeesCloseMs"), 2) + " ms",
            ) { v ->
                v <= 5
            }
            row(
                "${label(c)}: cancel call ≤ 5 ms",
                num(o, "cancelCallMs"),
                f(num(o, "cancelCallMs"), 2) + " ms",
            ) { v ->
                v <= 5
            }
            row(
                "${label(c)}: nothing drained or left open",
                num(o, "notClosedWithin1s")?.plus(num(o, "connectionsLeftOpen") ?: 0.0),
                "${f(num(o, "notClosedWithin1s"))} not closed, ${f(num(o, "connectionsLeftOpen"))} left open",
            ) { v ->
                v == 0.0
            }
            row(
                "${label(c)}: connection reused after a completed stream",
                num(o, "connectionsFor3Streams"),
                "${f(num(o, "connectionsFor3Streams"))} connection(s) for 3 streams",
            ) { v ->
                v <= 1
            }
        }
    }

    /** A row's result, or why there is none: [NOT_MEASURED], with the fork's note if it ran. */
    private fun missing(o: Runner.Outcome?): String =
        why(o).takeIf { o != null && it.isNotEmpty() }?.let { "$NOT_MEASURED ($it)" }
            ?: NOT_MEASURED

    /** Whether a concurrency row completed all its [n] streams within its time. */
    private fun completedAll(o: Runner.Outcome?, n: Int): Boolean =
        num(o, "completed")?.toInt() == n && num(o, "wallSec") != null

    /**
     * The score of JMH benchmark [name] (`Class.method`) with [params], per chunk in µs: ops/s or
     * time per op, divided by the op's chunks (`chunks` param, else 1). Null without that run.
     */
    private fun jmhMicrosPerChunk(name: String, params: Map<String, String> = emptyMap()): Double? {
        val runs =
            find("jmh", "jmh")?.data?.get("runs") as? kotlinx.serialization.json.JsonArray
                ?: return null
        for (run in runs) {
            val r = run as? JsonObject ?: continue
            if ((r["benchmark"] as? JsonPrimitive)?.content?.endsWith(".$name") != true) continue
            val ps =
                (r["params"] as? JsonObject)?.mapValues { (it.value as JsonPrimitive).content }
                    ?: emptyMap()
            if (params.any { (k, v) -> ps[k] != v }) continue
            val primary = r["primaryMetric"] as? JsonObject ?: continue
            val score = (primary["score"] as? JsonPrimitive)?.doubleOrNull ?: continue
            val perOp =
                when ((primary["scoreUnit"] as? JsonPrimitive)?.content) {
                    "ops/s" -> 1e6 / score
                    "ops/ms" -> 1e3 / score
                    "ns/op" -> score / 1e3
                    "us/op" -> score
                    "ms/op" -> score * 1e3
                    else -> continue
                }
            return perOp / (ps["chunks"]?.toDoubleOrNull() ?: 1.0)
        }
        return null
    }

    /**
     * Issue 22's targets, each computed from the tables above (the section in brackets): measured
     * value, limit, met. A row this run did not measure says so.
     */
    private fun StringBuilder.issue22Targets() {
        if (outcomes.none { it.scenario in ISSUE_22_SCENARIOS }) return
        appendLine("## Targets (issue 22)")
        appendLine()
        appendLine(
            "Each row from the table of the section in brackets; \"$NOT_MEASURED\" where this run has no such row."
        )
        appendLine()
        appendLine("| target | measured | limit | met |")
        appendLine("|---|---|---|:---:|")
        fun row(what: String, measured: String, limit: String, met: String) =
            appendLine("| $what | $measured | $limit | $met |")
        fun ms(v: Double?) = f(v, 1) + " ms"
        fun x(v: Double?) = if (v == null) "–" else "%.2f×".format(v)

        // §3 at 10,000 streams: the default Flow.
        val top = "%,d".format(TOP_STREAMS)
        val flow = find("auriko-flow", "concurrency", TOP_STREAMS)
        val tr = find("transport", "concurrency", TOP_STREAMS)
        val completed = num(flow, "completed")
        row(
            "[3] $top streams, Flow: all complete",
            completed?.let { "${f(it)} of $top" } ?: missing(flow),
            "all",
            if (completed == null) "–" else met(completed) { it.toInt() == TOP_STREAMS },
        )
        val jdk = Runtime.version().feature()
        val threads = num(flow, "peakThreads")
        row(
            "[3] $top streams, Flow: peak live threads",
            threads?.let { "${f(it)} (JDK $jdk)" } ?: missing(flow),
            "≤ 128 on JDK 21+",
            if (threads == null) "–"
            else if (jdk < 21) "n/a (JDK $jdk)" else met(threads) { it <= 128 },
        )
        val fp50 = num(flow, "latencyP50Ms")
        val tp50 = num(tr, "latencyP50Ms")
        val vsTransport = fp50?.let { a -> tp50?.let { a / it } }
        row(
            "[3] $top streams, Flow: delivery p50 × transport's",
            if (vsTransport == null) missing(if (fp50 == null) flow else tr)
            else "${x(vsTransport)} (${ms(fp50)} vs ${ms(tp50)})",
            "≤ 2.00×",
            met(vsTransport) { it <= 2 },
        )
        for (peer in PEERS) {
            val p = find(peer, "concurrency", TOP_STREAMS)
            val pp50 = num(p, "latencyP50Ms")
            val firsts =
                "; first chunk p50 / p99: Flow ${f(num(flow, "ttfcP50Ms"))} / ${f(num(flow, "ttfcP99Ms"))} ms, " +
                    "peer ${f(num(p, "ttfcP50Ms"))} / ${f(num(p, "ttfcP99Ms"))} ms; streams in flight, peak: " +
                    "Flow ${f(num(flow, "peakInFlight"))}, peer ${f(num(p, "peakInFlight"))}"
            when {
                fp50 == null ->
                    row(
                        "[3] $top streams, Flow: delivery p50 vs ${label(peer)}'s",
                        missing(flow),
                        "≤ peer's p50",
                        "–",
                    )
                p == null ||
                    p.data == null ||
                    str(p, "skipped") != null ||
                    str(p, "error") != null ->
                    row(
                        "[3] $top streams, Flow: delivery p50 vs ${label(peer)}'s",
                        missing(p),
                        "≤ peer's p50",
                        "–",
                    )
                !completedAll(p, TOP_STREAMS) ->
                    row(
                        "[3] $top streams, Flow: delivery p50 vs ${label(peer)}'s",
                        "peer did not complete (${f(num(p, "completed"))} of $top)",
                        "≤ peer's p50",
                        "n/a",
                    )
                else ->
                    row(
                        "[3] $top streams, Flow: delivery p50 vs ${label(peer)}'s",
                        "${ms(fp50)} vs ${ms(pp50)}$firsts",
                        "≤ peer's p50",
                        met(pp50?.let { fp50 - it }) { it <= 0 },
                    )
            }
        }
        val fw = num(flow, "wallSec")
        val tw = num(tr, "wallSec")
        val wallRatio = fw?.let { a -> tw?.let { a / it } }
        row(
            "[3] $top streams, Flow: wall × transport's",
            if (wallRatio == null) missing(if (fw == null) flow else tr)
            else "${x(wallRatio)} (${f(fw, 1)} s vs ${f(tw, 1)} s)",
            "≤ 1.50×",
            met(wallRatio) { it <= 1.5 },
        )
        // Not the default: the option that trades a later start for open streams' pace; at 1,
        // streams start one at a time, the floor of what it can do.
        for (limit in listOf(8, 1)) {
            val admit = find("auriko-flow-admit$limit", "concurrency", TOP_STREAMS)
            if (admit?.data == null || !completedAll(admit, TOP_STREAMS)) continue
            val peer = find("openai-java", "concurrency", TOP_STREAMS)
            row(
                "[3] $top streams, Flow with `maxRequestsAwaitingHeaders = $limit` (not the default)",
                "delivery p50 ${ms(num(admit, "latencyP50Ms"))} (openai-java ${ms(num(peer, "latencyP50Ms"))}); " +
                    "first chunk p50 ${f(num(admit, "ttfcP50Ms"))} ms; wall ${f(num(admit, "wallSec"), 1)} s",
                "–",
                "info",
            )
        }

        // §3 at 5,000 streams: the Java iterator, a platform thread each (the caller's).
        val at = "%,d".format(ITERATOR_STREAMS)
        val it5 = find("auriko-iterator", "concurrency", ITERATOR_STREAMS)
        val iw = num(it5, "wallSec")
        for (peer in listOf("openai-java-iterator", "openai-java")) {
            val p = find(peer, "concurrency", ITERATOR_STREAMS)
            val pw = num(p, "wallSec")
            val what = "[3] Java iterator at $at streams: wall vs ${label(peer)}"
            when {
                iw == null &&
                    it5?.data != null &&
                    str(it5, "skipped") == null &&
                    str(it5, "error") == null ->
                    row(
                        what,
                        "not finished within ${f(num(it5, "timeoutSec"))} s",
                        "≤ peer's wall",
                        "**no**",
                    )
                iw == null -> row(what, missing(it5), "≤ peer's wall", "–")
                pw == null ->
                    row(
                        what,
                        missing(p).let {
                            if (p?.data != null && it == NOT_MEASURED) "peer did not finish" else it
                        },
                        "≤ peer's wall",
                        "–",
                    )
                else ->
                    row(
                        what,
                        "${f(iw, 1)} s vs ${f(pw, 1)} s (${x(iw / pw)})",
                        "≤ peer's wall",
                        met(iw - pw) { it <= 0 },
                    )
            }
        }

        // §1: every throughput row's measured rounds.
        val tpRows = clients.filter { num(find(it, "throughput"), "chunksPerSec") != null }
        if (tpRows.isEmpty()) {
            row(
                "[1] throughput rounds: each within ±10 % of the median",
                NOT_MEASURED,
                "±10 %",
                "–",
            )
        } else {
            val exact = tpRows.all { num(find(it, "throughput"), "roundsMaxDevPct") != null }
            // Older results carry only (max − min) / median: ±10 % allows at most 20 % of it.
            val key = if (exact) "roundsMaxDevPct" else "roundsSpreadPct"
            val limit = if (exact) 10.0 else 20.0
            val values = tpRows.associateWith { num(find(it, "throughput"), key)!! }
            val worst = values.entries.maxBy { it.value }
            val over = values.filterValues { it > limit }.keys
            val rounds = f(num(find(worst.key, "throughput"), "rounds"))
            row(
                if (exact)
                    "[1] throughput rounds: the farthest of each row's $rounds rounds from its median"
                else "[1] throughput rounds spread, (max − min) / median (rounds not recorded)",
                "worst ${"%.1f".format(worst.value)} % (${label(worst.key)})" +
                    if (over.isEmpty()) "" else "; over: " + over.joinToString { label(it) },
                if (exact) "≤ 10 % (±10 %)" else "≤ 20 % (±10 %)",
                met(worst.value) { it <= limit },
            )
        }

        // §2: delivery latency against openai-java's.
        val oj = find("openai-java", "latency")
        for (c in listOf("auriko-flow", "auriko-iterator")) {
            val o = find(c, "latency")
            for ((key, floor) in listOf("p50Us" to 100.0, "p99Us" to 1_000.0)) {
                val v = num(o, key)
                val peer = num(oj, key)
                val limit = peer?.let { maxOf(floor, 2 * it) }
                val what = "[2] ${label(c)}: delivery ${key.removeSuffix("Us")}"
                row(
                    what,
                    if (v == null) missing(o)
                    else f(v) + " µs" + (peer?.let { " (openai-java ${f(it)} µs)" } ?: ""),
                    if (limit == null)
                        "max(${f(floor)} µs, 2× openai-java's): openai-java $NOT_MEASURED"
                    else "≤ ${f(limit)} µs = max(${f(floor)}, 2× openai-java's)",
                    if (v == null || limit == null) "–" else met(v) { it <= limit },
                )
            }
        }

        // §1: throughput against the transport, and the iterator against the Flow.
        val flowTp = find("auriko-flow", "throughput")
        val trTp = find("transport", "throughput")
        val fr = num(flowTp, "chunksPerSec")
        val trr = num(trTp, "chunksPerSec")
        val ir = num(find("auriko-iterator", "throughput"), "chunksPerSec")
        val flowVsTransport = fr?.let { a -> trr?.let { a / it } }
        row(
            "[1] Flow throughput × transport's",
            if (flowVsTransport == null) missing(if (fr == null) flowTp else trTp)
            else "${x(flowVsTransport)} (${f(fr)} vs ${f(trr)} chunks/s)",
            "≥ 0.95×",
            met(flowVsTransport) { it >= 0.95 },
        )
        // What a client decoding each chunk on the transport's core can reach: the transport's CPU
        // per chunk plus the decoder's (JMH, this run), all on one core.
        val tCpu = num(trTp, "cpuUsPerChunk")
        val sse = jmhMicrosPerChunk("SseDecoderBenchmark.decode", mapOf("readSize" to "8192"))
        val chunk = jmhMicrosPerChunk("ChunkDecodeBenchmark.decodeInStream")
        val ceiling =
            if (tCpu == null || sse == null || chunk == null) null else tCpu / (tCpu + sse + chunk)
        row(
            "[1, JMH] Flow throughput × transport's, the ceiling one core allows: transport CPU µs/chunk ÷ (that + decode µs/chunk)",
            if (ceiling == null)
                "$NOT_MEASURED (needs §1 transport CPU and the JMH SseDecoderBenchmark, ChunkDecodeBenchmark runs)"
            else
                "ceiling ${x(ceiling)} = ${f(tCpu, 2)} ÷ (${f(tCpu, 2)} + ${f(sse, 3)} SSE + ${f(chunk, 3)} chunk decode); measured ${x(flowVsTransport)}, the Flow's CPU ${f(num(flowTp, "cpuUsPerChunk"), 2)} µs/chunk",
            "– (the best ratio a client that decodes each chunk on the transport's core can reach)",
            "info",
        )
        // The floor under any decoder: the least it adds to the transport's own pass over a
        // chunk's bytes (find the JSON strings in the same pass, make the delta's text a String;
        // JMH ChunkFloorBenchmark). A ratio above this would need less work than that.
        val fullPass = jmhMicrosPerChunk("ChunkFloorBenchmark.eventEndsAndStrings")
        val endsPass = jmhMicrosPerChunk("ChunkFloorBenchmark.eventEnds")
        val floorExtra = fullPass?.let { a -> endsPass?.let { a - it } }
        val floorCeiling =
            if (tCpu == null || floorExtra == null) null else tCpu / (tCpu + floorExtra)
        row(
            "[1, JMH] Flow throughput × transport's, the floor: transport CPU µs/chunk ÷ (that + the least any decoder adds)",
            if (floorCeiling == null)
                "$NOT_MEASURED (needs §1 transport CPU and the JMH ChunkFloorBenchmark run)"
            else
                "at most ${x(floorCeiling)} = ${f(tCpu, 2)} ÷ (${f(tCpu, 2)} + ${f(floorExtra, 3)}): a pass finding event ends and JSON strings and making the delta's text a String, ${f(fullPass, 3)} µs, less the transport's pass for event ends alone, ${f(endsPass, 3)} µs",
            "– (no decoder on the transport's core can do better)",
            "info",
        )
        val iterVsFlow = ir?.let { a -> fr?.let { a / it } }
        row(
            "[1] Java iterator throughput × Flow's",
            if (iterVsFlow == null)
                missing(if (ir == null) find("auriko-iterator", "throughput") else flowTp)
            else "${x(iterVsFlow)} (${f(ir)} vs ${f(fr)} chunks/s)",
            "≥ 0.95×",
            met(iterVsFlow) { it >= 0.95 },
        )
        val alloc = num(flowTp, "allocBytesPerChunk")
        row(
            "[1] Flow allocation per chunk",
            alloc?.let { f(it) + " B" } ?: missing(flowTp),
            "≤ 500 B",
            met(alloc) { it <= 500 },
        )

        // §4: cancellation and connection reuse.
        val cancel = find("auriko-flow", "cancellation")
        val close = num(cancel, "serverSeesCloseMs")
        row(
            "[4] Flow: server sees close, median",
            close?.let { f(it, 2) + " ms" } ?: missing(cancel),
            "≤ 5 ms",
            met(close) { it <= 5 },
        )
        val conns = num(cancel, "connectionsFor3Streams")
        row(
            "[4] Flow: TCP connections for 3 completed streams",
            conns?.let { f(it) } ?: missing(cancel),
            "= 1",
            met(conns) { it == 1.0 },
        )
        appendLine()
    }
}
