package ai.auriko.testing

import ai.auriko.client.AurikoClient
import ai.auriko.client.dsl.chatCompletionRequest
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList

/** After close(), the loopback gateway leaves no thread behind, whatever its exchanges did. */
class LoopbackResourcesSpec :
    FunSpec({
        fun gatewayThreads() =
            Thread.getAllStackTraces().keys.filter {
                it.isAlive && it.name.startsWith("fake-gateway")
            }

        test(
            "completed, cancelled, truncated, non-streamed and never-sent exchanges leave no thread after close"
        ) {
            val before = gatewayThreads().toSet()
            val gateway = LoopbackGateway()
            val idle =
                java.net.Socket("127.0.0.1", gateway.port) // connects and never sends a request
            AurikoClient {
                    apiKey = "sk-test"
                    baseUrl = gateway.baseUrl
                    maxRetries = 0
                }
                .use { client ->
                    val request = chatCompletionRequest {
                        model = "m"
                        messages { user("q") }
                    }
                    gateway.enqueue { content("done") }
                    gateway.enqueue {
                        content("one")
                        pause(30.seconds)
                        content("two")
                    }
                    gateway.enqueue {
                        content("cut")
                        truncate()
                    }
                    gateway.enqueue { content("whole") }
                    client.chat.completions.stream(request).toList()
                    client.chat.completions.stream(request).first()
                    runCatching { client.chat.completions.stream(request).toList() }
                    client.chat.completions
                        .create(request)
                        .choices
                        .single()
                        .message
                        .content shouldBe "whole"
                }
            gateway.close()
            idle.close()
            val deadline = System.nanoTime() + 2_000_000_000L
            while ((gatewayThreads() - before).isNotEmpty() && System.nanoTime() < deadline) Thread
                .sleep(10)
            (gatewayThreads() - before).map { it.name }.shouldBeEmpty()
        }
    })
