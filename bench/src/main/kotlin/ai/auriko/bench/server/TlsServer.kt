package ai.auriko.bench.server

import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.locks.LockSupport
import javax.net.ServerSocketFactory
import javax.net.ssl.SSLContext
import mockwebserver3.Dispatcher
import mockwebserver3.MockResponse
import mockwebserver3.MockResponseBody
import mockwebserver3.MockWebServer
import mockwebserver3.RecordedRequest
import okhttp3.Protocol
import okio.BufferedSink

/**
 * The streams of [BenchServer] (`tp-…`, `rtp-…`, `paced-…`; not `endless-…`) over TLS on loopback,
 * HTTP/1.1 or, with [http2], HTTP/2 negotiated by ALPN (HTTP/1.1 still offered): OkHttp's
 * MockWebServer does TLS and HTTP/2 framing, a thread per connection (per stream on HTTP/2), which
 * is plenty for one stream at a time. The bytes are [BenchServer]'s: on HTTP/1.1 one HTTP chunk per
 * event, on HTTP/2 one flush (DATA frame) per paced event; paced events are stamped when written,
 * before encryption, as [BenchServer] stamps them before the socket write.
 */
class TlsServer(context: SSLContext, http2: Boolean, mode: String) : AutoCloseable {
    /** The stream shape for requests whose path does not start with one. */
    @Volatile var mode: String = mode

    /** Requests answered since start (MockWebServer does not expose connections). */
    val requests = AtomicInteger()

    /** Of [requests], those that came on HTTP/2: the protocol the row really ran. */
    val http2Requests = AtomicInteger()

    private val bodies = ConcurrentHashMap<String, ByteArray>()

    private val server =
        MockWebServer().apply {
            serverSocketFactory = NoDelayServerSockets
            useHttps(context.socketFactory)
            protocols =
                if (http2) listOf(Protocol.HTTP_2, Protocol.HTTP_1_1) else listOf(Protocol.HTTP_1_1)
            dispatcher =
                object : Dispatcher() {
                    override fun dispatch(request: RecordedRequest): MockResponse = respond(request)
                }
            start(InetAddress.getLoopbackAddress(), 0)
        }

    /** The port it listens on, on 127.0.0.1. */
    val port: Int = server.port

    override fun close() = server.close()

    private fun respond(request: RecordedRequest): MockResponse {
        requests.incrementAndGet()
        val first = request.target.trimStart('/').substringBefore('/')
        val shape =
            if (first.startsWith("tp-") || first.startsWith("rtp-") || first.startsWith("paced-"))
                first
            else mode
        val h1 = request.version.startsWith("HTTP/1")
        if (!h1) http2Requests.incrementAndGet()
        val parts = shape.split('-')
        val body: MockResponseBody =
            when (parts[0]) {
                "tp",
                "rtp" -> {
                    val framed =
                        bodies.computeIfAbsent(shape) {
                            if (parts[0] == "tp") Wire.throughputBody(parts[1].toInt())
                            else ResponsesWire.throughputBody(parts[1].toInt())
                        }
                    val bytes =
                        if (h1) framed.copyOf(framed.size - 2)
                        else bodies.computeIfAbsent("$shape-h2") { dechunk(framed, framed.size) }
                    Body { sink -> sink.write(bytes) }
                }
                "paced" -> Body { sink -> paced(sink, parts[1].toInt(), parts[2].toLong(), h1) }
                else -> return MockResponse.Builder().code(404).build()
            }
        return MockResponse.Builder()
            .code(200)
            .body(body)
            // A stream: no length; on HTTP/1.1 chunked, framed by the body itself.
            .removeHeader("Content-Length")
            .addHeader("Content-Type", "text/event-stream")
            .apply { if (h1) addHeader("Transfer-Encoding", "chunked") }
            .build()
    }

    /**
     * Writes [total] stamped events [spacing] ns apart, each when due (several when it fell
     * behind), flushing after each write.
     */
    private fun paced(sink: BufferedSink, total: Int, spacing: Long, h1: Boolean) {
        val scratch = ByteArray((Wire.stampedChunkLength + 64) * 64)
        val start = System.nanoTime()
        var sent = 0
        while (sent < total) {
            val due = start + (sent + 1) * spacing
            while (true) {
                val wait = due - System.nanoTime()
                if (wait <= 0) break
                if (wait > 1_500_000) Thread.sleep((wait - 500_000) / 1_000_000)
                else LockSupport.parkNanos(minOf(wait, 200_000))
            }
            val now = System.nanoTime()
            var p = 0
            while (
                sent < total &&
                    start + (sent + 1) * spacing <= now &&
                    p + Wire.stampedChunkLength + 64 <= scratch.size
            ) {
                p = Wire.writeStamped(scratch, p, System.nanoTime(), sent == total - 1)
                sent++
            }
            // MockWebServer ends a chunked body itself (the empty trailers' CRLF).
            if (sent == total && h1) p -= 2
            if (h1) sink.write(scratch, 0, p) else sink.write(dechunk(scratch, p))
            sink.flush()
        }
    }

    private class Body(private val write: (BufferedSink) -> Unit) : MockResponseBody {
        override val contentLength: Long
            get() = -1

        override fun writeTo(sink: BufferedSink) = write(sink)
    }

    /**
     * Server sockets whose connections have Nagle's algorithm off, as [BenchServer]'s: with it on,
     * a small event written while the previous one is unacknowledged waits for the client's delayed
     * ACK (40 ms on Linux). MockWebServer does not set it.
     */
    private object NoDelayServerSockets : ServerSocketFactory() {
        override fun createServerSocket(): ServerSocket = NoDelayServerSocket()

        override fun createServerSocket(port: Int): ServerSocket =
            NoDelayServerSocket().apply { bind(InetSocketAddress(port)) }

        override fun createServerSocket(port: Int, backlog: Int): ServerSocket =
            NoDelayServerSocket().apply { bind(InetSocketAddress(port), backlog) }

        override fun createServerSocket(
            port: Int,
            backlog: Int,
            address: InetAddress?,
        ): ServerSocket =
            NoDelayServerSocket().apply { bind(InetSocketAddress(address, port), backlog) }
    }

    private class NoDelayServerSocket : ServerSocket() {
        override fun accept(): Socket {
            val socket = Socket()
            implAccept(socket)
            socket.tcpNoDelay = true
            return socket
        }
    }

    private companion object {
        /** The payload of the first [length] bytes of a chunked body, without its framing. */
        fun dechunk(framed: ByteArray, length: Int): ByteArray {
            val out = java.io.ByteArrayOutputStream(length)
            var p = 0
            while (p < length) {
                var size = 0
                while (framed[p] != '\r'.code.toByte()) {
                    size = size * 16 + Character.digit(framed[p].toInt().toChar(), 16)
                    p++
                }
                p += 2
                if (size == 0) break
                out.write(framed, p, size)
                p += size + 2
            }
            return out.toByteArray()
        }
    }
}
