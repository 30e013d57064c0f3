package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.samples.gateway.LocalGateway
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/**
 * The structured-output samples against the embedded gateway, which answers a request carrying a
 * JSON Schema with a value matching it: the typed answer, the partial objects growing in order up
 * to the validated one, and the Java form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StructuredOutputSampleTest {
    private lateinit var gateway: LocalGateway
    private lateinit var client: AurikoClient

    @BeforeAll
    fun start() {
        gateway = LocalGateway()
        client = localClient(gateway)
    }

    @AfterAll
    fun stop() {
        client.close()
        gateway.close()
    }

    private fun capture(block: (PrintStream) -> Unit): String {
        val bytes = ByteArrayOutputStream()
        PrintStream(bytes, true, "UTF-8").use(block)
        return bytes.toString("UTF-8")
    }

    @Test
    fun `create returns the typed forecast`() {
        var forecast: Forecast? = null
        val out = capture {
            forecast = runBlocking { StructuredOutputSample.create(client, "Weather in Oslo?", it) }
        }
        assertEquals("Oslo", forecast!!.city)
        assertEquals(2, forecast!!.days.size)
        assertTrue(out.startsWith("Oslo: Mild and bright in Oslo"), out)
    }

    @Test
    fun `streamObject prints the partial object growing, then the whole one`() {
        var forecast: Forecast? = null
        val out = capture {
            forecast = runBlocking { StructuredOutputSample.stream(client, "Weather in Rome?", it) }
        }
        assertEquals("Rome", forecast!!.city)
        val jsons =
            out.lines()
                .filter { it.isNotBlank() }
                .map { Json.parseToJsonElement(it.substringBefore("  ->  ")) }
        assertTrue(jsons.size > 10, out)
        jsons.forEach { assertTrue(it is JsonObject, out) }
        // every step is at least as long as the one before, and the last is the whole answer
        jsons.zipWithNext().forEach { (a, b) ->
            assertTrue(a.toString().length <= b.toString().length, out)
        }
        assertTrue(out.trimEnd().lines().last().contains("->  Rome ["), out)
        assertEquals(2, (jsons.last() as JsonObject)["days"].toString().count { it == '{' }, out)
    }

    @Test
    fun `the Java sample reads the answer with its own parser`() {
        ai.auriko.client.blocking.AurikoBlockingClient(client).use { blocking ->
            val weather = JavaStructuredOutputSample.ask(blocking, "Weather in Bergen?")
            assertEquals("Bergen", weather.city)
            val request =
                ai.auriko.request.chat.ChatCompletionRequest.builder()
                    .model("gpt-4o")
                    .addMessage(ai.auriko.request.chat.ChatMessage.user("Weather in Oslo?"))
                    .build()
            val printed = capture { out ->
                val old = System.out
                System.setOut(out)
                try {
                    val streamed =
                        JavaStructuredOutputSample.stream(
                            blocking,
                            JavaStructuredOutputSample.cityWeather(),
                            request,
                        )
                    assertEquals("Oslo", streamed.city)
                } finally {
                    System.setOut(old)
                }
            }
            val lines = printed.lines().filter { it.isNotBlank() }
            // the JSON grew over several items before the parsed line
            assertTrue(lines.size >= 3, printed)
            assertTrue(lines.last().startsWith("Oslo: "), printed)
        }
    }
}
