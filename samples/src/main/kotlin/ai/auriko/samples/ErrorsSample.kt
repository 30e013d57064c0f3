package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.partialCompletion
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AuthenticationException
import ai.auriko.errors.InsufficientCreditsException
import ai.auriko.errors.ModelNotFoundException
import ai.auriko.errors.ProviderException
import ai.auriko.errors.RateLimitException
import ai.auriko.errors.StreamInterruptedException
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.samples.gateway.LocalGateway
import java.io.PrintStream
import kotlinx.coroutines.runBlocking

/** Catching each typed exception the gateway can produce, with the request id. */
object ErrorsSample {
    /** Triggers each error of the embedded gateway (by model name) and prints how it was caught. */
    suspend fun run(client: AurikoClient, out: PrintStream) {
        for (model in
            listOf(
                "error-401",
                "error-402",
                "error-404",
                "error-429",
                "error-502",
                "error-midstream",
                "error-truncated",
            )) {
            val request =
                ai.auriko.client.dsl.chatCompletionRequest {
                    this.model = model
                    messages { user("Tell me a story about errors.") }
                }
            out.println(
                "$model: " + describe { client.chat.completions.stream(request).collect {} }
            )
        }
        out.println(
            "invalid request: " +
                describe {
                    ChatCompletionRequest.builder()
                        .model("gpt-4o")
                        .temperature(3.0)
                        .addMessage(ai.auriko.request.chat.ChatMessage.user("hi"))
                        .build()
                }
        )
    }

    private suspend fun describe(block: suspend () -> Unit): String =
        try {
            block()
            "no error"
        } catch (e: AuthenticationException) {
            "AuthenticationException — check the API key (request ${e.requestId()})"
        } catch (e: InsufficientCreditsException) {
            "InsufficientCreditsException — top up the workspace (request ${e.requestId()})"
        } catch (e: ModelNotFoundException) {
            "ModelNotFoundException — ${e.errorMessage()} (request ${e.requestId()})"
        } catch (e: RateLimitException) {
            "RateLimitException — retry after ${e.retryAfter()?.seconds} s, gave up after ${e.attempts()} attempts (request ${e.requestId()})"
        } catch (e: ProviderException) {
            "ProviderException — ${e.errorMessage()} (request ${e.requestId()})"
        } catch (e: StreamInterruptedException) {
            "StreamInterruptedException — kept \"${e.partialCompletion?.content}\" (request ${e.requestId()})"
        } catch (e: AurikoApiException) {
            "${e.javaClass.simpleName} in stream=${e.isStreamError} — ${e.errorMessage()}, kept \"${e.partialCompletion?.content}\" (request ${e.requestId()})"
        } catch (e: AurikoException) {
            "${e.javaClass.simpleName} — ${e.message}"
        }

    /** Runs against the embedded gateway. */
    @JvmStatic
    fun main(args: Array<String>) {
        LocalGateway().use { gateway ->
            AurikoClient {
                    apiKey = "sk-local-demo"
                    baseUrl = gateway.baseUrl
                    retryPolicy = ai.auriko.http.RetryPolicy.builder().maxRetries(1).build()
                }
                .use { client -> runBlocking { run(client, System.out) } }
        }
    }
}
