package ai.auriko.bench.server

import java.io.IOException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.StandardSocketOptions
import java.nio.ByteBuffer
import java.nio.channels.SelectionKey
import java.nio.channels.Selector
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.util.PriorityQueue
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.locks.LockSupport

/**
 * A loopback HTTP/1.1 server on NIO selectors that answers every POST with an event stream shaped
 * by [mode] (or by the path's first segment, when it is one of these):
 * - `tp-<chunks>`: a pre-encoded body of `chunks` events, written as fast as the socket takes it;
 * - `rtp-<deltas>`: the same for a Responses API stream of `deltas` text deltas ([ResponsesWire]);
 * - `paced-<chunks>-<spacingNanos>`: stamped chunks at a fixed schedule;
 * - `endless-<spacingNanos>`: stamped chunks until the peer closes.
 *
 * Bodies are chunked, one HTTP chunk per event, as a gateway flushing each event sends them, and
 * connections are kept alive after a complete body.
 *
 * A few threads serve any number of connections ([threads] selector loops, the first also
 * accepting), so 10,000 paced streams cost the server a wake-up per due chunk, not a thread each,
 * and the pre-encoded throughput body costs it only `write` calls. Every connection is also watched
 * for reading, so a client's close is seen the moment its FIN arrives ([lastPeerCloseNanos]).
 */
class BenchServer(threads: Int = 2, port: Int = 0, mode: String = "tp-10") : AutoCloseable {
    /**
     * The stream shape for requests whose path does not start with one (`tp-…`, `rtp-…`, `paced-…`,
     * `endless-…`).
     */
    @Volatile var mode: String = mode

    private val server: ServerSocketChannel =
        ServerSocketChannel.open().apply {
            bind(InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8192)
            configureBlocking(false)
        }

    /** The port it listens on, on 127.0.0.1. */
    val port: Int = (server.localAddress as InetSocketAddress).port

    /** Connections accepted since start. */
    val accepted = AtomicInteger()

    /** Connections currently open. */
    val open = AtomicInteger()

    /**
     * [System.nanoTime] when a peer last closed a connection in the middle of a response (0:
     * never).
     */
    val lastPeerCloseNanos = AtomicLong()

    /** Bytes written to all connections. */
    val bytesWritten = AtomicLong()

    private val bodies = ConcurrentHashMap<Int, ByteArray>()
    private val responsesBodies = ConcurrentHashMap<Int, ByteArray>()
    private val loops = List(threads) { Loop(it) }
    private val next = AtomicInteger()
    @Volatile private var running = true

    init {
        loops.forEach { it.thread.start() }
    }

    override fun close() {
        running = false
        loops.forEach { it.selector.wakeup() }
        loops.forEach { it.thread.join(2_000) }
        server.close()
    }

    /** The whole response (head and body) for `tp-<chunks>`, encoded once per size. */
    private fun tpResponse(chunks: Int): ByteArray =
        bodies.computeIfAbsent(chunks) { STREAM_HEAD + Wire.throughputBody(it) }

    /** The whole response (head and body) for `rtp-<deltas>`, encoded once per size. */
    private fun rtpResponse(deltas: Int): ByteArray =
        responsesBodies.computeIfAbsent(deltas) { STREAM_HEAD + ResponsesWire.throughputBody(it) }

