package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.samples.gateway.LocalGateway
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/** Each sample, run one-shot against the embedded gateway, with its output asserted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesTest {
    private lateinit var gateway: LocalGateway
    private lateinit var client: AurikoClient

    @BeforeAll
    fun start() {
        gateway = LocalGateway()
        client =
            localClient(gateway) {
                retryPolicy = ai.auriko.http.RetryPolicy.builder().maxRetries(1).build()
            }
    }

    @AfterAll
    fun stop() {
        client.close()
        gateway.close()
    }

    private fun capture(block: (PrintStream) -> Unit): String {
        val bytes = ByteArrayOutputStream()
        PrintStream(bytes, true, "UTF-8").use(block)
        return bytes.toString("UTF-8").replace(Regex("\u001b\\[[0-9;]*m"), "")
    }

    private fun captureStdout(block: () -> Unit): String {
        val saved = System.out
        val bytes = ByteArrayOutputStream()
        System.setOut(PrintStream(bytes, true, "UTF-8"))
        try {
            block()
        } finally {
            System.setOut(saved)
        }
        return bytes.toString("UTF-8")
    }

    @Test
    fun `main chat streams the answer and prints provider, cost, usage and first-token time`() {
        assumeTrue(
            System.getenv("AURIKO_API_KEY") == null,
            "runs against the embedded gateway only without a key",
        )
        val out = captureStdout {
            main(arrayOf("--prompt", "Tell me about streaming", "--optimize", "ttft"))
        }
        assertTrue(out.contains("Talking to the embedded local gateway at http://127.0.0.1:"), out)
        assertTrue(
            out.contains(
                "assistant> You asked: \u201cTell me about streaming\u201d. That is 4 words"
            ),
            out,
        )
        assertTrue(
            Regex(
                    "— provider groq · cost \\$0\\.\\d{1,8} · usage \\d+ prompt \\+ \\d+ completion tokens · first token \\d+ ms"
                )
                .containsMatchIn(out),
            out,
        )
    }

    @Test
    fun `main chat shows reasoning dimmed for a thinking model`() {
        assumeTrue(
            System.getenv("AURIKO_API_KEY") == null,
            "runs against the embedded gateway only without a key",
        )
        val out = captureStdout {
            main(
                arrayOf(
                    "--prompt",
                    "Why is the sky blue?",
                    "--model",
                    "claude-thinking",
                    "--thinking",
                )
            )
        }
        assertTrue(out.contains("\u001b[2mThe user wrote 5 words."), out)
        assertTrue(out.contains("\u001b[0m\nYou asked:"), out)
    }

    @Test
    fun `main chat keeps a conversation and reports a typed error`() {
        val out = capture { printer ->
            val chat = Chat(client, ChatOptions(model = "error-404"), printer)
            runBlocking { chat.ask("hello") }
        }
        assertTrue(
            out.contains(
                "! ModelNotFoundException: Model 'error-404' not found (request req_local_"
            ),
            out,
        )
    }

    @Test
    fun `tool loop calls get_weather and streams the final answer`() {
        val out = capture {
            runBlocking { ToolLoopSample.run(client, "What is the weather in Lisbon?", it) }
        }
        assertTrue(
            out.contains("[tool] get_weather({\"city\":\"Lisbon\"}) -> 18°C and clear in Lisbon"),
            out,
        )
        assertTrue(out.contains("Here is what the tool reported: 18°C and clear in Lisbon."), out)
    }

    @Test
    fun `responses sample streams text, then runs a function-call round trip`() {
        val out = capture { printer ->
            runBlocking {
                val text = ResponsesSample.streamText(client, printer)
                check(text.isNotBlank()) { "no text streamed" }
                val answer =
                    ResponsesSample.toolRoundTrip(client, "What is the weather in Lisbon?", printer)
                printer.println(answer)
            }
        }
        assertTrue(out.contains("[completed, "), out)
        assertTrue(out.contains("tokens, via "), out)
        assertTrue(
            out.contains("[tool] get_weather({\"city\":\"Lisbon\"}) -> 18°C and clear in Lisbon"),
            out,
        )
        assertTrue(out.contains("Here is what the tool reported: 18°C and clear in Lisbon."), out)
    }

    @Test
    fun `java responses sample streams with a visitor and answers after a tool call`() {
        ai.auriko.client.blocking.AurikoBlockingClient(client).use { blocking ->
            val out = capture { printer ->
                val response = JavaResponsesSample.streamText(blocking, printer)
                assertTrue(response.status == "completed", response.toString())
            }
            assertTrue(out.contains(" tokens]"), out)
            val answer = JavaResponsesSample.toolRoundTrip(blocking, "What is the weather in Oslo?")
            assertTrue(answer.contains("Here is what the tool reported: 18°C and clear"), answer)
        }
    }

    @Test
    fun `java tool loop sends the answer back with toMessage and answers after the call`() {
        ai.auriko.client.blocking.AurikoBlockingClient(client).use { blocking ->
            val answer = JavaToolLoopSample.run(blocking, "What is the weather in Oslo?")
            assertTrue(answer.contains("Here is what the tool reported: 18°C and clear"), answer)
        }
    }

    @Test
    fun `java async streaming sample prints the answer from its handler on the given executor`() {
        val executor = java.util.concurrent.Executors.newSingleThreadExecutor()
        try {
            ai.auriko.client.blocking.AurikoBlockingClient(client).use { blocking ->
                val out = capture { printer ->
                    val completion =
                        JavaAsyncStreamingSample.streamText(blocking, executor, printer)
                    assertTrue(!completion.content.isNullOrEmpty(), completion.toString())
                }
                assertTrue(out.contains("[stop]"), out)
            }
        } finally {
            executor.shutdownNow()
        }
    }

    @Test
    fun `routing sample shows the provider and cost follow the strategy`() {
        val out = capture { runBlocking { RoutingSample.run(client, "One line please", it) } }
        val lines = out.lines()
        fun row(prefix: String) = lines.first { it.startsWith(prefix) }
        assertTrue(row("optimize=cost").contains("deepinfra"), out)
        assertTrue(row("optimize=ttft").contains("groq"), out)
        assertTrue(row("optimize=tps").contains("cerebras"), out)
        assertTrue(row("optimize=balanced").contains("openai"), out)
        assertTrue(row("models=").contains("claude-sonnet-4"), out)
        val costs =
            listOf("cost", "balanced").map {
                Regex("(\\d\\.\\d{6})").find(row("optimize=$it"))!!.value.toDouble()
            }
        assertTrue(costs[0] < costs[1], "cost routing is cheaper: $costs")
    }

    @Test
    fun `errors sample catches each typed exception with the request id`() {
        val out = capture { runBlocking { ErrorsSample.run(client, it) } }
        val expected =
            mapOf(
                "error-401" to "AuthenticationException",
                "error-402" to "InsufficientCreditsException",
                "error-404" to "ModelNotFoundException",
                "error-429" to "RateLimitException — retry after 1 s, gave up after 2 attempts",
                "error-502" to "ProviderException — 502 Bad Gateway",
                "error-midstream" to
                    "InternalException in stream=true — Provider disconnected unexpectedly",
                "error-truncated" to "StreamInterruptedException — kept",
                "invalid request" to "InvalidRequestException",
            )
        for ((line, text) in expected) {
            val row = out.lines().first { it.startsWith("$line:") }
            assertTrue(row.contains(text), "$line -> $row")
            if (line != "invalid request") assertTrue(row.contains("(request req_local_"), row)
        }
    }

    @Test
    fun `java sample streams with the blocking iterator`() {
        assumeTrue(
            System.getenv("AURIKO_API_KEY") == null,
            "runs against the embedded gateway only without a key",
        )
        val out = captureStdout { JavaStreamingSample.main(arrayOf("Hello from a Java test")) }
        assertTrue(out.contains("You asked: \u201cHello from a Java test\u201d"), out)
        assertTrue(out.contains("usage: Usage(prompt="), out)
        assertTrue(out.contains("routing: RoutingMetadata(provider=deepinfra, strategy=cost"), out)
        assertTrue(out.contains("request id: req_local_"), out)
    }

    @Test
    fun `samples parse their options and reject unknown ones`() {
        val o = ChatOptions.parse(arrayOf("--models", "a, b", "--optimize", "cost", "--thinking"))
        assertEquals(listOf("a", "b"), o.models)
        assertEquals("cost", o.optimize)
        assertTrue(o.thinking)
        val e = runCatching { ChatOptions.parse(arrayOf("--nope")) }.exceptionOrNull()
        assertTrue(e is IllegalArgumentException && e.message!!.contains("usage:"))
    }
}
