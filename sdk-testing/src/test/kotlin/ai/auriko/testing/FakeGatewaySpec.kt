package ai.auriko.testing

import ai.auriko.client.AurikoClient
import ai.auriko.client.AurikoClientOptions
import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.InvalidRequestException
import ai.auriko.errors.ProviderException
import ai.auriko.errors.RateLimitException
import ai.auriko.errors.StreamInterruptedException
import ai.auriko.gateway.Optimize
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

/** One way to run the fake gateway: how to make it and the engine the client needs for it. */
private class Mode(val name: String, val create: () -> FakeGateway) {
    override fun toString() = name
}

private val modes =
    listOf(Mode("in memory") { InMemoryGateway() }, Mode("loopback") { LoopbackGateway() })

/** A client of [gateway], as a user's test would build one. */
private fun clientOf(
    gateway: FakeGateway,
    configure: AurikoClientOptions.Builder.() -> Unit = {},
): AurikoClient = AurikoClient {
    apiKey = "sk-test-kit-secret"
    baseUrl = gateway.baseUrl
    engine = (gateway as? InMemoryGateway)?.engine
    maxRetries = 0
    configure()
}

/**
 * Every script feature, through the real client, in both modes: the same scripts give the same
 * results.
 */
class FakeGatewaySpec :
    FunSpec({
        for (mode in modes) {
            fun withGateway(
                configure: AurikoClientOptions.Builder.() -> Unit = {},
                block: suspend (FakeGateway, AurikoClient) -> Unit,
            ) = suspend {
                mode.create().use { gateway ->
                    clientOf(gateway, configure).use { client ->
                        withTimeout(20.seconds) { block(gateway, client) }
                    }
                }
            }

            context(mode.name) {
                test(
                    "content arrives in exactly the scripted fragments, with usage, routing metadata and headers"
                ) {
                    withGateway { gateway, client ->
                        gateway.enqueue {
                            content("Hel", "lo, ", "world")
                            usage(12, 3, cachedTokens = 4)
                            provider("groq")
                            routingStrategy("cost")
                            costUsd(0.000123)
                            ttftMs(90.0)
                            routingWarning(
                                "parameter_ignored",
                                "seed_unsupported",
                                "seed was dropped",
                            )
                            requestId("req_scripted_1")
                            header("x-provider-used", "groq")
                        }
                        val stream =
                            client.chat.completions.stream {
                                model = "gpt-4o"
                                messages { user("hi") }
                            }
                        val fragments =
                            stream
                                .map { it.choices.firstOrNull()?.delta?.content }
                                .toList()
                                .filterNotNull()
                                .filter { it.isNotEmpty() }
                        fragments shouldContainExactly listOf("Hel", "lo, ", "world")
                        stream.usage.shouldNotBeNull().promptTokens shouldBe 12
                        stream.usage!!.completionTokens shouldBe 3
                        stream.usage!!.promptTokensDetails!!.cachedTokens shouldBe 4
                        val routing = stream.routingMetadata.shouldNotBeNull()
                        routing.provider shouldBe "groq"
                        routing.routingStrategy shouldBe "cost"
                        routing.cost!!.usd shouldBe java.math.BigDecimal("0.000123")
                        routing.warnings.single().code shouldBe "seed_unsupported"
                        stream.responseHeaders!!.requestId() shouldBe "req_scripted_1"
                        stream.responseHeaders!!.providerUsed() shouldBe "groq"
                        stream.finishReasons[0] shouldBe "stop"
                        stream.completion!!.model shouldBe "gpt-4o"
                    }()
                }

                test(
                    "reasoning streams before content, and the finish reason is the scripted one"
                ) {
                    withGateway { gateway, client ->
                        gateway.enqueue {
                            reasoning("Think", "ing…")
                            content("Answer")
                            finishReason("length", "max_tokens")
                        }
                        val events =
                            client.chat.completions
                                .stream {
                                    model = "claude-thinking"
                                    messages { user("q") }
                                }
                                .events()
                                .toList()
                        events.filterIsInstance<StreamEvent.ReasoningDelta>().joinToString("") {
                            it.text
                        } shouldBe "Thinking…"
                        val finished =
                            events.filterIsInstance<StreamEvent.ChoiceFinished>().single()
                        finished.reason shouldBe "length"
                        finished.nativeReason shouldBe "max_tokens"
                        events.indexOfFirst { it is StreamEvent.ReasoningDelta } shouldBe
                            events.indexOfFirst {
                                it is StreamEvent.ReasoningDelta || it is StreamEvent.ContentDelta
                            }
                    }()
                }

                test("parallel tool calls, interleaved, reassemble into complete calls") {
                    withGateway { gateway, client ->
                        gateway.enqueue {
                            parallelToolCalls(
                                listOf("call_1", "get_weather", "{\"ci", "ty\":\"Pa", "ris\"}"),
                                listOf("call_2", "get_time", "{\"tz\":\"Europe/Paris\"}"),
                            )
                        }
                        val stream =
                            client.chat.completions.stream {
                                model = "gpt-4o"
                                messages { user("weather and time?") }
                            }
                        val done =
                            stream.events().toList().filterIsInstance<StreamEvent.ToolCallDone>()
                        done.map { Triple(it.id, it.name, it.arguments) } shouldContainExactly
                            listOf(
                                Triple("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                                Triple("call_2", "get_time", "{\"tz\":\"Europe/Paris\"}"),
                            )
                        stream.finishReasons[0] shouldBe "tool_calls"
                    }()
                }

                test("a non-streamed create gets the same script as one completion") {
                    withGateway { gateway, client ->
                        val script = gatewayScript {
                            reasoning("hmm")
                            content("Hel", "lo")
                            toolCall("call_9", "lookup", "{\"q\":", "1}")
                            usage(5, 7)
                            provider("openai")
                            costUsd(0.5)
                            requestId("req_create")
                        }
                        gateway.enqueue(script)
                        val completion: ChatCompletion =
                            client.chat.completions.create {
                                model = "gpt-4o"
                                messages { user("hi") }
                            }
                        completion.content shouldBe "Hello"
                        completion.choices.single().message.reasoningContent shouldBe "hmm"
                        val call = completion.choices.single().message.toolCalls.single()
                        call.id shouldBe "call_9"
                        call.function.arguments shouldBe "{\"q\":1}"
                        completion.choices.single().finishReason shouldBe "tool_calls"
                        completion.usage!!.totalTokens shouldBe 12
                        completion.routingMetadata!!.provider shouldBe "openai"
                        completion.responseHeaders.requestId() shouldBe "req_create"
                        gateway.takeRequest().stream.shouldBeFalse()
                    }()
                }

                test(
                    "noRequestId() leaves out the default x-request-id, streamed and not; an explicit one is still sent"
                ) {
                    withGateway { gateway, client ->
                        val plain = gatewayScript {
                            content("Hi")
                            usage(1, 1)
                            noRequestId()
                        }
                        gateway.enqueue(plain)
                        gateway.enqueue(plain)
                        gateway.enqueue { content("Hi") }
                        gateway.enqueue {
                            content("Hi")
                            noRequestId()
                            requestId("req_mine")
                        }
                        val stream =
                            client.chat.completions.stream {
                                model = "gpt-4o"
                                messages { user("hi") }
                            }
                        stream.collect {}
                        val headers = stream.responseHeaders.shouldNotBeNull()
                        headers.requestId().shouldBeNull()
                        headers.names().none { it.lowercase().startsWith("x-") }.shouldBeTrue()
                        stream.routingMetadata.shouldBeNull()
                        val created =
                            client.chat.completions.create {
                                model = "gpt-4o"
                                messages { user("hi") }
                            }
                        created.content shouldBe "Hi"
                        created.responseHeaders.requestId().shouldBeNull()
                        created.routingMetadata.shouldBeNull()
                        // the default is still there for the next script, and an explicit id stays
                        val third =
                            client.chat.completions.create {
                                model = "gpt-4o"
                                messages { user("hi") }
                            }
                        third.responseHeaders.requestId() shouldBe "req_fake_3"
                        val fourth =
                            client.chat.completions.create {
                                model = "gpt-4o"
                                messages { user("hi") }
                            }
                        fourth.responseHeaders.requestId() shouldBe "req_mine"
                    }()
                }

                test(
                    "a mid-stream error event is thrown as the typed exception, with what had arrived"
                ) {
                    withGateway { gateway, client ->
                        gateway.enqueue {
                            content("Once ", "upon")
                            errorEvent("server_error", "Provider disconnected unexpectedly")
                            content("never sent")
                        }
                        val seen = mutableListOf<String>()
                        val e =
                            shouldThrow<AurikoApiException> {
                                client.chat.completions
                                    .stream {
                                        model = "gpt-4o"
                                        messages { user("story") }
                                    }
                                    .collect { c ->
                                        c.choices.firstOrNull()?.delta?.content?.let { seen += it }
                                    }
                            }
                        e.isStreamError.shouldBeTrue()
                        e.errorMessage() shouldBe "Provider disconnected unexpectedly"
                        seen.joinToString("") shouldStartWith "Once upon"
                        seen.joinToString("") shouldNotContain "never"
                        e.partialCompletion!!.content shouldBe "Once upon"
                    }()
                }

                test(
                    "a truncated stream is a StreamInterruptedException keeping the partial answer"
                ) {
                    withGateway { gateway, client ->
                        gateway.enqueue {
                            content("Partial ", "answer")
                            truncate()
                        }
                        val e =
                            shouldThrow<StreamInterruptedException> {
                                client.chat.completions
                                    .stream {
                                        model = "gpt-4o"
                                        messages { user("q") }
                                    }
                                    .toList()
                            }
                        e.partialCompletion!!.content shouldBe "Partial answer"
                    }()
                }

                test(
                    "an HTTP 429 with Retry-After is a RateLimitException carrying it; with retries the next script answers"
                ) {
                    withGateway { gateway, client ->
                        gateway.enqueue {
                            httpError(429, "rate_limit_exceeded", "slow down")
                            retryAfter(7)
                        }
                        val e =
                            shouldThrow<RateLimitException> {
                                client.chat.completions.create {
                                    model = "gpt-4o"
                                    messages { user("q") }
                                }
                            }
                        e.retryAfter() shouldBe java.time.Duration.ofSeconds(7)
                        e.code() shouldBe "rate_limit_exceeded"
                        e.requestId() shouldBe "req_fake_1"
                    }()
                    withGateway({ maxRetries = 1 }) { gateway, client ->
                        gateway.enqueue {
                            httpError(429, "rate_limit_exceeded", "slow down")
                            retryAfter(0)
                        }
                        gateway.enqueue { content("ok") }
                        client.chat.completions
                            .create {
                                model = "gpt-4o"
                                messages { user("q") }
                            }
                            .content shouldBe "ok"
                        gateway.requestCount shouldBe 2
                        gateway.assertAllQueuedScriptsUsed()
                    }()
                }

                test("a raw HTML 502 from a proxy is a ProviderException") {
                    withGateway { gateway, client ->
                        gateway.enqueue {
                            rawResponse(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>")
                        }
                        val e =
                            shouldThrow<ProviderException> {
                                client.chat.completions.create {
                                    model = "m"
                                    messages { user("q") }
                                }
                            }
                        e.statusCode() shouldBe 502
                    }()
                }

                test("pacing spaces the chunks out and keep-alives keep an idle stream alive") {
                    // 900 ms of silence in all, more than the idle timeout: only the keep-alives
                    // keep it open
                    withGateway({ idleTimeout = 600.milliseconds }) { gateway, client ->
                        gateway.enqueue {
                            pacing(60.milliseconds)
                            content("a", "b", "c", "d", "e")
                            repeat(3) {
                                pause(300.milliseconds)
                                keepAlive()
                            }
                            content("f")
                        }
                        val started = System.nanoTime()
                        val text =
                            client.chat.completions
                                .stream {
                                    model = "m"
                                    messages { user("q") }
                                }
                                .contentDeltas()
                                .toList()
                                .joinToString("")
                        val elapsedMs = (System.nanoTime() - started) / 1_000_000
                        text shouldBe "abcdef"
                        elapsedMs shouldBeGreaterThanOrEqual 6 * 60 + 3 * 300L
                    }()
                }

                test(
                    "a pause longer than the idle timeout makes the client time out, and the gateway sees it go"
                ) {
                    withGateway({ idleTimeout = 300.milliseconds }) { gateway, client ->
                        gateway.enqueue {
                            content("first")
                            pause(10.seconds)
                            content("too late")
                        }
                        val started = System.nanoTime()
                        shouldThrow<AurikoTimeoutException> {
                            client.chat.completions
                                .stream {
                                    model = "m"
                                    messages { user("q") }
                                }
                                .toList()
                        }
                        val request = gateway.takeRequest()
                        request.awaitCancellation(java.time.Duration.ofSeconds(3)).shouldBeTrue()
                        ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 5_000L
                    }()
                }

                test(
                    "cancelling the collector is seen by the gateway at once, in the middle of a pause"
                ) {
                    withGateway { gateway, client ->
                        gateway.enqueue {
                            content("one")
                            pause(10.seconds)
                            content("two")
                        }
                        val started = System.nanoTime()
                        val first =
                            client.chat.completions
                                .stream {
                                    model = "m"
                                    messages { user("q") }
                                }
                                .contentDeltas()
                                .first { it.isNotEmpty() }
                        first shouldBe "one"
                        gateway
                            .takeRequest()
                            .awaitCancellation(java.time.Duration.ofSeconds(3))
                            .shouldBeTrue()
                        ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 5_000L
                    }()
                }

                test("a completed stream is not reported as cancelled") {
                    withGateway { gateway, client ->
                        gateway.enqueue { content("done") }
                        client.chat.completions
                            .stream {
                                model = "m"
                                messages { user("q") }
                            }
                            .toList()
                        val request = gateway.takeRequest()
                        request.awaitCancellation(java.time.Duration.ofMillis(300)).shouldBeFalse()
                        request.cancelledByClient.shouldBeFalse()
                    }()
                }

                test(
                    "queued scripts answer in order; matched ones wait for their request; rules answer every match"
                ) {
                    withGateway { gateway, client ->
                        gateway.on(RequestMatchers.model("fallback-model")) {
                            content("from the rule")
                        }
                        gateway.enqueue(RequestMatchers.lastUserMessageContains("weather")) {
                            content("sunny")
                        }
                        gateway.enqueue { content("first") }
                        gateway.enqueue { content("second") }
                        gateway.enqueue(RequestMatchers.toolsPresent(true)) {
                            toolCall("c1", "get_weather", "{}")
                        }
                        gateway.enqueue(
                            RequestMatcher { it.field("gateway.routing.optimize") == "cost" }
                        ) {
                            content("cheap")
                        }

                        suspend fun ask(model: String = "gpt-4o", q: String) =
                            client.chat.completions
                                .create {
                                    this.model = model
                                    messages { user(q) }
                                }
                                .content

                        ask(q = "hello") shouldBe "first"
                        ask(q = "What's the WEATHER like?") shouldBe "sunny"
                        ask(q = "again") shouldBe "second"
                        client.chat.completions
                            .create {
                                model = "gpt-4o"
                                messages { user("q") }
                                tools {
                                    function("get_weather", "weather", mapOf("type" to "object"))
                                }
                            }
                            .choices
                            .single()
                            .message
                            .toolCalls
                            .single()
                            .function
                            .name shouldBe "get_weather"
                        client.chat.completions
                            .create {
                                model = "gpt-4o"
                                messages { user("q") }
                                routing { optimize = Optimize.COST }
                            }
                            .content shouldBe "cheap"
                        ask(model = "fallback-model", q = "x") shouldBe "from the rule"
                        ask(model = "fallback-model", q = "y") shouldBe "from the rule"
                        gateway.queuedScripts shouldBe 0
                        gateway.assertNoUnmatchedRequests()
                    }()
                }

                test("a request no script accepts gets a clear error, and the assertion names it") {
                    withGateway { gateway, client ->
                        gateway.enqueue(RequestMatchers.model("other")) { content("x") }
                        val e =
                            shouldThrow<InvalidRequestException> {
                                client.chat.completions.create {
                                    model = "gpt-4o"
                                    messages { user("Unscripted question") }
                                }
                            }
                        e.code() shouldBe "fake_gateway_no_script"
                        e.errorMessage() shouldContain "model=gpt-4o"
                        e.errorMessage() shouldContain "Unscripted question"
                        e.errorMessage() shouldContain "model other"
                        gateway.unmatchedRequests.single().model shouldBe "gpt-4o"
                        val failure =
                            shouldThrow<AssertionError> { gateway.assertNoUnmatchedRequests() }
                        failure.message shouldContain "Unscripted question"
                        shouldThrow<AssertionError> { gateway.assertAllQueuedScriptsUsed() }
                            .message shouldContain "model other"
                    }()
                }

                test(
                    "every request is recorded and decoded: messages, tools, routing, metadata, extensions, headers"
                ) {
                    withGateway { gateway, client ->
                        gateway.enqueue { content("ok") }
                        client.chat.completions
                            .stream {
                                models = listOf("gpt-4o", "claude-sonnet-4")
                                messages {
                                    system("Be terse.")
                                    user("Weather in Paris?")
                                    assistant(
                                        null,
                                        listOf(
                                            ai.auriko.request.chat.ToolCall.function(
                                                "call_1",
                                                "get_weather",
                                                "{\"city\":\"Paris\"}",
                                            )
                                        ),
                                    )
                                    tool("call_1", "18C")
                                }
                                tools {
                                    function(
                                        "get_weather",
                                        "Current weather",
                                        mapOf("type" to "object"),
                                    )
                                }
                                routing {
                                    optimize = Optimize.TTFT
                                    maxTtftMs = 200
                                    providers = listOf("groq")
                                }
                                metadata {
                                    tags("test")
                                    userId = "u_42"
                                }
                                extensions { thinking(1024) }
                            }
                            .toList()
                        val request = gateway.takeRequest()
                        request.method shouldBe "POST"
                        request.path shouldBe "/v1/chat/completions"
                        request.models shouldContainExactly listOf("gpt-4o", "claude-sonnet-4")
                        request.model.shouldBeNull()
                        request.stream.shouldBeTrue()
                        request.messages.map { it.role } shouldContainExactly
                            listOf("system", "user", "assistant", "tool")
                        request.lastUserMessage shouldBe "Weather in Paris?"
                        request.messages[2].toolCalls.single().arguments shouldBe
                            "{\"city\":\"Paris\"}"
                        request.messages[3].toolCallId shouldBe "call_1"
                        request.messages[3].content shouldBe "18C"
                        request.toolNames shouldContainExactly listOf("get_weather")
                        request.field("gateway.routing.optimize") shouldBe "ttft"
                        request.field("gateway.routing.max_ttft_ms") shouldBe "200"
                        request.routing!!["providers"].toString() shouldBe "[\"groq\"]"
                        request.field("gateway.metadata.user_id") shouldBe "u_42"
                        request.metadata.shouldNotBeNull()
                        request.field("extensions.thinking.budget_tokens") shouldBe "1024"
                        request.extensions.shouldNotBeNull()
                        request.field("messages.1.content") shouldBe "Weather in Paris?"
                        request.header("authorization") shouldBe "Bearer sk-test-kit-secret"
                        request.header("Content-Type")!! shouldContain "application/json"
                        request.json!!["stream"].toString() shouldBe "true"
                        request.body shouldContain "\"messages\""
                        request.toString() shouldNotContain "sk-test-kit-secret"
                        request.toString() shouldContain "Weather in Paris?"
                    }()
                }

                test("awaitRequest suspends, so a request sent from the same thread can arrive") {
                    withGateway { gateway, client ->
                        gateway.enqueue { content("ok") }
                        // one thread for both: a blocking takeRequest here would starve the call
                        kotlinx.coroutines.runBlocking {
                            val call = async {
                                client.chat.completions.create {
                                    model = "same-thread"
                                    messages { user("q") }
                                }
                            }
                            gateway.awaitRequest().model shouldBe "same-thread"
                            call.await().content shouldBe "ok"
                        }
                        shouldThrow<AssertionError> { gateway.awaitRequest(100.milliseconds) }
                            .message shouldContain "no request arrived"
                    }()
                }

                test("takeRequest waits a bounded time and fails clearly when nothing arrives") {
                    withGateway { gateway, _ ->
                        val started = System.nanoTime()
                        val e =
                            shouldThrow<AssertionError> { gateway.takeRequest(200.milliseconds) }
                        e.message shouldContain "no request arrived"
                        ((System.nanoTime() - started) / 1_000_000) shouldBeGreaterThanOrEqual 190L
                    }()
                }

                test("concurrent streams each get their own script and their own recording") {
                    withGateway { gateway, client ->
                        repeat(8) { i ->
                            gateway.enqueue(RequestMatchers.lastUserMessageContains("q$i;")) {
                                pacing(5.milliseconds)
                                content("a$i", "b$i")
                            }
                        }
                        val answers = coroutineScope {
                            (0 until 8)
                                .map { i ->
                                    async {
                                        client.chat.completions
                                            .stream {
                                                model = "m"
                                                messages { user("q$i;") }
                                            }
                                            .contentDeltas()
                                            .toList()
                                            .joinToString("")
                                    }
                                }
                                .map { it.await() }
                        }
                        answers shouldContainExactly (0 until 8).map { "a${it}b$it" }
                        gateway.requestCount shouldBe 8
                        gateway.requests.map { it.sequenceNumber }.sorted() shouldContainExactly
                            (1..8).toList()
                        if (gateway is LoopbackGateway)
                            gateway.connectionCount shouldBeGreaterThanOrEqual 8
                    }()
                }
            }
        }

        test("a script describes itself without request data") {
            gatewayScript { content("x") }.toString() shouldBe "GatewayScript(1 steps)"
            gatewayScript { httpError(503, "overloaded", "busy") }.isHttpError.shouldBeTrue()
        }

        test("the loopback gateway listens on 127.0.0.1 only and stops on close") {
            val gateway = LoopbackGateway()
            gateway.baseUrl shouldStartWith "http://127.0.0.1:"
            val port = gateway.port
            gateway.close()
            shouldThrow<java.io.IOException> { java.net.Socket("127.0.0.1", port).close() }
        }

        test("the loopback gateway reads a chunked request body and answers a plain HTTP client") {
            LoopbackGateway().use { gateway ->
                gateway.enqueue {
                    content("Hel", "lo")
                    truncate()
                }
                java.net.Socket("127.0.0.1", gateway.port).use { socket ->
                    socket.soTimeout = 5_000
                    val body =
                        """{"model":"raw","stream":true,"messages":[{"role":"user","content":"chunked"}]}"""
                    val half = body.length / 2
                    socket
                        .getOutputStream()
                        .write(
                            ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                    "${Integer.toHexString(half)}\r\n${body.substring(0, half)}\r\n" +
                                    "${Integer.toHexString(body.length - half)};ext=1\r\n${body.substring(half)}\r\n0\r\n\r\n")
                                .toByteArray()
                        )
                    val response = String(socket.getInputStream().readBytes())
                    response shouldStartWith "HTTP/1.1 200 OK"
                    response shouldContain "Transfer-Encoding: chunked"
                    response shouldContain "\"content\":\"lo\""
                    // truncated: the socket closed without the terminating zero-size chunk or
                    // [DONE]
                    response shouldNotContain "[DONE]"
                    response.endsWith("0\r\n\r\n").shouldBeFalse()
                }
                val request = gateway.takeRequest()
                request.model shouldBe "raw"
                request.lastUserMessage shouldBe "chunked"
            }
        }

        test("neither gateway's base URL makes the client warn about a key sent in clear text") {
            for (gateway in listOf(InMemoryGateway(), LoopbackGateway())) {
                gateway.use {
                    val warnings = java.util.concurrent.CopyOnWriteArrayList<String>()
                    clientOf(gateway) {
                            logger =
                                ai.auriko.client.logging.AurikoLogger { level, message, _ ->
                                    if (level >= ai.auriko.client.logging.LogLevel.WARN)
                                        warnings += message
                                }
                        }
                        .use { client ->
                            gateway.enqueue { content("ok") }
                            client.chat.completions
                                .create {
                                    model = "m"
                                    messages { user("q") }
                                }
                                .content shouldBe "ok"
                        }
                    warnings shouldBe emptyList()
                }
            }
        }

        test("the in-memory gateway's responses are typed as the SDK expects") {
            InMemoryGateway().use { gateway ->
                clientOf(gateway).use { client ->
                    gateway.enqueue { httpError(401, "invalid_api_key", "Invalid API key") }
                    shouldThrow<ai.auriko.errors.AuthenticationException> {
                            client.chat.completions.create {
                                model = "m"
                                messages { user("q") }
                            }
                        }
                        .shouldBeInstanceOf<AurikoApiException>()
                        .statusCode() shouldBe 401
                }
            }
        }
    })
