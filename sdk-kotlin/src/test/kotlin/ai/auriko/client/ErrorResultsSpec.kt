package ai.auriko.client

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.testing.MockClient
import ai.auriko.client.testing.contentEvent
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.InternalException
import ai.auriko.errors.ServiceUnavailableException
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.ktor.utils.io.ByteReadChannel

/**
 * What a failed call's exception carries, end to end on a MockEngine: a 200 JSON body with an
 * `error` (from `create`, and from a stream whose server answered JSON instead of an event stream)
 * is an error with status 200 but not a stream error; an error inside an event stream keeps the
 * event's data as `body()` and what had arrived as `partialCompletion`.
 */
class ErrorResultsSpec :
    FunSpec({
        val overloaded = """{"error":{"code":"overloaded","message":"busy"}}"""

        fun MockRequestHandleScope.respondJson(body: String) =
            respond(
                body,
                HttpStatusCode.OK,
                headersOf(
                    "content-type" to listOf("application/json"),
                    "x-request-id" to listOf("req_json"),
                ),
            )

        fun MockRequestHandleScope.respondSse(body: String) =
            respond(
                ByteReadChannel(body.toByteArray()),
                HttpStatusCode.OK,
                headersOf(
                    "content-type" to listOf("text/event-stream"),
                    "x-request-id" to listOf("req_sse"),
                ),
            )

        test("create(): a 200 JSON body with an error is a classified error, not a stream error") {
            MockClient({ respondJson(overloaded) }, { maxRetries = 0 }).use { mock ->
                val e =
                    runCatching { mock.client.chat.completions.create(fixtureRequest()) }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<ServiceUnavailableException>()
                e.isStreamError shouldBe false
                e.statusCode() shouldBe 200
                e.code() shouldBe "overloaded"
                e.errorMessage() shouldBe "busy"
                e.body() shouldBe overloaded
                e.requestId() shouldBe "req_json"
                e.message shouldBe "200 overloaded: busy (request req_json)"
                e.partialResult().shouldBeNull()
                e.partialCompletion.shouldBeNull()
                mock.requests.size shouldBe 1
            }
        }

        test("create(): the key echoed in a 200 error body reaches neither message nor body") {
            // MockClient's key is sk-test-key.
            val echo = """{"error":{"code":"overloaded","message":"busy for sk-test-key"}}"""
            MockClient({ respondJson(echo) }, { maxRetries = 0 }).use { mock ->
                val e =
                    runCatching { mock.client.chat.completions.create(fixtureRequest()) }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<ServiceUnavailableException>()
                e.message.shouldNotBeNull() shouldNotContain "sk-test-key"
                e.errorMessage() shouldNotContain "sk-test-key"
                e.body().shouldNotBeNull() shouldNotContain "sk-test-key"
            }
        }

        // The key spelled with JSON escapes (sk\u002dtest\u002dkey) in an error body: redacting
        // only
        // the raw text before parsing it left the key in clear in the parsed message and code
        // (found
        // here: "401 sk-test-key: bad key sk-test-key"); the parsed fields are redacted too.
        val escaped = "sk\\u002dtest\\u002dkey"
        val echoedKey = """{"error":{"code":"$escaped","message":"bad key $escaped"}}"""

        test("the key spelled with JSON escapes in an HTTP error body never reaches the message") {
            MockClient(
                    {
                        respond(
                            echoedKey,
                            HttpStatusCode.Unauthorized,
                            headersOf("content-type", "application/json"),
                        )
                    },
                    { maxRetries = 0 },
                )
                .use { mock ->
                    val e =
                        runCatching { mock.client.chat.completions.create(fixtureRequest()) }
                            .exceptionOrNull()
                            .shouldBeInstanceOf<AurikoApiException>()
                    e.message.shouldNotBeNull() shouldNotContain "sk-test-key"
                    e.errorMessage() shouldNotContain "sk-test-key"
                    e.code().orEmpty() shouldNotContain "sk-test-key"
                }
        }

        test("the key spelled with JSON escapes in an `event: error` never reaches the message") {
            val event = contentEvent("Hi") + "event: error\ndata: $echoedKey\n\n"
            MockClient({ respondSse(event) }, { maxRetries = 0 }).use { mock ->
                val e =
                    runCatching { mock.client.chat.completions.stream(fixtureRequest()).collect {} }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<AurikoApiException>()
                e.message.shouldNotBeNull() shouldNotContain "sk-test-key"
                e.errorMessage() shouldNotContain "sk-test-key"
                e.code().orEmpty() shouldNotContain "sk-test-key"
            }
        }

        // A stream whose server answered application/json is read as a whole body
        // (ChatStreamFormat.decodeWholeBody → decodeCompletion): an `error` in it throws before any
        // chunk is emitted, the same exception `create` gives — status 200, not a stream error, and
        // no partial result, for nothing was streamed.
        test("stream: a 200 JSON answer with an error fails like create(), before any chunk") {
            MockClient({ respondJson(overloaded) }, { maxRetries = 0 }).use { mock ->
                val stream = mock.client.chat.completions.stream(fixtureRequest())
                val chunks = mutableListOf<ChatCompletionChunk>()
                val e =
                    runCatching { stream.collect { chunks += it } }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<ServiceUnavailableException>()
                chunks.shouldBeEmpty()
                e.isStreamError shouldBe false
                e.statusCode() shouldBe 200
                e.code() shouldBe "overloaded"
                e.errorMessage() shouldBe "busy"
                e.body() shouldBe overloaded
                e.requestId() shouldBe "req_json"
                e.partialCompletion.shouldBeNull()
                stream.completion.shouldBeNull()
                stream.usage.shouldBeNull()
                stream.responseHeaders.shouldNotBeNull().requestId() shouldBe "req_json"
                stream.metrics.shouldNotBeNull().chunkCount shouldBe 0
                mock.requests.size shouldBe 1
            }
        }

        test("stream: a 200 JSON answer without an error is the one chunk it amounts to") {
            val whole =
                """{"id":"c9","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"whole"},"finish_reason":"stop"}]}"""
            MockClient({ respondJson(whole) }, { maxRetries = 0 }).use { mock ->
                val stream = mock.client.chat.completions.stream(fixtureRequest())
                val completion = stream.toCompletion()
                completion.content shouldBe "whole"
                stream.completion.shouldNotBeNull().content shouldBe "whole"
            }
        }

        test(
            "stream: an `event: error` keeps its data as body() and what had arrived as partialCompletion"
        ) {
            val data = """{"error":{"message":"The server is overloaded","code":"overloaded"}}"""
            val body = contentEvent("Hel") + contentEvent("lo") + "event: error\ndata: $data\n\n"
            MockClient({ respondSse(body) }, { maxRetries = 0 }).use { mock ->
                val stream = mock.client.chat.completions.stream(fixtureRequest())
                val seen = StringBuilder()
                val e =
                    runCatching {
                            stream.collect { seen.append(it.choices[0].delta.content.orEmpty()) }
                        }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<ServiceUnavailableException>()
                seen.toString() shouldBe "Hello"
                e.isStreamError shouldBe true
                e.statusCode() shouldBe 200
                e.body() shouldBe data
                e.requestId() shouldBe "req_sse"
                val partial = e.partialCompletion.shouldNotBeNull()
                partial.content shouldBe "Hello"
                partial.responseHeaders.requestId() shouldBe "req_sse"
                e.partialResult(ChatCompletion::class.java) shouldBeSameInstanceAs partial
                stream.completion.shouldBeNull()
            }
        }

        test(
            "stream: a data chunk with a top-level error keeps that chunk as body() and its content in the partial result"
        ) {
            val errorChunk =
                """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":" there"},"finish_reason":"error"}],"error":{"code":"server_error","message":"Provider disconnected"}}"""
            val body = contentEvent("Hi") + "data: $errorChunk\n\n"
            MockClient({ respondSse(body) }, { maxRetries = 0 }).use { mock ->
                val e =
                    runCatching {
                            mock.client.chat.completions.stream(fixtureRequest()).toCompletion()
                        }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<InternalException>()
                e.isStreamError shouldBe true
                e.code() shouldBe "server_error"
                e.errorMessage() shouldBe "Provider disconnected"
                e.body() shouldBe errorChunk
                e.partialCompletion.shouldNotBeNull().content shouldBe "Hi there"
            }
        }

        test("an HTTP error status keeps the body as sent") {
            val page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
            MockClient(
                    {
                        respond(
                            page,
                            HttpStatusCode.BadGateway,
                            headersOf("content-type", "text/html"),
                        )
                    },
                    { maxRetries = 0 },
                )
                .use { mock ->
                    for (call in
                        listOf<suspend () -> Unit>(
                            { mock.client.chat.completions.create(fixtureRequest()) },
                            { mock.client.chat.completions.stream(fixtureRequest()).collect {} },
                        )) {
                        val e =
                            runCatching { call() }
                                .exceptionOrNull()
                                .shouldBeInstanceOf<AurikoApiException>()
                        e.statusCode() shouldBe 502
                        e.errorMessage() shouldBe "502 Bad Gateway"
                        e.body() shouldBe page
                        e.isStreamError shouldBe false
                        e.partialCompletion.shouldBeNull()
                    }
                }
        }
    })
