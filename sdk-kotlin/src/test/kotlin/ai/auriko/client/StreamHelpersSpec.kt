package ai.auriko.client

import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.testing.DONE_EVENT
import ai.auriko.client.testing.Delivery
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.MockClient
import ai.auriko.client.testing.VirtualGateway
import ai.auriko.client.testing.WireFixtures
import ai.auriko.client.testing.contentEvent
import ai.auriko.client.testing.respondFixture
import ai.auriko.errors.StreamInterruptedException
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteReadChannel
import java.time.Duration
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The stream's convenience layer: `events()`, `toCompletion()`, `contentDeltas()` over recorded
 * fixtures on a MockEngine, and `metrics` over paced streams in virtual time (exact times) and over
 * a real loopback server.
 */
class StreamHelpersSpec :
    FunSpec({
        fun fixture(name: String) = WireFixtures.all.single { it.name == name }

        for (delivery in Delivery.values()) {
            test(
                "events() on auriko-tool-calls ($delivery): one Started and one Done per call, complete arguments, Done before ChoiceFinished, then usage"
            ) {
                coroutineScope {
                    MockClient(
                            {
                                respondFixture(
                                    fixture("auriko-tool-calls"),
                                    delivery,
                                    this@coroutineScope,
                                )
                            },
                            { maxRetries = 0 },
                        )
                        .use { mock ->
                            val events =
                                mock.client.chat.completions
                                    .stream(fixtureRequest())
                                    .events()
                                    .toList()
                            val shown = events.map { it.show() }
                            withClue("events:\n" + shown.joinToString("\n")) {
                                // The fixture interleaves the two calls' argument fragments (0, 1,
                                // 0, 1, 0),
                                // as OpenAI does for parallel tool calls.
                                shown.first() shouldBe "Started(0,0,call_1,get_weather)"
                                events.filterIsInstance<StreamEvent.ToolCallStarted>().map {
                                    it.show()
                                } shouldBe
                                    listOf(
                                        "Started(0,0,call_1,get_weather)",
                                        "Started(0,1,call_2,get_time)",
                                    )
                                events.argumentFragments(0) shouldBe
                                    listOf("{\"ci", "ty\":\"Pa", "ris\"}")
                                events.argumentFragments(1) shouldBe
                                    listOf("{\"tz\":\"Europe/Paris\"}")

                                val dones = events.filterIsInstance<StreamEvent.ToolCallDone>()
                                dones.map { it.show() } shouldBe
                                    listOf(
                                        "Done(0,0,call_1,get_weather,{\"city\":\"Paris\"})",
                                        "Done(0,1,call_2,get_time,{\"tz\":\"Europe/Paris\"})",
                                    )
                                dones[0].parsedArguments.shouldBeInstanceOf<JsonObject>() shouldBe
                                    JsonObject(mapOf("city" to JsonPrimitive("Paris")))
                                dones[1].parsedArguments.shouldBeInstanceOf<JsonObject>() shouldBe
                                    JsonObject(mapOf("tz" to JsonPrimitive("Europe/Paris")))

                                val finishedAt = shown.indexOf("Finished(0,tool_calls,null)")
                                for (tool in 0..1) {
                                    val startedAt =
                                        events.indexOfFirst {
                                            it is StreamEvent.ToolCallStarted &&
                                                it.toolIndex == tool
                                        }
                                    val doneAt =
                                        events.indexOfFirst {
                                            it is StreamEvent.ToolCallDone && it.toolIndex == tool
                                        }
                                    val deltaAt =
                                        events.indices.filter {
                                            (events[it] as? StreamEvent.ToolCallArgumentsDelta)
                                                ?.toolIndex == tool
                                        }
                                    withClue(
                                        "tool $tool: Started before its deltas, Done after them, ChoiceFinished after Done"
                                    ) {
                                        deltaAt.all { it in (startedAt + 1) until doneAt } shouldBe
                                            true
                                        (doneAt < finishedAt) shouldBe true
                                    }
                                }
                                shown.takeLast(2) shouldBe
                                    listOf("Finished(0,tool_calls,null)", "Usage(30,25,55)")
                                shown.size shouldBe 2 + 4 + 2 + 2
                            }
                        }
                }
            }
        }

        test(
            "events() on tool calls that arrive one after the other: Done(0) as tool 1 starts, Done(1) before ChoiceFinished"
        ) {
            val body =
                sse(
                    toolChunk(0, "", id = "call_1", name = "get_weather"),
                    toolChunk(0, "{\"ci"),
                    toolChunk(0, "ty\":\"Pa"),
                    toolChunk(0, "ris\"}"),
                    toolChunk(1, "", id = "call_2", name = "get_time"),
                    toolChunk(1, "{\"tz\":\"Europe/Paris\"}"),
                    FINISH_TOOL_CALLS,
                    USAGE_CHUNK,
                )
            MockClient({ respondSse(body) }, { maxRetries = 0 }).use { mock ->
                val events = mock.client.chat.completions.stream(fixtureRequest()).events().toList()
                events.map { it.show() } shouldBe
                    listOf(
                        "Started(0,0,call_1,get_weather)",
                        "Args(0,0,{\"ci)",
                        "Args(0,0,ty\":\"Pa)",
                        "Args(0,0,ris\"})",
                        "Done(0,0,call_1,get_weather,{\"city\":\"Paris\"})",
                        "Started(0,1,call_2,get_time)",
                        "Args(0,1,{\"tz\":\"Europe/Paris\"})",
                        "Done(0,1,call_2,get_time,{\"tz\":\"Europe/Paris\"})",
                        "Finished(0,tool_calls,null)",
                        "Usage(30,25,55)",
                    )
                val dones = events.filterIsInstance<StreamEvent.ToolCallDone>()
                dones[0].parsedArguments shouldBe
                    JsonObject(mapOf("city" to JsonPrimitive("Paris")))
                dones[1].parsedArguments shouldBe
                    JsonObject(mapOf("tz" to JsonPrimitive("Europe/Paris")))
            }
        }

        test(
            "a tool call whose arguments are not valid JSON is Done with parsedArguments == null"
        ) {
            val body =
                sse(
                    toolChunk(0, "{\"city\":", id = "call_1", name = "get_weather"),
                    toolChunk(0, "\"Par"), // the model stopped mid-string
                    toolChunk(1, "{\"q\":1}", id = "call_2", name = "search"),
                    FINISH_TOOL_CALLS,
                )
            MockClient({ respondSse(body) }, { maxRetries = 0 }).use { mock ->
                val dones =
                    mock.client.chat.completions
                        .stream(fixtureRequest())
                        .events()
                        .toList()
                        .filterIsInstance<StreamEvent.ToolCallDone>()
                dones.map { it.toolIndex } shouldBe listOf(0, 1)
                dones[0].arguments shouldBe "{\"city\":\"Par"
                dones[0].parsedArguments shouldBe null
                dones[1].parsedArguments shouldBe JsonObject(mapOf("q" to JsonPrimitive(1)))
            }
        }

        test("toCompletion() and contentDeltas() on auriko-basic") {
            coroutineScope {
                MockClient(
                        {
                            respondFixture(
                                fixture("auriko-basic"),
                                Delivery.WHOLE,
                                this@coroutineScope,
                            )
                        },
                        { maxRetries = 0 },
                    )
                    .use { mock ->
                        val stream = mock.client.chat.completions.stream(fixtureRequest())
                        val completion = stream.toCompletion()
                        completion.content shouldBe "Hello!"
                        completion.choices.single().finishReason shouldBe "stop"
                        completion.usage.shouldNotBeNull().totalTokens shouldBe 10L
                        completion.routingMetadata.shouldNotBeNull().provider shouldBe "openai"
                        completion.responseHeaders.requestId() shouldBe "req_basic_1"
                        completion.streamMetrics.shouldNotBeNull().chunkCount shouldBe 6
                        stream.completion shouldBe completion

                        mock.client.chat.completions
                            .stream(fixtureRequest())
                            .contentDeltas()
                            .toList() shouldBe listOf("Hello", "!")
                        // cold: the same stream object collects again, with a new request
                        stream.contentDeltas().toList() shouldBe listOf("Hello", "!")
                        mock.requests.size shouldBe 3
                    }
            }
        }

        test("events() on auriko-reasoning: reasoning before content, then finish and usage") {
            coroutineScope {
                MockClient(
                        {
                            respondFixture(
                                fixture("auriko-reasoning"),
                                Delivery.BYTEWISE,
                                this@coroutineScope,
                            )
                        },
                        { maxRetries = 0 },
                    )
                    .use { mock ->
                        val events =
                            mock.client.chat.completions.stream(fixtureRequest()).events().toList()
                        events.map { it.show() } shouldBe
                            listOf(
                                "Reasoning(0,Let me )",
                                "Reasoning(0,compute 23*22*21.)",
                                "Content(0,10626)",
                                "Finished(0,stop,end_turn)",
                                "Usage(20,35,55)",
                            )
                    }
            }
        }

        test(
            "metrics of a paced stream (virtual time): exact times to headers, first chunk and first token, gaps, rate, keep-alives"
        ) {
            runTest {
                val gateway =
                    VirtualGateway(this) {
                        stream {
                            send(ROLE_EVENT)
                            for (i in 1..6) {
                                delay(50)
                                if (i == 4) send(": keep-alive\n\n")
                                send(contentEvent("t$i "))
                            }
                            send(contentEvent("", finishReason = "stop"))
                            send(DONE_EVENT)
                        }
                    }
                gateway.client().use { client ->
                    val stream = client.chat.completions.stream(fixtureRequest())
                    stream.metrics shouldBe null
                    stream.collect {}
                    stream.completion.shouldNotBeNull().content shouldBe "t1 t2 t3 t4 t5 t6 "
                    val m = stream.metrics.shouldNotBeNull()
                    withClue(m.toString()) {
                        m.timeToResponseHeaders shouldBe Duration.ZERO
                        m.timeToFirstChunk shouldBe Duration.ZERO // the role chunk
                        m.timeToFirstToken shouldBe Duration.ofMillis(50)
                        m.totalDuration shouldBe Duration.ofMillis(300)
                        m.largestGapBetweenChunks shouldBe Duration.ofMillis(50)
                        m.chunkCount shouldBe 8 // role, 6 content, finish
                        m.contentChunkCount shouldBe 6
                        m.contentChunksPerSecond shouldBe 20.0 // 5 intervals in 250 ms
                        m.keepAliveComments shouldBe 1
                        m.retries shouldBe 0
                    }
                    stream.attempts shouldBe 1
                }
            }
        }

        test("metrics after a 429 then success count one retry, and their times include the wait") {
            runTest {
                val gateway =
                    VirtualGateway(this) {
                        if (number == 1)
                            json(
                                429,
                                """{"error":{"message":"slow down","code":"rate_limit_exceeded"}}""",
                                mapOf("retry-after-ms" to "50"),
                            )
                        else
                            stream {
                                send(contentEvent("ok", finishReason = "stop"))
                                send(DONE_EVENT)
                            }
                    }
                gateway.client().use { client ->
                    val stream = client.chat.completions.stream(fixtureRequest())
                    stream.collect {}
                    stream.completion.shouldNotBeNull().content shouldBe "ok"
                    val m = stream.metrics.shouldNotBeNull()
                    withClue(m.toString()) {
                        m.retries shouldBe 1
                        m.chunkCount shouldBe 1
                        // the times count from the start of collection, so they include the wait
                        m.timeToResponseHeaders shouldBe Duration.ofMillis(50)
                        m.totalDuration shouldBe Duration.ofMillis(50)
                    }
                    stream.attempts shouldBe 2
                    gateway.requestTimes shouldBe listOf(0L, 50L)
                }
            }
        }

        test(
            "a stream interrupted after 2 chunks: metrics on the exception's partial completion and on the stream"
        ) {
            LoopbackServer { ex ->
                    ex.startStream()
                    ex.chunk(contentEvent("a"))
                    ex.chunk(contentEvent("b"))
                    ex.endStream() // a clean end without a finish reason or [DONE]
                }
                .use { server ->
                    val client = AurikoClient {
                        apiKey = "sk-test"
                        baseUrl = server.baseUrl
                    }
                    try {
                        val stream = client.chat.completions.stream(fixtureRequest())
                        val e = runCatching { stream.collect {} }.exceptionOrNull()
                        val interrupted = e.shouldBeInstanceOf<StreamInterruptedException>()
                        val partial = interrupted.partialCompletion.shouldNotBeNull()
                        partial.content shouldBe "ab"
                        val pm = partial.streamMetrics.shouldNotBeNull()
                        pm.chunkCount shouldBe 2
                        pm.contentChunkCount shouldBe 2
                        pm.retries shouldBe 0
                        val m = stream.metrics.shouldNotBeNull()
                        m.chunkCount shouldBe 2
                        stream.completion shouldBe null
                        server.requests.size shouldBe 1
                    } finally {
                        client.close()
                    }
                }
        }
    })

