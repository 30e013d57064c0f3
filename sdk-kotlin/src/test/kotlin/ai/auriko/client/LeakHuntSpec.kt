package ai.auriko.client

import ai.auriko.client.blocking.blocking
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.logging.HttpLogLevel
import ai.auriko.client.logging.LogLevel
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.client.testing.Exchange
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.SecretEncodings
import ai.auriko.client.testing.completionJson
import ai.auriko.client.testing.contentEvent
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.errors.UnexpectedStatusException
import ai.auriko.http.ResponseHeaders
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.okhttp.OkHttp
import java.io.ByteArrayOutputStream
import java.io.OutputStream
import java.io.PrintStream
import java.lang.reflect.Modifier
import java.time.Duration
import java.util.IdentityHashMap
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.atomic.AtomicReference
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogRecord
import java.util.logging.Logger
import kotlin.time.Duration.Companion.seconds
import kotlinx.serialization.json.JsonPrimitive

/**
 * The leak hunt, independent of [SecretScanSpec]: keys of awkward shapes (with `/`, `+`, `=`, `"`,
 * `\`, a space, `%` and `&amp;`, a 3-character one; non-ASCII ones, which must be refused without
 * being shown), a sensitive default header the user marked and a per-call key, against a real
 * loopback server that echoes every one of them back in every encoding of [SecretEncodings] (raw,
 * every JSON escaping, URL-encoded, HTML-escaped, case-folded) — in HTTP error bodies of every
 * shape, 200 JSON errors, `event: error`, `data: {"error":…}`, header values, header names,
 * cookies, request ids and `Location` — at all four log levels, on both engines, plus invalid
 * configuration (header values and keys an engine would reject, user info in the base URL) and
 * engines built to follow redirects. Every channel is captured: the SDK logger,
 * `java.util.logging`, stdout/stderr, every listener argument, every exception (message,
 * `toString()`, stack trace with causes and suppressed, every public accessor) and the
 * `toString()`, public getters and non-transient fields (what a reflection-based serializer such as
 * Gson reads) of every public object; the test fails on any form of any secret in any of them.
 */
