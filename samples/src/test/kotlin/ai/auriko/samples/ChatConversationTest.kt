package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.testing.InMemoryGateway
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The main sample's conversation against scripted answers: what it sends back to the gateway (the
 * history) and what it prints, exactly — which the embedded gateway's composed answers cannot pin
 * down.
 */
class ChatConversationTest {
    private val gateway = InMemoryGateway()
    private val client = AurikoClient {
        apiKey = "sk-test"
        baseUrl = gateway.baseUrl
        engine = gateway.engine
        maxRetries = 0
    }
    private val bytes = ByteArrayOutputStream()
    private val chat =
        Chat(client, ChatOptions(model = "gpt-4o"), PrintStream(bytes, true, "UTF-8"))
    private val output
        get() = bytes.toString("UTF-8")

    @AfterEach
    fun close() {
        client.close()
        gateway.close()
    }

    @Test
    fun `each question carries the conversation so far`() =
        runBlocking<Unit> {
            gateway.enqueue { content("Paris", " is the capital.") }
            gateway.enqueue { content("About 2 million.") }
            assertEquals("Paris is the capital.", chat.ask("Capital of France?"))
            assertEquals("About 2 million.", chat.ask("How many people live there?"))

            gateway.takeRequest()
            val second = gateway.takeRequest()
            assertEquals(listOf("user", "assistant", "user"), second.messages.map { it.role })
            assertEquals("Paris is the capital.", second.messages[1].content)
            assertEquals("How many people live there?", second.lastUserMessage)
            assertEquals("gpt-4o", second.model)
        }

    @Test
    fun `the summary line shows the scripted provider, cost and usage`() =
        runBlocking<Unit> {
            gateway.enqueue {
                content("Hi")
                usage(12, 3)
                provider("groq")
                costUsd(0.000123)
            }
            chat.ask("hello")
            assertTrue(
                output.contains(
                    "— provider groq · cost $0.000123 · usage 12 prompt + 3 completion tokens · first token "
                ),
                output,
            )
        }

    @Test
    fun `reasoning is printed dimmed before the answer`() =
        runBlocking<Unit> {
            gateway.enqueue {
                reasoning("Let me ", "think.")
                content("Blue.")
            }
            chat.ask("Sky colour?")
            assertTrue(output.contains("assistant> \u001b[2mLet me think.\u001b[0m\nBlue."), output)
        }

    @Test
    fun `a question that failed mid-stream leaves the conversation`() =
        runBlocking<Unit> {
            gateway.enqueue {
                content("Half an")
                errorEvent("server_error", "Provider disconnected unexpectedly")
            }
            gateway.enqueue { content("Fine.") }
            chat.ask("First try")
            assertTrue(
                output.contains(
                    "! InternalException: Provider disconnected unexpectedly (request req_fake_1)"
                ),
                output,
            )
            chat.ask("Second try")

            gateway.takeRequest()
            assertEquals(listOf("Second try"), gateway.takeRequest().messages.map { it.content })
        }

    @Test
    fun `a cancelled question closes the stream and leaves the conversation`() =
        runBlocking<Unit> {
            gateway.enqueue {
                content("Thinking")
                pause(30.seconds)
                content(" never")
            }
            gateway.enqueue { content("Answered.") }
            val job: Job = launch { chat.ask("Slow question") }
            // awaitRequest suspends instead of blocking: the chat runs on this thread too
            val slow = gateway.awaitRequest()
            withTimeout(5.seconds) {
                while (!output.contains("Thinking")) kotlinx.coroutines.delay(10)
            }
            job.cancel() // what Ctrl-C does in the interactive chat
            job.join()
            assertTrue(
                slow.awaitCancellation(Duration.ofSeconds(5)),
                "the gateway saw the stream closed",
            )

            chat.ask("Next question")
            assertEquals(listOf("user"), gateway.takeRequest().messages.map { it.role })
        }
}
