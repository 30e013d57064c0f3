package ai.auriko.testing.examples

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.chat.ToolCall
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * "The user's code" of the README examples: a tool loop that streams an answer, runs the
 * `get_weather` calls the model makes, sends the results back and returns the final answer.
 */
class WeatherAssistant(private val client: AurikoClient, private val weather: (String) -> String) {
    /** Answers [question], calling tools for at most 3 rounds. */
    suspend fun ask(question: String): String {
        val history = mutableListOf(ChatMessage.user(question))
        repeat(3) {
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
                            mapOf("type" to "object"),
                        )
                    }
                }
                .events()
                .collect { event ->
                    when (event) {
                        is StreamEvent.ContentDelta -> text.append(event.text)
                        is StreamEvent.ToolCallDone -> calls += event
                        else -> {}
                    }
                }
            if (calls.isEmpty()) return text.toString()
            history +=
                ChatMessage.assistant(
                    null,
                    calls.map { ToolCall.function(it.id!!, it.name!!, it.arguments) },
                )
            for (call in calls) {
                val city =
                    call.parsedArguments?.jsonObject?.get("city")?.jsonPrimitive?.contentOrNull
                        ?: "?"
                history += ChatMessage.tool(call.id!!, weather(city))
            }
        }
        error("the model kept calling tools")
    }
}
