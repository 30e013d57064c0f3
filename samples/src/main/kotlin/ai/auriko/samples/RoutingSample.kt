package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.gateway.Optimize
import ai.auriko.samples.gateway.LocalGateway
import java.io.PrintStream
import kotlinx.coroutines.runBlocking

/** The same prompt under different routing settings, with the provider and cost side by side. */
object RoutingSample {
    /** Prints one line per routing setting to [out]. */
    suspend fun run(client: AurikoClient, prompt: String, out: PrintStream) {
        out.println(
            String.format(
                java.util.Locale.ROOT,
                "%-28s %-12s %-12s %s",
                "routing",
                "provider",
                "cost (USD)",
                "strategy",
            )
        )
        for (optimize in listOf(Optimize.COST, Optimize.TTFT, Optimize.TPS, Optimize.BALANCED)) {
            val c =
                client.chat.completions.create {
                    model = "gpt-4o"
                    messages { user(prompt) }
                    routing { this.optimize = optimize }
                }
            out.println(
                String.format(
                    java.util.Locale.ROOT,
                    "%-28s %-12s %-12s %s",
                    "optimize=$optimize",
                    c.routingMetadata?.provider,
                    c.routingMetadata?.cost?.usd?.toPlainString() ?: "0",
                    c.routingMetadata?.routingStrategy,
                )
            )
        }
        val multi =
            client.chat.completions.create {
                models = listOf("claude-sonnet-4", "gpt-4o")
                messages { user(prompt) }
                routing {
                    mode = ai.auriko.gateway.RoutingMode.FALLBACK
                    optimize = Optimize.COST
                }
            }
        out.println(
            String.format(
                java.util.Locale.ROOT,
                "%-28s %-12s %-12s %s",
                "models=claude-sonnet-4,gpt-4o",
                multi.routingMetadata?.provider,
                multi.routingMetadata?.cost?.usd?.toPlainString() ?: "0",
                multi.model,
            )
        )
    }

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
                            args.firstOrNull() ?: "Summarize inference arbitrage in one line.",
                            System.out,
                        )
                    }
                }
        }
    }
}
