package ai.auriko.samples.quickstart

// README: kotlin-quick-start
import ai.auriko.client.AurikoClient
import ai.auriko.gateway.Optimize
import java.math.BigDecimal
import kotlin.time.Duration.Companion.seconds

suspend fun main() {
    // The key comes from AURIKO_API_KEY, the endpoint from AURIKO_BASE_URL (default
    // https://api.auriko.ai/v1, or any OpenAI-compatible endpoint); set apiKey/baseUrl to override.
    val client = AurikoClient { idleTimeout = 60.seconds } // keep-alive comments count as liveness
    client.use {
        val stream =
            client.chat.completions.stream {
                model = "gpt-4o" // or: models = listOf("gpt-4o", "claude-sonnet-4")
                messages {
                    system("You are terse.")
                    user("What is inference arbitrage?")
                }
                // Auriko's routing and metadata: leave them out for a server that rejects them
                routing {
                    optimize = Optimize.COST
                    maxTtftMs = 200
                }
                metadata {
                    tags("docs")
                    userId = "u_42"
                }
            }
        stream.collect { chunk -> print(chunk.choices.firstOrNull()?.delta?.content.orEmpty()) }
        println()
        println("usage: ${stream.usage}") // Usage(prompt=…, completion=…, total=…)
        val routing = stream.routingMetadata // null unless the server is Auriko
        val provider = routing?.provider ?: "not reported"
        println("provider: $provider, cost: ${usd(routing?.cost?.usd)}")
        println("request id: ${stream.responseHeaders?.requestId() ?: "none"}") // typed headers

        val answer =
            client.chat.completions.create {
                model = "gpt-4o"
                messages { user("Hi") }
            }
        println("answer: ${answer.content} (cost: ${usd(answer.routingMetadata?.cost?.usd)})")
    }
}

/** Dollars exactly as the gateway reported them, in plain notation ($0.000042, not 4.2E-5). */
fun usd(amount: BigDecimal?): String =
    if (amount == null) "not reported" else "$" + amount.toPlainString()
// README: end
