package ai.auriko.client

import ai.auriko.client.testing.MockClient
import ai.auriko.errors.AurikoConnectionException
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AuthenticationException
import ai.auriko.errors.InternalException
import ai.auriko.errors.ServiceUnavailableException
import ai.auriko.http.RetryPolicy
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import java.io.File
import java.net.ConnectException
import java.time.Duration
import kotlinx.coroutines.Job
import kotlinx.coroutines.withTimeout

/**
 * How an [AurikoClient] is configured: key, base URL, headers, secrecy of the key, closing,
 * retries.
 */
class ClientOptionsSpec :
    FunSpec({

        // ---- API key
        // -------------------------------------------------------------------------------

        test("the API key from the builder wins over AURIKO_API_KEY") {
            MockClient(
                    { okResponse(it) },
                    {
                        apiKey = "sk-from-builder"
                        environment = { name -> mapOf("AURIKO_API_KEY" to "sk-from-env")[name] }
                    },
                )
                .use { mock ->
                    mock.client.chat.completions.create(request())
                    mock.requests.single().headers.getAll(HttpHeaders.Authorization) shouldBe
                        listOf("Bearer sk-from-builder")
                }
        }

        test("without a builder key the key comes from AURIKO_API_KEY") {
            val asked = mutableListOf<String>()
            MockClient(
                    { okResponse(it) },
                    {
                        apiKey = null
                        environment = { name ->
                            asked += name
                            mapOf("AURIKO_API_KEY" to "sk-from-env")[name]
                        }
                    },
                )
                .use { mock ->
                    mock.client.chat.completions.create(request())
                    mock.requests.single().headers.getAll(HttpHeaders.Authorization) shouldBe
                        listOf("Bearer sk-from-env")
                }
            asked shouldBe listOf("AURIKO_API_KEY")
        }

        test("neither a builder key nor AURIKO_API_KEY: AurikoException naming AURIKO_API_KEY") {
            val e = shouldThrow<AurikoException> { AurikoClient { environment = { null } } }
            e.message.shouldNotBeNull() shouldContain "AURIKO_API_KEY"
        }

        test("a blank key is treated as missing, in the builder and in the environment") {
            // blank builder key, real key in the environment: the environment's key is used
            MockClient(
                    { okResponse(it) },
                    {
                        apiKey = "   "
                        environment = { name -> mapOf("AURIKO_API_KEY" to "sk-from-env")[name] }
                    },
                )
                .use { mock ->
                    mock.client.chat.completions.create(request())
                    mock.requests.single().headers[HttpHeaders.Authorization] shouldBe
                        "Bearer sk-from-env"
                }
            // blank everywhere: no key at all
            for ((builderKey, envKey) in
                listOf("" to null, " \t" to "  ", null to "", null to "\n")) {
                withClue("builder=${builderKey?.length} env=${envKey?.length}") {
                    val e =
                        shouldThrow<AurikoException> {
                            AurikoClient {
                                apiKey = builderKey
                                environment = { envKey }
                            }
                        }
                    e.message.shouldNotBeNull() shouldContain "AURIKO_API_KEY"
                }
            }
        }

        test("surrounding whitespace is trimmed from the key") {
            MockClient({ okResponse(it) }, { apiKey = "  sk-padded \n" }).use { mock ->
                mock.client.chat.completions.create(request())
                mock.requests.single().headers[HttpHeaders.Authorization] shouldBe
                    "Bearer sk-padded"
            }
        }

        // ---- base URL
        // ------------------------------------------------------------------------------

        for (given in
            listOf("https://x.test/v1", "https://x.test/v1/", "  https://x.test/v1//  ")) {
            test(
                "base URL '${given.replace(" ", "␠")}' sends create and stream to exactly https://x.test/v1/chat/completions"
            ) {
                MockClient({ okResponse(it) }, { baseUrl = given }).use { mock ->
                    mock.client.options.baseUrl shouldBe "https://x.test/v1"
                    mock.client.chat.completions.create(request())
                    mock.client.chat.completions.stream(request()).collect {}
                    mock.requests shouldHaveSize 2
                    for (r in mock.requests) {
                        r.url.toString() shouldBe "https://x.test/v1/chat/completions"
                        r.url.encodedPath shouldBe "/v1/chat/completions"
                    }
                }
            }
        }

        test("a base URL that is not http(s) is rejected") {
            for (bad in listOf("ftp://x.test/v1", "x.test/v1", "", "   ", "file:///tmp/v1")) {
                withClue("'$bad'") {
                    val e =
                        shouldThrow<IllegalArgumentException> {
                            AurikoClient {
                                apiKey = "sk-test-key"
                                baseUrl = bad
                            }
                        }
                    e.message.shouldNotBeNull() shouldContain "baseUrl"
                }
            }
        }

        // ---- base URL from AURIKO_BASE_URL
        // ---------------------------------------------------------

        test("without a builder base URL the root comes from AURIKO_BASE_URL") {
            val env = mapOf("AURIKO_BASE_URL" to "  http://localhost:8080/v1/ ")
            AurikoClientOptions.Builder().apply { environment = { env[it] } }.baseUrl shouldBe
                "  http://localhost:8080/v1/ "
            envClient(env).use { (client, requests) ->
                client.options.baseUrl shouldBe "http://localhost:8080/v1"
                client.chat.completions.create(request())
                client.chat.completions.stream(request()).collect {}
                requests.map { it.url.toString() } shouldBe
                    List(2) { "http://localhost:8080/v1/chat/completions" }
            }
        }

        test("a builder base URL wins over AURIKO_BASE_URL, which is then not read") {
            val asked = mutableListOf<String>()
            // the variable's value would fail the build if it were used
            val env = mapOf("AURIKO_BASE_URL" to "not a url", "AURIKO_API_KEY" to "sk-env")
            envClient(env, asked) { baseUrl = "https://x.test/v1/" }
                .use { (client, requests) ->
                    client.options.baseUrl shouldBe "https://x.test/v1"
                    client.chat.completions.create(request())
                    requests.single().url.toString() shouldBe "https://x.test/v1/chat/completions"
                }
            asked shouldBe listOf("AURIKO_API_KEY")
        }

        test("without AURIKO_BASE_URL, or with it blank, the root is https://api.auriko.ai/v1") {
            for (value in listOf(null, "", "  \t")) {
                withClue("AURIKO_BASE_URL=${value?.let { "'$it'" }}") {
                    val env = if (value == null) emptyMap() else mapOf("AURIKO_BASE_URL" to value)
                    AurikoClientOptions.Builder()
                        .apply { environment = { env[it] } }
                        .baseUrl shouldBe AurikoClientOptions.DEFAULT_BASE_URL
                    envClient(env).use { (client, requests) ->
                        client.options.baseUrl shouldBe "https://api.auriko.ai/v1"
                        client.chat.completions.create(request())
                        requests.single().url.toString() shouldBe
                            "https://api.auriko.ai/v1/chat/completions"
                    }
                }
            }
        }

        test(
            "an AURIKO_BASE_URL that is not http(s) fails the build with an AurikoException naming the variable, not its value"
        ) {
            for (bad in listOf("api.auriko.ai/v1", "ftp://x.test/v1", SECRET, "localhost:8080")) {
                withClue("'$bad'") {
                    val e =
                        shouldThrow<AurikoException> {
                            AurikoClient {
                                apiKey = "sk-test-key"
                                environment = { mapOf("AURIKO_BASE_URL" to bad)[it] }
                            }
                        }
                    e.message.shouldNotBeNull() shouldContain "AURIKO_BASE_URL"
                    e.shouldNotLeak(bad)
                }
            }
            // an explicit base URL that is not http(s) still names baseUrl, not the variable
            val e =
                shouldThrow<IllegalArgumentException> {
                    AurikoClient {
                        apiKey = "sk-test-key"
                        baseUrl = "x.test/v1"
                        environment = { mapOf("AURIKO_BASE_URL" to "https://x.test/v1")[it] }
                    }
                }
            e.message.shouldNotBeNull() shouldContain "baseUrl"
            e.message.shouldNotBeNull() shouldNotContain "AURIKO_BASE_URL"
        }

        test("the variable names are public constants") {
            AurikoClientOptions.BASE_URL_VARIABLE shouldBe "AURIKO_BASE_URL"
            AurikoClientOptions.API_KEY_VARIABLE shouldBe "AURIKO_API_KEY"
        }

        test("http:// is accepted for local servers") {
            MockClient({ okResponse(it) }, { baseUrl = "http://localhost:8080/v1/" }).use { mock ->
                mock.client.chat.completions.create(request())
                mock.requests.single().url.toString() shouldBe
                    "http://localhost:8080/v1/chat/completions"
            }
        }

        // ---- headers
        // -------------------------------------------------------------------------------

        for (call in listOf("create", "stream")) {
            test(
                "[$call] every request carries Authorization, User-Agent, Accept and Content-Type"
            ) {
                MockClient({ okResponse(it) }).use { mock ->
                    send(mock, call)
                    val r = mock.requests.single()
                    r.headers.getAll(HttpHeaders.Authorization) shouldBe
                        listOf("Bearer sk-test-key")
                    val userAgent =
                        r.headers.getAll(HttpHeaders.UserAgent).shouldNotBeNull().single()
                    userAgent shouldStartWith "auriko-jvm/"
                    userAgent shouldBe "auriko-jvm/$projectVersion"
                    r.headers.getAll(HttpHeaders.Accept) shouldBe
                        listOf(if (call == "stream") "text/event-stream" else "application/json")
                    r.body.contentType shouldBe ContentType.Application.Json
                    (r.headers[HttpHeaders.ContentType] ?: "application/json") shouldBe
                        "application/json"
                }
            }

            test(
                "[$call] default headers are added, a default header overrides the User-Agent, and appear once"
            ) {
                MockClient(
                        { okResponse(it) },
                        {
                            defaultHeaders["X-Team"] = "ml"
                            defaultHeaders["X-Trace"] = "trace-1"
                            defaultHeaders["user-agent"] = "my-proxy-agent/9"
                        },
                    )
                    .use { mock ->
                        send(mock, call)
                        val r = mock.requests.single()
                        r.headers.getAll("X-Team") shouldBe listOf("ml")
                        r.headers.getAll("x-trace") shouldBe listOf("trace-1")
                        r.headers.getAll(HttpHeaders.UserAgent) shouldBe listOf("my-proxy-agent/9")
                        r.headers.getAll(HttpHeaders.Authorization) shouldBe
                            listOf("Bearer sk-test-key")
                    }
            }

            test("[$call] userAgentSuffix is appended to the SDK's User-Agent") {
                MockClient({ okResponse(it) }, { userAgentSuffix = "my-app/1.2" }).use { mock ->
                    send(mock, call)
                    mock.requests.single().headers.getAll(HttpHeaders.UserAgent) shouldBe
                        listOf("auriko-jvm/$projectVersion my-app/1.2")
                    mock.client.options.userAgent shouldBe "auriko-jvm/$projectVersion my-app/1.2"
                }
            }
        }

        test("the User-Agent carries the project version, filled in at build time") {
            SdkVersion.VERSION shouldNotBe "unknown"
            SdkVersion.VERSION shouldNotContain "\${"
            SdkVersion.VERSION shouldBe projectVersion
            MockClient({ okResponse(it) }).use {
                it.client.options.userAgent shouldBe "auriko-jvm/$projectVersion"
            }
        }

        // ---- the key stays secret
        // ------------------------------------------------------------------

        test("the key never appears in toString() of the client or its options") {
            MockClient(
                    { okResponse(it) },
                    {
                        apiKey = SECRET
                        defaultHeaders["X-Team"] = "ml"
                        userAgentSuffix = "my-app/1.2"
                    },
                )
                .use { mock ->
                    mock.client.toString() shouldNotContain SECRET
                    mock.client.options.toString() shouldNotContain SECRET
                    mock.client.options.retryPolicy.toString() shouldNotContain SECRET
                    mock.client.toString() shouldContain "gateway.test"
                }
        }

        for (call in listOf("create", "stream")) {
            test(
                "[$call] the key is not in any message or toString of the exception chain for 401"
            ) {
                MockClient(
                        {
                            json(
                                HttpStatusCode.Unauthorized,
                                """{"error":{"message":"Invalid API key","type":"authentication_error","code":"invalid_api_key"}}""",
                            )
                        },
                        { apiKey = SECRET },
                    )
                    .use { mock ->
                        val e = runCatching { send(mock, call) }.exceptionOrNull().shouldNotBeNull()
                        e.shouldBeInstanceOf<AuthenticationException>()
                        mock.requests shouldHaveSize 1
                        e.shouldNotLeak(SECRET)
                    }
            }

            test(
                "[$call] the key is not in any message or toString of the exception chain for 500"
            ) {
                MockClient(
                        {
                            json(
                                HttpStatusCode.InternalServerError,
                                """{"error":{"message":"boom","type":"server_error"}}""",
                            )
                        },
                        {
                            apiKey = SECRET
                            maxRetries = 0
                        },
                    )
                    .use { mock ->
                        val e = runCatching { send(mock, call) }.exceptionOrNull().shouldNotBeNull()
                        e.shouldBeInstanceOf<InternalException>()
                        e.shouldNotLeak(SECRET)
                    }
            }

            test(
                "[$call] the key is not in any message or toString of the exception chain for a connection failure"
            ) {
                MockClient(
                        { throw ConnectException("Connection refused") },
                        {
                            apiKey = SECRET
                            maxRetries = 0
                        },
                    )
                    .use { mock ->
                        val e = runCatching { send(mock, call) }.exceptionOrNull().shouldNotBeNull()
                        e.shouldBeInstanceOf<AurikoConnectionException>()
                        generateSequence(e as Throwable) { it.cause }
                            .any { it is ConnectException } shouldBe true
                        e.shouldNotLeak(SECRET)
                    }
            }

            test(
                "[$call] a 401 whose body echoes the key (as some proxies do) does not leak it into the exception"
            ) {
                MockClient(
                        {
                            json(
                                HttpStatusCode.Unauthorized,
                                """{"error":{"message":"Incorrect API key provided: $SECRET","type":"authentication_error","code":"invalid_api_key"}}""",
                            )
                        },
                        { apiKey = SECRET },
                    )
                    .use { mock ->
                        val e = runCatching { send(mock, call) }.exceptionOrNull().shouldNotBeNull()
                        e.shouldBeInstanceOf<AuthenticationException>()
                        e.shouldNotLeak(SECRET)
                    }
            }
        }

        // ---- closing
        // -------------------------------------------------------------------------------

        test("close() is idempotent") {
            MockClient({ okResponse(it) }).use { mock ->
                mock.client.close()
                mock.client.close()
            }
        }

        test("create after close fails with IllegalStateException and sends nothing") {
            MockClient({ okResponse(it) }).use { mock ->
                mock.client.close()
                shouldThrow<IllegalStateException> {
                    mock.client.chat.completions.create(request())
                }
                mock.requests.shouldBeEmpty()
            }
        }

        test("stream collected after close fails with IllegalStateException and sends nothing") {
            MockClient({ okResponse(it) }).use { mock ->
                val stream = mock.client.chat.completions.stream(request())
                mock.client.close()
                shouldThrow<IllegalStateException> { stream.collect {} }
                mock.requests.shouldBeEmpty()
            }
        }

        test("closing a client does not close an engine the caller passed in") {
            MockClient({ okResponse(it) }).use { mock ->
                mock.client.options.engine shouldBeSameInstanceAs mock.engine
                mock.client.close()
                mock.client.close()
                val job = mock.engine.coroutineContext[Job].shouldNotBeNull()
                job.isActive shouldBe true
                // the engine still serves another client
                AurikoClient {
                        apiKey = "sk-other"
                        baseUrl = "https://gateway.test/v1"
                        engine = mock.engine
                    }
                    .use { other ->
                        other.chat.completions.create(request()).content shouldBe "ok"
                        other.chat.completions.stream(request()).collect {}
                    }
                mock.requests shouldHaveSize 2
                job.isActive shouldBe true
            }
        }

        test("a client without an engine owns its default OkHttp engine and closes it") {
            val client = AurikoClient {
                apiKey = "sk-test-key"
                environment = { null }
            }
            client.options.engine.shouldBeNull()
            val engine = client.runtime.http.engine
            engine::class.simpleName shouldBe "OkHttpEngine"
            val job = engine.coroutineContext[Job].shouldNotBeNull()
            job.isActive shouldBe true
            client.close()
            withTimeout(10_000) { job.join() }
            job.isCompleted shouldBe true
            client.close() // second close is fine
        }

        // ---- retries
        // -------------------------------------------------------------------------------

        test("maxRequestsAwaitingHeaders: 256 by default, at least 1, shown by toString") {
            AurikoClientOptions.Builder().maxRequestsAwaitingHeaders shouldBe 256
            shouldThrow<IllegalArgumentException> {
                    AurikoClient {
                        apiKey = "sk-test-key"
                        maxRequestsAwaitingHeaders = 0
                    }
                }
                .message shouldBe "maxRequestsAwaitingHeaders must be positive"
            AurikoClient {
                    apiKey = "sk-test-key"
                    maxRequestsAwaitingHeaders = 8
                }
                .use { it.options.toString() shouldContain "maxRequestsAwaitingHeaders=8" }
        }

        test("maxRetries rejects negative values") {
            shouldThrow<IllegalArgumentException> { AurikoClientOptions.Builder().maxRetries = -1 }
            shouldThrow<IllegalArgumentException> {
                AurikoClient {
                    apiKey = "sk-test-key"
                    maxRetries = -1
                }
            }
            val builder = AurikoClientOptions.Builder()
            builder.maxRetries = 0
            builder.maxRetries shouldBe 0
        }

        for (call in listOf("create", "stream")) {
            test("[$call] maxRetries = 0 makes a 503 fail after exactly one request") {
                MockClient(
                        { unavailable(it) },
                        {
                            retryPolicy = FAST
                            maxRetries = 0
                        },
                    )
                    .use { mock ->
                        mock.client.options.retryPolicy.maxRetries() shouldBe 0
                        val e =
                            runCatching { send(mock, call) }
                                .exceptionOrNull()
                                .shouldBeInstanceOf<ServiceUnavailableException>()
                        mock.requests shouldHaveSize 1
                        e.attempts() shouldBe 1
                    }
            }

            test("[$call] by default a 503 is retried twice: exactly 3 requests") {
                MockClient({ unavailable(it) }, { retryPolicy = FAST }).use { mock ->
                    mock.client.options.retryPolicy.maxRetries() shouldBe
                        RetryPolicy.DEFAULT_MAX_RETRIES
                    val e =
                        runCatching { send(mock, call) }
                            .exceptionOrNull()
                            .shouldBeInstanceOf<ServiceUnavailableException>()
                    mock.requests shouldHaveSize 3
                    e.attempts() shouldBe 3
                }
            }

            test("[$call] maxRetries applies on top of a given retry policy") {
                MockClient(
                        { unavailable(it) },
                        {
                            maxRetries = 1
                            retryPolicy = FAST // set after maxRetries: maxRetries still wins
                        },
                    )
                    .use { mock ->
                        mock.client.options.retryPolicy.maxRetries() shouldBe 1
                        mock.client.options.retryPolicy.initialBackoff() shouldBe Duration.ZERO
                        val e =
                            runCatching { send(mock, call) }
                                .exceptionOrNull()
                                .shouldBeInstanceOf<ServiceUnavailableException>()
                        mock.requests shouldHaveSize 2
                        e.attempts() shouldBe 2
                    }
            }
        }

        test("a 503 followed by success: the call succeeds on the second request") {
            var n = 0
            MockClient(
                    { request -> if (n++ == 0) unavailable(request) else okResponse(request) },
                    { retryPolicy = FAST },
                )
                .use { mock ->
                    mock.client.chat.completions.create(request()).content shouldBe "ok"
                    mock.requests shouldHaveSize 2
                }
        }
    })

