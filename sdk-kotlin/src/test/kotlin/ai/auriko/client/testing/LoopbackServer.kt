package ai.auriko.client.testing

import java.io.BufferedInputStream
import java.io.IOException
import java.io.InputStream
import java.io.OutputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.net.SocketException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/** A request as the raw server read it. */
class RawRequest(
    val method: String,
    val path: String,
    val headers: Map<String, String>,
    val body: ByteArray,
    val receivedAtNanos: Long,
)

/**
 * What a script sees of one exchange: the request, the output, and the client's half of the socket.
 */
class Exchange(
    val request: RawRequest,
    val socket: Socket,
    private val out: OutputStream,
    private val closed: CountDownLatch,
) {
    /** Writes a response head for a streamed (chunked) body. */
    fun startStream(
        status: Int = 200,
        headers: Map<String, String> = mapOf("Content-Type" to "text/event-stream"),
    ) {
        val head = StringBuilder("HTTP/1.1 $status X\r\n")
        headers.forEach { (k, v) -> head.append(k).append(": ").append(v).append("\r\n") }
        head.append("Transfer-Encoding: chunked\r\n\r\n")
        out.write(head.toString().toByteArray())
        out.flush()
    }

    /** Writes one HTTP chunk carrying [text]. */
    fun chunk(text: String) {
        val bytes = text.toByteArray()
        out.write("${Integer.toHexString(bytes.size)}\r\n".toByteArray())
        out.write(bytes)
        out.write("\r\n".toByteArray())
        out.flush()
    }

    /** Ends a chunked body properly. */
    fun endStream() {
        out.write("0\r\n\r\n".toByteArray())
        out.flush()
    }

    /** A complete response with a fixed-length body. */
    fun respond(
        status: Int,
        body: String,
        headers: Map<String, String> = mapOf("Content-Type" to "application/json"),
    ) {
        val bytes = body.toByteArray()
        val head = StringBuilder("HTTP/1.1 $status X\r\n")
        headers.forEach { (k, v) -> head.append(k).append(": ").append(v).append("\r\n") }
        head.append("Content-Length: ${bytes.size}\r\n\r\n")
        out.write(head.toString().toByteArray())
        out.write(bytes)
        out.flush()
    }

    /** Writes one HTTP chunk carrying [bytes] as they are (binary, invalid UTF-8). */
    fun chunk(bytes: ByteArray) {
        out.write("${Integer.toHexString(bytes.size)}\r\n".toByteArray())
        out.write(bytes)
        out.write("\r\n".toByteArray())
        out.flush()
    }

    /** Writes [bytes] to the socket with no HTTP framing at all. */
    fun raw(bytes: ByteArray) {
        out.write(bytes)
        out.flush()
    }

    /** Ends the server's side of the connection (FIN) while still reading the client's. */
    fun halfClose() {
        out.flush()
        socket.shutdownOutput()
    }

    /** Resets the connection (RST, not FIN). */
    fun reset() {
        socket.setSoLinger(true, 0)
        socket.close()
    }

    /** Waits until the client closes its side, up to [millis]; true when it did. */
    fun awaitClientClose(millis: Long): Boolean = closed.await(millis, TimeUnit.MILLISECONDS)
}

/**
 * A raw HTTP/1.1 server on 127.0.0.1 for byte-level control: each connection runs [script] on its
 * own thread, and a reader notices the moment the client closes its side. Loopback only; every
 * script is bounded in time; [close] stops everything.
 */
class LoopbackServer(private val script: (Exchange) -> Unit) : AutoCloseable {
    private val server = ServerSocket(0, 1000, InetAddress.getLoopbackAddress())
    val port: Int
        get() = server.localPort

    val baseUrl: String
        get() = "http://127.0.0.1:$port/v1"

    val requests = CopyOnWriteArrayList<RawRequest>()
    /** Nanotime at which each connection's client side closed, by connection number. */
    val clientClosedAt = ConcurrentHashMap<Int, Long>()
    val connectionsAccepted = AtomicInteger()
    val openConnections = AtomicInteger()
    private val sockets = CopyOnWriteArrayList<Socket>()
    private val threads = CopyOnWriteArrayList<Thread>()

