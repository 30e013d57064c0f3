package ai.auriko.client

import ai.auriko.errors.ErrorClassifier
import ai.auriko.errors.ErrorDetails
import ai.auriko.errors.RateLimitException
import ai.auriko.http.ResponseHeaders
import ai.auriko.sse.SseDecoder
import ai.auriko.sse.SseListener
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json

// The Kotlin layer builds on sdk-java: these prove the core's nullability annotations reach
// Kotlin and that the serialization compiler plugin is active, ahead of the client itself.
@Serializable private data class MiniChunk(val id: String, val choices: List<MiniChoice>)

@Serializable
private data class MiniChoice(val index: Int, val delta: Map<String, String?> = emptyMap())

class CoreInteropSpec :
    FunSpec({
        test("the core decoder feeds kotlinx.serialization from Kotlin") {
            val chunks = mutableListOf<MiniChunk>()
            val json = Json { ignoreUnknownKeys = true }
            val decoder =
                SseDecoder(
                    object : SseListener {
                        override fun onEvent(id: String?, type: String?, data: String) {
                            if (data != "[DONE]")
                                chunks += json.decodeFromString(MiniChunk.serializer(), data)
                        }
                    }
                )
            val body =
                "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\r\n\r\ndata: [DONE]\n\n"
            body.encodeToByteArray().forEach { decoder.feed(byteArrayOf(it), 0, 1) }
            decoder.finish() shouldBe false
            chunks.map { it.choices.single().delta["content"] } shouldBe listOf("Hi")
        }

        test("typed headers read as Kotlin nullable types") {
            val headers =
                ResponseHeaders.ofSingle(mapOf("Retry-After" to "3", "X-Request-Id" to "r1"))
            val requestId: String? = headers.requestId()
            requestId shouldBe "r1"
            headers.creditsBalanceMicrodollars() shouldBe null
            val e =
                ErrorClassifier.standard()
                    .classify(
                        ErrorDetails.builder()
                            .statusCode(429)
                            .message("slow down")
                            .headers(headers)
                            .build()
                    )
            e.shouldBeInstanceOf<RateLimitException>()
            e.retryAfter() shouldBe Duration.ofSeconds(3)
        }
    })
