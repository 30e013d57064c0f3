package ai.auriko.testing

import ai.auriko.testing.internal.HttpConnection
import java.io.IOException
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

/**
 * The fake gateway as a real HTTP/1.1 server on 127.0.0.1, for tests that need real sockets:
 * connect, request and idle timeouts, cancellation that closes the connection, any Ktor engine.
 * Same scripts and recording as [InMemoryGateway].
 *
 * ```kotlin
 * LoopbackGateway().use { gateway ->
 *     val client = AurikoClient { apiKey = "sk-test"; baseUrl = gateway.baseUrl }
 *     …
 * }
 * ```
 *
 * Each exchange has its own connection (`Connection: close`). When the client goes away before a
 * script has finished, [RecordedRequest.awaitCancellation] returns true and the script stops at
 * once, pauses included. A [GatewayScript.Builder.truncate] closes the socket in the middle of the
 * chunked body. Always [close] it: it stops the server and every connection.
 */
public class LoopbackGateway @JvmOverloads constructor(port: Int = 0) : FakeGateway() {
    private val server = ServerSocket(port, 100, InetAddress.getLoopbackAddress())
    private val sockets = CopyOnWriteArrayList<Socket>()
    private val threads = CopyOnWriteArrayList<Thread>()
    private val accepted = AtomicInteger()

    /** The port the server listens on. */
    public val port: Int
        get() = server.localPort

    /** `http://127.0.0.1:<port>/v1`. */
    override val baseUrl: String
        get() = "http://127.0.0.1:$port/v1"

    /** How many connections the server has accepted. */
    public val connectionCount: Int
        get() = accepted.get()

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
                        val id = accepted.incrementAndGet()
                        val thread =
                            Thread(
                                { HttpConnection(socket, this::receive).serve() },
                                "fake-gateway-conn-$id",
                            )
                        thread.isDaemon = true
                        threads += thread
                        thread.start()
                    }
                },
                "fake-gateway-accept",
            )
            .apply {
                isDaemon = true
                start()
            }

    /** Stops the server and closes every connection; waits up to 5 seconds for its threads. */
    override fun close() {
        runCatching { server.close() }
        sockets.forEach { runCatching { it.close() } }
        acceptor.join(5_000)
        threads.forEach { it.join(5_000) }
    }
}
