package ai.auriko.bench.clients

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.cio.endpoint
import io.ktor.client.engine.okhttp.OkHttp
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import okhttp3.Dispatcher

/**
 * The engines the benchmarks compare, configured alike: no engine-side timeouts, no per-host cap
 * that would hold streams back.
 */
enum class Engine {
    /** Ktor OkHttp, set up as the SDK's default engine is (`DefaultEngine.kt`). */
    OKHTTP,

    /** Ktor CIO, set up as the README's Engines section tells users to. */
    CIO;

    fun create(): HttpClientEngine =
        when (this) {
            OKHTTP ->
                OkHttp.create {
                    dispatcher = Dispatchers.IO.limitedParallelism(Int.MAX_VALUE)
                    config {
                        readTimeout(0, TimeUnit.MILLISECONDS)
                        writeTimeout(0, TimeUnit.MILLISECONDS)
                        dispatcher(
                            Dispatcher().apply {
                                maxRequests = 256
                                maxRequestsPerHost = 256
                            }
                        )
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
                }
        }
}
