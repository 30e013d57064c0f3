package ai.auriko.testing.tools

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.requestOptions
import ai.auriko.client.structured.JsonSchema
import ai.auriko.client.tools.FunctionTool
import ai.auriko.client.tools.ToolCallStatus
import ai.auriko.client.tools.ToolErrorPolicy
import ai.auriko.client.tools.ToolExecutionException
import ai.auriko.client.tools.ToolLoopLimitException
import ai.auriko.client.tools.ToolRunEvent
import ai.auriko.client.tools.finalAnswer
import ai.auriko.client.tools.runTools
import ai.auriko.client.tools.tool
import ai.auriko.errors.AurikoException
import ai.auriko.json.RawJson
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import ai.auriko.testing.LoopbackGateway
import ai.auriko.testing.RequestMatchers
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray

/**
 * `runTools` on the loopback fake gateway: parallel calls run at once, errors go back to the model
 * or fail the loop, unknown tools and `maxTurns`, cancellation in the middle of a tool and of a
 * stream, and the requests the loop sends back (the assistant message as it arrived, the tool
 * messages in call order).
 */
class ToolLoopSpec :
    FunSpec({
        val citySchema =
            JsonSchema.of(
                "get_weather",
                RawJson.of(
                    """{"type":"object","properties":{"city":{"type":"string"}},""" +
                        """"required":["city"],"additionalProperties":false}"""
                ),
            )

        fun weather(run: suspend (String) -> String): FunctionTool =
            tool("get_weather", "Current weather for a city", citySchema, run)

        val request =
            ChatCompletionRequest.builder()
                .model("gpt-4o")
                .addMessage(ChatMessage.user("Oslo or Rome?"))
                .build()

        fun withClient(block: suspend (LoopbackGateway, AurikoClient) -> Unit) = suspend {
            LoopbackGateway().use { gateway ->
                AurikoClient {
                        apiKey = "sk-tools-secret"
                        baseUrl = gateway.baseUrl
                        maxRetries = 0
                    }
                    .use { client -> withTimeout(20.seconds) { block(gateway, client) } }
            }
        }

        fun LoopbackGateway.twoCalls() = enqueue {
            content("Checking both.")
            parallelToolCalls(
                listOf("call_a", "get_weather", "{\"city\":", "\"Oslo\"}"),
                listOf("call_b", "get_weather", "{\"city\":\"Rome\"}"),
            )
        }

        test("parallel calls run at once, and the answer and results go back in call order") {
            withClient { gateway, client ->
                gateway.twoCalls()
                gateway.enqueue(RequestMatchers.lastMessageIsToolResult()) {
                    content("Oslo is cold, ", "Rome is warm.")
                }
                // Each call waits for the other to have started: run one after the other, the
                // first would wait out its bound and fail the loop.
                val started =
                    mapOf("Oslo" to CompletableDeferred<Unit>(), "Rome" to CompletableDeferred())
                val tool = weather { arguments ->
                    val city = if ("Oslo" in arguments) "Oslo" else "Rome"
                    started.getValue(city).complete(Unit)
                    withTimeout(5.seconds) {
                        started.getValue(if (city == "Oslo") "Rome" else "Oslo").await()
                    }
                    "cold in $city".takeIf { city == "Oslo" } ?: "warm in $city"
                }

                val events = client.chat.completions.runTools(request, listOf(tool)).toList()

                val result = (events.last() as ToolRunEvent.FinalAnswer).result
                result.content shouldBe "Oslo is cold, Rome is warm."
                result.turns shouldBe 2
                result.messages.map { it.role().wireName() } shouldBe
                    listOf("user", "assistant", "tool", "tool", "assistant")
                // the model's text streamed as it came, turn by turn
                events.filterIsInstance<ToolRunEvent.ModelOutput>().mapNotNull { e ->
                    (e.event as? StreamEvent.ContentDelta)?.let { e.turn to it.text }
                } shouldBe
                    listOf(1 to "Checking both.", 2 to "Oslo is cold, ", 2 to "Rome is warm.")
                // both calls announced before either ran, then each result
                val toolEvents =
                    events.filter {
                        it is ToolRunEvent.ToolStarted || it is ToolRunEvent.ToolFinished
                    }
                toolEvents.take(2).map { (it as ToolRunEvent.ToolStarted).callId } shouldBe
                    listOf("call_a", "call_b")
                toolEvents.drop(2).map { (it as ToolRunEvent.ToolFinished).status }.toSet() shouldBe
                    setOf(ToolCallStatus.OK)
                events.filterIsInstance<ToolRunEvent.TurnCompleted>().map { it.turn } shouldBe
                    listOf(1, 2)

                gateway.takeRequest().toolNames shouldBe listOf("get_weather")
                val second = gateway.takeRequest()
                val sent = second.json!!["messages"]!!.jsonArray
                sent[1] shouldBe
                    Json.parseToJsonElement(
                        """{"role":"assistant","content":"Checking both.","tool_calls":[
                        {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}},
                        {"id":"call_b","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]}"""
                    )
                second.messages.drop(2).map { Triple(it.role, it.toolCallId, it.content) } shouldBe
                    listOf(
                        Triple("tool", "call_a", "cold in Oslo"),
                        Triple("tool", "call_b", "warm in Rome"),
                    )
                second.json!!["tools"]!!.jsonArray.single() shouldBe
                    Json.parseToJsonElement(
                        """{"type":"function","function":{"name":"get_weather",
                        "description":"Current weather for a city",
                        "parameters":{"type":"object","properties":{"city":{"type":"string"}},
                        "required":["city"],"additionalProperties":false},"strict":true}}"""
                    )
                gateway.assertNoUnmatchedRequests()
            }()
        }

        test("a tool that throws: its message goes back to the model by default") {
            withClient { gateway, client ->
                gateway.enqueue { toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}") }
                gateway.enqueue { content("The station is offline.") }
                val failure = IllegalStateException("station offline")
                val events =
                    client.chat.completions
                        .runTools(request, listOf(weather { throw failure }))
                        .toList()

                val finished = events.filterIsInstance<ToolRunEvent.ToolFinished>().single()
                finished.status shouldBe ToolCallStatus.TOOL_FAILED
                finished.result shouldBe "Error: station offline"
                finished.error shouldBeSameInstanceAs failure
                (events.last() as ToolRunEvent.FinalAnswer).result.content shouldBe
                    "The station is offline."
                gateway.takeRequest()
                gateway.takeRequest().messages.last().let {
                    it.toolCallId shouldBe "call_1"
                    it.content shouldBe "Error: station offline"
                }
            }()
        }

        test("a tool that throws under FAIL ends the loop with its exception as the cause") {
            withClient { gateway, client ->
                gateway.enqueue { toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}") }
                val failure = IllegalStateException("station offline")
                val e =
                    shouldThrow<ToolExecutionException> {
                        client.chat.completions
                            .runTools(request, listOf(weather { throw failure })) {
                                onToolError = ToolErrorPolicy.FAIL
                            }
                            .finalAnswer()
                    }
                e.cause shouldBeSameInstanceAs failure
                e.toolName shouldBe "get_weather"
                e.callId shouldBe "call_1"
                e.messages.map { it.role().wireName() } shouldBe listOf("user", "assistant")
                e.partialResult(ChatCompletion::class.java) shouldBeSameInstanceAs e.lastCompletion
                (e as AurikoException).message shouldBe
                    "tool get_weather (call call_1) failed: station offline"
                gateway.requestCount shouldBe 1
            }()
        }

        test("an unknown tool name goes back to the model as an error, and the loop goes on") {
            withClient { gateway, client ->
                gateway.enqueue {
                    toolCall("call_t", "get_time", "{}")
                    toolCall("call_w", "get_weather", "{\"city\":\"Oslo\"}")
                }
                gateway.enqueue { content("Sorry, no clock.") }
                val events =
                    client.chat.completions.runTools(request, listOf(weather { "cold" })).toList()
                events.filterIsInstance<ToolRunEvent.ToolFinished>().associate {
                    it.callId to it.status
                } shouldBe
                    mapOf("call_t" to ToolCallStatus.UNKNOWN_TOOL, "call_w" to ToolCallStatus.OK)
                gateway.takeRequest()
                gateway.takeRequest().messages.drop(2).map { it.toolCallId to it.content } shouldBe
                    listOf(
                        "call_t" to
                            "Error: there is no tool named \"get_time\"; the tools are: get_weather.",
                        "call_w" to "cold",
                    )
            }()
        }

        test("maxTurns: a model that keeps calling tools ends in ToolLoopLimitException") {
            withClient { gateway, client ->
                repeat(2) { i ->
                    gateway.enqueue { toolCall("call_$i", "get_weather", "{\"city\":\"Oslo\"}") }
                }
                val runs = AtomicInteger()
                val e =
                    shouldThrow<ToolLoopLimitException> {
                        client.chat.completions
                            .runTools(
                                request,
                                listOf(weather { "cold #${runs.incrementAndGet()}" }),
                            ) {
                                maxTurns = 2
                            }
                            .finalAnswer()
                    }
                e.maxTurns shouldBe 2
                runs.get() shouldBe 1 // the last turn's call was not run
                e.messages.map { it.role().wireName() } shouldBe
                    listOf("user", "assistant", "tool", "assistant")
                e.lastCompletion.choices.single().message.toolCalls.single().id shouldBe "call_1"
                gateway.requestCount shouldBe 2
                gateway.takeRequest()
                gateway.takeRequest().messages.last().content shouldBe "cold #1"
            }()
        }

        test("cancelling the flow mid-tool cancels the running tools, and no request follows") {
            withClient { gateway, client ->
                gateway.twoCalls()
                val running = CopyOnWriteArrayList<String>()
                val bothRunning = CompletableDeferred<Unit>()
                val cancelled = CopyOnWriteArrayList<String>()
                val tool = weather { arguments ->
                    try {
                        running += arguments
                        if (running.size == 2) bothRunning.complete(Unit)
                        awaitCancellation()
                    } catch (e: CancellationException) {
                        cancelled += arguments
                        throw e
                    }
                }
                kotlinx.coroutines.coroutineScope {
                    val job = launch {
                        client.chat.completions.runTools(request, listOf(tool)).collect {}
                    }
                    bothRunning.await()
                    job.cancel()
                    job.join()
                }
                cancelled.toSet() shouldBe running.toSet()
                cancelled.size shouldBe 2
                gateway.requestCount shouldBe 1
            }()
        }

        test("cancelling the flow mid-stream closes the HTTP stream: the server sees the close") {
            withClient { gateway, client ->
                gateway.enqueue {
                    content("Let me ")
                    pause(60.seconds)
                    content("check.")
                }
                val firstText = CompletableDeferred<Unit>()
                kotlinx.coroutines.coroutineScope {
                    val job = launch {
                        client.chat.completions
                            .runTools(request, listOf(weather { "cold" }))
                            .collect {
                                if (
                                    it is ToolRunEvent.ModelOutput &&
                                        it.event is StreamEvent.ContentDelta
                                )
                                    firstText.complete(Unit)
                            }
                    }
                    firstText.await()
                    job.cancel()
                    job.join()
                }
                gateway.takeRequest().awaitCancellation(java.time.Duration.ofSeconds(5)) shouldBe
                    true
            }()
        }

        test("request options ride on every turn") {
            withClient { gateway, client ->
                gateway.enqueue { toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}") }
                gateway.enqueue { content("Cold.") }
                client.chat.completions
                    .runTools(request, listOf(weather { "cold" })) {
                        requestOptions = requestOptions { header("X-Trace", "t-1") }
                    }
                    .finalAnswer()
                    .content shouldBe "Cold."
                gateway.takeRequest().header("X-Trace") shouldBe "t-1"
                gateway.takeRequest().header("X-Trace") shouldBe "t-1"
            }()
        }
    })
