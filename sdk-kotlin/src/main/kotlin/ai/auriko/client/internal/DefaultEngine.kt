package ai.auriko.client.internal

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.cio.endpoint

/**
 * How many connections one client may hold open, in all and to one host. High enough never to hold
 * a stream back: every stream keeps its connection for its whole length.
 */
internal const val MAX_CONNECTIONS: Int = 100_000

/**
 * The engine a client creates (and owns) when it is given none: Ktor's CIO engine, chosen by the
 * numbers in `bench/results/`. CIO reads every socket without blocking a thread, so one client
 * carries 10,000 concurrent streams on under a hundred threads and a stream whose model goes
 * quiet costs no thread at all.
 *
 * Ktor's OkHttp engine, the alternative, reads each body with a blocking call on the engine's
 * dispatcher, by default `Dispatchers.IO` (64 threads shared by the whole JVM): 64 streams waiting
 * for their next token — a reasoning model thinking — stall every other stream and every other
 * user of `Dispatchers.IO`; given a thread per open stream instead it needs 10,000 threads for
 * 10,000 streams. What OkHttp has that CIO lacks is connection reuse: CIO opens a connection for
 * every POST and closes it afterwards (it pools only pipelined GET and HEAD requests), so each
 * completion pays a TCP connect and, over HTTPS, a TLS handshake before its first token. The
 * README (Engines) shows how to pass OkHttp, set up so that it cannot stall.
 *
 * CIO is set up so that it does not compete with the SDK's own behaviour:
 * - **No per-host cap.** CIO's default of 100 connections per host made the 101st concurrent
 *   stream wait for a free connection, and the wait counted against its connect timeout (PEERS.md:
 *   594 of 1,000 streams failed that way). Here a client may hold [MAX_CONNECTIONS].
 * - **No request timeout of its own** (CIO's is 15 s, which would end every longer stream); the
 *   SDK's first-event, idle and request timeouts decide, and its connect timeout is set per
 *   request through Ktor's HttpTimeout.
 * - **One connect attempt**: a refused connection goes to the SDK's retry policy, which counts,
 *   backs off and reports each attempt, instead of being retried at once inside the engine.
 * - **Redirects** are not followed (Ktor's `followRedirects = false`, set by the client).
 *
 * Closing the client closes this engine, which closes its sockets and its selector thread.
 */
internal fun defaultEngine(): HttpClientEngine = CIO.create {
    requestTimeout = 0
    maxConnectionsCount = MAX_CONNECTIONS
    endpoint {
        maxConnectionsPerRoute = MAX_CONNECTIONS
        connectAttempts = 1
    }
}
