package ai.auriko.client.testing

import ai.auriko.client.AurikoClient
import ai.auriko.client.AurikoClientOptions
import ai.auriko.client.logging.AurikoLogger
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockEngineConfig
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.writeStringUtf8
import java.io.IOException
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope

/**
 * A gateway on a Ktor [MockEngine] that lives in the virtual time of a kotlinx-coroutines-test
 * [TestScope]:
 * - the engine's dispatcher ([io.ktor.client.engine.HttpClientEngineConfig.dispatcher], which
 *   `MockEngine.execute` runs each handler on) is a [StandardTestDispatcher] on the test's
 *   scheduler;
 * - [client]s read the test's clock and wait with `delay` on it ([VirtualTime]);
 * - response bodies are written by coroutines in the test's `backgroundScope`, so the `delay`s
 *   between their events are virtual too.
 *
 * Nothing runs on another thread, so when every coroutine waits, the scheduler jumps to the next
 * deadline: a 5-minute stream or a 30-second timeout takes no wall-clock time, and each step
 * happens at an exact, asserted virtual millisecond.
 *
 * [respond] answers each request; it may `delay` before answering (the headers then arrive late).
 */
class VirtualGateway(
    private val test: TestScope,
    private val respond: suspend Exchange.() -> HttpResponseData,
) {
    /** Every request, in order. */
    val requests: MutableList<HttpRequestData> = CopyOnWriteArrayList()

    /** The virtual time (ms) at which each request reached the engine. */
    val requestTimes: MutableList<Long> = CopyOnWriteArrayList()

    val engine: MockEngine =
        MockEngine(
            MockEngineConfig().apply {
                dispatcher = StandardTestDispatcher(test.testScheduler)
                addHandler { request ->
                    requests += request
                    requestTimes += test.testScheduler.currentTime
                    Exchange(this, request, requests.size).respond()
                }
            }
        )

    /** A client on [engine] whose time is the test's virtual time. */
    fun client(configure: AurikoClientOptions.Builder.() -> Unit = {}): AurikoClient =
        AurikoClient {
            apiKey = "sk-virtual-test"
            baseUrl = "https://gateway.test/v1"
            engine = this@VirtualGateway.engine
            time = VirtualTime(test.testScheduler)
            logger = AurikoLogger.NONE
            configure()
        }

    /** One request being answered; [number] counts from 1. */
    inner class Exchange(
        private val scope: MockRequestHandleScope,
        val request: HttpRequestData,
        val number: Int,
    ) {
        /** The request id this exchange answers with: `req_<number>`. */
        val requestId: String = "req_$number"

        /**
         * A 200 response (an event stream unless [contentType] says otherwise, with an
         * `x-request-id`) whose body is what [write] sends, written from the test's background
         * scope. The body ends when [write] returns; a [write] that ends with [Body.silence] keeps
         * it open and quiet.
         */
        fun stream(
            contentType: String = "text/event-stream",
            write: suspend Body.() -> Unit,
        ): HttpResponseData {
            val channel = ByteChannel()
            test.backgroundScope.launch {
                try {
                    Body(channel).write()
                    channel.flushAndClose()
                } catch (e: CancellationException) {
                    channel.cancel(e) // the test ended
                    throw e
                } catch (e: IOException) {
                    // the client went away and cancelled the body: as for a server, nothing to do
                }
            }
            return scope.respond(
                channel,
                HttpStatusCode.OK,
                headersOf(
                    "content-type" to listOf(contentType),
                    "x-request-id" to listOf(requestId),
                ),
            )
        }

        /** A whole JSON response with [status] and extra [headers] (plus an `x-request-id`). */
        fun json(
            status: Int,
            body: String,
            headers: Map<String, String> = emptyMap(),
        ): HttpResponseData {
            val all =
                mapOf("content-type" to "application/json", "x-request-id" to requestId) + headers
            return scope.respond(
                body,
                HttpStatusCode.fromValue(status),
                headersOf(*all.map { (k, v) -> k to listOf(v) }.toTypedArray()),
            )
        }

        /** Never answers: the headers never come. */
        suspend fun noAnswer(): Nothing = awaitCancellation()
    }

    /** The writing end of a streamed body. */
    class Body(private val channel: ByteChannel) {
        /** Sends [text] now (written and flushed, so the client can read it at once). */
        suspend fun send(text: String) {
            channel.writeStringUtf8(text)
            channel.flush()
        }

        /** Sends nothing more, without ending the body. */
        suspend fun silence(): Nothing = awaitCancellation()
    }
}

const val DONE_EVENT: String = "data: [DONE]\n\n"
