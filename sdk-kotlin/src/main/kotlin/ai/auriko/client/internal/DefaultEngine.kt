package ai.auriko.client.internal

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.okhttp.OkHttp
import java.util.concurrent.ExecutorService
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import okhttp3.ConnectionPool
import okhttp3.Dispatcher
import okhttp3.OkHttpClient

/**
 * How many requests one client lets wait for their response headers at once by default
 * ([ai.auriko.client.AurikoClientOptions.Builder.maxRequestsAwaitingHeaders]); more wait for a
 * slot. See [defaultEngine].
 */
internal const val MAX_REQUESTS_AWAITING_HEADERS: Int = 256

/**
 * How many idle connections one client keeps for reuse (for [KEEP_ALIVE_MINUTES] at most), where
 * OkHttp keeps 5. See [defaultEngine].
 */
internal const val MAX_IDLE_CONNECTIONS: Int = MAX_REQUESTS_AWAITING_HEADERS

/** How long an idle connection is kept for reuse: OkHttp's default. */
internal const val KEEP_ALIVE_MINUTES: Long = 5

/**
 * The engine a client creates (and owns) when it is given none: Ktor's OkHttp engine, its body
 * reads on virtual threads on JDK 24+ ([VirtualThreads]), else on a thread for every response body
 * being read. Chosen over Ktor's CIO and Java engines for correctness, then by the numbers in
 * `bench/results/` (README, Engines):
 * - **Cancelling always closes the connection.** On CIO, cancelling a stream whose server had
 *   filled the buffers (a collector slower than the tokens) left the connection open for 20 s and
 *   more, the model still generating; an abandoned oversized error body did the same
 *   (DefaultEngineSpec, ErrorBodySpec). OkHttp closes it at once.
 * - **Connections are reused**: CIO opens a connection for every POST (it pools only pipelined GET
 *   and HEAD), so every completion would pay a TCP connect and a TLS handshake. OkHttp also speaks
 *   HTTP/2 and TLS 1.3 through the platform; CIO's own TLS speaks 1.2 only.
 * - Threads: Ktor reads each OkHttp body with blocking calls on the engine's dispatcher, so every
 *   open stream holds a thread. On JDK 24+ that thread is virtual: a read waiting for the next
 *   token releases its carrier, and OkHttp's own calls run on virtual threads too, so 10,000
 *   concurrent streams take a few dozen platform threads. Before 24 (and on Android) it is a
 *   platform thread (10,000 streams took ~1,900): on the default `Dispatchers.IO` (64 threads for
 *   the JVM), 64 streams whose model has gone quiet would stall every other stream and all of
 *   `Dispatchers.IO`, so the engine's dispatcher is an unbounded view of `Dispatchers.IO`, whose
 *   threads are shared with it and end after a minute idle. A Java iterator, which holds a thread
 *   of its caller's anyway, reads on that thread once more iterators are open than there are cores
 *   ([CallerThreadEngine], [CallerThread.Reads]).
 * - Ktor's Java engine (`java.net.http`) was measured as the JVM default and lost: at 10,000
 *   streams its delivery p50 was ~8× OkHttp's on platform threads (JDK 17), ~50× on virtual threads
 *   (JDK 25).
 *
 * The OkHttp client is set up so that it does not compete with the SDK's own behaviour:
 * - **No read or write timeout.** OkHttp's 10 s defaults would end a stream that pauses longer with
 *   OkHttp's own exception; the SDK's first-event and idle timeouts decide instead. The connect
 *   timeout is the SDK's, set per request through Ktor's HttpTimeout.
 * - **Requests waiting for headers: up to [MAX_REQUESTS_AWAITING_HEADERS] per client (the option
 *   `maxRequestsAwaitingHeaders`), to any host.** OkHttp's dispatcher counts an asynchronous call
 *   from its start until its response headers arrive (streaming bodies do not count), by default 64
 *   in all and 5 per host: a sixth request to the gateway would wait, silently, for one of five to
 *   get its headers, which a gateway may send only with the first token. A request waiting for a
 *   slot has not started connecting, so the wait is never a connect timeout; it does count toward
 *   the first-event timeout (README, Engines). On virtual threads [AwaitingHeadersLimit] admits
 *   fewer while the carriers are behind (requests in this phase compete with open streams for
 *   them), and counts out a request the server keeps waiting, so that a server sending headers only
 *   with its first token does not hold starts to one per time to first token. On platform threads
 *   the kernel's scheduler already favours a woken reader, and the limit stays fixed.
 * - **Idle connections kept: up to [MAX_IDLE_CONNECTIONS], each for [KEEP_ALIVE_MINUTES] minutes.**
 *   OkHttp keeps 5: a server that has just finished 300 concurrent streams would close 295
 *   connections, and its next 300 streams would connect (and shake hands over TLS) again. 256 is as
 *   many as may await headers at once by default. Even on loopback, where connecting is cheap,
 *   10,000 paced streams took 21.9 s instead of 23.1 s (bench concurrency scenario, medians of 3
 *   interleaved runs).
 * - **One dispatcher and one pool per engine.** Ktor makes an OkHttp client per distinct timeout
 *   configuration, applying this configuration to each; both are made once here, so that those
 *   clients share one limit and reuse each other's connections. Otherwise Ktor's clients would
 *   share a process-wide pool with every other Ktor OkHttp engine (its prototype client's).
 * - **Redirects** are not followed (Ktor's `followRedirects = false` reaches OkHttp too).
 * - OkHttp's **retry on connection failure** stays on: a request on a pooled connection that the
 *   server had closed meanwhile is sent again at once on a new connection, as every OkHttp user
 *   (openai-java among them) gets. Every other failure goes to the SDK's retry policy.
 *
 * Closing the client closes this engine, which evicts the connection pool and shuts the
 * dispatcher's threads (or the virtual-thread executor) down.
 */
