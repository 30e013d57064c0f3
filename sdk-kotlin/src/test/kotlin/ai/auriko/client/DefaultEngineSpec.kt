package ai.auriko.client

import ai.auriko.chat.ChatCompletionRequest
import ai.auriko.chat.ChatMessage
import ai.auriko.client.internal.MAX_REQUESTS_AWAITING_HEADERS
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.contentEvent
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.okhttp.OkHttpConfig
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import okhttp3.OkHttpClient
import java.io.BufferedInputStream
import java.io.IOException
import java.io.InputStream
import java.io.OutputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * The engine a client creates when given none (OkHttp): connections are reused after a completed
 * stream and not after a cancelled one, OkHttp's own timeouts are off, and no per-host cap holds
 * requests back silently.
 */
class DefaultEngineSpec : FunSpec({
    fun clientOf(baseUrl: String, configure: AurikoClientOptions.Builder.() -> Unit = {}) = AurikoClient {
        apiKey = "sk-default-engine-test"
        this.baseUrl = baseUrl
        maxRetries = 0
        configure()
    }

    fun client(server: LoopbackServer, configure: AurikoClientOptions.Builder.() -> Unit = {}) = clientOf(server.baseUrl, configure)

    fun Exchange.answer(text: String) {
        startStream()
        chunk(contentEvent(text, "stop"))
        chunk("data: [DONE]\n\n")
        endStream()
    }

    test("three completed streams in a row share one connection") {
        KeepAliveServer { _, out -> out.answer("hi") }.use { server ->
            clientOf(server.baseUrl).use { client ->
                repeat(3) { client.chat.completions.stream(request()).toCompletion().content shouldBe "hi" }
            }
            server.requests.get() shouldBe 3
            server.connections.get() shouldBe 1
        }
    }

    test("a body left open after [DONE] delays completion by at most ~100 ms, and its connection is not reused") {
        KeepAliveServer { n, out ->
            if (n == 1) {
                out.startStream()
                out.chunk(contentEvent("held", "stop"))
                out.chunk("data: [DONE]\n\n")
                Thread.sleep(3_000) // the body's end never comes while the client waits
            } else {
                out.answer("next")
            }
        }.use { server ->
            clientOf(server.baseUrl).use { client ->
                val started = System.nanoTime()
                client.chat.completions.stream(request()).toCompletion().content shouldBe "held"
                ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 1_000L
                client.chat.completions.stream(request()).toCompletion().content shouldBe "next"
            }
            server.connections.get() shouldBe 2
        }
    }

    test("a cancelled stream's connection is closed, not drained and reused") {
        KeepAliveServer { n, out -> if (n == 1) out.endless() else out.answer("next") }.use { server ->
            clientOf(server.baseUrl).use { client ->
                client.chat.completions.stream(request()).take(3).toList().size shouldBe 3
                client.chat.completions.stream(request()).toCompletion().content shouldBe "next"
            }
            server.requests.get() shouldBe 2
            server.connections.get() shouldBe 2
        }
    }

    test("OkHttp's own read and write timeouts are off and $MAX_REQUESTS_AWAITING_HEADERS requests may await headers") {
        LoopbackServer { it.answer("x") }.use { server ->
            client(server).use { client ->
                val config = client.transport.http.engine.config as OkHttpConfig
                // Ktor applies the engine's configuration block to the builder it makes the client with.
                @Suppress("UNCHECKED_CAST")
                val block = OkHttpConfig::class.java.getDeclaredMethod("getConfig\$ktor_client_okhttp").invoke(config) as (OkHttpClient.Builder) -> Unit
                val okHttp = OkHttpClient.Builder().apply(block).build()
                okHttp.readTimeoutMillis shouldBe 0
                okHttp.writeTimeoutMillis shouldBe 0
                okHttp.followRedirects shouldBe false
                okHttp.retryOnConnectionFailure shouldBe true
                okHttp.dispatcher.maxRequests shouldBe MAX_REQUESTS_AWAITING_HEADERS
                okHttp.dispatcher.maxRequestsPerHost shouldBe MAX_REQUESTS_AWAITING_HEADERS
                okHttp.dispatcher.executorService.shutdown()
            }
        }
    }

    test("20 requests to one host await their headers at once (OkHttp's default would hold 15 back)") {
        val allArrived = CountDownLatch(20)
        LoopbackServer { ex ->
            allArrived.countDown()
            // Headers only once all 20 are waiting: with a cap of 5 this never happens.
            if (allArrived.await(10, TimeUnit.SECONDS)) ex.answer("together") else ex.respond(500, "{}")
        }.use { server ->
            client(server).use { client ->
                val answers = withContext(Dispatchers.Default) {
                    withTimeout(20.seconds) {
                        List(20) { async { client.chat.completions.stream(request()).toCompletion().content } }.awaitAll()
                    }
                }
                answers.toSet() shouldBe setOf("together")
            }
        }
    }

    test("a request waiting for a free slot is not a connect timeout") {
        val slots = MAX_REQUESTS_AWAITING_HEADERS
        val busy = CountDownLatch(slots)
        LoopbackServer { ex ->
            busy.countDown()
            // Every slot is taken for at least 600 ms: the requests beyond them wait that long
            // before they connect, twice the connect timeout.
            busy.await(10, TimeUnit.SECONDS)
            Thread.sleep(600)
            ex.answer("ok")
        }.use { server ->
            client(server) { connectTimeout = 300.milliseconds }.use { client ->
                val failures = withContext(Dispatchers.Default) {
                    withTimeout(30.seconds) {
                        List(slots + 4) { async { runCatching { client.chat.completions.stream(request()).toCompletion() }.exceptionOrNull() } }.awaitAll()
                    }
                }.filterNotNull()
                withClue(failures.take(3).joinToString { it.toString() }) { failures.shouldBeEmpty() }
            }
            server.requests.size shouldBe slots + 4
        }
    }
})

