package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.chat.ToolCall
import ai.auriko.samples.gateway.LocalGateway
import java.io.PrintStream
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * The tool loop: stream an answer, reassemble the tool calls the model makes (typed stream events
 * do the reassembly), run the function, send the results back, and stream the final answer.
 */
object ToolLoopSample {
    /**
     * Runs the loop for [question] against [client], printing to [out]; returns the final answer.
     */
    suspend fun run(client: AurikoClient, question: String, out: PrintStream): String {
        val history = mutableListOf(ChatMessage.user(question))
        repeat(4) { // a bounded number of tool rounds
            val calls = mutableListOf<StreamEvent.ToolCallDone>()
            val text = StringBuilder()
            client.chat.completions
                .stream {
                    model = "gpt-4o"
                    messages { history.forEach { message(it) } }
                    tools {
                        function(
                            "get_weather",
                            "Current weather for a city",
                            mapOf(
                                "type" to "object",
                                "properties" to mapOf("city" to mapOf("type" to "string")),
                                "required" to listOf("city"),
                            ),
                        )
                    }
                }
                .events()
                .collect { event ->
                    when (event) {
                        is StreamEvent.ContentDelta -> {
                            out.print(event.text)
                            text.append(event.text)
                        }
                        is StreamEvent.ToolCallDone -> calls += event
                        else -> {}
                    }
                }
            if (calls.isEmpty()) {
                out.println()
                return text.toString()
            }
            history +=
                ChatMessage.assistant(
                    null,
                    calls.map {
                        ToolCall.function(
                            it.id ?: "call_${it.toolIndex}",
                            it.name ?: "?",
                            it.arguments,
                        )
                    },
                )
            for (call in calls) {
                val city =
                    call.parsedArguments?.jsonObject?.get("city")?.jsonPrimitive?.contentOrNull
                        ?: "somewhere"
                val result = getWeather(city)
                out.println("[tool] ${call.name}(${call.arguments}) -> $result")
                history += ChatMessage.tool(call.id ?: "call_${call.toolIndex}", result)
            }
        }
        error("the model kept calling tools")
    }

    /** The "function": a deterministic forecast. */
    fun getWeather(city: String): String = "18°C and clear in $city"

    /** Runs against the embedded gateway. */
    @JvmStatic
    fun main(args: Array<String>) {
        LocalGateway().use { gateway ->
            AurikoClient {
                    apiKey = "sk-local-demo"
                    baseUrl = gateway.baseUrl
                }
                .use { client ->
                    runBlocking {
                        run(
                            client,
                            args.firstOrNull() ?: "What is the weather in Lisbon?",
                            System.out,
                        )
                    }
                }
        }
    }
}