/** One line per event, for exact and readable comparisons. */
private fun StreamEvent.show(): String =
    when (this) {
        is StreamEvent.ContentDelta -> "Content($choiceIndex,$text)"
        is StreamEvent.ReasoningDelta -> "Reasoning($choiceIndex,$text)"
        is StreamEvent.ToolCallStarted -> "Started($choiceIndex,$toolIndex,$id,$name)"
        is StreamEvent.ToolCallArgumentsDelta -> "Args($choiceIndex,$toolIndex,$fragment)"
        is StreamEvent.ToolCallDone -> "Done($choiceIndex,$toolIndex,$id,$name,$arguments)"
        is StreamEvent.ChoiceFinished -> "Finished($choiceIndex,$reason,$nativeReason)"
        is StreamEvent.UsageReported ->
            "Usage(${usage.promptTokens},${usage.completionTokens},${usage.totalTokens})"
        is StreamEvent.RoutingMetadataReported -> "Routing(${metadata.provider})"
    }

private fun List<StreamEvent>.argumentFragments(tool: Int) =
    filterIsInstance<StreamEvent.ToolCallArgumentsDelta>()
        .filter { it.toolIndex == tool }
        .map { it.fragment }

private const val HEAD =
    """"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-4o""""

private const val ROLE_EVENT =
    "data: {$HEAD,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"