private const val SECRET = "sk-secret-4f2a9c71d0"

private val FAST: RetryPolicy = RetryPolicy.builder().initialBackoff(Duration.ZERO).build()

/**
 * The project version from the module's pom (the parent's version), to compare the User-Agent with.
 */
private val projectVersion: String by lazy {
    val pom = File(System.getProperty("basedir") ?: ".", "pom.xml").readText()
    val parent = Regex("<parent>([\\s\\S]*?)</parent>").find(pom)!!.groupValues[1]
    Regex("<version>([^<]+)</version>").find(parent)!!.groupValues[1].trim()
}

private const val COMPLETION_JSON =
    """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o",""" +
        """"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"""

private const val SSE_BODY =
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\"," +
        "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: [DONE]\n\n"

/**
 * A client whose environment is [env] (every name read is added to [asked]) and whose engine
 * answers every request as [okResponse] does; [configure] runs last. Closes both.
 */
private class EnvClient(
    env: Map<String, String>,
    asked: MutableList<String>,
    configure: AurikoClientOptions.Builder.() -> Unit,
) : AutoCloseable {
    val requests = java.util.concurrent.CopyOnWriteArrayList<HttpRequestData>()
    private val engine =
        io.ktor.client.engine.mock.MockEngine { request ->
            requests += request
            okResponse(request)
        }
    val client = AurikoClient {
        environment = { name ->
            asked += name
            env[name]
        }
        if (!env.containsKey("AURIKO_API_KEY")) apiKey = "sk-test-key"
        engine = this@EnvClient.engine
        configure()
    }

    operator fun component1(): AurikoClient = client

    operator fun component2(): List<HttpRequestData> = requests

    override fun close() {
        client.close()
        engine.close()
    }
}

