package ai.auriko.client.internal

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.okhttp.OkHttp
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import okhttp3.Dispatcher

/**
 * How many requests one client lets wait for their response headers at once; more wait for a slot.
 * See [defaultEngine].
 */
internal const val MAX_REQUESTS_AWAITING_HEADERS: Int = 256

/**
 * The engine a client creates (and owns) when it is given none: Ktor's OkHttp engine, with a thread
 * for every response body being read. Chosen over Ktor's CIO engine for correctness, then by the
 * numbers in `bench/results/`:
 * - **Cancelling always closes the connection.** On CIO, cancelling a stream whose server had
 *   filled the buffers (a collector slower than the tokens) left the connection open for 20 s and
 *   more, the model still generating; an abandoned oversized error body did the same
 *   (DefaultEngineSpec, ErrorBodySpec). OkHttp closes it at once.
 * - **Connections are reused**: CIO opens a connection for every POST (it pools only pipelined GET
 *   and HEAD), so every completion would pay a TCP connect and a TLS handshake. OkHttp also speaks
 *   HTTP/2 and TLS 1.3 through the platform; CIO's own TLS speaks 1.2 only.
 * - The cost is threads: Ktor reads each OkHttp body with blocking calls on the engine's
 *   dispatcher, so every open stream holds a thread (10,000 concurrent streams took ~1,900; CIO
 *   needs ~100). On the default `Dispatchers.IO` (64 threads for the JVM), 64 streams whose model
 *   has gone quiet would stall every other stream and all of `Dispatchers.IO`; here the engine's
 *   dispatcher is an unbounded view of `Dispatchers.IO`, whose threads are shared with it and end
 *   after a minute idle.
 *
 * The OkHttp client is set up so that it does not compete with the SDK's own behaviour:
 * - **No read or write timeout.** OkHttp's 10 s defaults would end a stream that pauses longer with
 *   OkHttp's own exception; the SDK's first-event and idle timeouts decide instead. The connect
 *   timeout is the SDK's, set per request through Ktor's HttpTimeout.
 * - **Requests waiting for headers: up to [MAX_REQUESTS_AWAITING_HEADERS] per client, to any
 *   host.** OkHttp's dispatcher counts an asynchronous call from its start until its response
 *   headers arrive (streaming bodies do not count), by default 64 in all and 5 per host: a sixth
 *   request to the gateway would wait, silently, for one of five to get its headers, which a
 *   gateway may send only with the first token. A request waiting for a slot has not started
 *   connecting, so the wait is never a connect timeout; it does count toward the first-event
 *   timeout (README, Engines).
 * - **Redirects** are not followed (Ktor's `followRedirects = false` reaches OkHttp too).
 * - OkHttp's **retry on connection failure** stays on: a request on a pooled connection that the
 *   server had closed meanwhile is sent again at once on a new connection, as every OkHttp user
 *   (openai-java among them) gets. Every other failure goes to the SDK's retry policy.
 *
 * Closing the client closes this engine, which evicts the connection pool and shuts the
 * dispatcher's threads down.
 */
internal fun defaultEngine(): HttpClientEngine =
    OkHttp.create {
        dispatcher = Dispatchers.IO.limitedParallelism(Int.MAX_VALUE)
        config {
            readTimeout(0, TimeUnit.MILLISECONDS)
            writeTimeout(0, TimeUnit.MILLISECONDS)
            dispatcher(
                Dispatcher().apply {
                    maxRequests = MAX_REQUESTS_AWAITING_HEADERS
                    maxRequestsPerHost = MAX_REQUESTS_AWAITING_HEADERS
                }
            )
        }
    }