    private val acceptor =
        Thread(
                {
                    while (!server.isClosed) {
                        val socket =
                            try {
                                server.accept()
                            } catch (e: IOException) {
                                break
                            }
                        sockets += socket
                        val id = connectionsAccepted.incrementAndGet()
                        openConnections.incrementAndGet()
                        val t =
                            Thread({ serve(id, socket) }, "loopback-conn-$id").apply {
                                isDaemon = true
                            }
                        threads += t
                        t.start()
                    }
                },
                "loopback-accept",
            )
            .apply {
                isDaemon = true
                start()
            }

    private fun serve(id: Int, socket: Socket) {
        val closed = CountDownLatch(1)
        try {
            val input = BufferedInputStream(socket.getInputStream())
            val out = socket.getOutputStream()
            while (true) {
                val request = readRequest(input) ?: break
                requests += request
                // From here on the client should send nothing more on this exchange: a read that
                // returns -1 (or fails) means it closed its side.
                val watcher =
                    Thread(
                            {
                                try {
                                    if (input.read() == -1) {
                                        clientClosedAt[id] = System.nanoTime()
                                    }
                                } catch (e: IOException) {
                                    clientClosedAt.putIfAbsent(id, System.nanoTime())
                                } finally {
                                    closed.countDown()
                                }
                            },
                            "loopback-watch-$id",
                        )
                        .apply {
                            isDaemon = true
                            start()
                        }
                try {
                    script(Exchange(request, socket, out, closed))
                } catch (e: SocketException) {
                    // the client went away mid-write: expected in cancellation tests
                } catch (e: IOException) {}
                watcher.join(35_000)
                break // one exchange per connection keeps byte-level scripts simple
            }
        } catch (e: IOException) {} finally {
            runCatching { socket.close() }
            openConnections.decrementAndGet()
        }
    }

    private fun readRequest(input: InputStream): RawRequest? {
        val head = StringBuilder()
        while (!head.endsWith("\r\n\r\n")) {
            val b = input.read()
            if (b == -1) return null
            head.append(b.toChar())
            if (head.length > 65_536) return null
        }
        val at = System.nanoTime()
        val lines = head.split("\r\n").filter { it.isNotEmpty() }
        val (method, path) = lines[0].split(" ").let { it[0] to it[1] }
        val headers =
            lines.drop(1).associate { line ->
                val i = line.indexOf(':')
                line.substring(0, i).trim().lowercase() to line.substring(i + 1).trim()
            }
        val length = headers["content-length"]?.toInt() ?: 0
        val body = ByteArray(length)
        var read = 0
        while (read < length) {
            val n = input.read(body, read, length - read)
            if (n == -1) return null
            read += n
        }
        return RawRequest(method, path, headers, body, at)
    }

    override fun close() {
        runCatching { server.close() }
        sockets.forEach { runCatching { it.close() } }
        acceptor.join(5_000)
        threads.forEach { it.join(5_000) }
    }
}

/** An SSE data event carrying a chunk with [content] for choice 0. */
fun contentEvent(content: String, finishReason: String? = null): String {
    val finish = finishReason?.let { "\"$it\"" } ?: "null"
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\"," +
        "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"$content\"},\"finish_reason\":$finish}]}\n\n"
}

/** An endless stream: a content chunk every 20 ms until the client closes (bounded to 10 s). */
fun Exchange.streamUntilClientCloses() {
    startStream()
    var i = 0
    while (i < 500 && !awaitClientClose(20)) chunk(contentEvent("t${i++} "))
}

/**
 * A complete stream: each text as a content chunk, a stop chunk on the last one, `[DONE]`, a proper
 * end.
 */
fun Exchange.completeStream(vararg contents: String) {
    startStream()
    contents.forEachIndexed { i, c ->
        chunk(contentEvent(c, finishReason = if (i == contents.lastIndex) "stop" else null))
    }
    chunk("data: [DONE]\n\n")
    endStream()
}

/**
 * A server whose first request gets 429 with [retryHeader] and every later one a stream of "ok".
 */
fun rateLimitedOnceServer(retryHeader: Pair<String, String>): LoopbackServer {
    val attempts = java.util.concurrent.atomic.AtomicInteger()
    return LoopbackServer { ex ->
        if (attempts.getAndIncrement() == 0) {
            ex.respond(
                429,
                """{"error":{"message":"slow down","code":"rate_limit_exceeded"}}""",
                mapOf("Content-Type" to "application/json", retryHeader),
            )
        } else {
            ex.completeStream("ok")
        }
    }
}