class LeakHuntSpec :
    FunSpec({
        val keys =
            listOf(
                "plain" to "sk-plain-0123456789abcdef",
                "slash-plus-equals" to "sk-ab/cd+ef=gh/ij+kl==",
                "quote-backslash" to "sk-q\"uo\\te\\\"x-1234",
                "space-percent-amp" to "sk-with space+plus&amp;100%",
                "short" to "q7Z",
            )
        // A per-call key and a header value the user marked sensitive, with the same awkward
        // characters.
        val tenantKey = "tn-tenant/+=\"\\-key-42"
        val headerSecret = "hv-HEADER/secret+=42"
        val secrets = keys.map { it.second } + tenantKey + headerSecret

        val request =
            ChatCompletionRequest.builder().model("m").addMessage(ChatMessage.user("hi")).build()

        for ((engineName, engineFactory) in TestEngines.all) {
            test(
                "[$engineName] no form of any key, per-call key or sensitive header reaches any channel, at every log level, whatever the server echoes"
            ) {
                val capture = Capture(secrets)
                val script = AtomicReference<(Exchange) -> Unit> { it.respond(500, "") }
                var calls = 0
                var runs = 0
                capture.channels {
                    LoopbackServer { ex -> script.get()(ex) }
                        .use { server ->
                            // Each key at the most verbose level and at one other, in turn: every
                            // level runs on every engine, and no run repeats another's channels.
                            val levels = HttpLogLevel.entries
                            for ((k, pair) in keys.withIndex()) for (level in
                                listOf(HttpLogLevel.BODY, levels[k % (levels.size - 1)])) {
                                val (keyName, key) = pair
                                val engine = engineFactory()
                                val client = capture.client(key, server.baseUrl, engine, level)
                                val java = client.blocking()
                                val tenant = requestOptions { apiKey(tenantKey) }
                                capture.objects("client", client, client.options, java)
                                for ((scenario, serve) in echoScenarios()) {
                                    script.set(serve)
                                    val where = "$keyName/$level/$scenario"
                                    val stream = client.chat.completions.stream(request)
                                    runCatching {
                                            stream.collect { capture.objects("$where chunk", it) }
                                        }
                                        .exceptionOrNull()
                                        ?.let { capture.value("$where stream", it) }
                                    capture.objects(
                                        "$where stream",
                                        stream,
                                        stream.responseHeaders,
                                        stream.completion,
                                        stream.metrics,
                                    )
                                    runCatching { client.chat.completions.create(request) }
                                        .onSuccess { capture.objects("$where completion", it) }
                                        .onFailure { capture.value("$where create", it) }
                                    runCatching {
                                            java.chat().completions().create(request, tenant)
                                        }
                                        .onSuccess { capture.objects("$where java completion", it) }
                                        .onFailure { capture.value("$where java create", it) }
                                    runCatching {
                                            java.chat().completions().stream(request, tenant).use {
                                                s ->
                                                s.forEach {
                                                    capture.objects("$where java chunk", it)
                                                }
                                                capture.objects(
                                                    "$where java stream",
                                                    s.completion(),
                                                )
                                            }
                                        }
                                        .exceptionOrNull()
                                        ?.let { capture.value("$where java stream", it) }
                                    runCatching { client.models.list() }
                                        .onSuccess { capture.objects("$where models", it) }
                                        .onFailure { capture.value("$where models", it) }
                                    calls += 5
                                    runs++
                                }
                                java.close()
                                client.close()
                                engine?.close()
                                capture.objects("closed client", client, client.options)
                            }
                        }
                }
                capture.logLines shouldBeGreaterThan calls // the verbose levels did log
                capture.assertNoLeak()
                println(
                    "LEAK HUNT [$engineName] key shapes=${keys.size} log levels=${HttpLogLevel.entries.size} " +
                        "channels=${Capture.CHANNELS} " +
                        "echo scenarios=${echoScenarios().size} runs=$runs calls=$calls encodings=${SecretEncodings.all.size} " +
                        "forms searched=${capture.formCount} texts scanned=${capture.size} log lines=${capture.logLines}"
                )
            }
        }

        test(
            "the hunt can fail: every form of every secret, planted in each kind of channel, is found"
        ) {
            // The control for the tests above: a capture that missed a form or a channel would
            // pass them without proving anything.
            for (secret in secrets) {
                for ((name, form) in SecretEncodings.forms(secret)) {
                    for (plant in
                        listOf<(Capture) -> Unit>(
                            { it.text("log line", "before $form after") },
                            { it.value("exception", IllegalStateException("x $form y")) },
                            {
                                it.value(
                                    "cause",
                                    RuntimeException("outer", java.io.IOException("[$form]")),
                                )
                            },
                            {
                                it.value(
                                    "object",
                                    object {
                                        override fun toString() = "o=$form"
                                    },
                                )
                            },
                        )) {
                        val capture = Capture(secrets)
                        plant(capture)
                        withClue("$name of '$secret'") {
                            shouldThrow<AssertionError> { capture.assertNoLeak() }
                        }
                    }
                }
            }
        }

        test(
            "configuration an engine would reject, or that puts a secret in a URL, fails before any I/O and shows no secret"
        ) {
            val nonAscii = "sk-ключ-é-密钥-\uD83D\uDE00-99"
            val zeroWidth = "sk-zero\u200Bwidth-key-123"
            val newline = "sk-pasted\nline-key-456"
            val capture = Capture(secrets + listOf(nonAscii, zeroWidth, newline))
            var failures = 0
            capture.channels {
                fun expectFailure(what: String, build: () -> Any) {
                    val error = runCatching { build() }.exceptionOrNull()
                    withClue(what) { (error != null) shouldBe true }
                    capture.value(what, error)
                    failures++
                }
                for (bad in listOf(nonAscii, zeroWidth, newline)) {
                    expectFailure("client key") { capture.client(bad, "https://x.test/v1") }
                    expectFailure("x-api-key default header") {
                        AurikoClient {
                            apiKey = "sk-fine-0000000000"
                            baseUrl = "https://x.test/v1"
                            defaultHeaders["x-api-key"] = bad
                            logger = capture.logger
                        }
                    }
                    expectFailure("a header name made of the value") {
                        AurikoClient {
                            apiKey = "sk-fine-0000000000"
                            baseUrl = "https://x.test/v1"
                            defaultHeaders[bad] = "v"
                            logger = capture.logger
                        }
                    }
                    expectFailure("per-call key") { requestOptions { apiKey(bad) } }
                    expectFailure("per-call header") { requestOptions { header("x-api-key", bad) } }
                }
                for ((_, key) in keys) {
                    // Percent-encoded, as user info must be (a raw `/` would end the authority).
                    val encoded = java.net.URLEncoder.encode(key, Charsets.UTF_8)
                    for (url in
                        listOf(
                            "http://user:$encoded@127.0.0.1:1/v1",
                            "https://$encoded@gateway.test/v1",
                            "https://gateway.test:$encoded/v1",
                        )) {
                        expectFailure("user info in baseUrl") {
                            capture.client("sk-fine-0000000000", url)
                        }
                        expectFailure("user info in AURIKO_BASE_URL") {
                            AurikoClient {
                                apiKey = "sk-fine-0000000000"
                                environment = { if (it == "AURIKO_BASE_URL") url else null }
                                logger = capture.logger
                            }
                        }
                    }
                }
                // A host java.net.URI cannot read (an underscore, as in docker-compose) is still
                // warned about, by name.
                AurikoClient {
                        apiKey = "sk-fine-0000000000"
                        baseUrl = "http://my_gateway:8080/v1"
                        logger = capture.logger
                    }
                    .use { capture.objects("underscore client", it, it.options) }
            }
            capture.warnings.any { "my_gateway" in it && "not HTTPS" in it } shouldBe true
            failures shouldBe 3 * 5 + keys.size * 3 * 2
            capture.assertNoLeak()
            println(
                "LEAK HUNT [configuration] failures=$failures forms searched=${capture.formCount} texts scanned=${capture.size}"
            )
        }

        for ((engineName, engineFactory) in
            listOf<Pair<String, () -> HttpClientEngine>>(
                "OkHttp config { followRedirects(true) }" to
                    {
                        OkHttp.create {
                            config {
                                followRedirects(true)
                                followSslRedirects(true)
                            }
                        }
                    },
                "OkHttp preconfigured to follow" to
                    {
                        OkHttp.create {
                            preconfigured =
                                okhttp3.OkHttpClient.Builder().followRedirects(true).build()
                        }
                    },
            )) {
            test(
                "[$engineName] a redirect is reported, never followed: the other host gets no request, no key leaks"
            ) {
                val (_, key) = keys[1]
                val capture = Capture(secrets)
                var redirects = 0
                capture.channels {
                    LoopbackServer { ex -> ex.respond(200, completionJson("stolen")) }
                        .use { other ->
                            val status = AtomicReference(301)
                            LoopbackServer { ex ->
                                    ex.respond(
                                        status.get(),
                                        "",
                                        mapOf(
                                            "Location" to
                                                "http://127.0.0.1:${other.port}/v1/x?k=" +
                                                    java.net.URLEncoder.encode(key, Charsets.UTF_8),
                                            "Connection" to "close",
                                        ),
                                    )
                                }
                                .use { server ->
                                    val engine = engineFactory()
                                    val client =
                                        capture.client(
                                            key,
                                            server.baseUrl,
                                            engine,
                                            HttpLogLevel.HEADERS,
                                        )
                                    for (code in listOf(301, 302, 303, 307, 308)) {
                                        status.set(code)
                                        val create =
                                            runCatching { client.chat.completions.create(request) }
                                                .exceptionOrNull()
                                        val e =
                                            create.shouldBeInstanceOf<UnexpectedStatusException>()
                                        e.statusCode() shouldBe code
                                        e.message!! shouldContain "127.0.0.1:${other.port}"
                                        capture.value("create $code", create)
                                        val stream =
                                            runCatching {
                                                    client.chat.completions
                                                        .stream(request)
                                                        .collect {}
                                                }
                                                .exceptionOrNull()
                                        stream.shouldBeInstanceOf<UnexpectedStatusException>()
                                        capture.value("stream $code", stream)
                                        redirects += 2
                                    }
                                    client.close()
                                    engine.close()
                                    other.requests.size shouldBe 0
                                }
                        }
                }
                capture.assertNoLeak()
                println("LEAK HUNT [$engineName] redirects=$redirects followed=0")
            }
        }
    }) {
    private companion object {
        /**
         * The secrets the echo server sees in a request: the `Authorization` token (the client's
         * key or the call's), `x-api-key` and the marked `x-tenant-token`.
         */
        fun Exchange.secrets(): List<String> =
            listOfNotNull(
                request.headers["authorization"]?.removePrefix("Bearer "),
                request.headers["x-api-key"],
                request.headers["x-tenant-token"],
            )

        /** Every form of every secret, for text that may hold anything (HTML, plain text). */
        fun Exchange.echo(): String =
            secrets().flatMap { SecretEncodings.forms(it) }.joinToString(" | ") { it.second }

        /**
         * Every form, as the content of a JSON string: JSON forms as they are (so decoding yields
         * the raw secret), the others JSON-escaped.
         */
        fun Exchange.jsonEcho(): String =
            secrets()
                .flatMap { SecretEncodings.forms(it) }
                .joinToString(" | ") { (name, form) ->
                    if (name.startsWith("json")) form
                    else JsonPrimitive(form).toString().removeSurrounding("\"")
                }

        fun Exchange.errorObject(code: String): String {
            val e = jsonEcho()
            return """{"message":"$e","type":"$e","param":"$e","code":$code}"""
        }

        /** Headers echoing every form in values, in names (where a form is a token) and cookies. */
        fun Exchange.echoHeaders(contentType: String): Map<String, String> {
            val headers = LinkedHashMap<String, String>()
            headers["Content-Type"] = contentType
            headers["Connection"] = "close"
            headers["retry-after-ms"] = "1"
            var i = 0
            for (s in secrets()) for ((name, form) in SecretEncodings.forms(s)) {
                headers["x-echo-${i++}-$name"] = form
                if (ai.auriko.client.internal.ConfigChecks.isToken(form))
                    headers["x-name-${i++}-$form"] = "1"
            }
            val url = java.net.URLEncoder.encode(secrets().first(), Charsets.UTF_8)
            headers["x-request-id"] = "req_$url"
            headers["Set-Cookie"] = "session=$url; Path=/"
            return headers
        }

        fun echoScenarios(): List<Pair<String, (Exchange) -> Unit>> {
            val list = ArrayList<Pair<String, (Exchange) -> Unit>>()
            for (status in listOf(400, 401, 429, 502)) {
                list +=
                    "HTTP $status JSON error" to
                        { ex ->
                            ex.respond(
                                status,
                                """{"error":${ex.errorObject("\"${ex.jsonEcho()}\"")}}""",
                                ex.echoHeaders("application/json"),
                            )
                        }
            }
            list +=
                "HTTP 500 {error: text}" to
                    { ex ->
                        ex.respond(
                            500,
                            """{"error":"${ex.jsonEcho()}","code":"${ex.jsonEcho()}"}""",
                            ex.echoHeaders("application/json"),
                        )
                    }
            list +=
                "HTTP 422 {detail}" to
                    { ex ->
                        ex.respond(
                            422,
                            """{"detail":"${ex.jsonEcho()}"}""",
                            ex.echoHeaders("application/json"),
                        )
                    }
            list +=
                "HTML 502 page" to
                    { ex ->
                        ex.respond(
                            502,
                            "<html><head><title>Bad ${ex.echo()}</title></head><body>${ex.echo()}</body></html>",
                            ex.echoHeaders("text/html"),
                        )
                    }
            list +=
                "plain-text 503" to
                    { ex ->
                        ex.respond(503, "upstream said ${ex.echo()}", ex.echoHeaders("text/plain"))
                    }
            list +=
                "200 JSON error" to
                    { ex ->
                        ex.respond(
                            200,
                            """{"error":${ex.errorObject("500")}}""",
                            ex.echoHeaders("application/json"),
                        )
                    }
            list +=
                "success echoing in headers" to
                    { ex ->
                        if (ex.request.headers["accept"]?.contains("event-stream") == true) {
                            ex.startStream(headers = ex.echoHeaders("text/event-stream"))
                            ex.chunk(contentEvent("hello", finishReason = "stop"))
                            ex.chunk("data: [DONE]\n\n")
                            ex.endStream()
                        } else if (ex.request.path.endsWith("/models")) {
                            ex.respond(
                                200,
                                """{"object":"list","data":[{"id":"m","object":"model"}]}""",
                                ex.echoHeaders("application/json"),
                            )
                        } else
                            ex.respond(
                                200,
                                completionJson("hello"),
                                ex.echoHeaders("application/json"),
                            )
                    }
            list +=
                "event: error" to
                    { ex ->
                        ex.startStream(headers = ex.echoHeaders("text/event-stream"))
                        ex.chunk(contentEvent("partial "))
                        ex.chunk(
                            "event: error\ndata: {\"error\":${ex.errorObject("\"server_error\"")}}\n\n"
                        )
                        ex.endStream()
                    }
            list +=
                "data: {error}" to
                    { ex ->
                        ex.startStream(headers = ex.echoHeaders("text/event-stream"))
                        ex.chunk(
                            "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"error\"}]," +
                                "\"error\":${ex.errorObject("429")}}\n\n"
                        )
                        ex.endStream()
                    }
            list +=
                "non-JSON data line" to
                    { ex ->
                        if (ex.request.headers["accept"]?.contains("event-stream") == true) {
                            ex.startStream(headers = ex.echoHeaders("text/event-stream"))
                            ex.chunk("data: not json ${ex.echo()}\n\n")
                            ex.endStream()
                        } else
                            ex.respond(
                                200,
                                "not json ${ex.echo()}",
                                ex.echoHeaders("application/json"),
                            )
                    }
            for (status in listOf(302, 307)) {
                list +=
                    "$status Location" to
                        { ex ->
                            val s = ex.secrets().first()
                            val forms = SecretEncodings.forms(s).toMap()
                            ex.respond(
                                status,
                                "",
                                ex.echoHeaders("text/plain") +
                                    mapOf(
                                        "Location" to
                                            "http://127.0.0.1:1/${forms["url-rfc3986"]}?k=${forms["url-form"]}" +
                                                "&b=${forms["url-every-byte-lower"]}"
                                    ),
                            )
                        }
            }
            return list
        }
    }

    /** Everything a user could see, from every channel, and the search for secrets in it. */
    private class Capture(secrets: List<String>) {
        private val forms: List<Pair<String, String>> =
            secrets.flatMap { s ->
                SecretEncodings.forms(s).map { (n, f) -> "$n of '$s'" to f.lowercase() }
            }
        // Forms by their first character: each text is scanned once, whatever the form count.
        private val byFirst: Map<Char, List<Pair<String, String>>> = forms.groupBy { it.second[0] }
        private val leaks = ConcurrentLinkedQueue<String>()
        private val scanned = java.util.concurrent.atomic.AtomicLong()
        private val scannedChars = java.util.concurrent.atomic.AtomicLong()

        val formCount: Int
            get() = forms.size

        /** How many texts were scanned, and how many characters. */
        val size: String
            get() = "${scanned.get()} (${scannedChars.get()} chars)"

        @Volatile var logLines = 0
        val warnings = ConcurrentLinkedQueue<String>()

        /** The SDK logger: records, then forwards to java.util.logging (captured too). */
        val logger = AurikoLogger { level, message, error ->
            logLines++
            if (level == LogLevel.WARN) warnings += message
            text("log line", message)
            error?.let { value("logged error", it) }
            AurikoLogger.javaUtilLogging().log(level, message, error)
        }

        val listener =
            object : AurikoEventListener() {
                override fun callStarted(call: AurikoCall) = objects("callStarted", call)

                override fun attemptStarted(call: AurikoCall, attempt: Int) =
                    objects("attemptStarted", call)

                override fun responseHeaders(
                    call: AurikoCall,
                    status: Int,
                    headers: ResponseHeaders,
                ) = objects("responseHeaders", call, headers)

                override fun retryScheduled(
                    call: AurikoCall,
                    attempt: Int,
                    delay: Duration,
                    reason: AurikoException,
                ) {
                    objects("retryScheduled", call)
                    value("retryScheduled reason", reason)
                }

                override fun firstChunk(call: AurikoCall, sinceStart: Duration) =
                    objects("firstChunk", call)

                override fun callSucceeded(
                    call: AurikoCall,
                    duration: Duration,
                    metrics: StreamMetrics?,
                ) = objects("callSucceeded", call, metrics)

                override fun callFailed(
                    call: AurikoCall,
                    duration: Duration,
                    error: Throwable,
                    metrics: StreamMetrics?,
                ) {
                    objects("callFailed", call, metrics)
                    value("callFailed error", error)
                }

                override fun callCancelled(
                    call: AurikoCall,
                    duration: Duration,
                    metrics: StreamMetrics?,
                ) = objects("callCancelled", call, metrics)
            }

        /**
         * A client with [key] (also sent as the sensitive `x-api-key`), the marked
         * `x-tenant-token`, fast timeouts and one fast retry, observed on every channel.
         */
        fun client(
            key: String,
            baseUrl: String,
            engine: HttpClientEngine? = null,
            level: HttpLogLevel = HttpLogLevel.BODY,
        ): AurikoClient = AurikoClient {
            apiKey = key
            this.baseUrl = baseUrl
            this.engine = engine
            httpLogLevel = level
            logger = this@Capture.logger
            eventListener = listener
            defaultHeaders["x-api-key"] = key
            defaultHeaders["X-Tenant-Token"] = "Token hv-HEADER/secret+=42"
            sensitiveHeaders += "x-tenant-token"
            requestTimeout = 2.seconds
            firstEventTimeout = 2.seconds
            idleTimeout = 1.seconds
            retryPolicy =
                ai.auriko.http.RetryPolicy.builder()
                    .maxRetries(1)
                    .initialBackoff(Duration.ofMillis(1))
                    .build()
        }

        /** Scans [text], seen at [where], for every form of every secret (ignoring case). */
        fun text(where: String, text: String?) {
            if (text == null) return
            scanned.incrementAndGet()
            scannedChars.addAndGet(text.length.toLong())
            val lower = text.lowercase()
            for (i in lower.indices) {
                val candidates = byFirst[lower[i]] ?: continue
                for ((label, form) in candidates) {
                    if (lower.startsWith(form, i) && leaks.size < 100)
                        leaks += "$where: $label in: ${text.take(300)}"
                }
            }
        }

        /** A value as the user may see it: toString(), and all of an exception. */
        fun value(where: String, value: Any?) {
            when (value) {
                null -> {}
                is Throwable -> throwable(where, value)
                else -> objects(where, value)
            }
        }

        private fun throwable(where: String, t: Throwable) {
            text("$where stack trace", t.stackTraceToString())
            text("$where toString", t.toString())
            text("$where localizedMessage", t.localizedMessage)
            var c: Throwable? = t
            var depth = 0
            while (c != null && depth++ < 16) {
                text("$where cause message", c.message)
                if (c is AurikoException) objects("$where partial", c.partialCompletion)
                if (c is AurikoApiException) {
                    text("$where errorMessage", c.errorMessage())
                    text("$where param", c.param())
                    text("$where code", c.code())
                    text("$where type", c.type())
                    text("$where body", c.body())
                    text("$where requestId", c.requestId())
                    objects("$where headers", c.headers())
                }
                c = c.cause
            }
            getters("$where getters", t, 0, IdentityHashMap())
            fields("$where fields", t, 0, IdentityHashMap())
        }

        /** toString(), public getters and fields (as a reflection-based serializer) of each. */
        fun objects(where: String, vararg values: Any?) {
            for (v in values) {
                if (v == null) continue
                text("$where toString", v.toString())
                getters("$where getters", v, 0, IdentityHashMap())
                fields("$where fields", v, 0, IdentityHashMap())
            }
        }

        private fun isSdk(c: Class<*>): Boolean =
            c.name.startsWith("ai.auriko.") && !c.name.contains("LeakHunt")

        /** Public no-argument accessors of SDK objects (what bean introspection reads). */
        private fun getters(where: String, obj: Any, depth: Int, seen: IdentityHashMap<Any, Unit>) {
            if (depth > 3 || seen.put(obj, Unit) != null) return
            if (obj is Iterable<*> && obj !is AutoCloseable) {
                obj.take(50).forEach { it?.let { e -> getters(where, e, depth + 1, seen) } }
                return
            }
            if (obj is Map<*, *>) {
                obj.entries.take(50).forEach { (k, v) ->
                    text("$where map", "$k=$v")
                    v?.let { getters(where, it, depth + 1, seen) }
                }
                return
            }
            if (obj is CharSequence) return text(where, obj.toString())
            if (!isSdk(obj.javaClass) || obj is AutoCloseable) return
            for (m in obj.javaClass.methods) {
                if (m.parameterCount != 0 || m.returnType == Void.TYPE) continue
                if (Modifier.isStatic(m.modifiers) || m.name in NOT_GETTERS) continue
                // Hidden from Java and Kotlin callers, and skipped by bean introspection and
                // Jackson alike (the SDK's own internal accessors are synthetic).
                if (m.isSynthetic || m.isBridge) continue
                if (
                    !m.name.startsWith("get") &&
                        !m.name.startsWith("is") &&
                        !isSdk(m.declaringClass)
                )
                    continue
                val result = runCatching { m.invoke(obj) }.getOrNull() ?: continue
                text("$where.${m.name}", result.toString())
                getters("$where.${m.name}", result, depth + 1, seen)
            }
        }

        /** Non-static, non-transient fields, as Gson reads them. */
        private fun fields(where: String, obj: Any, depth: Int, seen: IdentityHashMap<Any, Unit>) {
            if (depth > 6 || seen.put(obj, Unit) != null) return
            when (obj) {
                is String -> return text(where, obj)
                is CharArray -> return text(where, String(obj))
                is ByteArray -> {
                    text(where, String(obj, Charsets.UTF_8))
                    return text(where, String(obj, Charsets.ISO_8859_1))
                }
                is Array<*> -> {
                    obj.take(100).forEach { it?.let { e -> fields(where, e, depth + 1, seen) } }
                    return
                }
                is Collection<*> -> {
                    obj.take(100).forEach { it?.let { e -> fields(where, e, depth + 1, seen) } }
                    return
                }
                is Map<*, *> -> {
                    obj.entries.take(100).forEach { (k, v) ->
                        k?.let { fields(where, it, depth + 1, seen) }
                        v?.let { fields(where, it, depth + 1, seen) }
                    }
                    return
                }
            }
            if (!isSdk(obj.javaClass) && obj !is Throwable) return
            var c: Class<*>? = obj.javaClass
            while (c != null && c != Any::class.java) {
                for (f in c.declaredFields) {
                    if (Modifier.isStatic(f.modifiers) || Modifier.isTransient(f.modifiers))
                        continue
                    if (f.type.isPrimitive) continue
                    val v =
                        runCatching {
                                f.isAccessible = true
                                f.get(obj)
                            }
                            .getOrNull() ?: continue
                    fields("$where.${f.name}", v, depth + 1, seen)
                }
                c = c.superclass
            }
        }

        /**
         * Runs [block] with java.util.logging, stdout and stderr captured, and records what they
         * got.
         */
        fun channels(block: suspend () -> Unit) {
            val jul = Logger.getLogger("ai.auriko")
            val oldLevel = jul.level
            val handler =
                object : Handler() {
                    override fun publish(record: LogRecord) {
                        text("java.util.logging", record.message)
                        record.thrown?.let {
                            text("java.util.logging thrown", it.stackTraceToString())
                        }
                    }

                    override fun flush() {}

                    override fun close() {}
                }
            val oldParents = jul.useParentHandlers
            // Captured, not printed: the console would get every line of thousands of calls.
            jul.useParentHandlers = false
            jul.level = Level.ALL
            jul.addHandler(handler)
            val out = ByteArrayOutputStream()
            val err = ByteArrayOutputStream()
            val oldOut = System.out
            val oldErr = System.err
            System.setOut(PrintStream(Tee(oldOut, out), true))
            System.setErr(PrintStream(Tee(oldErr, err), true))
            try {
                kotlinx.coroutines.runBlocking { block() }
            } finally {
                System.out.flush()
                System.err.flush()
                System.setOut(oldOut)
                System.setErr(oldErr)
                jul.removeHandler(handler)
                jul.level = oldLevel
                jul.useParentHandlers = oldParents
                synchronized(out) { text("stdout", out.toString(Charsets.UTF_8)) }
                synchronized(err) { text("stderr", err.toString(Charsets.UTF_8)) }
            }
        }

        fun assertNoLeak() {
            withClue(leaks.take(10).joinToString("\n")) { leaks.toList().shouldBeEmpty() }
        }

        private class Tee(private val a: OutputStream, private val b: OutputStream) :
            OutputStream() {
            override fun write(byte: Int) {
                a.write(byte)
                synchronized(b) { b.write(byte) }
            }

            override fun write(bytes: ByteArray, off: Int, len: Int) {
                a.write(bytes, off, len)
                synchronized(b) { b.write(bytes, off, len) }
            }

            override fun flush() = a.flush()
        }

        companion object {
            const val CHANNELS =
                "SDK logger, java.util.logging, stdout, stderr, 8 listener callbacks, exceptions " +
                    "(message, toString, stack trace, causes, accessors, getters, fields), " +
                    "toString/getters/fields of client, options, Java client, streams, chunks, completions, headers"

            val NOT_GETTERS =
                setOf(
                    "hashCode",
                    "getClass",
                    "iterator",
                    "next",
                    "hasNext",
                    "close",
                    "cancel",
                    "toBuilder",
                    "stream",
                    "spliterator",
                    "fillInStackTrace",
                    "getStackTrace",
                    "getSuppressed",
                    "printStackTrace",
                    "getCause",
                    "join",
                    "get",
                    "builder",
                    "newBuilder",
                    "toCompletableFuture",
                    "blocking",
                    "copy",
                    "notify",
                    "notifyAll",
                    "wait",
                )
        }
    }
}
