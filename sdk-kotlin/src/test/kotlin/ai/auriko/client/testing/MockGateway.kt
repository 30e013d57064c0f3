package ai.auriko.client.testing

import ai.auriko.client.AurikoClient
import ai.auriko.client.AurikoClientOptions
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.writeByte
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch

/** How a body reaches the client: whole, or one byte per read. */
enum class Delivery {
    WHOLE,
    BYTEWISE,
}

/** Builds a MockEngine response for a recorded fixture. */
fun MockRequestHandleScope.respondFixture(
    fixture: WireFixture,
    delivery: Delivery,
    scope: CoroutineScope,
): HttpResponseData {
    val headers = headersOf(*fixture.headers.map { (k, v) -> k to listOf(v) }.toTypedArray())
    val channel: ByteReadChannel =
        when (delivery) {
            Delivery.WHOLE -> ByteReadChannel(fixture.body)
            Delivery.BYTEWISE -> {
                val ch = ByteChannel()
                scope.launch(Dispatchers.Unconfined) {
                    for (b in fixture.body) {
                        ch.writeByte(b)
                        ch.flush()
                    }
                    ch.flushAndClose()
                }
                ch
            }
        }
    return respond(channel, HttpStatusCode.fromValue(fixture.status), headers)
}

/** A client on a MockEngine; [requests] records what was sent. */
class MockClient(
    handler: suspend MockRequestHandleScope.(HttpRequestData) -> HttpResponseData,
    configure: AurikoClientOptions.Builder.() -> Unit = {},
) : AutoCloseable {
    val requests = java.util.concurrent.CopyOnWriteArrayList<HttpRequestData>()
    val engine = MockEngine { request ->
        requests += request
        handler(request)
    }
    val client = AurikoClient {
        apiKey = "sk-test-key"
        baseUrl = "https://gateway.test/v1"
        engine = this@MockClient.engine
        configure()
    }

    override fun close() {
        client.close()
        engine.close()
    }
}
