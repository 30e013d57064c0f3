package ai.auriko.client

import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.testing.OptionsGateway
import ai.auriko.client.testing.contentEvent
import ai.auriko.client.testing.responsesRequest
import ai.auriko.errors.ServiceUnavailableException
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.io.BufferedInputStream
import java.io.IOException
import java.io.InputStream
import java.io.OutputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Per-request options on every endpoint: the builder and DSL, what reaches the server (headers and
 * query parameters as the server received them), the merge rules (per-request wins), retries
 * counted by attempts, and that a call with options runs on the client's own connection pool.
 * Timeouts are proven in virtual time in [RequestOptionsVirtualTimeSpec]; the per-call key's
 * redaction in [RequestOptionsSecretSpec].
 */
class RequestOptionsSpec :
    FunSpec({
        val chatRequest =
            ChatCompletionRequest.builder().model("m").addMessage(ChatMessage.user("hi")).build()
        val clientKey = "sk-client-key-0123456789"
        val tenantKey = "sk-tenant-key-9876543210"

        fun clientOn(
            gateway: OptionsGateway,
            configure: AurikoClientOptions.Builder.() -> Unit = {},
        ): AurikoClient = AurikoClient {
            apiKey = clientKey
            baseUrl = "https://gateway.test/v1"
            engine = gateway.engine
            logger = AurikoLogger.NONE
            defaultHeaders["X-Team"] = "core"
            configure()
        }

        // Every endpoint shape that takes options: name → one call with them.
        val calls: List<Pair<String, suspend (AurikoClient, RequestOptions) -> Unit>> =
            listOf(
                "chat create" to { c, o -> c.chat.completions.create(chatRequest, o) },
                "chat create DSL" to
                    { c, o ->
                        c.chat.completions.create(o) {
                            model = "m"
                            messages { user("hi") }
                        }
                    },
                "chat stream" to
                    { c, o ->
                        c.chat.completions.stream(chatRequest, o).toCompletion()
                    },
                "chat stream DSL" to
                    { c, o ->
                        c.chat.completions
                            .stream(o) {
                                model = "m"
                                messages { user("hi") }
                            }
                            .toCompletion()
                    },
                "responses create" to { c, o -> c.responses.create(responsesRequest(), o) },
                "responses create DSL" to
                    { c, o ->
                        c.responses.create(o) {
                            model = "gpt-4o"
                            input = "hi"
                        }
                    },
                "responses stream" to
                    { c, o ->
                        c.responses.stream(responsesRequest(), o).toResponse()
                    },
                "responses stream DSL" to
                    { c, o ->
                        c.responses
                            .stream(o) {
                                model = "gpt-4o"
                                input = "hi"
                            }
                            .toResponse()
                    },
                "me.get" to { c, o -> c.me.get(o) },
                "models.list" to { c, o -> c.models.list(o) },
                "workspaces.list" to { c, o -> c.workspaces.list(o) },
                "budgets.list" to { c, o -> c.budgets.list("ws_1", o) },
            )

        context("building options") {
            test(
                "the builder and the DSL give immutable options; a later header of the same name, in any case, replaces the earlier"
            ) {
                val builder =
                    RequestOptions.builder()
                        .header("X-Tenant", "a")
                        .header("x-tenant", "b")
                        .queryParam("q", "1")
                        .queryParam("q", "2")
                        .maxRetries(1)
                val options = builder.build()
                builder.header("X-Other", "c").maxRetries(3)
                options.headers shouldBe mapOf("x-tenant" to "b")
                options.queryParams shouldBe mapOf("q" to "2")
                options.maxRetries shouldBe 1
                options.requestTimeout shouldBe null
                shouldThrow<UnsupportedOperationException> {
                    @Suppress("UNCHECKED_CAST")
                    (options.headers as MutableMap<String, String>)["X-Sneaky"] = "1"
                }
                val dsl = requestOptions {
                    requestTimeout = 5.seconds
                    idleTimeout = 7.seconds
                    firstEventTimeout = 9.seconds
                    maxRetries = 0
                    header("X-Tenant", "b")
                }
                dsl.requestTimeout shouldBe 5.seconds
                dsl.idleTimeout shouldBe 7.seconds
                dsl.firstEventTimeout shouldBe 9.seconds
                dsl.maxRetries shouldBe 0
                val derived = dsl.toBuilder().maxRetries(4).build()
                derived.maxRetries shouldBe 4
                derived.headers shouldBe mapOf("X-Tenant" to "b")
                derived.requestTimeout shouldBe 5.seconds
                dsl.maxRetries shouldBe 0
                RequestOptions.NONE.headers shouldBe emptyMap()
                RequestOptions.NONE.maxRetries shouldBe null
            }

            test(
                "a per-call credential reads back as ██ from headers and from every field, and is still sent as set, also after toBuilder()"
            ) {
                val key = "sk-tenant-READBACK-123"
                val options =
                    RequestOptions.builder()
                        .apiKey(key)
                        .header("X-Api-Key", "xk-$key")
                        .header("X-Tenant", "acme")
                        .build()
                options.headers shouldBe
                    mapOf("Authorization" to "██", "X-Api-Key" to "██", "X-Tenant" to "acme")
                for (sent in listOf(options, options.toBuilder().build())) {
                    sent.headersToSend() shouldBe
                        mapOf(
                            "Authorization" to "Bearer $key",
                            "X-Api-Key" to "xk-$key",
                            "X-Tenant" to "acme",
                        )
                }
                // What a reflection-based serializer would walk: every instance field.
                for (field in RequestOptions::class.java.declaredFields) {
                    if (java.lang.reflect.Modifier.isStatic(field.modifiers)) continue
                    field.isAccessible = true
                    val value = field.get(options) ?: continue
                    val texts =
                        if (value is Iterable<*>) value.map { it.toString() }
                        else listOf(value.toString())
                    texts.forEach { it shouldNotContain "READBACK" }
                }
            }

            test("toString() names headers and parameters but never shows their values") {
                val options = requestOptions {
                    apiKey(tenantKey)
                    header("api-key", "sk-azure-style-secret-1")
                    header("X-Tenant", "tenant-value-visible-nowhere")
                    queryParam("sig", "query-value-visible-nowhere")
                }
                val text = options.toString()
                text shouldContain "Authorization"
                text shouldContain "sig"
                for (value in
                    listOf(tenantKey, "sk-azure", "tenant-value", "query-value", "Bearer")) {
                    text shouldNotContain value
                }
            }

            test("bad values fail in the builder, and no message repeats a header's value") {
                val injected =
                    shouldThrow<IllegalArgumentException> {
                        RequestOptions.builder().header("X-Key", "sk-line\r\nInjected: 1")
                    }
                injected.message shouldNotContain "sk-line"
                shouldThrow<IllegalArgumentException> {
                        RequestOptions.builder().apiKey("sk-pas\nted-key")
                    }
                    .message shouldNotContain "sk-pas"
                shouldThrow<IllegalArgumentException> { RequestOptions.builder().apiKey("  ") }
                shouldThrow<IllegalArgumentException> {
                    RequestOptions.builder().header("Bad Name", "v")
                }
                shouldThrow<IllegalArgumentException> {
                    RequestOptions.builder().header("content-length", "1")
                }
                shouldThrow<IllegalArgumentException> { RequestOptions.builder().maxRetries(-1) }
                shouldThrow<IllegalArgumentException> {
                    RequestOptions.builder().requestTimeout(java.time.Duration.ZERO)
                }
                shouldThrow<IllegalArgumentException> {
                    requestOptions { idleTimeout = (-1).seconds }
                }
            }
        }

        context("headers and query parameters, as the server received them") {
            for ((name, call) in calls) {
                test(
                    "$name: the per-call key replaces the client's, a header replaces the client's of the same name in any case, others are added; the next call without options is the client's again"
                ) {
                    val gateway = OptionsGateway()
                    clientOn(gateway).use { client ->
                        val options = requestOptions {
                            apiKey(tenantKey)
                            header("x-team", "tenant-team")
                            header("X-Tenant", "acme")
                            queryParam("api-version", "2026-01-01")
                            queryParam("tag", "a b&c")
                        }
                        call(client, options)
                        call(client, RequestOptions.NONE)
                        withClue(gateway.requests.joinToString { it.url.toString() }) {
                            gateway.count() shouldBe 2
                        }
                        gateway.header(0, "Authorization") shouldBe listOf("Bearer $tenantKey")
                        gateway.header(0, "X-Team") shouldBe listOf("tenant-team")
                        gateway.header(0, "X-Tenant") shouldBe listOf("acme")
                        gateway.query(0, "api-version") shouldBe listOf("2026-01-01")
                        gateway.query(0, "tag") shouldBe listOf("a b&c")
                        gateway.header(0, "User-Agent").single() shouldContain "auriko-jvm/"

                        gateway.path(1) shouldBe gateway.path(0)
                        gateway.header(1, "Authorization") shouldBe listOf("Bearer $clientKey")
                        gateway.header(1, "X-Team") shouldBe listOf("core")
                        gateway.header(1, "X-Tenant") shouldBe emptyList()
                        gateway.requests[1].url.parameters.isEmpty() shouldBe true
                    }
                }
            }
        }

        context("max retries: the per-request value wins, counted in attempts") {
            for ((name, call) in calls) {
                test(
                    "$name: client 2 → 3 attempts; per call 0 → 1; client 0 with per call 2 → 3, every attempt with the per-call key"
                ) {
                    val gateway = OptionsGateway().apply { failing = true }
                    clientOn(gateway) { maxRetries = 2 }
                        .use { client ->
                            shouldThrow<ServiceUnavailableException> {
                                    call(client, RequestOptions.NONE)
                                }
                                .attempts() shouldBe 3
                            gateway.count() shouldBe 3
                            gateway.clear()
                            shouldThrow<ServiceUnavailableException> {
                                    call(client, requestOptions { maxRetries = 0 })
                                }
                                .attempts() shouldBe 1
                            gateway.count() shouldBe 1
                        }
                    gateway.clear()
                    clientOn(gateway) { maxRetries = 0 }
                        .use { client ->
                            shouldThrow<ServiceUnavailableException> {
                                    call(
                                        client,
                                        requestOptions {
                                            maxRetries = 2
                                            apiKey(tenantKey)
                                        },
                                    )
                                }
                                .attempts() shouldBe 3
                            gateway.count() shouldBe 3
                            (0 until 3).map {
                                gateway.header(it, "Authorization").single()
                            } shouldBe List(3) { "Bearer $tenantKey" }
                        }
                }
            }
        }

        test(
            "one connection pool: streams with and without options (headers, query, timeouts, retries) reuse one loopback connection"
        ) {
            KeepAlive().use { server ->
                AurikoClient {
                        apiKey = clientKey
                        baseUrl = server.baseUrl
                        logger = AurikoLogger.NONE
                    }
                    .use { client ->
                        val options = requestOptions {
                            apiKey(tenantKey)
                            header("X-Tenant", "acme")
                            queryParam("api-version", "1")
                            firstEventTimeout = 30.seconds
                            idleTimeout = 20.seconds
                            requestTimeout = 40.seconds
                            maxRetries = 0
                        }
                        client.chat.completions.stream(chatRequest).toCompletion().content shouldBe
                            "hi"
                        client.chat.completions
                            .stream(chatRequest, options)
                            .toCompletion()
                            .content shouldBe "hi"
                        client.chat.completions
                            .stream(chatRequest, requestOptions { idleTimeout = 500.milliseconds })
                            .toCompletion()
                            .content shouldBe "hi"
                    }
                server.heads.size shouldBe 3
                server.connections.get() shouldBe 1
                val tenant = server.heads[1]
                tenant.first() shouldContain "/v1/chat/completions?api-version=1 "
                tenant shouldContainLine "authorization: Bearer $tenantKey"
                tenant shouldContainLine "x-tenant: acme"
                server.heads[0] shouldContainLine "authorization: Bearer $clientKey"
                server.heads[2] shouldContainLine "authorization: Bearer $clientKey"
            }
        }
    })

