@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package ai.auriko.client.observability

import ai.auriko.client.AurikoClient
import ai.auriko.client.blocking.AurikoBlockingClient
import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.VirtualGateway
import ai.auriko.client.testing.completeStream
import ai.auriko.client.testing.contentEvent
import ai.auriko.client.testing.streamUntilClientCloses
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.http.RetryPolicy
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.time.Duration
import java.util.concurrent.CancellationException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull

/** Counts the final callbacks of every call: each started call must end exactly once. */
private class OutcomeListener : AurikoEventListener() {
    val started = CopyOnWriteArrayList<Long>()
    val endings = ConcurrentHashMap<Long, CopyOnWriteArrayList<String>>()
    /** Completed when the first chunk of a stream reached its collector. */
    val firstChunk = CompletableDeferred<Unit>()
    val retries = CopyOnWriteArrayList<String>()
    /** Completed when a retry is scheduled (before the client starts waiting). */
    val retryScheduled = CompletableDeferred<Unit>()
    @Volatile var error: Throwable? = null
    /** Bumped after each ending is recorded, for [outcomes] to wait on. */
    private val endingsSeen = MutableStateFlow(0)

    override fun callStarted(call: AurikoCall) {
        started += call.id
    }

    override fun retryScheduled(
        call: AurikoCall,
        attempt: Int,
        delay: Duration,
        reason: ai.auriko.errors.AurikoException,
    ) {
        retries += reason.toString()
        retryScheduled.complete(Unit)
    }

    override fun firstChunk(call: AurikoCall, sinceStart: Duration) {
        firstChunk.complete(Unit)
    }

    override fun callSucceeded(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) =
        end(call, "succeeded")

    override fun callFailed(
        call: AurikoCall,
        duration: Duration,
        error: Throwable,
        metrics: StreamMetrics?,
    ) {
        this.error = error
        end(call, "failed ${error.javaClass.simpleName}")
    }

    override fun callCancelled(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) =
        end(call, "cancelled")

    private fun end(call: AurikoCall, what: String) {
        endings.computeIfAbsent(call.id) { CopyOnWriteArrayList() } += what
        endingsSeen.update { it + 1 }
    }

    /**
     * Waits (bounded, 5 s) until every started call ended, then returns each call's endings. The
     * client reports a call's ending from the calling coroutine before that coroutine completes, so
     * once the callers completed (every test joins or awaits them, or the blocking client's scope)
     * no ending, and no duplicate, is still on its way.
     */
    suspend fun outcomes(): List<List<String>> {
        withTimeoutOrNull(5.seconds) {
            endingsSeen.first { started.all { !endings[it].isNullOrEmpty() } }
        }
        return started.map { endings[it]?.toList().orEmpty() }
    }
}

/** Counts the requests a loopback server received, for a test to wait on instead of polling. */
private class Arrivals {
    private val count = MutableStateFlow(0)

    /** Called by the server's script as each request arrives. */
    fun arrived() = count.update { it + 1 }

    /** Waits (bounded, 5 s) until [n] requests arrived. */
    suspend fun await(n: Int) {
        withTimeout(5.seconds) { count.first { it >= n } }
    }

    /** [await] for a plain thread. */
    fun awaitBlocking(n: Int) = runBlocking { await(n) }
}

