package ai.auriko.testing.examples

// README: test-kit-kotlin
import ai.auriko.client.AurikoClient
import ai.auriko.testing.InMemoryGateway
import ai.auriko.testing.RequestMatchers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

// A test of the tool loop in WeatherAssistant, on the in-memory fake gateway.
class WeatherAssistantSpec :
    FunSpec({
        test("the assistant runs get_weather and answers with its result") {
            InMemoryGateway().use { gateway ->
                val client = AurikoClient {
                    apiKey = "sk-test"
                    baseUrl = gateway.baseUrl
                    engine = gateway.engine
                }
                // first turn: the model calls the tool, its arguments split across chunks
                gateway.enqueue { toolCall("call_1", "get_weather", "{\"city\":", "\"Lisbon\"}") }
                // second turn: answer once the tool result is in the conversation
                gateway.enqueue(RequestMatchers.lastMessageIsToolResult()) {
                    content("It is ", "18°C in Lisbon.")
                    usage(42, 7)
                }

                val answer =
                    WeatherAssistant(client) { city -> "18°C and clear in $city" }
                        .ask("Weather in Lisbon?")

                answer shouldBe "It is 18°C in Lisbon."
                gateway.takeRequest().toolNames shouldBe listOf("get_weather")
                val second = gateway.takeRequest()
                second.messages.map { it.role } shouldBe listOf("user", "assistant", "tool")
                second.messages[1].toolCalls.single().arguments shouldBe "{\"city\":\"Lisbon\"}"
                second.messages[2].toolCallId shouldBe "call_1"
                second.messages[2].content shouldBe "18°C and clear in Lisbon"
                client.close()
            }
        }
    })
// README: end
