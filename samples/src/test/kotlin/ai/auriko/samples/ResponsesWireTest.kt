package ai.auriko.samples

import ai.auriko.client.responses.Response
import ai.auriko.client.responses.ResponseOutputItem
import ai.auriko.samples.gateway.LocalGateway
import ai.auriko.sse.SseDecoder
import ai.auriko.sse.SseListener
import java.net.HttpURLConnection
import java.net.URL
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The embedded gateway answers `POST /v1/responses` like `/v1/chat/completions`: an echo of the
 * question, a `get_weather` call when tools are offered and the user asks about the weather, and an
 * answer that uses the tool's output when it comes back. Read with the SDK's SSE decoder and its
 * Responses model (`Response.serializer()`); the stream events themselves are checked as JSON,
 * since the SDK builds them only inside its client.
 */
class ResponsesWireTest {
    private val lenient = Json {
        ignoreUnknownKeys = true
        coerceInputValues = true
    }

    private class Reply(val status: Int, val contentType: String?, val body: String)

    private fun post(gateway: LocalGateway, body: String): Reply {
        val c = URL("${gateway.baseUrl}/responses").openConnection() as HttpURLConnection
        try {
            c.connectTimeout = 5_000
            c.readTimeout = 10_000
            c.requestMethod = "POST"
            c.doOutput = true
            c.setRequestProperty("Authorization", "Bearer sk-local")
            c.setRequestProperty("Content-Type", "application/json")
            c.outputStream.use { it.write(body.toByteArray()) }
            val status = c.responseCode
            val text =
                (if (status >= 400) c.errorStream else c.inputStream).use {
                    String(it.readBytes(), Charsets.UTF_8)
                }
            return Reply(status, c.contentType, text)
        } finally {
            c.disconnect()
        }
    }

    /** The events of a stream: type and data, checked to be numbered from 0 and named alike. */
    private fun events(body: String): List<JsonObject> {
        val events = mutableListOf<JsonObject>()
        SseDecoder(
                object : SseListener {
                    override fun onEvent(id: String?, type: String?, data: String) {
                        val obj = Json.parseToJsonElement(data).jsonObject
                        assertEquals(type, obj["type"]?.jsonPrimitive?.content)
                        assertEquals(
                            events.size.toString(),
                            obj["sequence_number"]?.jsonPrimitive?.content,
                        )
                        events += obj
                    }
                }
            )
            .apply {
                val bytes = body.toByteArray()
                feed(bytes, 0, bytes.size)
                finish()
            }
        return events
    }

    private fun type(event: JsonObject) = (event["type"] as JsonPrimitive).content

    private fun response(obj: JsonObject): Response =
        lenient.decodeFromJsonElement(Response.serializer(), obj)

    private fun deltas(events: List<JsonObject>, type: String): String =
        events.filter { type(it) == type }.joinToString("") { it["delta"]!!.jsonPrimitive.content }

    @Test
    fun `a streamed Responses request gets the echo as output_text deltas`() {
        LocalGateway(pacing = 1.milliseconds).use { gateway ->
            val reply =
                post(
                    gateway,
                    """{"model":"gpt-4o","input":"Hello there","stream":true,"gateway":{"routing":{"optimize":"cost"}}}""",
                )
            assertEquals(200, reply.status)
            assertTrue(reply.contentType!!.startsWith("text/event-stream"), reply.contentType)
            assertTrue(reply.body.startsWith(": AURIKO PROCESSING"), "keep-alive first")
            val events = events(reply.body)
            assertEquals(
                listOf("response.created", "response.in_progress", "response.output_item.added"),
                events.take(3).map(::type),
            )
            assertEquals("response.completed", type(events.last()))
            val text = deltas(events, "response.output_text.delta")
            assertTrue(text.startsWith("You asked: \u201cHello there\u201d."), text)
            val final = response(events.last()["response"]!!.jsonObject)
            assertEquals("completed", final.status)
            assertEquals(text, final.outputText)
            assertEquals("gpt-4o", final.model)
            assertTrue(final.id!!.startsWith("resp_local_"), final.id)
            assertEquals("deepinfra", final.routingMetadata!!.provider)
            assertEquals("cost", final.routingMetadata!!.routingStrategy)
            val usage = final.usage!!
            assertTrue(usage.outputTokens!! > 0)
            assertEquals(usage.inputTokens!! + usage.outputTokens!!, usage.totalTokens)
        }
    }

    @Test
    fun `a Responses create gets one response object, with reasoning when a thinking model is asked`() {
        LocalGateway(pacing = 1.milliseconds).use { gateway ->
            val reply =
                post(
                    gateway,
                    """{"model":"claude-thinking","instructions":"Be brief.","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Why is the sky blue?"}]}],"reasoning":{"effort":"low"}}""",
                )
            assertEquals(200, reply.status)
            assertTrue(reply.contentType!!.startsWith("application/json"), reply.contentType)
            val r = response(Json.parseToJsonElement(reply.body).jsonObject)
            assertEquals("completed", r.status)
            assertEquals(listOf("reasoning", "message"), r.output.map { it.type })
            val reasoning = r.output[0] as ResponseOutputItem.Reasoning
            assertTrue(reasoning.summaryText.startsWith("The user wrote 5 words."))
            assertTrue(r.outputText.contains("\u201cWhy is the sky blue?\u201d"), r.outputText)
        }
    }

    @Test
    fun `a weather question with tools gets a function call, and its output gets an answer`() {
        LocalGateway(pacing = 1.milliseconds).use { gateway ->
            val tools =
                """[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]"""
            val first =
                post(
                    gateway,
                    """{"model":"gpt-4o","input":"What is the weather in Lyon?","tools":$tools,"stream":true}""",
                )
            val events = events(first.body)
            assertEquals(
                "{\"city\":\"Lyon\"}",
                deltas(events, "response.function_call_arguments.delta"),
            )
            val call = response(events.last()["response"]!!.jsonObject).functionCalls.single()
            assertEquals("get_weather", call.name)
            assertEquals("call_weather_1", call.callId)
            assertEquals("{\"city\":\"Lyon\"}", call.arguments)

            val second =
                post(
                    gateway,
                    """{"model":"gpt-4o","tools":$tools,"input":[""" +
                        """{"role":"user","content":"What is the weather in Lyon?"},""" +
                        """{"type":"function_call","call_id":"${call.callId}","name":"get_weather","arguments":${JsonPrimitive(call.arguments)}},""" +
                        """{"type":"function_call_output","call_id":"${call.callId}","output":"18 °C and sunny"}]}""",
                )
            assertEquals(200, second.status)
            val answer = response(Json.parseToJsonElement(second.body).jsonObject)
            assertTrue(answer.functionCalls.isEmpty())
            assertEquals(
                "Here is what the tool reported: 18 °C and sunny. Anything else you would like to know?",
                answer.outputText,
            )
        }
    }

    @Test
    fun `errors on demand and request checks work for Responses too`() {
        LocalGateway(pacing = 1.milliseconds).use { gateway ->
            val midstream =
                post(
                    gateway,
                    """{"model":"error-midstream","input":"one two three four five six","stream":true}""",
                )
            val events = events(midstream.body)
            val error = events.last()
            assertEquals("error", type(error))
            assertEquals("server_error", error["code"]!!.jsonPrimitive.content)
            assertTrue(events.none { type(it) == "response.completed" })

            assertEquals(429, post(gateway, """{"model":"error-429","input":"hi"}""").status)
            val missing = post(gateway, """{"model":"gpt-4o"}""")
            assertEquals(400, missing.status)
            assertTrue(missing.body.contains("input"), missing.body)
        }
    }
}