private const val FINISH_TOOL_CALLS =
    """{$HEAD,"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""

private const val USAGE_CHUNK =
    """{$HEAD,"choices":[],"usage":{"prompt_tokens":30,"completion_tokens":25,"total_tokens":55}}"""

/**
 * A chunk with one fragment of tool call [tool]; the first fragment of a call carries [id] and
 * [name].
 */
private fun toolChunk(
    tool: Int,
    arguments: String,
    id: String? = null,
    name: String? = null,
): String {
    val header = if (id != null) "\"id\":\"$id\",\"type\":\"function\"," else ""
    val nameField = if (name != null) "\"name\":\"$name\"," else ""
    return "{$HEAD,\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":$tool,$header" +
        "\"function\":{$nameField\"arguments\":${JsonPrimitive(arguments)}}}]},\"finish_reason\":null}]}"
}

/** An event stream of [chunks], then `[DONE]`. */
private fun sse(vararg chunks: String): String =
    chunks.joinToString("") { "data: $it\n\n" } + "data: [DONE]\n\n"

private fun io.ktor.client.engine.mock.MockRequestHandleScope.respondSse(body: String) =
    respond(
        ByteReadChannel(body.toByteArray()),
        HttpStatusCode.OK,
        headersOf("content-type", "text/event-stream"),
    )
