package ai.auriko.client

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.okhttp.OkHttp
import kotlinx.coroutines.Dispatchers
import okhttp3.Dispatcher
import java.util.concurrent.TimeUnit

/**
 * The engines the real-socket suites run on: `null` is the client's default (CIO, owned by the
 * client); OkHttp is set up exactly as the README's Engines section tells users to.
 */
internal object TestEngines {
    fun okHttp(): HttpClientEngine = OkHttp.create {
        dispatcher = Dispatchers.IO.limitedParallelism(1_000)
        config {
            readTimeout(0, TimeUnit.MILLISECONDS)
            writeTimeout(0, TimeUnit.MILLISECONDS)
            dispatcher(Dispatcher().apply { maxRequests = 256; maxRequestsPerHost = 256 })
        }
    }

    /** Name → factory, the default first. */
    val all: List<Pair<String, () -> HttpClientEngine?>> = listOf("CIO (default)" to { null }, "OkHttp" to { okHttp() })
}
