@file:OptIn(ExperimentalCoroutinesApi::class)

package ai.auriko.client

import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.client.testing.DONE_EVENT
import ai.auriko.client.testing.VirtualGateway
import ai.auriko.client.testing.completionJson
import ai.auriko.client.testing.contentEvent
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.AurikoTimeoutException.Kind
import ai.auriko.errors.RateLimitException
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest

/**
 * The client's timing in the virtual time of kotlinx-coroutines-test: every test runs inside
 * `runTest`, on a [VirtualGateway] (a MockEngine whose dispatcher is the test's, bodies written by
 * coroutines that `delay` between events) and a client whose clock is the test scheduler. Timeouts,
 * keep-alives and `Retry-After` waits of seconds or minutes take no wall-clock time, and each
 * assertion names the exact virtual millisecond at which something happened; nothing sleeps, and
 * nothing depends on how busy the machine is.
 */
class VirtualTimeSpec :
    FunSpec({
        val request =
            ChatCompletionRequest.builder().model("m").addMessage(ChatMessage.user("hi")).build()

        /** Collects a stream, returning the failure (or null) and the contents received. */
        suspend fun AurikoClient.collectStream(
            hold: suspend (index: Int) -> Unit = {}
        ): Pair<Throwable?, List<String?>> {
            val seen = ArrayList<String?>()
            val failure =
                runCatching {
                        chat.completions.stream(request).collect {
                            seen += it.choices.firstOrNull()?.delta?.content
                            hold(seen.size - 1)
                        }
                    }
                    .exceptionOrNull()
            return failure to seen
        }

        fun TestScope.shouldHaveTimedOut(
            failure: Throwable?,
            kind: Kind,
            timeout: kotlin.time.Duration,
            atMillis: Long,
        ): AurikoTimeoutException {
            val e = failure.shouldBeInstanceOf<AurikoTimeoutException>()
            withClue("$e at ${currentTime} ms") {
                e.kind() shouldBe kind
                e.timeout() shouldBe Duration.ofMillis(timeout.inWholeMilliseconds)
                currentTime shouldBe atMillis
            }
            return e
        }

        context("stream timeouts") {
            test(
                "first-event timeout: headers, then silence → FIRST_EVENT after exactly 30 s, with the request id"
            ) {
                runTest {
                    val gateway = VirtualGateway(this) { stream { silence() } }
                    gateway
                        .client {
                            firstEventTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val (failure, seen) = client.collectStream()
                            val e =
                                shouldHaveTimedOut(failure, Kind.FIRST_EVENT, 30.seconds, 30_000)
                            e.requestId() shouldBe "req_1"
                            seen shouldBe emptyList()
                            gateway.requestTimes shouldBe listOf(0L)
                        }
                }
            }

            test(
                "idle timeout: two chunks, then silence → IDLE 30 s after the last byte, with both chunks in the partial completion"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream {
                                delay(1_000)
                                send(contentEvent("Hel"))
                                delay(1_000)
                                send(contentEvent("lo"))
                                silence()
                            }
                        }
                    gateway
                        .client {
                            idleTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val (failure, seen) = client.collectStream()
                            val e = shouldHaveTimedOut(failure, Kind.IDLE, 30.seconds, 32_000)
                            e.requestId() shouldBe "req_1"
                            seen shouldBe listOf("Hel", "lo")
                            val partial = e.partialCompletion.shouldNotBeNull()
                            partial.content shouldBe "Hello"
                            partial.streamMetrics.shouldNotBeNull().chunkCount shouldBe 2
                        }
                }
            }

            test(
                "keep-alive comments every 10 s for 5 minutes keep a stream with a 30 s idle timeout alive; it then completes and counts them"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream {
                                repeat(30) {
                                    delay(10_000)
                                    send(": keep-alive\n\n")
                                }
                                send(contentEvent("done", finishReason = "stop"))
                                send(DONE_EVENT)
                            }
                        }
                    gateway
                        .client {
                            firstEventTimeout = 30.seconds
                            idleTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val stream = client.chat.completions.stream(request)
                            stream.collect {}
                            currentTime shouldBe 300_000
                            stream.completion.shouldNotBeNull().content shouldBe "done"
                            val m = stream.metrics.shouldNotBeNull()
                            m.keepAliveComments shouldBe 30
                            m.chunkCount shouldBe 1
                            m.timeToFirstChunk shouldBe Duration.ofMinutes(5)
                            m.totalDuration shouldBe Duration.ofMinutes(5)
                        }
                }
            }

            test("a keep-alive that comes 31 s after the previous one is too late: IDLE at 90 s") {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream {
                                repeat(6) {
                                    delay(10_000)
                                    send(": keep-alive\n\n")
                                }
                                delay(31_000)
                                send(": keep-alive\n\n")
                                send(contentEvent("late", finishReason = "stop"))
                                send(DONE_EVENT)
                            }
                        }
                    gateway
                        .client {
                            idleTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val (failure, _) = client.collectStream()
                            shouldHaveTimedOut(failure, Kind.IDLE, 30.seconds, 90_000)
                        }
                }
            }

            test(
                "a collector that holds a chunk for 45 s does not trip a 30 s idle timeout: time with the caller is not server idleness"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream {
                                delay(1_000)
                                send(contentEvent("a"))
                                delay(1_000) // arrives while the caller holds "a"
                                send(contentEvent("b", finishReason = "stop"))
                                send(DONE_EVENT)
                            }
                        }
                    gateway
                        .client {
                            idleTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val (failure, seen) =
                                client.collectStream { index -> if (index == 0) delay(45_000) }
                            failure shouldBe null
                            seen shouldBe listOf("a", "b")
                            currentTime shouldBe 46_000
                        }
                }
            }

            test(
                "after a held chunk, the idle timeout counts from when the caller returned: IDLE at 1 + 45 + 30 s"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream {
                                delay(1_000)
                                send(contentEvent("a"))
                                silence()
                            }
                        }
                    gateway
                        .client {
                            idleTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val (failure, seen) =
                                client.collectStream { index -> if (index == 0) delay(45_000) }
                            val e = shouldHaveTimedOut(failure, Kind.IDLE, 30.seconds, 76_000)
                            seen shouldBe listOf("a")
                            e.partialCompletion.shouldNotBeNull().content shouldBe "a"
                        }
                }
            }

            test(
                "first-event timeout (10 s) shorter than the idle timeout (30 s): FIRST_EVENT at 10 s; after a first event at 8 s, IDLE at 38 s"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            if (number == 1) stream { silence() }
                            else
                                stream {
                                    delay(8_000)
                                    send(contentEvent("a"))
                                    silence()
                                }
                        }
                    gateway
                        .client {
                            firstEventTimeout = 10.seconds
                            idleTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            shouldHaveTimedOut(
                                client.collectStream().first,
                                Kind.FIRST_EVENT,
                                10.seconds,
                                10_000,
                            )
                            val (failure, seen) = client.collectStream()
                            shouldHaveTimedOut(failure, Kind.IDLE, 30.seconds, 10_000 + 38_000)
                            seen shouldBe listOf("a")
                            gateway.requestTimes shouldBe listOf(0L, 10_000L)
                        }
                }
            }

            test(
                "first-event timeout (60 s) longer than the idle timeout (5 s): FIRST_EVENT at 60 s; a first event at 50 s is in time, then IDLE at 55 s"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            if (number == 1) stream { silence() }
                            else
                                stream {
                                    delay(50_000)
                                    send(contentEvent("a"))
                                    silence()
                                }
                        }
                    gateway
                        .client {
                            firstEventTimeout = 60.seconds
                            idleTimeout = 5.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            shouldHaveTimedOut(
                                client.collectStream().first,
                                Kind.FIRST_EVENT,
                                60.seconds,
                                60_000,
                            )
                            val (failure, seen) = client.collectStream()
                            shouldHaveTimedOut(failure, Kind.IDLE, 5.seconds, 60_000 + 55_000)
                            seen shouldBe listOf("a")
                        }
                }
            }

            test(
                "headers that come late count against the first-event timeout: headers at 25 s, silence → FIRST_EVENT at 30 s"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            delay(25_000)
                            stream { silence() }
                        }
                    gateway
                        .client {
                            firstEventTimeout = 30.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val (failure, _) = client.collectStream()
                            shouldHaveTimedOut(failure, Kind.FIRST_EVENT, 30.seconds, 30_000)
                                .requestId() shouldBe "req_1"
                        }
                }
            }
        }

        context("retry waits") {
            val rateLimited = """{"error":{"message":"slow down","code":"rate_limit_exceeded"}}"""

            test(
                "stream: a 429 with Retry-After: 7, then success → the second request is sent at exactly 7 000 ms"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            if (number == 1) json(429, rateLimited, mapOf("Retry-After" to "7"))
                            else
                                stream {
                                    send(contentEvent("ok", finishReason = "stop"))
                                    send(DONE_EVENT)
                                }
                        }
                    gateway
                        .client { maxRetries = 2 }
                        .use { client ->
                            val stream = client.chat.completions.stream(request)
                            stream.collect {}
                            gateway.requestTimes shouldBe listOf(0L, 7_000L)
                            currentTime shouldBe 7_000
                            stream.completion.shouldNotBeNull().content shouldBe "ok"
                            stream.attempts shouldBe 2
                            val m = stream.metrics.shouldNotBeNull()
                            m.retries shouldBe 1
                            // a collection's times count from its start, so they include the wait
                            m.timeToResponseHeaders shouldBe Duration.ofSeconds(7)
                            m.totalDuration shouldBe Duration.ofSeconds(7)
                        }
                }
            }

            test("create: a 429 with Retry-After: 7, then success → second request at 7 000 ms") {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            if (number == 1) json(429, rateLimited, mapOf("Retry-After" to "7"))
                            else json(200, completionJson("ok"))
                        }
                    gateway
                        .client { maxRetries = 2 }
                        .use { client ->
                            client.chat.completions.create(request).content shouldBe "ok"
                            gateway.requestTimes shouldBe listOf(0L, 7_000L)
                            currentTime shouldBe 7_000
                        }
                }
            }

            test("retry-after-ms: 250 → the second request at exactly 250 ms") {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            if (number == 1)
                                json(429, rateLimited, mapOf("retry-after-ms" to "250"))
                            else json(200, completionJson("ok"))
                        }
                    gateway
                        .client { maxRetries = 2 }
                        .use { client ->
                            client.chat.completions.create(request).content shouldBe "ok"
                            gateway.requestTimes shouldBe listOf(0L, 250L)
                        }
                }
            }

            test(
                "Retry-After: 7 on every attempt, 3 retries → RateLimitException at 21 s, requests at 0, 7, 14, 21 s"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) { json(429, rateLimited, mapOf("Retry-After" to "7")) }
                    gateway
                        .client { maxRetries = 3 }
                        .use { client ->
                            val e =
                                shouldThrow<RateLimitException> {
                                    client.chat.completions.create(request)
                                }
                            e.attempts() shouldBe 4
                            gateway.requestTimes shouldBe listOf(0L, 7_000L, 14_000L, 21_000L)
                            currentTime shouldBe 21_000
                        }
                }
            }

            test(
                "closing the client 3 s into a 7 s retry wait fails the call at 3 s with IllegalStateException, not after the wait"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) { json(429, rateLimited, mapOf("Retry-After" to "7")) }
                    val client = gateway.client { maxRetries = 2 }
                    val call = async {
                        runCatching { client.chat.completions.create(request) }.exceptionOrNull()
                    }
                    delay(3_000) // virtual: the call is waiting to retry
                    client.close()
                    val e = call.await().shouldBeInstanceOf<IllegalStateException>()
                    e.message shouldContain "closed while waiting to retry"
                    e.cause.shouldBeInstanceOf<RateLimitException>()
                    currentTime shouldBe 3_000
                    gateway.requestTimes shouldBe listOf(0L)
                }
            }

            test(
                "closing the client during a stream's retry wait: the same, at the time of the close"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) { json(429, rateLimited, mapOf("Retry-After" to "7")) }
                    val client = gateway.client { maxRetries = 2 }
                    val call = async { client.collectStream().first }
                    delay(1_500)
                    client.close()
                    call.await().shouldBeInstanceOf<IllegalStateException>().message shouldContain
                        "closed while waiting to retry"
                    currentTime shouldBe 1_500
                    gateway.requestTimes shouldBe listOf(0L)
                }
            }
        }

        context("create() request timeout") {
            test("the server never answers → REQUEST timeout at exactly the configured 20 s") {
                runTest {
                    val gateway = VirtualGateway(this) { noAnswer() }
                    gateway
                        .client {
                            requestTimeout = 20.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.chat.completions.create(request)
                                }
                            shouldHaveTimedOut(e, Kind.REQUEST, 20.seconds, 20_000)
                            gateway.requestTimes shouldBe listOf(0L)
                        }
                }
            }

            test(
                "headers at once, then a body that stalls → REQUEST timeout at 20 s, with the request id"
            ) {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            stream(contentType = "application/json") {
                                send("""{"id":"c1","object":""")
                                silence()
                            }
                        }
                    gateway
                        .client {
                            requestTimeout = 20.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            val e =
                                shouldThrow<AurikoTimeoutException> {
                                    client.chat.completions.create(request)
                                }
                            shouldHaveTimedOut(e, Kind.REQUEST, 20.seconds, 20_000)
                            e.requestId() shouldBe "req_1"
                        }
                }
            }

            test("a slow answer within the request timeout succeeds at its virtual time") {
                runTest {
                    val gateway =
                        VirtualGateway(this) {
                            delay(19_999)
                            json(200, completionJson("just in time"))
                        }
                    gateway
                        .client {
                            requestTimeout = 20.seconds
                            maxRetries = 0
                        }
                        .use { client ->
                            client.chat.completions.create(request).content shouldBe "just in time"
                            currentTime shouldBe 19_999
                        }
                }
            }
        }

        context("durations reported in virtual time") {
            test(
                "a stream with headers at 0.5 s and chunks at 1, 2 and 3 s: callSucceeded's duration and the stream metrics are the virtual times"
            ) {
                runTest {
                    val listener = TimingListener()
                    val gateway =
                        VirtualGateway(this) {
                            delay(500)
                            stream {
                                delay(500)
                                send(contentEvent("a"))
                                delay(1_000)
                                send(contentEvent("b"))
                                delay(1_000)
                                send(contentEvent("c", finishReason = "stop"))
                                send(DONE_EVENT)
                            }
                        }
                    gateway
                        .client { eventListener = listener }
                        .use { client ->
                            val stream = client.chat.completions.stream(request)
                            stream.collect {}
                            currentTime shouldBe 3_000
                            listener.firstChunk shouldBe listOf(Duration.ofMillis(1_000))
                            listener.succeeded shouldBe listOf(Duration.ofMillis(3_000))
                            val m = listener.metrics.shouldNotBeNull()
                            stream.metrics shouldBe m
                            withClue(m.toString()) {
                                m.timeToResponseHeaders shouldBe Duration.ofMillis(500)
                                m.timeToFirstChunk shouldBe Duration.ofMillis(1_000)
                                m.timeToFirstToken shouldBe Duration.ofMillis(1_000)
                                m.totalDuration shouldBe Duration.ofMillis(3_000)
                                m.largestGapBetweenChunks shouldBe Duration.ofMillis(1_000)
                                m.contentChunksPerSecond shouldBe 1.0 // 2 intervals in 2 s
                                m.chunkCount shouldBe 3
                                m.keepAliveComments shouldBe 0
                            }
                        }
                }
            }

            test(
                "a create() answered after 1.5 s: callSucceeded's duration is 1.5 s; a failed one reports its virtual duration too"
            ) {
                runTest {
                    val listener = TimingListener()
                    val gateway =
                        VirtualGateway(this) {
                            delay(1_500)
                            if (number == 1) json(200, completionJson("ok"))
                            else json(400, """{"error":{"message":"bad"}}""")
                        }
                    gateway
                        .client { eventListener = listener }
                        .use { client ->
                            client.chat.completions.create(request)
                            listener.succeeded shouldBe listOf(Duration.ofMillis(1_500))
                            shouldThrow<AurikoException> { client.chat.completions.create(request) }
                            listener.failed shouldBe listOf(Duration.ofMillis(1_500))
                            currentTime shouldBe 3_000
                        }
                }
            }
        }
    })

/** Records the durations the client reports. */
private class TimingListener : AurikoEventListener() {
    val firstChunk = CopyOnWriteArrayList<Duration>()
    val succeeded = CopyOnWriteArrayList<Duration>()
    val failed = CopyOnWriteArrayList<Duration>()
    @Volatile var metrics: StreamMetrics? = null

    override fun firstChunk(call: AurikoCall, sinceStart: Duration) {
        firstChunk += sinceStart
    }

    override fun callSucceeded(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) {
        succeeded += duration
        this.metrics = metrics
    }

    override fun callFailed(
        call: AurikoCall,
        duration: Duration,
        error: Throwable,
        metrics: StreamMetrics?,
    ) {
        failed += duration
    }
}
