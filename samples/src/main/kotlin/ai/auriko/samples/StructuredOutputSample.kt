package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.client.structured.SchemaDescription
import ai.auriko.client.structured.create
import ai.auriko.client.structured.streamObject
import ai.auriko.samples.gateway.LocalGateway
import java.io.PrintStream
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.Serializable

/** What the model must answer with; the JSON Schema is generated from it. */
@Serializable
@SchemaDescription("A short weather forecast")
class Forecast(
    val city: String = "",
    @SchemaDescription("One sentence") val summary: String = "",
    val days: List<ForecastDay> = emptyList(),
)

/** One day of a [Forecast]. */
@Serializable
class ForecastDay(
    val day: String = "",
    val highCelsius: Double? = null,
    val conditions: Conditions? = null,
)

/** The sky, as an enum: the schema lists its values. */
@Serializable
enum class Conditions {
    SUNNY,
    CLOUDY,
    RAIN,
}

/**
 * Structured outputs: a typed answer with `create<Forecast>`, then the same answer streamed with
 * `streamObject<Forecast>`, printing the partial object as its JSON grows. Fields not arrived yet
 * read as their defaults, so every step decodes.
 */
object StructuredOutputSample {
    /** Asks for a typed forecast; returns it. */
    suspend fun create(client: AurikoClient, question: String, out: PrintStream): Forecast {
        // README: structured-create
        val answer =
            client.chat.completions.create<Forecast> {
                model = "gpt-4o"
                messages { user(question) }
            }
        if (answer.isRefusal) error("the model refused: ${answer.refusal}")
        val forecast = answer.valueOrThrow() // or a StructuredOutputException with the raw text
        out.println("${forecast.city}: ${forecast.summary} (${forecast.days.size} days)")
        // README: end
        return forecast
    }

    /** Streams the forecast, printing each partial object; returns the final one. */
    suspend fun stream(client: AurikoClient, question: String, out: PrintStream): Forecast {
        // README: structured-stream
        var forecast: Forecast? = null
        client.chat.completions
            .streamObject<Forecast> {
                model = "gpt-4o"
                messages { user(question) }
            }
            .collect { partial ->
                val days =
                    partial.value?.days.orEmpty().joinToString {
                        "${it.day} ${it.conditions ?: "…"}"
                    }
                out.println("${partial.json}  ->  ${partial.value?.city} [$days]")
                if (partial.isComplete) forecast = partial.value // validated, whole
            }
        // README: end
        return forecast!!
    }

    /** Runs both against the embedded gateway. */
    @JvmStatic
    fun main(args: Array<String>) {
        LocalGateway().use { gateway ->
            AurikoClient {
                    apiKey = "sk-local-demo"
                    baseUrl = gateway.baseUrl
                }
                .use { client ->
                    runBlocking {
                        val question = args.firstOrNull() ?: "What is the weather in Lisbon?"
                        create(client, question, System.out)
                        stream(client, question, System.out)
                    }
                }
        }
    }
}
