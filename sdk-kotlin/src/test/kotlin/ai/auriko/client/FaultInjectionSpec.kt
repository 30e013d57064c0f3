package ai.auriko.client

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.testing.Fault
import ai.auriko.client.testing.FaultLimits
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.StreamPlan
import ai.auriko.client.testing.check
import ai.auriko.client.testing.isResetBeforeAnythingWasRead
import ai.auriko.client.testing.play
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.HttpClientEngine
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout

/**
 * Faults injected by a real loopback server at seeded points: each fault alone on each engine
 * (exact exception type, partial completion, request id), then 1,000 concurrent streams through one
 * client with about 30 % of them faulty, every outcome checked against its plan, and afterwards no
 * open connection, no extra thread and no active coroutine left behind.
 */
class FaultInjectionSpec :
    FunSpec({
        // Healthy chunks come back to back; the timeouts leave a loaded machine 2 s and more of
        // slack before a healthy stream could trip them (the exact timing is VirtualTimeSpec's).
        val limits =
            FaultLimits(
                idleTimeoutMs = 2_000,
                firstEventTimeoutMs = 3_000,
                maxLineBytes = 16 * 1024,
            )
        // Under load, a healthy stream's first byte may take seconds on a busy 2-core machine.
        val loadLimits =
            FaultLimits(
                idleTimeoutMs = 2_000,
                firstEventTimeoutMs = 6_000,
                maxLineBytes = 16 * 1024,
            )

        fun newClient(server: LoopbackServer, engine: HttpClientEngine?, limits: FaultLimits) =
            AurikoClient {
                apiKey = "sk-fault-test-key"
                baseUrl = server.baseUrl
                this.engine = engine
                maxRetries = 0 // every outcome is the first attempt's: exact expectations
                idleTimeout = limits.idleTimeoutMs.milliseconds
                firstEventTimeout = limits.firstEventTimeoutMs.milliseconds
                maxLineBytes = limits.maxLineBytes
            }

        /** Runs one stream; returns its outcome and the content the collector received. */
        suspend fun runStream(
            client: AurikoClient,
            plan: StreamPlan,
        ): Pair<Result<ChatCompletion>, String> {
            val seen = StringBuilder()
            val outcome = runCatching {
                val stream = client.chat.completions.stream(plan.request())
                stream.collect { chunk ->
                    chunk.choices.firstOrNull()?.delta?.content?.let { seen.append(it) }
                }
                checkNotNull(stream.completion) { "the flow completed without a completion" }
            }
            return outcome to seen.toString()
        }

        for ((engineName, engineFactory) in TestEngines.all) {
            context(
                "[$engineName] each fault alone: the exact exception type, with the partial completion and request id"
            ) {
                for (fault in Fault.values()) {
                    for (faultAfter in listOf(0, 2)) {
                        if (
                            faultAfter == 0 &&
                                fault in
                                    setOf(
                                        Fault.NONE,
                                        Fault.HTML_200,
                                        Fault.JSON_200,
                                        Fault.JSON_ERROR_200,
                                        Fault.HEADERS_NEVER_FINISH,
                                    )
                        )
                            continue
                        val plan =
                            StreamPlan(
                                7,
                                fault,
                                listOf("one ", "two ", "three ", "four "),
                                if (fault == Fault.NONE) 4 else faultAfter,
                            )
                        test(
                            "$fault after $faultAfter chunks → ${plan.expectation.type?.simpleName ?: "complete"}"
                        ) {
                            LoopbackServer { ex -> ex.play(plan, limits) }
                                .use { server ->
                                    val engine = engineFactory()
                                    val client = newClient(server, engine, limits)
                                    try {
                                        val started = System.nanoTime()
                                        val (outcome, seen) =
                                            withTimeout(10.seconds) { runStream(client, plan) }
                                        val elapsedMs = (System.nanoTime() - started) / 1_000_000
                                        plan.check(outcome, seen).shouldBeNull()
                                        elapsedMs shouldBeLessThan
                                            plan.boundMs(limits, slackMs = 3_000)
                                        (outcome.exceptionOrNull()?.message ?: "").contains(
                                            "sk-fault-test-key"
                                        ) shouldBe false
                                        server.requests.size shouldBe 1
                                        assertNoActiveCalls(client)
                                    } finally {
                                        client.close()
                                        engine?.close()
                                    }
                                    awaitValue(3_000) {
                                        server.openConnections.get().takeIf { it == 0 }
                                    }
                                }
                            Unit
                        }
                    }
                }
            }
        }

        // Each engine as a user gets it: the default OkHttp engine (owned by the client), and CIO
        // set up as the README says.
        for ((engineName, engineFactory) in TestEngines.all) {
            val count = 1_000
            test(
                "[$engineName] $count concurrent streams through one client, ~30 % faulty: every outcome as planned, nothing leaks"
            ) {
                val plans = StreamPlan.generate(seed = 20261122L, count = count, faultRate = 0.30)
                val byId = plans.associateBy { it.id }
                val threadsBefore = liveThreadNames()
                val started = System.nanoTime()
                val failures = ArrayList<String>()
                val limits = loadLimits
                var exactPartials = 0
                var shorterPartials = 0
                var resetsBeforeRead = 0
                val outcomes =
                    LoopbackServer { ex ->
                            ex.play(byId.getValue(StreamPlan.idOf(ex.request)), limits)
                        }
                        .use { server ->
                            val engine = engineFactory()
                            val client = newClient(server, engine, limits)
                            try {
                                val results =
                                    withContext(Dispatchers.Default) {
                                        withTimeout(50.seconds) {
                                            plans
                                                .map { plan ->
                                                    async {
                                                        val t0 = System.nanoTime()
                                                        val outcome = runStream(client, plan)
                                                        Triple(
                                                            plan,
                                                            outcome,
                                                            (System.nanoTime() - t0) / 1_000_000,
                                                        )
                                                    }
                                                }
                                                .awaitAll()
                                        }
                                    }
                                for ((plan, result, elapsedMs) in results) {
                                    val (outcome, seen) = result
                                    plan.check(outcome, seen, exactPartial = false)?.let {
                                        failures += it
                                    }
                                    if (
                                        outcome.exceptionOrNull()?.let {
                                            plan.isResetBeforeAnythingWasRead(it, seen)
                                        } == true
                                    )
                                        resetsBeforeRead++
                                    val expected = plan.expectation.content
                                    val partial =
                                        (outcome.exceptionOrNull()
                                                as? ai.auriko.errors.AurikoException)
                                            ?.partialCompletion
                                    if (partial != null && expected != null) {
                                        if ((partial.content ?: "") == expected) exactPartials++
                                        else shorterPartials++
                                    }
                                    val bound = plan.boundMs(limits, slackMs = 8_000)
                                    if (elapsedMs > bound)
                                        failures += "$plan took $elapsedMs ms, bound $bound ms"
                                }
                                server.requests.size shouldBe count
                                // Leaks, with the client still open: every socket released, no call
                                // still running.
                                awaitValue(5_000) {
                                    server.openConnections.get().takeIf { it == 0 }
                                }
                                activeChildren(client.runtime.http.coroutineContext[Job]!!) shouldBe
                                    0
                                results.map { it.first to it.second.first }
                            } finally {
                                client.close()
                                engine?.close()
                            }
                        }
                val elapsedMs = (System.nanoTime() - started) / 1_000_000
                withClue(failures.take(20).joinToString("\n")) { failures.shouldBeEmpty() }

                // Successes: exactly the fault-free streams plus the 200 JSON completions, which
                // are
                // decoded as what they are (a server that ignored stream=true).
                val successes = outcomes.count { it.second.isSuccess }
                successes shouldBe plans.count { it.expectation.type == null }
                successes shouldBe
                    plans.count { it.fault == Fault.NONE || it.fault == Fault.JSON_200 }
                plans.count { it.fault != Fault.NONE } shouldBeGreaterThan count / 5
                val extraThreads = awaitThreadsSettled(threadsBefore)
                withClue("threads left behind: $extraThreads") { extraThreads.shouldBeEmpty() }

                val byFault = plans.groupingBy { it.fault }.eachCount().toSortedMap()
                val byOutcome =
                    outcomes
                        .groupingBy {
                            it.second.exceptionOrNull()?.let { e -> e::class.simpleName }
                                ?: "success"
                        }
                        .eachCount()
                        .toSortedMap()
                println(
                    "FAULTS [$engineName] streams=$count faulty=${plans.count { it.fault != Fault.NONE }} " +
                        "elapsed=${elapsedMs}ms injected=$byFault outcomes=$byOutcome partials: exact=$exactPartials shorter=$shorterPartials resets-before-read=$resetsBeforeRead leaks: connections=0 coroutines=0 threads=${extraThreads.size}"
                )
            }
        }
    })