class CallOutcomeSpec :
    FunSpec({
        val request = chatCompletionRequest {
            model = "m"
            messages { user("Hi") }
        }

        fun client(
            server: LoopbackServer,
            listener: AurikoEventListener,
            configure: ai.auriko.client.AurikoClientOptions.Builder.() -> Unit = {},
        ) = AurikoClient {
            apiKey = "sk-outcome-key"
            baseUrl = server.baseUrl
            eventListener = listener
            logger = ai.auriko.client.logging.AurikoLogger.NONE
            configure()
        }

        test(
            "a collector that throws ends the call once, as failed with the collector's exception"
        ) {
            val listener = OutcomeListener()
            LoopbackServer { it.streamUntilClientCloses() }
                .use { server ->
                    client(server, listener).use { c ->
                        val boom = IllegalStateException("collector bug")
                        shouldThrow<IllegalStateException> {
                            c.chat.completions.stream(request).collect { throw boom }
                        } shouldBeSameInstanceAs boom
                        listener.outcomes() shouldContainExactly
                            listOf(listOf("failed IllegalStateException"))
                        listener.error shouldBeSameInstanceAs boom
                    }
                }
        }

        test("a cancelled collecting coroutine ends the call once, as cancelled") {
            val listener = OutcomeListener()
            LoopbackServer { it.streamUntilClientCloses() }
                .use { server ->
                    client(server, listener).use { c ->
                        val job =
                            launch(Dispatchers.IO) { c.chat.completions.stream(request).collect {} }
                        withTimeout(5.seconds) { listener.firstChunk.await() }
                        job.cancelAndJoin()
                        listener.outcomes() shouldContainExactly listOf(listOf("cancelled"))
                    }
                }
        }

        test("an idle timeout and a request timeout end the call once, as failed (virtual time)") {
            runTest {
                val listener = OutcomeListener()
                val gateway =
                    VirtualGateway(this) {
                        if (number == 1)
                            stream {
                                send(contentEvent("a"))
                                silence()
                            }
                        else noAnswer()
                    }
                gateway
                    .client {
                        eventListener = listener
                        idleTimeout = 30.seconds
                        requestTimeout = 30.seconds
                        maxRetries = 0
                    }
                    .use { c ->
                        shouldThrow<AurikoTimeoutException> {
                            c.chat.completions.stream(request).collect {}
                        }
                        currentTime shouldBe 30_000
                        shouldThrow<AurikoTimeoutException> { c.chat.completions.create(request) }
                        currentTime shouldBe 60_000
                        listener.outcomes() shouldContainExactly
                            listOf(
                                listOf("failed AurikoTimeoutException"),
                                listOf("failed AurikoTimeoutException"),
                            )
                    }
            }
        }

        test(
            "closing the client mid-stream, mid-create and during a retry wait ends each call once, as failed"
        ) {
            val listener = OutcomeListener()
            val arrivals = Arrivals()
            LoopbackServer { ex ->
                    arrivals.arrived()
                    if (ex.request.body.decodeToString().contains("\"stream\":true"))
                        ex.streamUntilClientCloses()
                    else ex.awaitClientClose(5_000)
                }
                .use { server ->
                    val c = client(server, listener)
                    val stream =
                        async(Dispatchers.IO) {
                            runCatching { c.chat.completions.stream(request).collect {} }
                        }
                    val create =
                        async(Dispatchers.IO) { runCatching { c.chat.completions.create(request) } }
                    withTimeout(5.seconds) { listener.firstChunk.await() }
                    arrivals.await(2) // the create is waiting for its answer
                    c.close()
                    withTimeout(5.seconds) {
                        stream.await()
                        create.await()
                    }
                    listener.outcomes().map { it.size } shouldBe listOf(1, 1)
                }
            val waiting = OutcomeListener()
            LoopbackServer { ex ->
                    ex.respond(
                        503,
                        """{"error":{"message":"busy"}}""",
                        mapOf("Content-Type" to "application/json", "Retry-After" to "10"),
                    )
                }
                .use { server ->
                    val c =
                        client(server, waiting) {
                            retryPolicy =
                                RetryPolicy.builder()
                                    .maxRetries(1)
                                    .maxBackoff(Duration.ofSeconds(20))
                                    .build()
                        }
                    val create =
                        async(Dispatchers.IO) { runCatching { c.chat.completions.create(request) } }
                    // the 503 arrived and a 10 s wait is scheduled: close now, during the wait
                    withTimeout(5.seconds) { waiting.retryScheduled.await() }
                    c.close()
                    withTimeout(5.seconds) { create.await().isFailure shouldBe true }
                    waiting.outcomes() shouldContainExactly
                        listOf(listOf("failed IllegalStateException"))
                }
        }

        test(
            "Java: an interrupted iterator and a cancelled createAsync each end once, as cancelled"
        ) {
            val listener = OutcomeListener()
            val arrivals = Arrivals()
            LoopbackServer { ex ->
                    arrivals.arrived()
                    if (ex.request.body.decodeToString().contains("\"stream\":true"))
                        ex.streamUntilClientCloses()
                    else ex.awaitClientClose(5_000)
                }
                .use { server ->
                    AurikoBlockingClient(client(server, listener)).use { blocking ->
                        val stream = blocking.chat().completions().stream(request)
                        stream.next()
                        Thread.currentThread().interrupt()
                        runCatching { while (stream.hasNext()) stream.next() }
                        Thread.interrupted()
                        stream.close()
                        val future = blocking.chat().completions().createAsync(request)
                        arrivals.await(2) // the create is waiting for its answer
                        future.cancel(true)
                        shouldThrow<CancellationException> { future.get(5, TimeUnit.SECONDS) }
                        // the future is cancelled at once; its coroutine ends in the blocking
                        // client's scope: join it, then every ending has been reported
                        withTimeout(5.seconds) {
                            blocking.scope.coroutineContext.job.children.forEach { it.join() }
                        }
                        listener.outcomes() shouldContainExactly
                            listOf(listOf("cancelled"), listOf("cancelled"))
                        blocking.kotlinClient().close()
                    }
                }
        }

        test(
            "a call cancelled with a cause (an interrupted Java create, a failing sibling coroutine) ends once, as cancelled"
        ) {
            val listener = OutcomeListener()
            val arrivals = Arrivals()
            LoopbackServer { ex ->
                    arrivals.arrived()
                    if (ex.request.body.decodeToString().contains("\"stream\":true"))
                        ex.streamUntilClientCloses()
                    else ex.awaitClientClose(5_000)
                }
                .use { server ->
                    client(server, listener).use { c ->
                        val caller = Thread.currentThread()
                        val interrupter =
                            Thread {
                                    arrivals.awaitBlocking(1) // the create is waiting
                                    caller.interrupt()
                                }
                                .apply { start() }
                        shouldThrow<ai.auriko.errors.AurikoInterruptedException> {
                            AurikoBlockingClient(c).chat().completions().create(request)
                        }
                        // The SDK restores the interrupt status; clear it before joining, or join()
                        // throws
                        // InterruptedException whenever the interrupter has not quite ended yet.
                        Thread.interrupted() shouldBe true
                        interrupter.join(5_000)
                        val sibling = IllegalStateException("sibling failed")
                        val e =
                            runCatching {
                                    kotlinx.coroutines.coroutineScope {
                                        launch { c.chat.completions.stream(request).collect {} }
                                        launch { c.chat.completions.create(request) }
                                        launch {
                                            // the stream is flowing and the create is waiting
                                            withTimeout(5.seconds) { listener.firstChunk.await() }
                                            arrivals.await(3)
                                            throw sibling
                                        }
                                    }
                                }
                                .exceptionOrNull()
                        e?.message shouldBe sibling.message // a copy, under stack-trace recovery
                        listener.outcomes() shouldContainExactly
                            listOf(listOf("cancelled"), listOf("cancelled"), listOf("cancelled"))
                    }
                }
        }

        test(
            "a call whose caller was cancelled by a failing sibling is not retried, whatever the sibling threw"
        ) {
            val listener = OutcomeListener()
            val arrivals = Arrivals()
            LoopbackServer { ex ->
                    arrivals.arrived()
                    ex.awaitClientClose(5_000)
                }
                .use { server ->
                    client(server, listener).use { c ->
                        runCatching {
                            kotlinx.coroutines.coroutineScope {
                                launch { c.chat.completions.create(request) }
                                launch {
                                    arrivals.await(1) // the create is waiting for its answer
                                    throw java.io.IOException("sibling's own I/O failed")
                                }
                            }
                        }
                        listener.outcomes() shouldContainExactly listOf(listOf("cancelled"))
                        listener.retries shouldBe emptyList()
                    }
                }
        }

        test(
            "a JSON answer instead of a stream, and a [DONE] stream, each end once, as succeeded"
        ) {
            val listener = OutcomeListener()
            LoopbackServer { ex ->
                    if (ex.request.path.contains("json"))
                        ex.respond(
                            200,
                            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""",
                        )
                    else ex.completeStream("a", "b")
                }
                .use { server ->
                    client(server, listener).use { c ->
                        c.chat.completions.stream(request).collect {}
                    }
                    val jsonListener = OutcomeListener()
                    AurikoClient {
                            apiKey = "sk-outcome-key"
                            baseUrl = server.baseUrl + "/json"
                            eventListener = jsonListener
                            logger = ai.auriko.client.logging.AurikoLogger.NONE
                        }
                        .use { c -> c.chat.completions.stream(request).collect {} }
                    listener.outcomes() shouldContainExactly listOf(listOf("succeeded"))
                    jsonListener.outcomes() shouldContainExactly listOf(listOf("succeeded"))
                }
        }

        test(
            "a listener or logger that throws an Error (NotImplementedError, a failed assertion) cannot break a call either"
        ) {
            val throwing =
                object : AurikoEventListener() {
                    // what Kotlin's placeholder for an unwritten body throws, from a listener
                    // method
                    override fun attemptStarted(call: AurikoCall, attempt: Int) =
                        throw NotImplementedError("listener bug")

                    override fun callSucceeded(
                        call: AurikoCall,
                        duration: Duration,
                        metrics: StreamMetrics?,
                    ) = throw AssertionError("observer bug")
                }
            LoopbackServer { ex ->
                    if (ex.request.body.decodeToString().contains("\"stream\":true"))
                        ex.completeStream("a", "b")
                    else
                        ex.respond(
                            200,
                            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ab"},"finish_reason":"stop"}]}""",
                        )
                }
                .use { server ->
                    client(server, throwing) {
                            logger =
                                ai.auriko.client.logging.AurikoLogger { _, _, _ ->
                                    throw AssertionError("logger bug")
                                }
                            httpLogLevel = ai.auriko.client.logging.HttpLogLevel.BASIC
                        }
                        .use { c ->
                            c.chat.completions
                                .stream(request)
                                .toCompletion()
                                .choices
                                .single()
                                .message
                                .content shouldBe "ab"
                            c.chat.completions
                                .create(request)
                                .choices
                                .single()
                                .message
                                .content shouldBe "ab"
                        }
                }
        }
    })
