package ai.auriko.testing

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.engine.mock.toByteArray
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.writeStringUtf8
import kotlin.time.Duration.Companion.nanoseconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * The fake gateway in memory: build the client with [engine] and [baseUrl], and requests never
 * leave the JVM. Fast, for unit tests; pacing and pauses still take real time.
 *
 * ```kotlin
 * val gateway = InMemoryGateway()
 * val client = AurikoClient { apiKey = "sk-test"; baseUrl = gateway.baseUrl; engine = gateway.engine }
 * gateway.enqueue { content("Hel", "lo"); usage(3, 2) }
 * ```
 *
 * A stream the client abandons (a cancelled collector, a timeout) is reported by
 * [RecordedRequest.cancelledByClient]. [close] closes the engine.
 */
public class InMemoryGateway : FakeGateway() {
    /**
     * A fixed URL that never resolves (`.invalid`): requests go to [engine], never to the network.
     * HTTPS, so the client does not warn about a key sent in clear text.
     */
    override val baseUrl: String = "https://fake-gateway.invalid/v1"

    /** The Ktor engine to build the client with. */
    public val engine: HttpClientEngine = MockEngine { request -> answer(request) }

    /** Closes [engine]. */
    override fun close() {
        engine.close()
    }

    private suspend fun MockRequestHandleScope.answer(request: HttpRequestData): HttpResponseData {
        val headers = request.headers.entries().associate { it.key to it.value }.toMutableMap()
        request.body.contentType?.let { headers[HttpHeaders.ContentType] = listOf(it.toString()) }
        val body = request.body.toByteArray().toString(Charsets.UTF_8)
        val exchange = receive(request.method.value, request.url.encodedPathAndQuery, headers, body)
        val response = exchange.response
        val responseHeaders =
            headersOf(
                *(exchange.headers.groupBy({ it.first }, { it.second }).toList() +
                        (HttpHeaders.ContentType to listOf(response.contentType)))
                    .toTypedArray()
            )
        if (!response.isStream)
            return respond(
                response.body,
                HttpStatusCode.fromValue(response.status),
                responseHeaders,
            )

        val channel = ByteChannel()
        // A child of the call: when the client cancels the call, the writer stops and says so.
        CoroutineScope(request.executionContext + Dispatchers.Default).launch {
            var finished = false
            try {
                response.writeStream(
                    write = { text ->
                        channel.writeStringUtf8(text)
                        channel.flush()
                    },
                    // in memory nothing signals a reader that went away but the channel itself:
                    // look at it every few milliseconds so a pause ends as soon as the client
                    // leaves
                    pause = { nanos ->
                        val end = System.nanoTime() + nanos
                        while (System.nanoTime() < end) {
                            if (channel.isClosedForWrite)
                                throw CancellationException("the client stopped reading")
                            delay(
                                minOf(POLL_NANOS, end - System.nanoTime())
                                    .coerceAtLeast(1)
                                    .nanoseconds
                            )
                        }
                    },
                )
                finished = true
                channel.flushAndClose()
            } catch (e: CancellationException) {
                channel.cancel(e)
            } catch (e: Exception) {
                // the client closed its side of the channel: it stopped reading
                channel.cancel(e)
            } finally {
                if (!finished) exchange.request.markCancelled()
            }
        }
        return respond(channel, HttpStatusCode.fromValue(response.status), responseHeaders)
    }

    private companion object {
        const val POLL_NANOS = 5_000_000L
    }
}
