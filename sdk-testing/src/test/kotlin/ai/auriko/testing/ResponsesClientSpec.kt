package ai.auriko.testing

import ai.auriko.client.AurikoClient
import ai.auriko.client.responses.ResponseStreamEvent
import ai.auriko.client.responses.partialResponse
import ai.auriko.errors.RateLimitException
import ai.auriko.errors.StreamInterruptedException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout

/**
 * What a user's test of Responses code sees: the kit's scripts through the real client's
 * `client.responses`, in both modes — text, reasoning summaries, function calls, usage and routing,
 * and the failures (an error event, a cut stream) as the client's typed exceptions.
 */
class ResponsesClientSpec :
    FunSpec({
        for ((name, create) in
            listOf<Pair<String, () -> FakeGateway>>(
                "in memory" to { InMemoryGateway() },
                "loopback" to { LoopbackGateway() },
            )) {
            fun withClient(block: suspend (FakeGateway, AurikoClient) -> Unit) = suspend {
                create().use { gateway ->
                    AurikoClient {
                            apiKey = "sk-test-kit-secret"
                            baseUrl = gateway.baseUrl
                            engine = (gateway as? InMemoryGateway)?.engine
                            maxRetries = 0
                        }
                        .use { client -> withTimeout(20.seconds) { block(gateway, client) } }
                }
            }

            test("[$name] a scripted answer streams as Responses events and adds up") {
                withClient { gateway, client ->
                    gateway.enqueue {
                        reasoning("Think", "ing")
                        content("Hel", "lo")
                        usage(5, 7)
                        provider("openai")
                    }
                    val stream =
                        client.responses.stream {
                            model = "gpt-4o"
                            input = "hi"
                        }
                    stream.textDeltas().toList() shouldContainExactly listOf("Hel", "lo")
                    val response = stream.response.shouldNotBeNull()
                    response.outputText shouldBe "Hello"
                    response.status shouldBe "completed"
                    stream.usage.shouldNotBeNull().outputTokens shouldBe 7L
                    stream.routingMetadata.shouldNotBeNull().provider shouldBe "openai"
                    gateway.takeRequest().isResponsesRequest shouldBe true
                }()
            }

            test("[$name] a scripted tool call is a function call, and its output goes back") {
                withClient { gateway, client ->
                    gateway.enqueue { toolCall("call_1", "get_weather", "{\"city\":", "\"Oslo\"}") }
                    gateway.enqueue { content("It is 3°C in Oslo.") }
                    val first =
                        client.responses.create {
                            model = "gpt-4o"
                            input { user("Weather in Oslo?") }
                            tools { function("get_weather") }
                        }
                    val call = first.functionCalls.single()
                    call.arguments shouldBe "{\"city\":\"Oslo\"}"
                    val second =
                        client.responses.create {
                            model = "gpt-4o"
                            input {
                                user("Weather in Oslo?")
                                output(first)
                                functionCallOutput(call.callId!!, "3°C")
                            }
                        }
                    second.outputText shouldBe "It is 3°C in Oslo."
                    gateway.takeRequest()
                    val sent = gateway.takeRequest()
                    sent.functionCallOutputs.single().output shouldBe "3°C"
                    sent.functionCalls.single().name shouldBe "get_weather"
                }()
            }

            test("[$name] an error event and a cut stream are the client's typed exceptions") {
                withClient { gateway, client ->
                    gateway.enqueue {
                        content("So far")
                        errorEvent("rate_limit_exceeded", "slow down")
                    }
                    val e =
                        shouldThrow<RateLimitException> {
                            client.responses
                                .stream {
                                    model = "gpt-4o"
                                    input = "hi"
                                }
                                .collect {}
                        }
                    e.partialResponse.shouldNotBeNull().outputText shouldBe "So far"

                    gateway.enqueue {
                        content("Cut")
                        truncate()
                    }
                    val stream =
                        client.responses.stream {
                            model = "gpt-4o"
                            input = "hi"
                        }
                    val seen = mutableListOf<String>()
                    val cut =
                        shouldThrow<StreamInterruptedException> {
                            stream
                                .filterIsInstance<ResponseStreamEvent.OutputTextDelta>()
                                .map { it.delta }
                                .collect { seen += it }
                        }
                    // On a real socket the cut may overtake the last bytes written before it (a
                    // reset discards what the client had not read yet): whatever was delivered is
                    // exactly what the partial response holds, nothing lost and nothing invented.
                    (seen == listOf("Cut") || seen.isEmpty()) shouldBe true
                    cut.partialResponse?.outputText.orEmpty() shouldBe seen.joinToString("")
                }()
            }
        }
    })
