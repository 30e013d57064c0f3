package ai.auriko.testing

import ai.auriko.testing.internal.ScriptResponse
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext

/**
 * A scripted stand-in for the Auriko gateway, for testing code built on the SDK without network,
 * keys or cost. Two kinds share this API: [InMemoryGateway] (a Ktor `MockEngine` the client is
 * built with) and [LoopbackGateway] (a real HTTP server on 127.0.0.1).
 *
 * It answers `POST …/chat/completions` and `POST …/responses` (the Responses API) from the same
 * scripts, each in its own wire format; [RecordedRequest.isResponsesRequest] tells them apart.
 *
 * Each request is answered by a [GatewayScript]: first the oldest queued script whose matcher
 * accepts it ([enqueue], used once), otherwise the first standing rule that accepts it ([on], used
 * for every matching request). A request nothing accepts gets HTTP 400 with the code
 * `fake_gateway_no_script` and a message naming the request, and is listed by [unmatchedRequests].
 * Every request is recorded, decoded, for [takeRequest] and [requests].
 *
 * Thread-safe: scripts can be added while requests are in flight.
 */
public abstract class FakeGateway internal constructor() : AutoCloseable {
    private class Entry(val matcher: RequestMatcher, val script: GatewayScript)

    private val lock = Any()
    private val queued = ArrayList<Entry>()
    private val rules = ArrayList<Entry>()
    private val recorded = CopyOnWriteArrayList<RecordedRequest>()
    private val untaken = LinkedBlockingQueue<RecordedRequest>()
    private val unmatched = CopyOnWriteArrayList<RecordedRequest>()
    private val counter = AtomicInteger()

    /** The base URL to give the client (`…/v1`). */
    public abstract val baseUrl: String

    /** Queues [script] to answer the next request, whatever it is. */
    public fun enqueue(script: GatewayScript) {
        enqueue(RequestMatchers.any(), script)
    }

    /** Queues [script] to answer the next request that [matcher] accepts; used once. */
    public fun enqueue(matcher: RequestMatcher, script: GatewayScript) {
        synchronized(lock) { queued += Entry(matcher, script) }
    }

    /**
     * Queues a script built with the DSL to answer the next request: `enqueue { content("Hi") }`.
     */
    @JvmSynthetic
    public fun enqueue(block: GatewayScript.Builder.() -> Unit) {
        enqueue(gatewayScript(block))
    }

    /** Queues a script built with the DSL for the next request that [matcher] accepts. */
    @JvmSynthetic
    public fun enqueue(matcher: RequestMatcher, block: GatewayScript.Builder.() -> Unit) {
        enqueue(matcher, gatewayScript(block))
    }

    /** Answers every request that [matcher] accepts with [script], when no queued script does. */
    public fun on(matcher: RequestMatcher, script: GatewayScript) {
        synchronized(lock) { rules += Entry(matcher, script) }
    }

    /** Answers every request that [matcher] accepts with a script built with the DSL. */
    @JvmSynthetic
    public fun on(matcher: RequestMatcher, block: GatewayScript.Builder.() -> Unit) {
        on(matcher, gatewayScript(block))
    }

    /** How many queued scripts have not answered a request yet. */
    public val queuedScripts: Int
        get() = synchronized(lock) { queued.size }

    /** Every request received so far, in order of arrival. */
    public val requests: List<RecordedRequest>
        get() = recorded.toList()

    /** How many requests were received so far. */
    public val requestCount: Int
        get() = recorded.size

    /** The requests no script accepted. */
    public val unmatchedRequests: List<RecordedRequest>
        get() = unmatched.toList()

    /** The oldest request not yet taken, waiting up to 5 seconds for one to arrive. */
    public fun takeRequest(): RecordedRequest = takeRequest(java.time.Duration.ofSeconds(5))

