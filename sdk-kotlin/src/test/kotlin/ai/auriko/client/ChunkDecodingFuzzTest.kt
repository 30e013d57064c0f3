package ai.auriko.client

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.errors.AurikoException
import com.code_intelligence.jazzer.api.FuzzedDataProvider
import com.code_intelligence.jazzer.junit.FuzzTest
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteReadChannel
import kotlinx.coroutines.runBlocking

/**
 * Fuzzes chunk decoding with Jazzer: any response body, as an event stream or as a JSON answer,
 * goes through the real client (SSE decoding, chunk JSON, error objects, the accumulator, typed
 * events) on a MockEngine. It must end in a complete result or one of the SDK's typed exceptions
 * carrying a [ChatCompletion] or nothing; any other throwable is a finding.
 *
 * In the normal test run this replays the inputs in `ChunkDecodingFuzzTestInputs`; `mvn verify`
 * also fuzzes it for a fixed budget (`fuzz.duration`), and `-Pfuzz` for longer.
 */
class ChunkDecodingFuzzTest {
    @FuzzTest(maxDuration = "15s")
    fun anyBodyEndsInACompletionOrATypedException(data: FuzzedDataProvider) {
        val asJson = data.consumeBoolean()
        val body = data.consumeRemainingAsBytes()
        current = Response(body, if (asJson) "application/json" else "text/event-stream")
        runBlocking {
            val stream = client.chat.completions.stream(request)
            val texts = StringBuilder()
            try {
                stream.events().collect { event ->
                    if (event is StreamEvent.ContentDelta && event.choiceIndex == 0)
                        texts.append(event.text)
                }
                val completion =
                    checkNotNull(stream.completion) { "a stream completed without a completion" }
                // What the typed events said is what the completion holds.
                check(
                    (completion.choices.firstOrNull { it.index == 0 }?.message?.content ?: "") ==
                        texts.toString()
                ) {
                    "content events '$texts' differ from the completion '${completion.content}'"
                }
            } catch (e: AurikoException) {
                val partial: Any? = e.partialResult()
                check(partial == null || partial is ChatCompletion) {
                    "a partial completion of type ${partial!!::class}"
                }
            }
        }
    }

    private class Response(val body: ByteArray, val contentType: String)

    private companion object {
        @Volatile var current = Response(ByteArray(0), "text/event-stream")

        val request =
            ai.auriko.request.chat.ChatCompletionRequest.builder()
                .model("m")
                .addMessage(ai.auriko.request.chat.ChatMessage.user("hi"))
                .build()

        // One client for every input: fuzzing runs thousands of inputs per second.
        val client = AurikoClient {
            apiKey = "sk-fuzz-test"
            baseUrl = "https://gateway.test/v1"
            maxRetries = 0
            maxLineBytes = 4096
            maxEventBytes = 8192
            engine = MockEngine { _ ->
                val r = current
                respond(
                    ByteReadChannel(r.body),
                    HttpStatusCode.OK,
                    headersOf("Content-Type", r.contentType),
                )
            }
        }
    }
}
