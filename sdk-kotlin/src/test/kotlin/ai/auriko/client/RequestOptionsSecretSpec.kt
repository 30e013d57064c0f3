package ai.auriko.client

import ai.auriko.client.blocking.blocking
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.logging.HttpLogLevel
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.client.testing.ResponsesWire
import ai.auriko.client.testing.contentEvent
import ai.auriko.client.testing.responsesRequest
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.http.ResponseHeaders
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import java.io.PrintWriter
import java.io.StringWriter
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicReference

/**
 * A per-call key (`RequestOptions.apiKey`, or an `Authorization` header) is kept out of everything
 * the SDK shows, exactly like the client's key: a server that echoes the Authorization header (and
 * its bare token) into error bodies, response headers, cookies and stream events, HTTP logging at
 * its most verbose, retries that re-send the key. Every log line, listener event, exception
 * (message, toString, stack trace, `body()`, headers, partial result) and the toString() of every
 * object produced is scanned for the key.
 */
class RequestOptionsSecretSpec :
    FunSpec({
        val clientKey = "sk-client-OPTSCAN-client-000000"
        val tenantKey = "sk-tenant-TENANTSCAN-0123456789abcdef"
        val marker = "TENANTSCAN"

        test(
            "the per-call key reaches the server on every attempt and appears in no log line, event, exception, body() or toString()"
        ) {
            val texts = CopyOnWriteArrayList<Pair<String, String>>()
            fun record(where: String, value: Any?) {
                if (value == null) return
                if (value is Throwable) {
                    val trace =
                        StringWriter().also { value.printStackTrace(PrintWriter(it)) }.toString()
                    texts += "$where (stack trace)" to trace
                    texts += "$where (toString)" to value.toString()
                    (value as? AurikoException)?.let { e ->
                        record("$where.partialCompletion", e.partialCompletion)
                        record("$where.partialResult", e.partialResult())
                        (e as? AurikoApiException)?.let { api ->
                            record("$where.headers", api.headers())
                            texts += "$where.errorMessage" to api.errorMessage().toString()
                            texts += "$where.body" to api.body().toString()
                        }
                    }
                    return
                }
                texts += where to value.toString()
            }
            val logLines = CopyOnWriteArrayList<String>()
            val logger = AurikoLogger { level, message, error ->
                logLines += "$level $message"
                record("log line", message)
                record("logged error", error)
            }
            val listener =
                object : AurikoEventListener() {
                    override fun responseHeaders(
                        call: AurikoCall,
                        status: Int,
                        headers: ResponseHeaders,
                    ) = record("event responseHeaders", headers)

                    override fun retryScheduled(
                        call: AurikoCall,
                        attempt: Int,
                        delay: Duration,
                        reason: AurikoException,
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

            val authorizations = CopyOnWriteArrayList<String>()
            // What the server answers, given the Authorization it received.
            val script = AtomicReference<(String) -> Triple<Int, String, String>>()
            val engine = MockEngine { request ->
                val auth = request.headers["Authorization"] ?: "none"
                authorizations += auth
                val token = auth.removePrefix("Bearer ")
                val (status, type, body) = script.get()(auth)
                respond(
                    body,
                    HttpStatusCode.fromValue(status),
                    headersOf(
                        "content-type" to listOf(type),
                        "x-request-id" to listOf("req_$token"),
                        "x-echo-authorization" to listOf(auth),
                        "set-cookie" to listOf("session=$token; Path=/"),
                        "retry-after-ms" to listOf("1"),
                    ),
                )
            }
            val scenarios =
                listOf<Pair<String, (String) -> Triple<Int, String, String>>>(
                    "401 echoing the header" to
                        { auth ->
                            Triple(
                                401,
                                "application/json",
                                """{"error":{"message":"bad key $auth","code":401,"param":"$auth"}}""",
                            )
                        },
                    "503 echoing the token, retried" to
                        { auth ->
                            Triple(
                                503,
                                "text/plain",
                                "upstream says ${auth.removePrefix("Bearer ")}",
                            )
                        },
                    "HTML 502 echoing the header" to
                        { auth ->
                            Triple(502, "text/html", "<html><body>$auth</body></html>")
                        },
                    "200 JSON error echoing the token" to
                        { auth ->
                            Triple(
                                200,
                                "application/json",
                                """{"error":{"message":"${auth.removePrefix("Bearer ")}","code":500}}""",
                            )
                        },
                    "stream whose error event echoes the token" to
                        { auth ->
                            Triple(
                                200,
                                "text/event-stream",
                                contentEvent("partial ") +
                                    ResponsesWire().delta("partial ") +
                                    "event: error\ndata: {\"error\":{\"message\":\"echo ${auth.removePrefix("Bearer ")}\",\"code\":\"server_error\"},\"type\":\"error\",\"code\":\"server_error\",\"message\":\"echo ${auth.removePrefix("Bearer ")}\"}\n\n",
                            )
                        },
                    "non-JSON event echoing the header" to
                        { auth ->
                            Triple(200, "text/event-stream", "data: not json $auth\n\n")
                        },
                )

            val client = AurikoClient {
                apiKey = clientKey
                baseUrl = "https://gateway.test/v1"
                this.engine = engine
                this.logger = logger
                httpLogLevel = HttpLogLevel.BODY
                eventListener = listener
            }
            val javaClient = client.blocking()
            val options = requestOptions {
                apiKey(tenantKey)
                maxRetries = 1
            }
            record("options", options)
            val chat =
                ChatCompletionRequest.builder()
                    .model("m")
                    .addMessage(ChatMessage.user("hi"))
                    .build()
            var calls = 0
            for ((name, serve) in scenarios) {
                script.set(serve)
                val stream = client.chat.completions.stream(chat, options)
                runCatching { stream.collect { record("$name: chunk", it) } }
                    .exceptionOrNull()
                    ?.let { record("$name: stream exception", it) }
                record("$name: stream headers", stream.responseHeaders)
                record("$name: stream completion", stream.completion)
                runCatching { client.chat.completions.create(chat, options) }
                    .onSuccess { record("$name: completion", it) }
                    .onFailure { record("$name: create exception", it) }
                val responses = client.responses.stream(responsesRequest(), options)
                runCatching { responses.collect { record("$name: event", it) } }
                    .exceptionOrNull()
                    ?.let { record("$name: responses stream exception", it) }
                record("$name: responses stream response", responses.response)
                runCatching { client.responses.create(responsesRequest(), options) }
                    .onSuccess { record("$name: response", it) }
                    .onFailure { record("$name: responses create exception", it) }
                runCatching { client.models.list(options) }
                    .onSuccess { record("$name: models", it) }
                    .onFailure { record("$name: models exception", it) }
                runCatching { javaClient.chat().completions().create(chat, options) }
                    .onSuccess { record("$name: java completion", it) }
                    .onFailure { record("$name: java create exception", it) }
                runCatching {
                        javaClient.chat().completions().stream(chat, options).use { s ->
                            s.forEach { record("$name: java chunk", it) }
                        }
                    }
                    .exceptionOrNull()
                    ?.let { record("$name: java stream exception", it) }
                calls += 7
            }

            // Once no call uses it, the client no longer holds the per-call key.
            client.runtime.redactor.text("x $tenantKey x") shouldBe "x $tenantKey x"
            client.runtime.redactor.text("x $clientKey x") shouldBe "x ██ x"
            javaClient.close()
            client.close()
            engine.close()

            withClue("every request carried the per-call key, retries included") {
                authorizations.size shouldBeGreaterThan calls
                authorizations.toSet() shouldBe setOf("Bearer $tenantKey")
            }
            logLines.size shouldBeGreaterThan calls
            val leaks =
                texts.filter { (_, text) ->
                    text.contains(tenantKey) || text.contains(marker) || text.contains(clientKey)
                }
            withClue(
                leaks.take(10).joinToString("\n") { (where, text) -> "$where: ${text.take(300)}" }
            ) {
                leaks.shouldBeEmpty()
            }
            println(
                "OPTION SECRETS scenarios=${scenarios.size} calls=$calls requests=${authorizations.size} texts-scanned=${texts.size} log-lines=${logLines.size} leaks=${leaks.size}"
            )
        }
    })
