package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.request.responses.ResponseInputItem
import ai.auriko.samples.gateway.LocalGateway
import java.io.PrintStream
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * The Responses API (`POST /responses`): a streamed answer printed as it arrives, then a
 * function-call round trip — the model calls `get_weather`, the sample runs it and sends the call
 * and its output back, and the model answers with the result.
 */
object ResponsesSample {
    /** JSON Schema of `get_weather`'s parameters. */
    private val citySchema =
        mapOf(
            "type" to "object",
            "properties" to mapOf("city" to mapOf("type" to "string")),
            "required" to listOf("city"),
        )

    /** Streams a short answer, printing it to [out]; returns the streamed text. */
    suspend fun streamText(client: AurikoClient, out: PrintStream): String {
        // README: responses-stream
        val stream =
            client.responses.stream {
                model = "gpt-4o"
                instructions = "Answer in one line."
                input = "Write a haiku about the sea"
            }
        stream.textDeltas().collect { out.print(it) } // text as it is generated
        out.println()
        val answer = stream.response!! // the whole Response, assembled from the events
        out.println(
            "[${answer.status}, ${stream.usage?.totalTokens} tokens, via ${stream.routingMetadata?.provider}]"
        )
        // README: end
        return answer.outputText
    }

    /** Runs the function-call round trip for [question]; returns the final answer. */
    suspend fun toolRoundTrip(client: AurikoClient, question: String, out: PrintStream): String {
        // README: responses-tools
        val conversation = mutableListOf(ResponseInputItem.user(question))
        repeat(4) { // a bounded number of tool rounds
            val response =
                client.responses.create {
                    model = "gpt-4o"
                    input { conversation.forEach { item(it) } }
                    tools { function("get_weather", "Current weather for a city", citySchema) }
                }
            if (response.functionCalls.isEmpty()) return response.outputText
            conversation += response.outputAsInput() // the calls (and any reasoning), sent back
            for (call in response.functionCalls) {
                val result = getWeather(cityOf(call.arguments))
                out.println("[tool] ${call.name}(${call.arguments}) -> $result")
                conversation += ResponseInputItem.functionCallOutput(call.callId!!, result)
            }
        }
        // README: end
        error("the model kept calling tools")
    }

    /** The "function": a deterministic forecast. */
    fun getWeather(city: String): String = "18°C and clear in $city"

    private fun cityOf(arguments: String): String =
        runCatching {
                Json.parseToJsonElement(arguments).jsonObject["city"]?.jsonPrimitive?.contentOrNull
            }
            .getOrNull() ?: "somewhere"

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
                        streamText(client, System.out)
                        val question = args.firstOrNull() ?: "What is the weather in Lisbon?"
                        println(toolRoundTrip(client, question, System.out))
                    }
                }
        }
    }
}