private typealias Exchange = ai.auriko.client.testing.Exchange

/**
 * An HTTP/1.1 server on 127.0.0.1 that keeps connections open for the next request (the shared
 * LoopbackServer serves one exchange per connection): [respond] gets the request's number and the
 * connection's output. Counts connections and requests.
 */
private class KeepAliveServer(private val respond: (Int, OutputStream) -> Unit) : AutoCloseable {
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    val baseUrl = "http://127.0.0.1:${server.localPort}/v1"
    val connections = AtomicInteger()
    val requests = AtomicInteger()
    private val sockets = CopyOnWriteArrayList<Socket>()

    init {
        Thread({
            while (true) {
                val socket = try { server.accept() } catch (e: IOException) { break }
                sockets += socket
                connections.incrementAndGet()
                Thread({ serve(socket) }, "keepalive-conn").apply { isDaemon = true }.start()
            }
        }, "keepalive-accept").apply { isDaemon = true }.start()
    }

    private fun serve(socket: Socket) {
        socket.use {
            val input = BufferedInputStream(socket.getInputStream())
            val out = socket.getOutputStream()
            repeat(100) {
                var length = 0
                while (true) {
                    val line = readLine(input) ?: return
                    if (line.isEmpty()) break
                    if (line.startsWith("content-length:", ignoreCase = true)) length = line.substringAfter(':').trim().toInt()
                }
                repeat(length) { if (input.read() == -1) return }
                try {
                    respond(requests.incrementAndGet(), out)
                } catch (e: IOException) {
                    return // the client closed the connection
                }
            }
        }
    }

    private fun readLine(input: InputStream): String? {
        val line = StringBuilder()
        while (line.length < 8192) {
            val b = input.read()
            if (b == -1) return null
            if (b == '\n'.code) return line.toString().trimEnd('\r')
            line.append(b.toChar())
        }
        return null
    }

    override fun close() {
        server.close()
        sockets.forEach { runCatching { it.close() } }
    }
}

private fun OutputStream.chunk(text: String) {
    val bytes = text.toByteArray()
    write("${Integer.toHexString(bytes.size)}\r\n".toByteArray())
    write(bytes)
    write("\r\n".toByteArray())
    flush()
}

private fun OutputStream.startStream() {
    write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n".toByteArray())
    flush()
}

/**
 * A one-chunk answer, `[DONE]`, and then the body's end in a write of its own, as servers send it,
 * here 20 ms later so that the client has surely seen `[DONE]` before the end arrives.
 */
private fun OutputStream.answer(text: String) {
    startStream()
    chunk(contentEvent(text, "stop"))
    chunk("data: [DONE]\n\n")
    Thread.sleep(20)
    write("0\r\n\r\n".toByteArray())
    flush()
}

/** Chunks every 20 ms until the client goes away (bounded to 10 s). */
private fun OutputStream.endless() {
    startStream()
    repeat(500) { i ->
        chunk(contentEvent("t$i "))
        Thread.sleep(20)
    }
}

private fun request(): ChatCompletionRequest =
    ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build()
