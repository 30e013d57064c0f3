package ai.auriko.client

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.cio.endpoint

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
