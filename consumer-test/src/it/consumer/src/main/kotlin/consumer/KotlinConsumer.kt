package consumer

import ai.auriko.client.AurikoClient
import ai.auriko.errors.RateLimitException
import ai.auriko.testing.LoopbackGateway
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

/** A stream and a typed error through the published artifacts, against the test kit's gateway. */
fun main() {
    val problems = mutableListOf<String>()
    runBlocking {
        withTimeout(60_000) {
            LoopbackGateway().use { gateway ->
                AurikoClient {
                        apiKey = "sk-consumer"
                        baseUrl = gateway.baseUrl
                        maxRetries = 0
                    }
                    .use { client ->
                        gateway.enqueue {
                            content("Hello", " from", " Kotlin")
                            usage(3, 4)
                            provider("openai")
                        }
                        val stream =
                            client.chat.completions.stream {
                                model = "gpt-4o"
                                messages { user("Hi") }
                            }
                        val text = StringBuilder()
                        stream.collect { chunk ->
                            text.append(chunk.choices.firstOrNull()?.delta?.content ?: "")
                        }
                        if (text.toString() != "Hello from Kotlin") problems += "streamed: $text"
                        if (stream.usage?.totalTokens != 7L) problems += "usage: ${stream.usage}"
                        if (stream.routingMetadata?.provider != "openai")
                            problems += "routing metadata: ${stream.routingMetadata}"

                        gateway.enqueue { httpError(429, "rate_limit_exceeded", "Slow down") }
                        try {
                            client.chat.completions.create {
                                model = "gpt-4o"
                                messages { user("Again") }
                            }
                            problems += "a 429 did not throw"
                        } catch (e: RateLimitException) {
                            if (e.statusCode() != 429) problems += "status ${e.statusCode()}"
                        }
                        println("consumer-kotlin: streamed \"$text\", then RateLimitException")
                    }
            }
        }
    }
    if (problems.isNotEmpty()) {
        System.err.println("consumer-kotlin FAILED: $problems")
        exitProcess(1)
    }
    println("consumer-kotlin OK")
}
