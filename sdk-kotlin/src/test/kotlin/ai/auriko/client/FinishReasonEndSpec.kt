package ai.auriko.client

import ai.auriko.client.blocking.AurikoBlockingClient
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.chat.stream.accumulate
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.WireFixture
import ai.auriko.client.testing.WireFixtures
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.errors.StreamErrorException
import ai.auriko.errors.StreamInterruptedException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.toList

/**
 * The two ways a stream used to end as a false success, on a real socket and per engine:
 * `finish_reason: "error"` without an `error` object, and `finish_reason: ""` (blank) taken for a
 * finish. Both now raise, with what had arrived; blank followed by a real reason still completes.
 */
class FinishReasonEndSpec :
    FunSpec({
        fun fixture(name: String): WireFixture = WireFixtures.all.single { it.name == name }

        /** Serves [fixture]'s recorded body on every connection, in small HTTP chunks. */
        fun serving(fixture: WireFixture) = LoopbackServer { exchange ->
            exchange.startStream(
                headers = fixture.headers.mapKeys { (k, _) -> k } + ("Connection" to "close")
            )
            fixture.body.asList().chunked(40).forEach { exchange.chunk(it.toByteArray()) }
            exchange.endStream()
        }

        for ((engineName, engine) in TestEngines.all) {
            suspend fun <T> withClient(
                server: LoopbackServer,
                block: suspend (AurikoClient) -> T,
            ): T = withEngineClient(engine, server, block)

            test(
                "[$engineName] finish_reason \"error\" with no error object ends the stream in a stream error carrying the partial answer, although [DONE] follows"
            ) {
                serving(fixture("finish-reason-error")).use { server ->
                    withClient(server) { client ->
                        val received = mutableListOf<ChatCompletionChunk>()
                        val e =
                            shouldThrow<StreamErrorException> {
                                client.chat.completions.stream(fixtureRequest()).collect {
                                    received += it
                                }
                            }
                        e.isStreamError shouldBe true
                        e.requestId() shouldBe "req_finish_error"
                        e.message shouldContain "finish_reason \"error\""
                        // The error chunk is not delivered as an item; what came before it is.
                        received.size shouldBe 2
                        val partial = e.partialCompletion.shouldNotBeNull()
                        partial.content shouldBe "Half of the answer"
                        partial.choices.single().finishReason shouldBe "error"
                    }
                }
            }

            test(
                "[$engineName] blank finish reasons on every chunk, then the body ends: interrupted, not complete"
            ) {
                serving(fixture("finish-reason-empty-cut")).use { server ->
                    withClient(server) { client ->
                        val stream = client.chat.completions.stream(fixtureRequest())
                        val received = mutableListOf<ChatCompletionChunk>()
                        val e =
                            shouldThrow<StreamInterruptedException> {
                                stream.collect { received += it }
                            }
                        received.size shouldBe 3
                        // Nobody downstream sees the blanks as finish reasons.
                        received
                            .flatMap { it.choices }
                            .map { it.finishReason }
                            .forEach { it.shouldBeNull() }
                        val partial = e.partialCompletion.shouldNotBeNull()
                        partial.content shouldBe "Ollama says the sky is"
                        partial.choices.single().finishReason.shouldBeNull()
                        stream.completion.shouldBeNull()
                    }
                }
            }

            test("[$engineName] blank finish reasons, then stop and [DONE]: complete with stop") {
                serving(fixture("finish-reason-empty-then-stop")).use { server ->
                    withClient(server) { client ->
                        val stream = client.chat.completions.stream(fixtureRequest())
                        val events = stream.events().toList()
                        events.filterIsInstance<StreamEvent.ChoiceFinished>().map {
                            it.reason
                        } shouldBe listOf("stop")
                        stream.completion.shouldNotBeNull().content shouldBe "Ollama says hi"
                        stream.finishReasons shouldBe mapOf(0 to "stop")
                    }
                }
            }

            test("[$engineName] the Java iterator raises the same two errors") {
                for ((name, type) in
                    listOf(
                        "finish-reason-error" to StreamErrorException::class.java,
                        "finish-reason-empty-cut" to StreamInterruptedException::class.java,
                    )) {
                    serving(fixture(name)).use { server ->
                        withClient(server) { client ->
                            AurikoBlockingClient(client).use { blocking ->
                                val stream = blocking.chat().completions().stream(fixtureRequest())
                                val seen = mutableListOf<ChatCompletionChunk>()
                                val e =
                                    shouldThrow<AurikoException> {
                                        stream.use { s -> s.forEach { seen += it } }
                                    }
                                e.javaClass shouldBe type
                                seen.size shouldBe if (name == "finish-reason-error") 2 else 3
                                e.partialCompletion.shouldNotBeNull().content shouldBe
                                    seen.joinToString("") {
                                        it.choices.firstOrNull()?.delta?.content.orEmpty()
                                    }
                            }
                        }
                    }
                }
            }
        }

        test(
            "create(): a choice that finished with \"error\" throws with the answer as its partial result; a blank finish reason reads as null"
        ) {
            val errorBody =
                """{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Half"},"finish_reason":"error"}]}"""
            val blankBody =
                """{"id":"c2","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Whole"},"finish_reason":""}]}"""
            LoopbackServer { exchange ->
                    val body =
                        if (exchange.request.body.decodeToString().contains("err")) errorBody
                        else blankBody
                    exchange.respond(
                        200,
                        body,
                        mapOf("Content-Type" to "application/json", "Connection" to "close"),
                    )
                }
                .use { server ->
                    withEngineClient({ null }, server) { client ->
                        val e =
                            shouldThrow<AurikoApiException> {
                                client.chat.completions.create {
                                    model = "m"
                                    messages { user("err") }
                                }
                            }
                        e.isStreamError shouldBe false
                        e.message shouldContain "finish_reason \"error\""
                        e.partialCompletion.shouldNotBeNull().content shouldBe "Half"
                        val whole =
                            client.chat.completions.create {
                                model = "m"
                                messages { user("fine") }
                            }
                        whole.content shouldBe "Whole"
                        whole.choices.single().finishReason.shouldBeNull()
                    }
                }
        }

        test(
            "chunks from elsewhere: the accumulator and the typed events treat a blank finish reason as none"
        ) {
            val chunks =
                listOf(
                        """{"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":""}]}""",
                        """{"choices":[{"index":0,"delta":{"content":"b"},"finish_reason":"  "}]}""",
                    )
                    .map {
                        ai.auriko.client.internal.WireJson.decodeFromString(
                            ChatCompletionChunk.serializer(),
                            it,
                        )
                    }
            val completion = flowOf(*chunks.toTypedArray()).accumulate()
            completion.choices.single().finishReason.shouldBeNull()
            val decoder = ai.auriko.client.chat.stream.StreamEventDecoder()
            chunks
                .flatMap { decoder.onChunk(it) }
                .filterIsInstance<StreamEvent.ChoiceFinished>()
                .shouldBeEmpty()
        }
    })

private suspend fun <T> withEngineClient(
    engine: () -> io.ktor.client.engine.HttpClientEngine?,
    server: LoopbackServer,
    block: suspend (AurikoClient) -> T,
): T {
    val e = engine()
    val client = AurikoClient {
        apiKey = "sk-test"
        baseUrl = server.baseUrl
        this.engine = e
    }
    try {
        return block(client)
    } finally {
        client.close()
        e?.close()
    }
}
