package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.testing.InMemoryGateway
import ai.auriko.testing.RequestMatchers
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The tool-loop sample against scripted turns: it runs every call, parallel ones too, and sends
 * each result back under its id.
 */
class ToolLoopSampleTest {
    @Test
    fun `parallel tool calls are each run and answered under their own id`() =
        runBlocking<Unit> {
            InMemoryGateway().use { gateway ->
                AurikoClient {
                        apiKey = "sk-test"
                        baseUrl = gateway.baseUrl
                        engine = gateway.engine
                    }
                    .use { client ->
                        gateway.enqueue {
                            parallelToolCalls(
                                listOf("call_a", "get_weather", "{\"city\":", "\"Oslo\"}"),
                                listOf("call_b", "get_weather", "{\"city\":\"Rome\"}"),
                            )
                        }
                        gateway.enqueue(RequestMatchers.lastMessageIsToolResult()) {
                            content("Oslo is cold, ", "Rome is warm.")
                        }
                        val bytes = ByteArrayOutputStream()
                        val answer =
                            ToolLoopSample.run(
                                client,
                                "Oslo or Rome?",
                                PrintStream(bytes, true, "UTF-8"),
                            )

                        assertEquals("Oslo is cold, Rome is warm.", answer)
                        val out = bytes.toString("UTF-8")
                        assertTrue(
                            out.contains(
                                "[tool] get_weather({\"city\":\"Oslo\"}) -> 18°C and clear in Oslo"
                            ),
                            out,
                        )
                        assertTrue(
                            out.contains(
                                "[tool] get_weather({\"city\":\"Rome\"}) -> 18°C and clear in Rome"
                            ),
                            out,
                        )
                        assertEquals(listOf("get_weather"), gateway.takeRequest().toolNames)
                        val second = gateway.takeRequest()
                        assertEquals(
                            listOf("user", "assistant", "tool", "tool"),
                            second.messages.map { it.role },
                        )
                        assertEquals(
                            listOf("call_a", "call_b"),
                            second.messages[1].toolCalls.map { it.id },
                        )
                        assertEquals(
                            listOf(
                                "call_a" to "18°C and clear in Oslo",
                                "call_b" to "18°C and clear in Rome",
                            ),
                            second.messages.drop(2).map { it.toolCallId to it.content },
                        )
                        gateway.assertNoUnmatchedRequests()
                    }
            }
        }
}
