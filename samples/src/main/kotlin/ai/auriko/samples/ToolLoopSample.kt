package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.request.chat.ChatMessage
import ai.auriko.samples.gateway.LocalGateway
import java.io.PrintStream
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * The tool loop: stream an answer, send it back whole with `toMessage()` (content, reasoning, its
 * signatures and redacted blocks, and the tool calls, as they arrived — what a thinking model needs
 * to continue across turns), run each function, send the results back, and stream the final answer.
 */
object ToolLoopSample {
    /**
     * Runs the loop for [question] against [client], printing to [out]; returns the final answer.
     */
    suspend fun run(client: AurikoClient, question: String, out: PrintStream): String {
        // README: kotlin-tool-loop
        val history = mutableListOf(ChatMessage.user(question))
        repeat(4) { // a bounded number of tool rounds
            val stream =
                client.chat.completions.stream {
                    model = "gpt-4o"
                    messages { messages(history) }
                    tools { function("get_weather", "Current weather for a city", citySchema) }
                }
            stream.contentDeltas().collect { out.print(it) }
            val answer = stream.completion!! // the whole answer, assembled from the chunks
            val calls = answer.choices.first().message.toolCalls
            if (calls.isEmpty()) {
                out.println()
                return answer.content.orEmpty()
            }
            // content, reasoning, signatures, redacted data and tool calls, as they arrived
            history += answer.toMessage()
            for (call in calls) {
                val result = getWeather(cityOf(call.function.arguments))
                out.println("[tool] ${call.function.name}(${call.function.arguments}) -> $result")
                history += ChatMessage.tool(call.id!!, result)
            }
        }
        error("the model kept calling tools")
        // README: end
    }

    private val citySchema: Map<String, Any?> =
        mapOf(
            "type" to "object",
            "properties" to mapOf("city" to mapOf("type" to "string")),
            "required" to listOf("city"),
        )

    /** The city in the model's arguments; models do write invalid JSON, so that is not fatal. */
    private fun cityOf(arguments: String?): String =
        try {
            Json.parseToJsonElement(arguments.orEmpty())
                .jsonObject["city"]
                ?.jsonPrimitive
                ?.contentOrNull
        } catch (e: IllegalArgumentException) { // SerializationException is one
            null
        } ?: "somewhere"

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
