package ai.auriko.samples

import ai.auriko.fixtures.WireRecordings
import ai.auriko.samples.gateway.LocalGateway
import ai.auriko.sse.SseDecoder
import ai.auriko.sse.SseListener
import java.net.HttpURLConnection
import java.net.URL
import java.nio.file.Files
import java.nio.file.Path
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The embedded gateway speaks the recorded wire format: the same chunk kinds in the same order. */
class GatewayWireTest {
    private fun kinds(body: ByteArray): List<String> {
        val kinds = mutableListOf<String>()
        SseDecoder(
                object : SseListener {
                    override fun onEvent(id: String?, type: String?, data: String) {
                        if (data.isEmpty()) return // no chunk, as the chat codec reads it
                        if (data == "[DONE]") {
                            kinds += "done"
                            return
                        }
                        val chunk = Json.parseToJsonElement(data).jsonObject
                        val choice = (chunk["choices"] as JsonArray).firstOrNull()?.jsonObject
                        val delta = choice?.get("delta")?.jsonObject
                        kinds +=
                            when {
                                chunk["usage"] is JsonObject -> "usage"
                                chunk["routing_metadata"] is JsonObject -> "routing"
                                choice != null &&
                                    choice["finish_reason"] !is JsonNull &&
                                    choice["finish_reason"] != null ->
                                    if (choice.containsKey("native_finish_reason")) "finish+native"
                                    else "finish"
                                delta?.containsKey("role") == true -> "role"
                                else -> "content"
                            }
                    }
                }
            )
            .apply {
                feed(body, 0, body.size)
                finish()
            }
        return kinds.fold(mutableListOf()) { acc, k ->
            if (acc.lastOrNull() == k && k == "content") acc else acc.apply { add(k) }
        }
    }

    private fun fixture(): Path = WireRecordings.sseDirectory().resolve("auriko-basic.sse")

    @Test
    fun `basic streaming output has the recorded structure and headers`() {
        LocalGateway().use { gateway ->
            val connection =
                URL("${gateway.baseUrl}/chat/completions").openConnection() as HttpURLConnection
            connection.requestMethod = "POST"
            connection.doOutput = true
            connection.setRequestProperty("Authorization", "Bearer sk-local")
            connection.setRequestProperty("Content-Type", "application/json")
            connection.outputStream.use {
                it.write(
                    """{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}],"stream":true,"stream_options":{"include_usage":true}}"""
                        .toByteArray()
                )
            }
            assertEquals(200, connection.responseCode)
            assertTrue(
                connection.contentType.startsWith("text/event-stream"),
                connection.contentType,
            )
            for (h in
                listOf(
                    "x-request-id",
                    "x-ratelimit-remaining-requests",
                    "x-ratelimit-limit-requests",
                    "x-ratelimit-reset-requests",
                    "x-credits-balance-microdollars",
                    "x-provider-used",
                    "x-routing-strategy",
                )) {
                assertTrue(connection.getHeaderField(h) != null, "missing header $h")
            }
            val body = connection.inputStream.use { it.readBytes() }
            assertTrue(
                String(body).contains(": keep-alive") ||
                    String(body).contains(": AURIKO PROCESSING"),
                "sends keep-alive comments",
            )
            assertEquals(kinds(Files.readAllBytes(fixture())), kinds(body))
        }
    }

    @Test
    fun `requests are checked like the real gateway`() {
        LocalGateway().use { gateway ->
            fun post(body: String, auth: Boolean = true): Pair<Int, String> {
                val c =
                    URL("${gateway.baseUrl}/chat/completions").openConnection() as HttpURLConnection
                c.requestMethod = "POST"
                c.doOutput = true
                if (auth) c.setRequestProperty("Authorization", "Bearer sk-local")
                c.outputStream.use { it.write(body.toByteArray()) }
                return c.responseCode to
                    ((c.errorStream ?: c.inputStream).use { String(it.readBytes()) })
            }
            assertEquals(401, post("""{"model":"m","messages":[]}""", auth = false).first)
            assertEquals(400, post("""{not json""").first)
            val both = post("""{"model":"m","models":["a"],"messages":[]}""")
            assertEquals(400, both.first)
            assertTrue(both.second.contains("\"error\""), both.second)
            assertEquals(400, post("""{"messages":[]}""").first)
        }
    }
}
