package ai.auriko.client

import ai.auriko.client.blocking.blocking
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.logging.HttpLogLevel
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.client.testing.Exchange
import ai.auriko.client.testing.Fault
import ai.auriko.client.testing.FaultLimits
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.StreamPlan
import ai.auriko.client.testing.completeStream
import ai.auriko.client.testing.completionJson
import ai.auriko.client.testing.contentEvent
import ai.auriko.client.testing.play
import ai.auriko.http.ResponseHeaders
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.ktor.client.engine.HttpClientEngine
import java.io.PrintWriter
import java.io.StringWriter
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicReference
import kotlin.time.Duration.Companion.milliseconds

/**
 * The API key never escapes. One test drives every kind of call — streams and non-streaming calls
 * that succeed, every HTTP error status, in-stream errors, faults, retries, a redirect, management
 * calls, Kotlin and Java — against a server that echoes the Authorization header into its bodies,
 * headers, cookies and Location, with HTTP logging at its most verbose level. It then scans every
 * log line (and the stack trace of every logged error), every event the listener got, every
 * exception (message, toString, stack trace with causes and suppressed, headers, partial
 * completion) and the toString() of every object the calls produced, for the key.
 */
abstract class SecretScanSpec(engines: List<Pair<String, () -> HttpClientEngine?>>) :
    FunSpec({
        val key = "sk-live-SECRETSCAN-0123456789abcdefXYZ"
        val marker = "SECRETSCAN"

        for ((engineName, engineFactory) in engines) {
            test(
                "[$engineName] the key appears in no log line, event, exception or toString(), whatever the call and however it ends"
            ) {
                val texts = CopyOnWriteArrayList<Pair<String, String>>() // where → text
                fun record(where: String, value: Any?) {
                    if (value == null) return
                    if (value is Throwable) {
                        val trace =
                            StringWriter()
                                .also { value.printStackTrace(PrintWriter(it)) }
                                .toString()
                        texts += "$where (stack trace)" to trace
                        texts += "$where (toString)" to value.toString()
                        (value as? ai.auriko.errors.AurikoException)?.let { e ->
                            record("$where.partialCompletion", e.partialCompletion)
                            (e as? ai.auriko.errors.AurikoApiException)?.let { api ->
                                record("$where.headers", api.headers())
                                texts += "$where.errorMessage" to api.errorMessage()
                            }
                        }
                        return
                    }
                    texts += where to value.toString()
                }

                val logLines = CopyOnWriteArrayList<String>()
                val logger = AurikoLogger { level, message, error ->
                    logLines += "$level $message"
                    record("log line '$message'", message)
                    record("logged error", error)
                }
                val listener =
                    object : AurikoEventListener() {
                        override fun callStarted(call: AurikoCall) =
                            record("event callStarted", call)

                        override fun responseHeaders(
                            call: AurikoCall,
                            status: Int,
                            headers: ResponseHeaders,
                        ) = record("event responseHeaders", headers)

                        override fun retryScheduled(
                            call: AurikoCall,
                            attempt: Int,
                            delay: Duration,
                            reason: ai.auriko.errors.AurikoException,
                        ) = record("event retryScheduled", reason)

                        override fun callSucceeded(
                            call: AurikoCall,
                            duration: Duration,
                            metrics: StreamMetrics?,
                        ) = record("event callSucceeded", metrics)

                        override fun callFailed(
                            call: AurikoCall,
                            duration: Duration,
                            error: Throwable,
                            metrics: StreamMetrics?,
                        ) = record("event callFailed", error)
                    }

                val script = AtomicReference<(Exchange) -> Unit> { it.completeStream("hi") }
                LoopbackServer { ex -> script.get()(ex) }
                    .use { server ->
                        val limits =
                            FaultLimits(
                                // Short: the faults wait these out, and the scan checks what
                                // was said, not whether a call made it in time.
                                idleTimeoutMs = 100,
                                firstEventTimeoutMs = 250,
                                maxLineBytes = 4 * 1024,
                            )
                        val engine = engineFactory()
                        val client = AurikoClient {
                            apiKey = key
                            baseUrl = server.baseUrl
                            this.engine = engine
                            this.logger = logger
                            httpLogLevel = HttpLogLevel.BODY
                            eventListener = listener
                            idleTimeout = limits.idleTimeoutMs.milliseconds
                            firstEventTimeout = limits.firstEventTimeoutMs.milliseconds
                            requestTimeout = 350.milliseconds
                            maxLineBytes = limits.maxLineBytes
                            retryPolicy =
                                ai.auriko.http.RetryPolicy.builder()
                                    .maxRetries(1)
                                    .initialBackoff(Duration.ofMillis(1))
                                    .build()
                        }
                        val javaClient = client.blocking()
                        record("options", client.options)
                        record("client", client)
                        record("blocking client", javaClient)
                        val request =
                            ai.auriko.request.chat.ChatCompletionRequest.builder()
                                .model("m")
                                .addMessage(ai.auriko.request.chat.ChatMessage.user("hi"))
                                .build()

                        fun Exchange.echo(): String =
                            this.request.headers["authorization"] ?: "no authorization header"
                        fun Exchange.echoHeaders(contentType: String) =
                            mapOf(
                                "Content-Type" to contentType,
                                "x-request-id" to "req_${echo()}",
                                "x-echo-authorization" to echo(),
                                "Set-Cookie" to "session=${echo()}; Path=/",
                                "retry-after-ms" to "1",
                                "Connection" to
                                    "close", // the raw server answers one exchange per connection
                            )

                        val scenarios = ArrayList<Pair<String, (Exchange) -> Unit>>()
                        scenarios +=
                            "complete stream" to
                                { ex ->
                                    ex.startStream(
                                        headers =
                                            mapOf(
                                                "Content-Type" to "text/event-stream",
                                                "Connection" to "close",
                                            )
                                    )
                                    ex.chunk(contentEvent("hello", finishReason = "stop"))
                                    ex.chunk("data: [DONE]\n\n")
                                    ex.endStream()
                                }
                        scenarios +=
                            "JSON completion" to
                                { ex ->
                                    ex.respond(
                                        200,
                                        completionJson("hello"),
                                        mapOf(
                                            "Content-Type" to "application/json",
                                            "x-echo" to ex.echo(),
                                            "Connection" to "close",
                                        ),
                                    )
                                }
                        for (status in
                            listOf(
                                400,
                                401,
                                402,
                                403,
                                404,
                                408,
                                409,
                                422,
                                429,
                                500,
                                502,
                                503,
                                504,
                                418,
                            )) {
                            scenarios +=
                                "HTTP $status echoing the key" to
                                    { ex ->
                                        ex.respond(
                                            status,
                                            """{"error":{"message":"you sent ${ex.echo()}","code":$status,"param":"${ex.echo()}"}}""",
                                            ex.echoHeaders("application/json"),
                                        )
                                    }
                        }
                        scenarios +=
                            "HTML 502 echoing the key" to
                                { ex ->
                                    ex.respond(
                                        502,
                                        "<html><head><title>Bad ${ex.echo()}</title></head><body>${ex.echo()}</body></html>",
                                        ex.echoHeaders("text/html"),
                                    )
                                }
                        scenarios +=
                            "plain-text 500 echoing the key" to
                                { ex ->
                                    ex.respond(
                                        500,
                                        "upstream said ${ex.echo()}",
                                        ex.echoHeaders("text/plain"),
                                    )
                                }
                        scenarios +=
                            "event: error echoing the key" to
                                { ex ->
                                    ex.startStream(headers = ex.echoHeaders("text/event-stream"))
                                    ex.chunk(contentEvent("partial "))
                                    ex.chunk(
                                        "event: error\ndata: {\"error\":{\"message\":\"echo ${ex.echo()}\",\"code\":\"server_error\"}}\n\n"
                                    )
                                    ex.endStream()
                                }
                        scenarios +=
                            "chunk with an error object echoing the key" to
                                { ex ->
                                    ex.startStream(headers = ex.echoHeaders("text/event-stream"))
                                    ex.chunk(
                                        "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"error\"}],\"error\":{\"message\":\"${ex.echo()}\",\"code\":429}}\n\n"
                                    )
                                    ex.endStream()
                                }
                        scenarios +=
                            "non-JSON data line echoing the key" to
                                { ex ->
                                    ex.startStream(headers = ex.echoHeaders("text/event-stream"))
                                    ex.chunk("data: not json ${ex.echo()}\n\n")
                                    ex.awaitClientClose(2_000)
                                }
                        scenarios +=
                            "redirect whose Location carries the key" to
                                { ex ->
                                    ex.respond(
                                        302,
                                        "",
                                        mapOf(
                                            "Location" to
                                                "http://127.0.0.1:1/steal?k=${ex.echo().removePrefix("Bearer ")}",
                                            "Content-Type" to "text/plain",
                                            "Connection" to "close",
                                        ),
                                    )
                                }
                        scenarios +=
                            "200 JSON error echoing the key" to
                                { ex ->
                                    ex.respond(
                                        200,
                                        """{"error":{"message":"${ex.echo()}","code":500}}""",
                                        ex.echoHeaders("application/json"),
                                    )
                                }
                        for (fault in
                            listOf(
                                Fault.RESET,
                                Fault.HALF_CLOSE,
                                Fault.STALL,
                                Fault.OVERSIZE_LINE,
                                Fault.CHUNK_CUT,
                                Fault.HEADERS_NEVER_FINISH,
                                Fault.GARBAGE,
                            )) {
                            val plan = StreamPlan(1, fault, listOf("a ", "b ", "c "), 1)
                            scenarios += "fault $fault" to { ex -> ex.play(plan, limits) }
                        }

                        var calls = 0
                        for ((name, serve) in scenarios) {
                            script.set(serve)
                            // Kotlin stream, Kotlin create, Java stream, Java create: each kept
                            // with everything it produced.
                            val stream = client.chat.completions.stream(request)
                            runCatching {
                                    stream.collect { chunk -> record("$name: chunk", chunk) }
                                }
                                .exceptionOrNull()
                                ?.let { record("$name: stream exception", it) }
                            record("$name: stream", stream)
                            record("$name: stream headers", stream.responseHeaders)
                            record("$name: stream completion", stream.completion)
                            record("$name: stream metrics", stream.metrics)
                            runCatching { client.chat.completions.create(request) }
                                .onSuccess {
                                    record("$name: completion", it)
                                    record("$name: completion headers", it.responseHeaders)
                                }
                                .onFailure { record("$name: create exception", it) }
                            runCatching {
                                    javaClient.chat().completions().stream(request).use { s ->
                                        record("$name: java stream", s)
                                        s.forEach { record("$name: java chunk", it) }
                                        record("$name: java stream completion", s.completion())
                                    }
                                }
                                .exceptionOrNull()
                                ?.let { record("$name: java stream exception", it) }
                            runCatching { javaClient.chat().completions().create(request) }
                                .onSuccess { record("$name: java completion", it) }
                                .onFailure { record("$name: java create exception", it) }
                            runCatching { client.models.list() }
                                .onSuccess { record("$name: models", it) }
                                .onFailure { record("$name: models exception", it) }
                            calls += 5
                        }
                        script.set { ex ->
                            ex.respond(
                                200,
                                """{"object":"list","data":[{"id":"gpt-4o","object":"model"}]}""",
                                mapOf("Content-Type" to "application/json", "Connection" to "close"),
                            )
                        }
                        record("models", client.models.list())
                        script.set { ex ->
                            ex.respond(
                                200,
                                """{"id":"u1","workspace_id":"w1","role":"owner"}""",
                                mapOf("Content-Type" to "application/json", "Connection" to "close"),
                            )
                        }
                        record("me", client.me.get())
                        record("java me", javaClient.me().get())
                        calls += 3

                        javaClient.close()
                        client.close()
                        engine?.close()
                        record("closed client", client)

                        // A refused connection, and a client that never had a key in the
                        // environment.
                        val port =
                            java.net
                                .ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())
                                .use { it.localPort }
                        AurikoClient {
                                apiKey = key
                                baseUrl = "http://127.0.0.1:$port/v1"
                                maxRetries = 0
                                this.logger = logger
                                httpLogLevel = HttpLogLevel.BODY
                            }
                            .use { refused ->
                                runCatching { refused.chat.completions.create(request) }
                                    .exceptionOrNull()
                                    ?.let { record("refused", it) }
                                record("refused client", refused)
                            }

                        logLines.size shouldBeGreaterThan calls // the most verbose level did log
                        val leaks =
                            texts.filter { (_, text) ->
                                text.contains(key) || text.contains(marker)
                            }
                        withClue(
                            leaks.take(10).joinToString("\n") { (where, text) ->
                                "$where: ${text.take(300)}"
                            }
                        ) {
                            leaks.shouldBeEmpty()
                        }
                        println(
                            "SECRETS [$engineName] scenarios=${scenarios.size} calls=$calls texts-scanned=${texts.size} log-lines=${logLines.size} leaks=${leaks.size}"
                        )
                    }
            }
        }
    })

/**
 * The secret scan on the default engine (OkHttp); one class per engine, so the two run in parallel
 * JVMs.
 */
class SecretScanOkHttpSpec :
    SecretScanSpec(TestEngines.all.filter { it.first.startsWith("OkHttp") })

/** The secret scan on CIO. */
class SecretScanCioSpec : SecretScanSpec(TestEngines.all.filter { it.first == "CIO" })
