package ai.auriko.testing.internal

import ai.auriko.testing.FakeGateway
import io.ktor.http.HttpStatusCode
import java.io.BufferedInputStream
import java.io.IOException
import java.io.InputStream
import java.io.OutputStream
import java.net.Socket
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.runBlocking

/**
 * One exchange of the loopback gateway on its own socket and thread: read the request, answer it
 * with its script, and notice the moment the client closes its side. Blocking I/O on purpose: a
 * plain socket gives byte-level control (a body cut mid-chunk, a reset) that a server framework
 * hides.
 */
internal class HttpConnection(
    private val socket: Socket,
    private val receive: (String, String, Map<String, List<String>>, String) -> FakeGateway.Exchange,
) {
    private val clientGone = CountDownLatch(1)

    fun serve() {
        try {
            val input = BufferedInputStream(socket.getInputStream())
            val head = readHead(input) ?: return
            val lines = head.split("\r\n").filter { it.isNotEmpty() }
            val requestLine = lines.first().split(' ')
            if (requestLine.size < 2) return
            val headers = LinkedHashMap<String, MutableList<String>>()
            for (line in lines.drop(1)) {
                val colon = line.indexOf(':')
                if (colon > 0)
                    headers.getOrPut(line.substring(0, colon).trim()) { mutableListOf() } +=
                        line.substring(colon + 1).trim()
            }
            fun header(name: String) =
                headers.entries.firstOrNull { it.key.equals(name, true) }?.value?.firstOrNull()
            val body =
                if (header("transfer-encoding")?.contains("chunked", ignoreCase = true) == true) {
                    readChunked(input)
                } else {
                    readFully(input, header("content-length")?.toIntOrNull() ?: 0)
                } ?: return
            val exchange =
                receive(requestLine[0], requestLine[1], headers, String(body, Charsets.UTF_8))
            watchClient(input)
            answer(exchange, socket.getOutputStream())
        } catch (e: IOException) {
            // the client went away; answer() has recorded it when it mattered
        } finally {
            runCatching { socket.close() }
        }
    }

    /** From now on the client sends nothing: a read that ends means it closed its side. */
    private fun watchClient(input: InputStream) {
        Thread(
                {
                    try {
                        input.read()
                    } catch (e: IOException) {} finally {
                        clientGone.countDown()
                    }
                },
                "fake-gateway-watch",
            )
            .apply {
                isDaemon = true
                start()
            }
    }

    private fun answer(exchange: FakeGateway.Exchange, out: OutputStream) {
        val response = exchange.response
        val head =
            StringBuilder(
                "HTTP/1.1 ${response.status} ${HttpStatusCode.fromValue(response.status).description}\r\n"
            )
        head.append("Content-Type: ").append(response.contentType).append("\r\n")
        exchange.headers.forEach { (k, v) -> head.append(k).append(": ").append(v).append("\r\n") }
        head.append("Connection: close\r\n")
        if (!response.isStream) {
            val bytes = response.body.toByteArray(Charsets.UTF_8)
            head.append("Content-Length: ").append(bytes.size).append("\r\n\r\n")
            out.write(head.toString().toByteArray(Charsets.ISO_8859_1))
            out.write(bytes)
            out.flush()
            return
        }
        head.append("Transfer-Encoding: chunked\r\n\r\n")
        var finished = false
        try {
            out.write(head.toString().toByteArray(Charsets.ISO_8859_1))
            out.flush()
            val complete = runBlocking {
                response.writeStream(
                    write = { text ->
                        if (clientGone.count == 0L)
                            throw IOException("client closed the connection")
                        val bytes = text.toByteArray(Charsets.UTF_8)
                        out.write(
                            "${Integer.toHexString(bytes.size)}\r\n"
                                .toByteArray(Charsets.ISO_8859_1)
                        )
                        out.write(bytes)
                        out.write("\r\n".toByteArray(Charsets.ISO_8859_1))
                        out.flush()
                    },
                    // a pause ends early when the client goes away, so cancellation is seen at once
                    pause = { nanos ->
                        if (clientGone.await(nanos, TimeUnit.NANOSECONDS))
                            throw IOException("client closed the connection")
                    },
                )
            }
            finished = true
            if (complete) {
                out.write("0\r\n\r\n".toByteArray(Charsets.ISO_8859_1))
                out.flush()
                // let the client read the end before the socket closes
                clientGone.await(5, TimeUnit.SECONDS)
            } else {
                // A truncated script: the socket closes in the middle of the chunked body. First a
                // moment (≤ 200 ms, less if the client leaves) for the client to read what was
                // sent, as a real network's latency would give it: a Ktor engine that sees the cut
                // fails its body channel, which drops bytes the reader had not taken yet, so an
                // instant cut on loopback would make "what arrived" depend on thread scheduling.
                clientGone.await(200, TimeUnit.MILLISECONDS)
            }
        } finally {
            if (!finished) exchange.request.markCancelled()
        }
    }

    private fun readFully(input: InputStream, length: Int): ByteArray? {
        if (length > MAX_BODY) return null
        val body = ByteArray(length)
        var read = 0
        while (read < length) {
            val n = input.read(body, read, length - read)
            if (n == -1) return null
            read += n
        }
        return body
    }

    /** A chunked request body; bounded by [MAX_BODY]. */
    private fun readChunked(input: InputStream): ByteArray? {
        val body = java.io.ByteArrayOutputStream()
        while (body.size() <= MAX_BODY) {
            val sizeLine = readLine(input) ?: return null
            val size = sizeLine.substringBefore(';').trim().toIntOrNull(16) ?: return null
            if (size == 0) {
                while (true) {
                    if ((readLine(input) ?: return null).isEmpty()) break
                } // trailers
                return body.toByteArray()
            }
            body.write(readFully(input, size) ?: return null)
            readLine(input) ?: return null
        }
        return null
    }

    private fun readLine(input: InputStream): String? {
        val line = StringBuilder()
        while (line.length <= 8_192) {
            val b = input.read()
            if (b == -1) return null
            if (b == '\n'.code) return line.toString().removeSuffix("\r")
            line.append(b.toChar())
        }
        return null
    }

    private fun readHead(input: InputStream): String? {
        val head = StringBuilder()
        while (!head.endsWith("\r\n\r\n")) {
            val b = input.read()
            if (b == -1) return null
            head.append(b.toChar())
            if (head.length > 65_536) return null
        }
        return head.toString()
    }

    private companion object {
        /**
         * Requests larger than this are refused (the connection is closed): a test sends no more.
         */
        const val MAX_BODY = 16 * 1024 * 1024
    }
}
