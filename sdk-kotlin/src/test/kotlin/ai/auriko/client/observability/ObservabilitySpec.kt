package ai.auriko.client.observability

import ai.auriko.client.AurikoClient
import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.logging.HttpLogLevel
import ai.auriko.client.logging.LogLevel
import ai.auriko.client.testing.Delivery
import ai.auriko.client.testing.MockClient
import ai.auriko.client.testing.WireFixtures
import ai.auriko.client.testing.respondFixture
import ai.auriko.errors.RateLimitException
import ai.auriko.http.RetryPolicy
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

class ObservabilitySpec :
    FunSpec({
        val request = chatCompletionRequest {
            model = "gpt-4o"
            messages { user("Hi") }
        }
        fun fixture(name: String) = WireFixtures.all.single { it.name == name }
        val fastRetries =
            RetryPolicy.builder()
                .maxRetries(2)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(10))
                .build()

        context("the event listener") {
            test("sees a successful stream in order, with its metrics, model and URL") {
                val listener = RecordingListener()
                MockClient(
                        { respondFixture(fixture("auriko-basic"), Delivery.WHOLE, this@test) },
                        { eventListener = listener },
                    )
                    .use { mock ->
                        val chunks = mock.client.chat.completions.stream(request).toList()
                        listener.events shouldContainExactly
                            listOf(
                                "callStarted",
                                "attempt 1",
                                "headers 200",
                                "firstChunk",
                                "succeeded",
                            )
                        listener.metrics!!.chunkCount shouldBe chunks.size
                        val call = listener.calls.single()
                        call.isStreaming shouldBe true
                        call.method shouldBe "POST"
                        call.url shouldBe "https://gateway.test/v1/chat/completions"
                        call.model shouldBe request.model()
                    }
            }

            test(
                "sees each attempt, the retry with its delay and reason, then success; each collection is a new call"
            ) {
                val listener = RecordingListener()
                val count = AtomicInteger()
                MockClient(
                        {
                            if (count.getAndIncrement() == 0) {
                                respond(
                                    "{\"error\":{\"message\":\"busy\"}}",
                                    HttpStatusCode.ServiceUnavailable,
                                    headersOf(
                                        "Content-Type" to listOf("application/json"),
                                        "retry-after-ms" to listOf("20"),
                                    ),
                                )
                            } else {
                                respondFixture(fixture("auriko-basic"), Delivery.WHOLE, this@test)
                            }
                        },
                        {
                            eventListener = listener
                            retryPolicy = fastRetries
                        },
                    )
                    .use { mock ->
                        val stream = mock.client.chat.completions.stream(request)
                        stream.toList()
                        listener.events shouldContainExactly
                            listOf(
                                "callStarted",
                                "attempt 1",
                                "headers 503",
                                "retry 1 ServiceUnavailableException",
                                "attempt 2",
                                "headers 200",
                                "firstChunk",
                                "succeeded",
                            )
                        listener.retryDelay shouldBe Duration.ofMillis(20)
                        listener.metrics!!.retries shouldBe 1
                        stream.toList()
                        listener.calls.map { it.id } shouldBe listOf(1L, 2L)
                    }
            }

            test("sees a mid-stream error as a failure with the partial stream's metrics") {
                val listener = RecordingListener()
                MockClient(
                        { respondFixture(fixture("midstream-error"), Delivery.WHOLE, this@test) },
                        { eventListener = listener },
                    )
                    .use { mock ->
                        val seen = ArrayList<Any>()
                        val e =
                            runCatching {
                                    mock.client.chat.completions.stream(request).collect {
                                        seen += it
                                    }
                                }
                                .exceptionOrNull()
                        e shouldNotBe null
                        listener.error shouldBe e
                        listener.events.last() shouldBe "failed ${e!!.javaClass.simpleName}"
                        listener.metrics!!.chunkCount shouldBe seen.size
                    }
            }

            test("sees a stream cancelled by take(n) as cancelled, not failed") {
                val listener = RecordingListener()
                MockClient(
                        { respondFixture(fixture("auriko-basic"), Delivery.BYTEWISE, this@test) },
                        { eventListener = listener },
                    )
                    .use { mock ->
                        mock.client.chat.completions.stream(request).take(1).toList() shouldHaveSize
                            1
                        listener.events.last() shouldBe "cancelled"
                        listener.metrics!!.chunkCount shouldBe 1
                    }
            }

            test(
                "sees create and a management call fail and succeed, with attempts and no metrics"
            ) {
                val listener = RecordingListener()
                MockClient(
                        { req ->
                            if (req.url.encodedPath.endsWith("/chat/completions")) {
                                respond(
                                    "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}",
                                    HttpStatusCode.TooManyRequests,
                                    headersOf(
                                        "Content-Type" to listOf("application/json"),
                                        "retry-after-ms" to listOf("1"),
                                    ),
                                )
                            } else {
                                respond(
                                    "{\"id\":\"u1\"}",
                                    HttpStatusCode.OK,
                                    headersOf("Content-Type" to listOf("application/json")),
                                )
                            }
                        },
                        {
                            eventListener = listener
                            retryPolicy = fastRetries.toBuilder().maxRetries(1).build()
                        },
                    )
                    .use { mock ->
                        val e =
                            shouldThrow<RateLimitException> {
                                mock.client.chat.completions.create(request)
                            }
                        e.attempts() shouldBe 2
                        listener.events shouldContainExactly
                            listOf(
                                "callStarted",
                                "attempt 1",
                                "headers 429",
                                "retry 1 RateLimitException",
                                "attempt 2",
                                "headers 429",
                                "failed RateLimitException",
                            )
                        listener.calls.single().isStreaming shouldBe false
                        listener.events.clear()
                        mock.client.me.get()
                        listener.events shouldContainExactly
                            listOf("callStarted", "attempt 1", "headers 200", "succeeded")
                        listener.metrics shouldBe null
                        listener.calls.last().url shouldBe "https://gateway.test/v1/me"
                        listener.calls.last().model shouldBe null
                    }
            }

            test("a listener that throws cannot break a call; the failure is logged as a warning") {
                val logger = RecordingLogger()
                val throwing =
                    object : AurikoEventListener() {
                        override fun firstChunk(call: AurikoCall, sinceStart: Duration) =
                            error("observer bug")

                        override fun callSucceeded(
                            call: AurikoCall,
                            duration: Duration,
                            metrics: ai.auriko.client.stream.StreamMetrics?,
                        ) = error("observer bug")
                    }
                MockClient(
                        { respondFixture(fixture("auriko-basic"), Delivery.WHOLE, this@test) },
                        {
                            eventListener = throwing
                            this.logger = logger
                        },
                    )
                    .use { mock ->
                        val completion = mock.client.chat.completions.stream(request).toCompletion()
                        completion.choices.single().message.content shouldNotBe null
                        logger.lines.count {
                            it.startsWith("WARN ") && it.contains("event listener")
                        } shouldBe 2
                        logger.errors.map { it.message } shouldBe
                            listOf("observer bug", "observer bug")
                    }
            }
        }

        context("HTTP logging") {
            val key = "sk-test-key" // MockClient's key

            test("NONE (the default) writes nothing for calls") {
                val logger = RecordingLogger()
                MockClient(
                        { respondFixture(fixture("auriko-basic"), Delivery.WHOLE, this@test) },
                        { this.logger = logger },
                    )
                    .use { mock ->
                        mock.client.chat.completions.stream(request).toList()
                        logger.lines shouldBe emptyList()
                    }
            }

            test(
                "BASIC writes one line per request, response and end, with status, request id and chunk count"
            ) {
                val logger = RecordingLogger()
                MockClient(
                        { respondFixture(fixture("auriko-basic"), Delivery.WHOLE, this@test) },
                        {
                            this.logger = logger
                            httpLogLevel = HttpLogLevel.BASIC
                        },
                    )
                    .use { mock ->
                        val chunks = mock.client.chat.completions.stream(request).toList()
                        logger.lines shouldHaveSize 3
                        logger.lines[0] shouldContain
                            "INFO --> POST https://gateway.test/v1/chat/completions ("
                        logger.lines[1] shouldContain
                            "INFO <-- 200 https://gateway.test/v1/chat/completions ("
                        logger.lines[2] shouldContain
                            "<-- END POST https://gateway.test/v1/chat/completions"
                        logger.lines[2] shouldContain "${chunks.size} chunks"
                        val requestId =
                            fixture("auriko-basic")
                                .headers
                                .entries
                                .firstOrNull { it.key.equals("x-request-id", true) }
                                ?.value
                        if (requestId != null) logger.lines[1] shouldContain requestId
                    }
            }

            test(
                "HEADERS and BODY redact credentials and cookies and never show the key, even when a body echoes it"
            ) {
                val logger = RecordingLogger()
                MockClient(
                        {
                            respond(
                                "{\"error\":{\"message\":\"bad key $key\"}}",
                                HttpStatusCode.Unauthorized,
                                headersOf(
                                    "Content-Type" to listOf("application/json"),
                                    "Set-Cookie" to listOf("session=abc123"),
                                ),
                            )
                        },
                        {
                            this.logger = logger
                            httpLogLevel = HttpLogLevel.BODY
                            defaultHeaders["x-api-key"] = key
                            defaultHeaders["api-key"] = "other-secret-1"
                            defaultHeaders["Cookie"] = "session=xyz789"
                        },
                    )
                    .use { mock ->
                        runCatching { mock.client.chat.completions.create(request) }
                        val text = logger.lines.joinToString("\n")
                        text shouldNotContain key
                        text shouldNotContain "other-secret-1"
                        text shouldNotContain "xyz789"
                        text shouldNotContain "abc123"
                        text shouldContain "Authorization: ██"
                        text.lowercase() shouldContain "set-cookie: ██"
                        text shouldContain
                            "\"model\":\"${request.model()}\"" // the request body, at BODY
                        text shouldContain "bad key ██" // the error body, redacted
                        text shouldContain "<-- FAILED"
                    }
            }

            test("BODY logs each stream event as it is decoded") {
                val logger = RecordingLogger()
                MockClient(
                        { respondFixture(fixture("auriko-basic"), Delivery.WHOLE, this@test) },
                        {
                            this.logger = logger
                            httpLogLevel = HttpLogLevel.BODY
                        },
                    )
                    .use { mock ->
                        val chunks = mock.client.chat.completions.stream(request).toList()
                        logger.lines.count { it.startsWith("INFO data: {") } shouldBe chunks.size
                        logger.lines shouldContain "INFO data: [DONE]"
                    }
            }
        }

        context("the insecure base URL warning") {
            fun warnings(url: String): List<String> {
                val logger = RecordingLogger()
                AurikoClient {
                        apiKey = "sk-insecure-test"
                        baseUrl = url
                        this.logger = logger
                    }
                    .close()
                return logger.lines.filter { it.startsWith("${LogLevel.WARN} ") }
            }

            test(
                "is logged once for http:// to a non-loopback host, naming the host and never the key"
            ) {
                val lines = warnings("http://gateway.example.com:8080/v1")
                lines shouldHaveSize 1
                lines.single() shouldContain "gateway.example.com"
                lines.single() shouldNotContain "sk-insecure-test"
            }

            test("is not logged for https:// or loopback hosts") {
                for (url in
                    listOf(
                        "https://api.auriko.ai/v1",
                        "http://127.0.0.1:8080/v1",
                        "http://127.9.9.9/v1",
                        "http://localhost:1/v1",
                        "http://LOCALHOST/v1",
                        "http://gw.localhost/v1",
                        "http://[::1]:8080/v1",
                    )) {
                    withClue(url) { warnings(url) shouldBe emptyList() }
                }
            }

            test("is logged for look-alikes of loopback") {
                for (url in
                    listOf(
                        "http://127.0.0.1.evil.com/v1",
                        "http://localhost.com/v1",
                        "http://10.0.2.2:8080/v1",
                        "http://[::2]/v1",
                    )) {
                    withClue(url) { warnings(url) shouldHaveSize 1 }
                }
            }
        }

        context("the stallable engine warning") {
            fun warnings(engine: io.ktor.client.engine.HttpClientEngine?): List<String> {
                val logger = RecordingLogger()
                try {
                    AurikoClient {
                            apiKey = "sk-engine-test"
                            this.engine = engine
                            this.logger = logger
                        }
                        .close()
                } finally {
                    engine?.close()
                }
                return logger.lines.filter { it.startsWith("${LogLevel.WARN} ") }
            }

            test(
                "is logged once for Ktor's OkHttp engine on its default dispatcher, saying what to set"
            ) {
                val lines = warnings(io.ktor.client.engine.okhttp.OkHttp.create())
                lines shouldHaveSize 1
                lines.single() shouldContain "Dispatchers.IO.limitedParallelism"
                lines.single() shouldNotContain "sk-engine-test"
            }

            test(
                "is not logged for the default engine (OkHttp with a dispatcher of its own) or for CIO"
            ) {
                warnings(null) shouldBe emptyList()
                warnings(ai.auriko.client.TestEngines.cio()) shouldBe emptyList()
            }
        }
    })

private inline fun <T> withClue(clue: String, block: () -> T): T =
    io.kotest.assertions.withClue(clue, block)