    private inner class Loop(index: Int) {
        val selector: Selector = Selector.open()
        val incoming = ConcurrentLinkedQueue<SocketChannel>()
        val due = PriorityQueue<Conn>(compareBy { it.dueNanos })
        val thread = Thread(::run, "bench-server-$index").apply { isDaemon = true }

        init {
            if (index == 0) server.register(selector, SelectionKey.OP_ACCEPT)
        }

        private fun run() {
            try {
                while (running) {
                    val first = due.peek()
                    if (first == null) {
                        selector.select(100)
                    } else {
                        val wait = first.dueNanos - System.nanoTime()
                        when {
                            wait > 1_500_000 -> selector.select(wait / 1_000_000)
                            wait > 0 -> {
                                selector.selectNow()
                                LockSupport.parkNanos(minOf(wait, 200_000))
                            }
                            else -> selector.selectNow()
                        }
                    }
                    while (true) register(incoming.poll() ?: break)
                    val keys = selector.selectedKeys().iterator()
                    while (keys.hasNext()) {
                        val key = keys.next()
                        keys.remove()
                        if (!key.isValid) continue
                        if (key.isAcceptable) {
                            acceptAll()
                            continue
                        }
                        val conn = key.attachment() as Conn
                        try {
                            if (key.isReadable) conn.onReadable()
                            if (key.isValid && key.isWritable) conn.flush()
                        } catch (e: IOException) {
                            conn.close(peer = true)
                        }
                    }
                    val now = System.nanoTime()
                    while (true) {
                        val conn = due.peek() ?: break
                        if (conn.dueNanos > now) break
                        due.poll()
                        try {
                            // writeDue() re-queues it when more chunks are due.
                            conn.writeDue()
                        } catch (e: IOException) {
                            conn.close(peer = true)
                        }
                    }
                }
            } finally {
                selector.keys().forEach { runCatching { it.channel().close() } }
                selector.close()
            }
        }

        private fun acceptAll() {
            while (true) {
                val ch = server.accept() ?: return
                accepted.incrementAndGet()
                open.incrementAndGet()
                val target = loops[Math.floorMod(next.getAndIncrement(), loops.size)]
                if (target === this) register(ch)
                else {
                    target.incoming.add(ch)
                    target.selector.wakeup()
                }
            }
        }

        private fun register(ch: SocketChannel) {
            ch.configureBlocking(false)
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true)
            val conn = Conn(ch, this)
            conn.key = ch.register(selector, SelectionKey.OP_READ, conn)
        }
    }

    /**
     * One connection: reads requests, writes one response at a time, keeps the connection alive
     * after it.
     */
    private inner class Conn(val ch: SocketChannel, val loop: Loop) {
        lateinit var key: SelectionKey
        private val input = ByteBuffer.allocate(64 * 1024)
        private var out: ByteBuffer? = null
        private var responding = false
        private var closeAfter = false
        // Paced state.
        var dueNanos = 0L
        private var sent = 0
        private var total = 0 // Int.MAX_VALUE: endless
        private var spacing = 0L
        private var scheduleStart = 0L
        private val scratch = ByteArray((Wire.stampedChunkLength + 16) * 64 + 64)
        private var closed = false
        private var inDue = false

        fun onReadable() {
            val n = ch.read(input)
            if (n < 0) {
                close(peer = true)
                return
            }
            if (!responding) tryStartResponse()
        }

        /**
         * Parses a whole request (head and Content-Length body) from [input] and starts answering
         * it.
         */
        private fun tryStartResponse() {
            val bytes = input.array()
            val end = input.position()
            var headEnd = -1
            for (i in 3 until end) {
                if (
                    bytes[i] == '\n'.code.toByte() &&
                        bytes[i - 1] == '\r'.code.toByte() &&
                        bytes[i - 2] == '\n'.code.toByte() &&
                        bytes[i - 3] == '\r'.code.toByte()
                ) {
                    headEnd = i + 1
                    break
                }
            }
            if (headEnd < 0) return
            val head = String(bytes, 0, headEnd, Charsets.ISO_8859_1)
            val length = CONTENT_LENGTH.find(head)?.groupValues?.get(1)?.toInt() ?: 0
            if (end < headEnd + length) return
            // Keep any pipelined bytes after this request.
            System.arraycopy(bytes, headEnd + length, bytes, 0, end - headEnd - length)
            input.position(end - headEnd - length)
            val path = head.substringAfter(' ').substringBefore(' ')
            val first = path.trimStart('/').substringBefore('/')
            startResponse(
                if (
                    first.startsWith("tp-") ||
                        first.startsWith("rtp-") ||
                        first.startsWith("paced-") ||
                        first.startsWith("endless-")
                )
                    first
                else mode
            )
        }

        private fun startResponse(mode: String) {
            responding = true
            val parts = mode.split('-')
            when (parts[0]) {
                "tp" -> {
                    write(ByteBuffer.wrap(tpResponse(parts[1].toInt())), null)
                }
                "rtp" -> {
                    write(ByteBuffer.wrap(rtpResponse(parts[1].toInt())), null)
                }
                "paced",
                "endless" -> {
                    val endless = parts[0] == "endless"
                    total = if (endless) Int.MAX_VALUE else parts[1].toInt()
                    spacing = (if (endless) parts[1] else parts[2]).toLong()
                    sent = 0
                    val head =
                        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    write(ByteBuffer.wrap(head.toByteArray()), null)
                    scheduleStart = System.nanoTime()
                    dueNanos = scheduleStart + spacing
                    inDue = true
                    loop.due.add(this)
                }
                else -> {
                    closeAfter = true
                    write(
                        ByteBuffer.wrap(
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .toByteArray()
                        ),
                        null,
                    )
                }
            }
        }

        /** Writes every chunk that is due (several when the server fell behind), stamped now. */
        fun writeDue() {
            if (closed) return
            val now = System.nanoTime()
            var p = 0
            while (
                sent < total &&
                    scheduleStart + (sent + 1) * spacing <= now &&
                    p + Wire.stampedChunkLength + 48 <= scratch.size
            ) {
                val last = sent == total - 1
                p = Wire.writeStamped(scratch, p, System.nanoTime(), last)
                sent++
            }
            if (p > 0) write(ByteBuffer.wrap(scratch.copyOf(p)), null)
            if (sent < total) {
                dueNanos = scheduleStart + (sent + 1) * spacing
                loop.due.add(this)
            } else {
                inDue = false
                responseBodyDone()
            }
        }

        private fun write(first: ByteBuffer, second: ByteBuffer?) {
            val pending = out
            out =
                if (pending == null || !pending.hasRemaining()) {
                    if (second == null) first else join(first, second)
                } else {
                    join(pending, first, second)
                }
            flush()
        }

        fun flush() {
            val buffer = out ?: return
            while (buffer.hasRemaining()) {
                val n = ch.write(buffer)
                if (n == 0) break
                bytesWritten.addAndGet(n.toLong())
            }
            if (buffer.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ or SelectionKey.OP_WRITE)
            } else {
                out = null
                key.interestOps(SelectionKey.OP_READ)
                if (responding && total == 0)
                    responseBodyDone() // a tp body is complete once written
            }
        }

        private fun responseBodyDone() {
            if (out != null) return // finishes in flush()
            responding = false
            total = 0
            if (closeAfter) {
                close(peer = false)
                return
            }
            if (input.position() > 0) tryStartResponse()
        }

        fun close(peer: Boolean) {
            if (closed) return
            closed = true
            if (peer && responding) lastPeerCloseNanos.set(System.nanoTime())
            if (inDue) loop.due.remove(this)
            key.cancel()
            runCatching { ch.close() }
            open.decrementAndGet()
        }
    }

    private companion object {
        val CONTENT_LENGTH = Regex("(?i)\r\ncontent-length: *(\\d+)")

        val STREAM_HEAD =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                .toByteArray()

        /**
         * Joins buffers for a gather-free write; big bodies are only joined while a write is
         * pending.
         */
        fun join(vararg parts: ByteBuffer?): ByteBuffer {
            val size = parts.sumOf { it?.remaining() ?: 0 }
            val joined = ByteBuffer.allocate(size)
            parts.forEach { if (it != null) joined.put(it) }
            return joined.flip()
        }
    }
}