private infix fun List<String>.shouldContainLine(line: String) {
    withClue(joinToString("\n")) { any { it.equals(line, ignoreCase = true) } shouldBe true }
}

/**
 * A keep-alive HTTP/1.1 server on loopback that answers every request with a one-chunk chat stream
 * and keeps the connection open for the next; it counts connections and keeps each request's head.
 */
private class KeepAlive : AutoCloseable {
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    val baseUrl = "http://127.0.0.1:${server.localPort}/v1"
    val connections = AtomicInteger()
    val heads: MutableList<List<String>> = CopyOnWriteArrayList()
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
            socket.use {
                val input = BufferedInputStream(socket.getInputStream())
                val out = socket.getOutputStream()
                repeat(20) {
                    val head = ArrayList<String>()
                    var length = 0
                    while (true) {
                        val line = readLine(input) ?: return
                        if (line.isEmpty()) break
                        head += line
                        if (line.startsWith("content-length:", ignoreCase = true))
                            length = line.substringAfter(':').trim().toInt()
                    }
                    repeat(length) { if (input.read() == -1) return }
                    heads += head
                    out.answer()
                }
            }
        } catch (e: IOException) {
            // the test closed the server, or the client its connection
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

    private fun OutputStream.answer() {
        write(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                .toByteArray()
        )
        for (text in listOf(contentEvent("hi", "stop"), "data: [DONE]\n\n")) {
            val bytes = text.toByteArray()
            write("${Integer.toHexString(bytes.size)}\r\n".toByteArray())
            write(bytes)
            write("\r\n".toByteArray())
        }
        write("0\r\n\r\n".toByteArray())
        flush()
    }

    override fun close() {
        server.close()
        sockets.forEach { runCatching { it.close() } }
    }
}