private fun envClient(
    env: Map<String, String>,
    asked: MutableList<String> = mutableListOf(),
    configure: AurikoClientOptions.Builder.() -> Unit = {},
): EnvClient = EnvClient(env, asked, configure)

private fun request(): ChatCompletionRequest =
    ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build()

/** A valid answer of the kind the request asked for (by its Accept header). */
private fun MockRequestHandleScope.okResponse(request: HttpRequestData): HttpResponseData =
    if (request.headers[HttpHeaders.Accept] == "text/event-stream") {
        respond(
            SSE_BODY,
            HttpStatusCode.OK,
            headersOf(HttpHeaders.ContentType, "text/event-stream"),
        )
    } else {
        respond(
            COMPLETION_JSON,
            HttpStatusCode.OK,
            headersOf(HttpHeaders.ContentType, "application/json"),
        )
    }

private fun MockRequestHandleScope.unavailable(
    @Suppress("UNUSED_PARAMETER") request: HttpRequestData
): HttpResponseData =
    json(
        HttpStatusCode.ServiceUnavailable,
        """{"error":{"message":"overloaded","type":"service_unavailable"}}""",
    )

private fun MockRequestHandleScope.json(status: HttpStatusCode, body: String): HttpResponseData =
    respond(body, status, headersOf(HttpHeaders.ContentType, "application/json"))

private suspend fun send(mock: MockClient, call: String) {
    when (call) {
        "create" -> mock.client.chat.completions.create(request()).content shouldBe "ok"
        "stream" -> {
            val stream = mock.client.chat.completions.stream(request())
            stream.collect {}
            stream.completion.shouldNotBeNull().content shouldBe "ok"
        }
        else -> error(call)
    }
}

/**
 * Neither the message nor the toString of any exception in the chain (nor the stack trace text)
 * holds [secret].
 */
private fun Throwable.shouldNotLeak(secret: String) {
    val seen = mutableSetOf<Throwable>()
    var t: Throwable? = this
    while (t != null && seen.add(t)) {
        withClue("${t::class.java.name} in the cause chain") {
            t.message.orEmpty() shouldNotContain secret
            t.localizedMessage.orEmpty() shouldNotContain secret
            t.toString() shouldNotContain secret
        }
        t = t.cause
    }
    stackTraceToString() shouldNotContain secret
}
