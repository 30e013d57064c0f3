package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.tools.ToolRunEvent
import ai.auriko.client.tools.finalAnswer
import ai.auriko.client.tools.runTools
import ai.auriko.client.tools.tool
import ai.auriko.samples.gateway.LocalGateway
import java.io.PrintStream
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.Serializable

/** The arguments of `get_weather`: its JSON Schema is generated from this type. */
@Serializable class GetWeatherArgs(val city: String)

/**
 * The tool loop on `runTools`: a typed tool (schema from [GetWeatherArgs], arguments decoded before
 * the function runs), and a loop that streams each answer, runs the calls it asks for (parallel
 * ones at once), sends the answer back whole with `toMessage()` (reasoning, signatures and tool
 * calls as they arrived) and the results after it, until the model answers.
 */
object ToolLoopSample {
    /**
     * Runs the loop for [question] against [client], printing to [out]; returns the final answer.
     */
    suspend fun run(client: AurikoClient, question: String, out: PrintStream): String {
        // README: kotlin-tool-loop
        val weather =
            tool<GetWeatherArgs>("get_weather", "Current weather for a city") { args ->
                getWeather(args.city)
            }
        val request = chatCompletionRequest {
            model = "gpt-4o"
            messages { user(question) }
        }
        val result =
            client.chat.completions
                .runTools(request, listOf(weather)) { maxTurns = 4 }
                .onEach { event ->
                    when (event) {
                        // the answer's text as it streams
                        is ToolRunEvent.ModelOutput ->
                            (event.event as? StreamEvent.ContentDelta)?.let { out.print(it.text) }
                        is ToolRunEvent.ToolFinished ->
                            out.println(
                                "[tool] ${event.name}(${event.arguments}) -> ${event.result}"
                            )
                        else -> {}
                    }
                }
                .finalAnswer() // the last completion and the whole conversation
        out.println()
        return result.content.orEmpty()
        // README: end
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
