package ai.auriko.bench.clients

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.cio.endpoint
import io.ktor.client.engine.java.Java
import io.ktor.client.engine.okhttp.OkHttp
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import okhttp3.ConnectionPool
import okhttp3.Dispatcher
import okhttp3.Protocol

/**
 * The engines the benchmarks compare, configured alike: no engine-side timeouts, no per-host cap
 * that would hold streams back.
 */
enum class Engine {
    /**
     * Ktor OkHttp, set up as the SDK's default engine is on the running JDK (`DefaultEngine.kt`):
     * on virtual threads from JDK 24, on platform threads before. Over plain HTTP it is the SDK's
     * own engine; over TLS a copy of its setup that trusts the scenarios' certificate (the adaptive
     * limit left out: one stream at a time there).
     */
    OKHTTP,

    /** Ktor's Java engine (`java.net.http`). */
    JAVA,

    /** Ktor CIO, set up as the README's Engines section tells users to. */
    CIO;

    /**
     * A new engine; with [tls], trusting the TLS scenarios' certificate and offering HTTP/2 when
     * [Tls.http2] (CIO has no HTTP/2: HTTP/1.1 only).
     */
    fun create(tls: Tls? = null): HttpClientEngine =
        when (this) {
            OKHTTP ->
                if (tls == null) SdkEngine.create()
                else okHttp(if (Runtime.version().feature() >= 24) virtualThreads() else null, tls)
            JAVA ->
                Java.create {
                    val version =
                        if (tls?.http2 == true) java.net.http.HttpClient.Version.HTTP_2
                        else java.net.http.HttpClient.Version.HTTP_1_1
                    protocolVersion = version
                    config {
                        version(version)
                        if (tls != null) sslContext(tls.context)
                    }
                }
            CIO ->
                io.ktor.client.engine.cio.CIO.create {
                    requestTimeout = 0
                    maxConnectionsCount = 100_000
                    endpoint {
                        maxConnectionsPerRoute = 100_000
                        connectAttempts = 1
                    }
                    if (tls != null) https { trustManager = tls.trustManager }
                }
        }

    /**
     * For TLS, as `DefaultEngine.kt` sets it up but with a fixed limit: one dispatcher admitting
     * 256 requests awaiting headers and one pool keeping 256 idle connections, shared by every
     * OkHttp client Ktor makes of this configuration.
     */
    private fun okHttp(virtual: ExecutorService?, tls: Tls?): HttpClientEngine {
        val calls =
            (if (virtual != null) Dispatcher(virtual) else Dispatcher()).apply {
                maxRequests = 256
                maxRequestsPerHost = 256
            }
        val pool = ConnectionPool(256, 5, TimeUnit.MINUTES)
        return OkHttp.create {
            dispatcher =
                virtual?.asCoroutineDispatcher() ?: Dispatchers.IO.limitedParallelism(Int.MAX_VALUE)
            config {
                readTimeout(0, TimeUnit.MILLISECONDS)
                writeTimeout(0, TimeUnit.MILLISECONDS)
                dispatcher(calls)
                connectionPool(pool)
                if (tls != null) {
                    sslSocketFactory(tls.context.socketFactory, tls.trustManager)
                    protocols(
                        if (tls.http2) listOf(Protocol.HTTP_2, Protocol.HTTP_1_1)
                        else listOf(Protocol.HTTP_1_1)
                    )
                }
            }
        }
    }

    private companion object {
        fun virtualThreads(): ExecutorService =
            Executors::class.java.getMethod("newVirtualThreadPerTaskExecutor").invoke(null)
                as ExecutorService
    }
}
