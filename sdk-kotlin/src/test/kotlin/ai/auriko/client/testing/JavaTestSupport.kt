package ai.auriko.client.testing

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.cio.endpoint
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import java.util.function.Consumer
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher

/** Test helpers shaped for the Java tests, so they read as plain Java. */
object JavaTestSupport {
    /** Every wire recording. */
    @JvmStatic fun fixtures(): List<WireFixture> = WireFixtures.all

    /** Every Responses API wire recording (`fixtures/responses/`). */
    @JvmStatic fun responseFixtures(): List<WireFixture> = ResponseWireFixtures.all

    /** The wire recording called [name] (for example `auriko-basic`). */
    @JvmStatic
    fun fixture(name: String): WireFixture =
        WireFixtures.all.firstOrNull { it.name == name } ?: error("no wire fixture named $name")

    /** An engine that answers every request with [fixture]'s recorded response. */
    @JvmStatic
    fun fixtureEngine(fixture: WireFixture, bytewise: Boolean): HttpClientEngine = MockEngine {
        respondFixture(
            fixture,
            if (bytewise) Delivery.BYTEWISE else Delivery.WHOLE,
            CoroutineScope(Dispatchers.Unconfined),
        )
    }

    /**
     * CIO set up as the README tells users to, for many concurrent streams on few threads, running
     * on [executor] instead of the JVM-wide `Dispatchers.IO` (so a test's burst does not leave that
     * shared pool grown for the tests after it).
     */
    @JvmStatic
    fun cioEngine(executor: java.util.concurrent.Executor): HttpClientEngine =
        io.ktor.client.engine.cio.CIO.create {
            dispatcher = executor.asCoroutineDispatcher()
            requestTimeout = 0
            maxConnectionsCount = 100_000
            endpoint {
                maxConnectionsPerRoute = 100_000
                connectAttempts = 1
            }
        }

    /** A loopback server running [script] for each connection. */
    @JvmStatic
    fun server(script: Consumer<Exchange>): LoopbackServer = LoopbackServer { script.accept(it) }

    /** A blocking client's builder for [server]: a test key, no retries. */
    @JvmStatic
    fun clientBuilder(
        server: LoopbackServer
    ): ai.auriko.client.blocking.AurikoBlockingClient.Builder =
        ai.auriko.client.blocking.AurikoBlockingClient.Builder()
            .apiKey("sk-test")
            .baseUrl(server.baseUrl)
            .maxRetries(0)

    /**
     * Makes every Java iterator of [client] read its stream on its iterating thread, as they do
     * once more are open than there are cores (CallerThread.Reads); returns [client].
     */
    @JvmStatic
    fun readOnIteratingThreads(
        client: ai.auriko.client.blocking.AurikoBlockingClient
    ): ai.auriko.client.blocking.AurikoBlockingClient =
        client.also { it.kotlinClient().runtime.callerThreadReads!!.above = 0 }

    /** Whether [stream] is read on its iterating thread (else by the engine's threads). */
    @JvmStatic
    fun readsOnItsThread(stream: ai.auriko.client.blocking.BlockingChatCompletionStream): Boolean =
        stream.readsOnItsThread

    /**
     * Whether [thread] waits for the stream: parked (the engine's threads read, it waits for them),
     * or in a socket read of its own (the caller-thread engine, where the iterating thread reads),
     * which the JDK reports as RUNNABLE.
     */
    @JvmStatic
    fun waitsForTheNetwork(thread: Thread): Boolean =
        when (thread.state) {
            Thread.State.WAITING,
            Thread.State.TIMED_WAITING -> true
            Thread.State.RUNNABLE ->
                thread.stackTrace.any {
                    it.className.startsWith("sun.nio.ch.") &&
                        (it.methodName.startsWith("read") ||
                            it.methodName == "park" ||
                            it.methodName == "poll")
                }
            else -> false
        }

    /** An SSE event carrying [content] for choice 0. */
    @JvmStatic fun contentChunk(content: String): String = contentEvent(content)

    /** Coroutines still active in the Java client's scope and in its HTTP client. */
    @JvmStatic
    fun activeCoroutines(client: ai.auriko.client.blocking.AurikoBlockingClient): Int {
        val scopeJob = client.scope.coroutineContext[kotlinx.coroutines.Job]!!
        val runtime = client.kotlinClient().runtime
        return scopeJob.children.count { it.isActive } +
            listOfNotNull(runtime.http, runtime.callerThreadHttp).sumOf { http ->
                http.coroutineContext[kotlinx.coroutines.Job]!!.children.count { it.isActive }
            }
    }

    /** The final SSE events of a complete stream. */
    @JvmStatic
    fun finishAndDone(): String = contentEvent("", finishReason = "stop") + "data: [DONE]\n\n"

    /** Answers [exchange] with a complete stream: a chunk of [content], the finish and `[DONE]`. */
    @JvmStatic
    fun completeStream(exchange: Exchange, content: String) {
        exchange.startStream()
        exchange.chunk(contentChunk(content))
        exchange.chunk(finishAndDone())
        exchange.endStream()
    }

    /**
     * An engine that answers each encoded path in [routes] (for example `/v1/me`) with its JSON
     * body (200, `x-request-id: req_java`), and any other path with a 404 JSON error (code
     * `not_found`, `x-request-id: req_java_404`). What it was asked is in [requestedPaths].
     */
    @JvmStatic
    fun jsonEngine(routes: Map<String, String>): MockEngine = MockEngine { request ->
        val path = request.url.encodedPath
        val body = routes[path]
        if (body != null) {
            respond(
                body,
                HttpStatusCode.OK,
                headersOf(
                    HttpHeaders.ContentType to listOf("application/json"),
                    "x-request-id" to listOf("req_java"),
                ),
            )
        } else {
            val message = kotlinx.serialization.json.JsonPrimitive("no route for $path").toString()
            respond(
                """{"error":{"message":$message,"type":"not_found_error","code":"not_found"}}""",
                HttpStatusCode.NotFound,
                headersOf(
                    HttpHeaders.ContentType to listOf("application/json"),
                    "x-request-id" to listOf("req_java_404"),
                ),
            )
        }
    }

    /**
     * A Java client builder that reads environment variables from [environment] instead of the
     * process's, adding each name it reads to [asked].
     */
    @JvmStatic
    fun builderWithEnvironment(
        environment: Map<String, String>,
        asked: MutableList<String>,
    ): ai.auriko.client.blocking.AurikoBlockingClient.Builder =
        ai.auriko.client.blocking.AurikoBlockingClient.Builder().environment { name ->
            asked += name
            environment[name]
        }

    /** The encoded paths [engine] was asked for, in order. */
    @JvmStatic
    fun requestedPaths(engine: MockEngine): List<String> =
        engine.requestHistory.map { it.url.encodedPath }

    /** The full URLs [engine] was asked for, in order. */
    @JvmStatic
    fun requestedUrls(engine: MockEngine): List<String> =
        engine.requestHistory.map { it.url.toString() }

    /** The HTTP methods [engine] was asked with, in order. */
    @JvmStatic
    fun requestedMethods(engine: MockEngine): List<String> =
        engine.requestHistory.map { it.method.value }

    /** The values of header [name] on the [index]th request [engine] received. */
    @JvmStatic
    fun requestHeader(engine: MockEngine, index: Int, name: String): List<String> =
        engine.requestHistory[index].headers.getAll(name).orEmpty()
}
