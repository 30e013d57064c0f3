package ai.auriko.client

import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.completeStream
import ai.auriko.errors.UnexpectedStatusException
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf

/**
 * The client follows no redirect, on either engine: a 3xx is an [UnexpectedStatusException] naming
 * the Location, the request is not retried, and the other host (a second loopback server) never
 * sees a request — so the Authorization header cannot reach it and a POST can never be silently
 * turned into a GET. The API never redirects; anything that does is a misconfigured proxy or an
 * attack, and the caller should see it.
 */
class RedirectSpec :
    FunSpec({
        val key = "sk-redirect-secret-123456"

        for ((engineName, engineFactory) in TestEngines.all) {
            for (status in listOf(301, 302, 303, 307, 308)) {
                test(
                    "[$engineName] $status to another host: UnexpectedStatusException naming the Location; the other host sees nothing"
                ) {
                    LoopbackServer { ex -> ex.completeStream("should never be read") }
                        .use { other ->
                            val target = "http://127.0.0.1:${other.port}/v1/elsewhere"
                            LoopbackServer { ex ->
                                    ex.respond(
                                        status,
                                        "",
                                        mapOf(
                                            "Location" to target,
                                            "Content-Type" to "text/plain",
                                            "x-request-id" to "req_redirect",
                                        ),
                                    )
                                }
                                .use { server ->
                                    val engine = engineFactory()
                                    val client = AurikoClient {
                                        apiKey = key
                                        baseUrl = server.baseUrl
                                        this.engine = engine
                                    }
                                    try {
                                        val request =
                                            ai.auriko.request.chat.ChatCompletionRequest.builder()
                                                .model("m")
                                                .addMessage(
                                                    ai.auriko.request.chat.ChatMessage.user("hi")
                                                )
                                                .build()
                                        val calls =
                                            listOf<Pair<String, suspend () -> Unit>>(
                                                "stream" to
                                                    {
                                                        client.chat.completions
                                                            .stream(request)
                                                            .collect {}
                                                    },
                                                "create" to
                                                    {
                                                        client.chat.completions.create(request)
                                                    },
                                                "models.list (GET)" to { client.models.list() },
                                            )
                                        for ((name, call) in calls) {
                                            val e = runCatching { call() }.exceptionOrNull()
                                            val unexpected =
                                                e.shouldBeInstanceOf<UnexpectedStatusException>()
                                            unexpected.statusCode() shouldBe status
                                            unexpected.requestId() shouldBe "req_redirect"
                                            unexpected.attempts() shouldBe 1
                                            unexpected.message!! shouldContain target
                                            unexpected.message!! shouldNotContain key
                                            println(
                                                "REDIRECT [$engineName] $status $name → ${unexpected.message}"
                                            )
                                        }
                                        server.requests.size shouldBe 3
                                        server.requests.map { it.method } shouldBe
                                            listOf("POST", "POST", "GET")
                                        other.requests.size shouldBe 0
                                    } finally {
                                        client.close()
                                        engine?.close()
                                    }
                                }
                        }
                }
            }
        }
    })
