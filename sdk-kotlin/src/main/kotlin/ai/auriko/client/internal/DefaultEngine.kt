package ai.auriko.client.internal

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.okhttp.OkHttp
import okhttp3.Dispatcher
import java.util.concurrent.TimeUnit

/**
 * How many requests one client lets wait for their response headers at once; more wait for a
 * slot. See [defaultEngine].
 */
internal const val MAX_REQUESTS_AWAITING_HEADERS: Int = 32

/**
 * The engine a client creates (and owns) when it is given none: Ktor's OkHttp engine, chosen by
 * the numbers in `bench/results/`. Ktor's CIO engine opens a new connection for every POST and
 * closes it afterwards (it pools only pipelined GET and HEAD requests), so every completion would
 * pay a TCP connect and, over HTTPS, a TLS handshake before its first token; OkHttp keeps the
 * connection for the next request, speaks HTTP/2, uses the platform's TLS, and at 10,000
 * concurrent streams delivered chunks with a third of CIO's delay. CIO was faster on one stream
 * (~10 %), which matters far less.
 *
 * The OkHttp client is set up so that it does not compete with the SDK's own behaviour:
 * - **No read or write timeout.** OkHttp's 10 s defaults would end a stream that pauses longer
 *   with OkHttp's own exception; the SDK's first-event and idle timeouts (a watchdog that pauses
 *   while the caller holds a chunk) decide instead. The connect timeout is the SDK's, set per
 *   request through Ktor's HttpTimeout.
 * - **Requests waiting for headers: up to [MAX_REQUESTS_AWAITING_HEADERS] per client, to any
 *   host.** OkHttp's dispatcher counts an asynchronous call from its start until its response
 *   headers arrive (Ktor's callback returns then; the body is read outside it), by default 64 in all
 *   and 5 per host: a sixth request to the gateway would wait, silently, for one of five to get its
 *   headers, which a gateway may send only with the first token. Streaming bodies do not count. Each
 *   request waiting for headers holds one of the dispatcher's threads, so the limit is also a
 *   thread budget: 32 keeps a client under 128 live threads at 10,000 concurrent streams (bench),
 *   where 256 took it to ~350. A request waiting for a slot has not started connecting, so the wait
 *   is never a connect timeout; it does count toward the first-event timeout (README, Engines).
 * - **Redirects** are not followed (Ktor's `followRedirects = false` reaches OkHttp too).
 * - OkHttp's **retry on connection failure** stays on: a request on a pooled connection that the
 *   server had closed meanwhile is sent again at once on a new connection, as every OkHttp user
 *   (openai-java among them) gets. Every other failure goes to the SDK's retry policy, which
 *   counts and reports each attempt.
 *
 * Closing the client closes this engine, which evicts the connection pool and shuts the
 * dispatcher's threads down.
 */
internal fun defaultEngine(): HttpClientEngine = OkHttp.create {
    config {
        readTimeout(0, TimeUnit.MILLISECONDS)
        writeTimeout(0, TimeUnit.MILLISECONDS)
        dispatcher(
            Dispatcher().apply {
                maxRequests = MAX_REQUESTS_AWAITING_HEADERS
                maxRequestsPerHost = MAX_REQUESTS_AWAITING_HEADERS
            },
        )
    }
}
