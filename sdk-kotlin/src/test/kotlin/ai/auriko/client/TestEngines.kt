package ai.auriko.client

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.cio.endpoint
import io.ktor.client.engine.okhttp.OkHttpConfig
import okhttp3.OkHttpClient

/**
 * The engines the real-socket suites run on: `null` is the client's default (OkHttp, owned by the
 * client); CIO is configured as the README tells users to, without its 15 s request timeout and its
 * cap of 100 connections per host.
 */
internal object TestEngines {
    fun cio(): HttpClientEngine =
        CIO.create {
            requestTimeout = 0
            maxConnectionsCount = 100_000
            endpoint {
                maxConnectionsPerRoute = 100_000
                connectAttempts = 1
            }
        }

    /** Name → factory, the default first. */
    val all: List<Pair<String, () -> HttpClientEngine?>> =
        listOf("OkHttp (default)" to { null }, "CIO" to { cio() })
}

/**
 * An OkHttp client as Ktor's OkHttp [engine] makes them: Ktor applies the engine's configuration
 * block to each builder, so this client shares the engine's dispatcher and connection pool. Test
 * code only: the block's getter is internal to Ktor, reached by reflection.
 */
internal fun okHttpClientOf(engine: HttpClientEngine): OkHttpClient {
    @Suppress("UNCHECKED_CAST")
    val block =
        OkHttpConfig::class
            .java
            .getDeclaredMethod("getConfig\$ktor_client_okhttp")
            .invoke(engine.config as OkHttpConfig) as (OkHttpClient.Builder) -> Unit
    return OkHttpClient.Builder().apply(block).build()
}
