package ai.auriko.client

import ai.auriko.client.blocking.AurikoBlockingClient
import ai.auriko.client.testing.contentEvent
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
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
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

/**
 * The default engine (OkHttp) and connections: reused after a completed stream (also after a wave
 * of concurrent ones) and not after a cancelled one, and a body the server leaves open after
 * `[DONE]` costs at most ~100 ms.
 */
class ConnectionReuseSpec :
    FunSpec({
        suspend fun clientOf(baseUrl: String, block: suspend (AurikoClient) -> Unit) {
            AurikoClient {
                    apiKey = "sk-okhttp-engine-test"
                    this.baseUrl = baseUrl
                    maxRetries = 0
                }
                .use { block(it) }
        }

        /** The first request's body stays open 10 s after `[DONE]`; the next ones complete. */
        fun heldOpenAfterDone() = KeepAliveServer { n, out ->
            if (n == 1) {
                out.startStream()
                out.chunk(contentEvent("held", "stop"))
                out.chunk("data: [DONE]\n\n")
                Thread.sleep(10_000) // the body's end never comes while the client waits
            } else {
                out.answer("next")
            }
        }

        test("three completed streams in a row share one connection") {
            KeepAliveServer { _, out -> out.answer("hi") }
                .use { server ->
                    clientOf(server.baseUrl) { client ->
                        repeat(3) {
                            client.chat.completions
                                .stream(request())
                                .toCompletion()
                                .content shouldBe "hi"
                        }
                    }
                    server.requests.get() shouldBe 3
                    server.connections.get() shouldBe 1
                }
        }

        test("three completed Java iterator streams in a row share one connection") {
            // The iterator's caller-thread engine shares the default engine's pool.
            KeepAliveServer { _, out -> out.answer("hi") }
                .use { server ->
                    clientOf(server.baseUrl) { client ->
                        val blocking = AurikoBlockingClient(client)
                        client.runtime.callerThreadReads!!.above = 0 // read on this thread
                        repeat(3) {
                            blocking.chat().completions().stream(request()).use { stream ->
                                stream.toCompletion().content shouldBe "hi"
                            }
                        }
                        // A Flow after the iterators: the same pool again.
                        client.chat.completions.stream(request()).toCompletion().content shouldBe
                            "hi"
                    }
                    server.requests.get() shouldBe 4
                    server.connections.get() shouldBe 1
                }
        }

        test(
            "the connections of 40 concurrent streams are kept for the next 40 (OkHttp alone keeps 5 idle and would open 35 more)"
        ) {
            val wave = 40
            val arrived = List(2) { CountDownLatch(wave) }
            KeepAliveServer { n, out ->
                    val latch = arrived[(n - 1) / wave]
                    latch.countDown()
                    // Each request of a wave is answered once all have arrived, so each has a
                    // connection of its own.
                    latch.await(20, TimeUnit.SECONDS)
                    out.answer("w")
                }
                .use { server ->
                    clientOf(server.baseUrl) { client ->
                        repeat(2) {
                            client.streamAllAtOnce(wave, request(), 30.seconds) shouldBe
                                List(wave) { "w" }
                        }
                    }
                    server.requests.get() shouldBe 2 * wave
                    server.connections.get() shouldBe wave
                }
        }

        test(
            "a body left open after [DONE] delays completion by ~100 ms (bound: 5 s of the 10 s it is held), and its connection is not reused"
        ) {
            heldOpenAfterDone().use { server ->
                clientOf(server.baseUrl) { client ->
                    val started = System.nanoTime()
                    client.chat.completions.stream(request()).toCompletion().content shouldBe "held"
                    // generous for a loaded machine, yet half the time the body is held open
                    ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 5_000L
                    client.chat.completions.stream(request()).toCompletion().content shouldBe "next"
                }
                server.connections.get() shouldBe 2
            }
        }

        test(
            "a body left open after [DONE] also costs a Java iterator reading on its own thread ~100 ms, and its connection"
        ) {
            heldOpenAfterDone().use { server ->
                clientOf(server.baseUrl) { client ->
                    val blocking = AurikoBlockingClient(client)
                    client.runtime.callerThreadReads!!.above = 0 // read on this thread
                    val started = System.nanoTime()
                    blocking.chat().completions().stream(request()).use { stream ->
                        stream.toCompletion().content shouldBe "held"
                    }
                    // generous for a loaded machine, yet half the time the body is held open
                    ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 5_000L
                    blocking.chat().completions().stream(request()).use { stream ->
                        stream.toCompletion().content shouldBe "next"
                    }
                }
                server.connections.get() shouldBe 2
            }
        }

        test("a cancelled stream's connection is closed, not drained and reused") {
            KeepAliveServer { n, out -> if (n == 1) out.endless() else out.answer("next") }
                .use { server ->
                    clientOf(server.baseUrl) { client ->
                        client.chat.completions.stream(request()).take(3).toList().size shouldBe 3
                        client.chat.completions.stream(request()).toCompletion().content shouldBe
                            "next"
                    }
                    server.requests.get() shouldBe 2
                    server.connections.get() shouldBe 2
                }
        }
    })

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
        Thread(
                {
                    while (true) {
                        val socket =
                            try {
                                server.accept()
                            } catch (e: IOException) {
                                break
                            }
                        sockets += socket
                        connections.incrementAndGet()
                        Thread({ serve(socket) }, "keepalive-conn")
                            .apply { isDaemon = true }
                            .start()
                    }
                },
                "keepalive-accept",
            )
            .apply { isDaemon = true }
            .start()
    }

    private fun serve(socket: Socket) {
        try {
            serveRequests(socket)
        } catch (e: IOException) {
            // the test closed the server, or the client its connection
        }
    }

    private fun serveRequests(socket: Socket) {
        socket.use {
            val input = BufferedInputStream(socket.getInputStream())
            val out = socket.getOutputStream()
            repeat(100) {
                var length = 0
                while (true) {
                    val line = readLine(input) ?: return
                    if (line.isEmpty()) break
                    if (line.startsWith("content-length:", ignoreCase = true))
                        length = line.substringAfter(':').trim().toInt()
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
    write(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            .toByteArray()
    )
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
