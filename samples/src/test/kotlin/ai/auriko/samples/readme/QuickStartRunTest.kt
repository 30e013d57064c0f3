package ai.auriko.samples.readme

import ai.auriko.samples.quickstart.QuickStart
import ai.auriko.testing.FakeGateway
import ai.auriko.testing.LoopbackGateway
import ai.auriko.testing.RequestMatcher
import java.nio.file.Files
import java.nio.file.Paths
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Runs the README's two quick starts as they are — each `main` in a child JVM of its own, with
 * `AURIKO_API_KEY` and `AURIKO_BASE_URL` set, on this test's class path — against the test kit's
 * loopback gateway answering as Auriko (routing metadata, cost, request id) and as a plain
 * OpenAI-compatible server (none of those), and checks what they print.
 */
class QuickStartRunTest {
    private val answer = "Inference arbitrage routes each request to the cheapest provider in time."

    /**
     * Auriko's answers: the content and usage of [plain], with routing metadata and request ids.
     */
    private fun auriko(gateway: FakeGateway) = answers(gateway, asAuriko = true)

    /**
     * What an OpenAI-compatible server sends: content and usage; no routing metadata, no request
     * id.
     */
    private fun plain(gateway: FakeGateway) = answers(gateway, asAuriko = false)

    private fun answers(gateway: FakeGateway, asAuriko: Boolean) {
        gateway.on(RequestMatcher { it.stream }) {
            content(
                "Inference arbitrage ",
                "routes each request ",
                "to the cheapest provider in time.",
            )
            usage(14, 12)
            if (asAuriko) {
                provider("groq")
                routingStrategy("cost")
                costUsd(0.000042) // a Double prints as 4.2E-5
                requestId("req_quickstart_stream")
            } else noRequestId()
        }
        gateway.on(RequestMatcher { !it.stream }) {
            content("Hello!")
            usage(1, 2)
            if (asAuriko) {
                provider("openai")
                costUsd(0.00001)
                requestId("req_quickstart_create")
            } else noRequestId()
        }
    }

    @Test
    fun `the Kotlin quick start against Auriko`() {
        val out = run("ai.auriko.samples.quickstart.QuickStartKt", ::auriko, requests = 2)
        assertLines(
            out,
            answer,
            USAGE,
            "provider: groq, cost: $0.000042",
            "request id: req_quickstart_stream",
            "answer: Hello! (cost: $0.00001)",
        )
    }

    @Test
    fun `the Kotlin quick start against a plain OpenAI-compatible server`() {
        val out = run("ai.auriko.samples.quickstart.QuickStartKt", ::plain, requests = 2)
        assertLines(
            out,
            answer,
            USAGE,
            "provider: not reported, cost: not reported",
            "request id: none",
            "answer: Hello! (cost: not reported)",
        )
    }

    @Test
    fun `the Java quick start against Auriko`() {
        val out = run(QuickStart::class.java.name, ::auriko, requests = 3)
        assertLines(
            out,
            answer,
            USAGE,
            "provider: groq, cost: $0.000042",
            "request id: req_quickstart_stream",
            "answer: Hello!",
            "async answer: Hello!",
        )
    }

    @Test
    fun `the Java quick start against a plain OpenAI-compatible server`() {
        val out = run(QuickStart::class.java.name, ::plain, requests = 3)
        assertLines(
            out,
            answer,
            USAGE,
            "provider: not reported, cost: not reported",
            "request id: none",
            "answer: Hello!",
            "async answer: Hello!",
        )
    }

    /** [expected] line by line; a line that is [USAGE] is matched by [USAGE_LINE]. */
    private fun assertLines(out: String, vararg expected: String) {
        val lines = out.lines().dropLastWhile { it.isEmpty() }
        assertEquals(expected.size, lines.size, "stdout:\n$out")
        expected.zip(lines).forEach { (want, got) ->
            if (want == USAGE)
                assertTrue(USAGE_LINE.matches(got), "usage line: $got\nstdout:\n$out")
            else assertEquals(want, got, "stdout:\n$out")
        }
    }

    /**
     * Runs [mainClass] against a loopback gateway set up by [script]; checks its exit code, its
     * stderr and the [requests] it sent, and returns its stdout.
     */
    private fun run(mainClass: String, script: (FakeGateway) -> Unit, requests: Int): String =
        LoopbackGateway().use { gateway ->
            script(gateway)
            val dir = Files.createTempDirectory("quick-start")
            try {
                val stdout = dir.resolve("stdout").toFile()
                val stderr = dir.resolve("stderr").toFile()
                val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
                val process =
                    ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), mainClass)
                        .redirectOutput(stdout)
                        .redirectError(stderr)
                        .apply {
                            environment()["AURIKO_API_KEY"] = KEY
                            environment()["AURIKO_BASE_URL"] = gateway.baseUrl
                        }
                        .start()
                process.outputStream.close() // no input
                val finished = process.waitFor(180, TimeUnit.SECONDS)
                if (!finished) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)
                val out = stdout.readText()
                val err = stderr.readText()
                val report = "$mainClass against ${gateway.baseUrl}\nstdout:\n$out\nstderr:\n$err"
                assertTrue(finished, "did not finish within 3 minutes: $report")
                assertEquals(0, process.exitValue(), report)
                assertTrue(!EXCEPTION.containsMatchIn(err), "stderr shows an exception: $report")

                // it talked to this gateway, with the key from the environment and the options
                gateway.assertNoUnmatchedRequests()
                assertEquals(requests, gateway.requestCount, report)
                for (request in gateway.requests) {
                    assertTrue(
                        request.header("Authorization") == "Bearer $KEY",
                        "AURIKO_API_KEY not sent",
                    )
                }
                val stream = gateway.requests.single { it.stream }
                assertEquals("cost", stream.field("gateway.routing.optimize"), stream.body)
                out
            } finally {
                dir.toFile().deleteRecursively()
            }
        }

    private companion object {
        const val KEY = "sk-quickstart-test"
        const val USAGE = "\u0000usage"
        val USAGE_LINE = Regex("usage: Usage\\(prompt=14, completion=12, total=26(, .*)?\\)")
        val EXCEPTION = Regex("Exception|Error\\b|\\n\\s+at [\\w.$]+\\(")
    }
}