internal fun defaultEngine(awaitingHeaders: Int = MAX_REQUESTS_AWAITING_HEADERS): HttpClientEngine =
    defaultTransport(virtualThreadsOrNull(), awaitingHeaders).engine

/**
 * The default engine and its caller-thread twin, for the Java iterators' streams
 * ([CallerThreadEngine]): OkHttp's synchronous calls over the same connection pool and dispatcher.
 * A synchronous call is not counted by the dispatcher's limit on requests awaiting headers: it runs
 * on its caller's thread, not on the engine's.
 */
internal class DefaultTransport(val engine: HttpClientEngine, val callerThread: HttpClientEngine)

/** [DefaultTransport] on virtual threads where the JDK has them ([defaultEngine]). */
internal fun defaultTransport(
    awaitingHeaders: Int = MAX_REQUESTS_AWAITING_HEADERS
): DefaultTransport = defaultTransport(virtualThreadsOrNull(), awaitingHeaders)

/** The default engine, made on [executor] as [defaultTransport] says. */
internal fun defaultEngine(
    executor: ExecutorService?,
    awaitingHeaders: Int = MAX_REQUESTS_AWAITING_HEADERS,
): HttpClientEngine = defaultTransport(executor, awaitingHeaders).engine

/**
 * The default engine, its body reads and OkHttp's calls on [executor] when given (virtual threads;
 * the engine then owns it and shuts it down), else on an unbounded view of `Dispatchers.IO`; and
 * its caller-thread twin.
 */
internal fun defaultTransport(
    executor: ExecutorService?,
    awaitingHeaders: Int = MAX_REQUESTS_AWAITING_HEADERS,
): DefaultTransport {
    val pool = ConnectionPool(MAX_IDLE_CONNECTIONS, KEEP_ALIVE_MINUTES, TimeUnit.MINUTES)
    val calls: Dispatcher
    val tasks: ExecutorService?
    if (executor != null) {
        // Virtual threads: the limit adapts to how long a task waits for a carrier.
        val limit = AwaitingHeadersLimit(executor, awaitingHeaders)
        calls = limit.calls
        tasks = limit.executor
    } else {
        calls =
            Dispatcher().apply {
                maxRequests = awaitingHeaders
                maxRequestsPerHost = awaitingHeaders
            }
        tasks = null
    }
    val configure: OkHttpClient.Builder.() -> Unit = {
        readTimeout(0, TimeUnit.MILLISECONDS)
        writeTimeout(0, TimeUnit.MILLISECONDS)
        dispatcher(calls)
        connectionPool(pool)
    }
    val engine =
        OkHttp.create {
            dispatcher =
                tasks?.asCoroutineDispatcher() ?: Dispatchers.IO.limitedParallelism(Int.MAX_VALUE)
            config(configure)
        }
    // As Ktor's OkHttp engine builds its client (OkHttp's defaults, then the blocks above), with
    // redirects off as RedirectGuard sets them on the engine.
    val callerThread =
        CallerThreadEngine(
            {
                OkHttpClient.Builder()
                    .apply(configure)
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .build()
            },
            awaitingHeaders,
        )
    return DefaultTransport(engine, callerThread)
}

/** [VirtualThreads.executorOrNull], for Kotlin callers and tests. */
internal fun virtualThreadsOrNull(): ExecutorService? = VirtualThreads.executorOrNull()