/** Active coroutines under [job], at any depth. */
internal fun activeChildren(job: Job): Int =
    job.children.sumOf { (if (it.isActive) 1 else 0) + activeChildren(it) }

internal fun liveThreadNames(): Set<String> =
    Thread.getAllStackTraces().keys.filter { it.isAlive }.map { it.name }.toSet()

/**
 * Threads alive now that were not before, other than the shared bounded pools a JVM program keeps
 * (kotlinx.coroutines' Default/IO workers and its timer thread, OkHttp's shared task runner): waits
 * up to 5 s for them to end and returns those still alive.
 */
internal suspend fun awaitThreadsSettled(before: Set<String>): List<String> {
    val sharedPools =
        listOf(
            Regex("DefaultDispatcher-worker-\\d+"),
            Regex("kotlinx\\.coroutines\\.DefaultExecutor"),
            Regex("OkHttp TaskRunner"),
            // OkHttp's TaskRunner names its thread after the task it runs: a connect (a racing
            // connect that lost, fast fallback, may sit in the kernel's connect when 1,000 connects
            // at once overflow the test server's backlog) or the connection pool's closer. The
            // pool is OkHttp's shared, bounded one; the thread takes its name back after the task.
            Regex("OkHttp connect .*"),
            Regex("OkHttp ConnectionPool.*"),
            Regex("Okio Watchdog"),
        )
    fun extra() =
        liveThreadNames().filter { name ->
            name !in before && sharedPools.none { it.matches(name) }
        }
    val deadline = System.nanoTime() + 5_000_000_000L
    while (extra().isNotEmpty() && System.nanoTime() < deadline) kotlinx.coroutines.delay(50)
    return extra()
}