    /**
     * The oldest request not yet taken, waiting up to [timeout] for one to arrive.
     *
     * @throws AssertionError when none arrives in time
     */
    public fun takeRequest(timeout: java.time.Duration): RecordedRequest =
        untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS)
            ?: throw AssertionError(
                "no request arrived within $timeout (${recorded.size} received, all already taken)"
            )

    /** The oldest request not yet taken, waiting up to [timeout]. */
    @JvmSynthetic
    public fun takeRequest(timeout: Duration): RecordedRequest =
        takeRequest(timeout.toJavaDuration())

    /**
     * Like [takeRequest], but suspends instead of blocking the thread, so a coroutine test can wait
     * for a request that a coroutine on the same thread (`runBlocking`, `runTest`) is about to
     * send.
     *
     * @throws AssertionError when none arrives within [timeout]
     */
    @JvmSynthetic
    public suspend fun awaitRequest(timeout: Duration = 5.seconds): RecordedRequest {
        val deadline = System.nanoTime() + timeout.inWholeNanoseconds
        while (true) {
            untaken.poll()?.let {
                return it
            }
            if (System.nanoTime() >= deadline) return takeRequest(java.time.Duration.ZERO)
            // real time on purpose: requests come from real I/O, which virtual time does not drive
            withContext(Dispatchers.Default) { delay(AWAIT_POLL) }
        }
    }

    /** @throws AssertionError listing every request that no script accepted */
    public fun assertNoUnmatchedRequests() {
        if (unmatched.isNotEmpty()) {
            throw AssertionError(
                "${unmatched.size} request(s) had no script: " +
                    unmatched.joinToString("; ") +
                    ". " +
                    scriptsDescription()
            )
        }
    }

    /** @throws AssertionError when queued scripts were never used */
    public fun assertAllQueuedScriptsUsed() {
        val left = synchronized(lock) { queued.map { it.matcher.toString() } }
        if (left.isNotEmpty())
            throw AssertionError("${left.size} queued script(s) never used, for: $left")
    }

    /** Records a request and picks the script that answers it. */
    internal fun receive(
        method: String,
        path: String,
        headers: Map<String, List<String>>,
        body: String,
    ): Exchange {
        val n = counter.incrementAndGet()
        val request = RecordedRequest(n, method, path, headers, body)
        recorded += request
        untaken += request
        val script =
            synchronized(lock) {
                val i = queued.indexOfFirst { it.matcher.matches(request) }
                if (i >= 0) queued.removeAt(i).script
                else rules.firstOrNull { it.matcher.matches(request) }?.script
            } ?: noScript(request)
        val response =
            if (request.isResponsesRequest)
                ScriptResponse(
                    script,
                    request.model ?: request.models.firstOrNull(),
                    request.stream,
                    "resp_fake_$n",
                    responses = true,
                    previousResponseId = request.previousResponseId,
                )
            else
                ScriptResponse(
                    script,
                    request.model ?: request.models.firstOrNull(),
                    request.stream,
                    "chatcmpl-fake-$n",
                )
        val headerList = response.headers.toMutableList()
        if (
            script.defaultRequestId &&
                headerList.none { it.first.equals("x-request-id", ignoreCase = true) }
        )
            headerList += "x-request-id" to "req_fake_$n"
        return Exchange(request, response, headerList)
    }

    internal class Exchange(
        val request: RecordedRequest,
        val response: ScriptResponse,
        val headers: List<Pair<String, String>>,
    )

    private fun noScript(request: RecordedRequest): GatewayScript {
        unmatched += request
        return GatewayScript.Builder()
            .httpError(
                400,
                "fake_gateway_no_script",
                "FakeGateway: no script for request $request. ${scriptsDescription()}",
            )
            .build()
    }

    private fun scriptsDescription(): String =
        synchronized(lock) {
            "Queued scripts wait for: ${queued.map { it.matcher.toString() }}; standing rules: ${rules.map { it.matcher.toString() }}"
        }

    private companion object {
        val AWAIT_POLL = 5.milliseconds
    }
}
