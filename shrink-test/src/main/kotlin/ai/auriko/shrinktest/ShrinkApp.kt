package ai.auriko.shrinktest

import ai.auriko.client.AurikoClient
import ai.auriko.client.blocking.AurikoBlockingClient
import ai.auriko.errors.ModelNotFoundException
import ai.auriko.gateway.Optimize
import ai.auriko.gateway.RoutingOptions
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import kotlinx.coroutines.runBlocking

/**
 * The app the shrink test runs after R8 shrank and obfuscated it together with the SDK, with
 * nothing but the rules shipped in the jars and a keep of this main. It touches what an app does: a
 * streamed answer as a Flow, a plain create, a typed error, and a stream through the Java facade.
 * Each result is one `key=value` line, so the test can compare the shrunk run with the plain one
 * line by line.
 *
 * Usage: `ShrinkApp <base URL>` (the test's local gateway on 127.0.0.1).
 */
object ShrinkApp {
    /** Runs every call against the gateway at `args[0]` and prints the results. */
    @JvmStatic
    fun main(args: Array<String>) {
        val baseUrl = args.single()
        val question = "What does a shrinker keep?"
        AurikoClient {
                apiKey = "sk-shrink-test"
                this.baseUrl = baseUrl
            }
            .use { client ->
                runBlocking {
                    val stream =
                        client.chat.completions.stream {
                            model = "gpt-4o"
                            messages { user(question) }
                            routing { optimize = Optimize.COST }
                        }
                    val text = StringBuilder()
                    var chunks = 0
                    stream.collect { chunk ->
                        chunks++
                        text.append(chunk.choices.firstOrNull()?.delta?.content ?: "")
                    }
                    println("stream.content=$text")
                    println("stream.chunks=$chunks")
                    println(
                        "stream.usage=${stream.usage?.promptTokens}+${stream.usage?.completionTokens}=${stream.usage?.totalTokens}"
                    )
                    println("stream.provider=${stream.routingMetadata?.provider}")
                    println("stream.strategy=${stream.routingMetadata?.routingStrategy}")
                    println("stream.cost=${stream.routingMetadata?.cost?.usd}")
                    println("stream.requestId=${stream.responseHeaders?.requestId()}")
                    println("stream.finish=${stream.finishReasons[0]}")

                    val answer =
                        client.chat.completions.create {
                            model = "claude-sonnet-4"
                            messages { user(question) }
                        }
                    println("create.content=${answer.content}")
                    println("create.provider=${answer.routingMetadata?.provider}")
                    println("create.finish=${answer.choices.firstOrNull()?.finishReason}")

                    try {
                        client.chat.completions.create {
                            model = "error-404"
                            messages { user(question) }
                        }
                        println("error=none")
                    } catch (e: ModelNotFoundException) {
                        println(
                            "error=ModelNotFoundException status=${e.statusCode()} code=${e.code()} message=${e.errorMessage()} requestId=${e.requestId()}"
                        )
                    }
                }
            }

        val request =
            ChatCompletionRequest.builder()
                .model("gpt-4o")
                .addMessage(ChatMessage.user(question))
                .routing(RoutingOptions.builder().optimize(Optimize.TTFT).build())
                .build()
        AurikoBlockingClient.Builder().apiKey("sk-shrink-test").baseUrl(baseUrl).build().use {
            client ->
            client.chat().completions().stream(request).use { stream ->
                val text = StringBuilder()
                for (chunk in stream) text.append(chunk.choices.firstOrNull()?.delta?.content ?: "")
                println("blocking.content=$text")
                println("blocking.provider=${stream.routingMetadata()?.provider}")
            }
        }
    }
}
