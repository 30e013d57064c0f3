package ai.auriko.client.internal

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.StreamError
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.ErrorClassifier
import ai.auriko.errors.ErrorDetails
import ai.auriko.errors.InternalException
import ai.auriko.errors.InvalidRequestException
import ai.auriko.errors.PartialResult
import ai.auriko.errors.ProviderException
import ai.auriko.errors.RateLimitException
import ai.auriko.errors.ServiceUnavailableException
import ai.auriko.errors.StreamErrorException
import ai.auriko.http.ResponseHeaders
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/**
 * How [ErrorResponses] reads what a server reported: every body shape seen in the wild, hostile
 * bodies, the message it composes, the raw body it keeps, and the API key kept out of all of it.
 * The body-shape, hostile-body and message cases are those of sdk-java's former
 * `ErrorClassifierTest` (`readsEveryBodyShape`, `hostileBodiesGiveATypedErrorWithAShortMessage`,
 * `messageNamesStatusCodeAndRequestIdButNeverTheBodyMarkup`), now against the one reader.
 */
class ErrorResponsesSpec :
    FunSpec({
        val key = "sk-secret-key-123456"
        val errors = ErrorResponses(ErrorClassifier.standard(), Redactor(key))
        val none = ResponseHeaders.empty()
        val req42 = ResponseHeaders.ofSingle(mapOf("x-request-id" to "req_42"))

        fun parse(text: String): JsonObject = WireJson.parseToJsonElement(text).jsonObject

        /** Every text an exception shows, for the key checks. */
        fun AurikoApiException.shown(): Map<String, String?> =
            mapOf(
                "message" to message,
                "errorMessage()" to errorMessage(),
                "body()" to body(),
                "code()" to code(),
                "type()" to type(),
                "param()" to param(),
                "toString()" to toString(),
            )

        fun AurikoApiException.shouldNotShow(secret: String) {
            for ((what, text) in shown()) withClue(what) { text.orEmpty() shouldNotContain secret }
        }

        context("body shapes (each read once)") {
            test("a nested error object with a numeric code and a param") {
                val e =
                    errors.fromStatus(
                        400,
                        none,
                        """{"error": {"code": 400, "message": "Invalid model specified", "param": "model"}}""",
                    )
                e.shouldBeInstanceOf<InvalidRequestException>()
                e.code() shouldBe "400"
                e.param() shouldBe "model"
                e.errorMessage() shouldBe "Invalid model specified"
                e.statusCode() shouldBe 400
                e.isStreamError shouldBe false
            }

            test("a nested error object with a type") {
                val e =
                    errors.fromStatus(
                        429,
                        none,
                        """{"error":{"message":"slow","type":"rate_limit_error","code":null}}""",
                    )
                e.shouldBeInstanceOf<RateLimitException>()
                e.type() shouldBe "rate_limit_error"
                e.code().shouldBeNull()
                e.errorMessage() shouldBe "slow"
            }

            test("""{"error":"text"}""") {
                val e = errors.fromStatus(500, none, """{"error":"database on fire"}""")
                e.shouldBeInstanceOf<InternalException>()
                e.errorMessage() shouldBe "database on fire"
            }

            test("a top-level message and code") {
                val e =
                    errors.fromStatus(
                        429,
                        none,
                        """{"message":"slow down","code":"rate_limit_exceeded"}""",
                    )
                e.shouldBeInstanceOf<RateLimitException>()
                e.errorMessage() shouldBe "slow down"
                e.code() shouldBe "rate_limit_exceeded"
            }

            test("FastAPI's detail") {
                val e = errors.fromStatus(422, none, """{"detail":"field required"}""")
                e.shouldBeInstanceOf<InvalidRequestException>()
                e.errorMessage() shouldBe "field required"
            }

            test("an HTML page with a title: the title") {
                val e =
                    errors.fromStatus(
                        502,
                        none,
                        "<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>",
                    )
                e.shouldBeInstanceOf<ProviderException>()
                e.errorMessage() shouldBe "502 Bad Gateway"
            }

            test("an HTML page without a title: its text, whitespace collapsed") {
                val e =
                    errors.fromStatus(
                        504,
                        none,
                        "<html><body>\n  <h1>Gateway\n Timeout</h1>\n</body></html>",
                    )
                e.shouldBeInstanceOf<ProviderException>()
                e.errorMessage() shouldBe "Gateway Timeout"
            }

            test("an empty or blank body") {
                val empty = errors.fromStatus(503, none, "")
                empty.shouldBeInstanceOf<ServiceUnavailableException>()
                empty.errorMessage() shouldBe "HTTP 503 with no error message"
                empty.body() shouldBe ""

                val blank = errors.fromStatus(500, none, " \n\t ")
                blank.shouldBeInstanceOf<InternalException>()
                blank.errorMessage() shouldBe "HTTP 500 with no error message"
            }

            test("JSON that is not an object, or an object of no known shape: a snippet of it") {
                errors.fromStatus(500, none, """["a", "b"]""").errorMessage() shouldBe
                    """["a", "b"]"""
                errors.fromStatus(500, none, """{"status":"down"}""").errorMessage() shouldBe
                    """{"status":"down"}"""
            }
        }

        context("hostile bodies give a typed error with a short message") {
            test("100,000 nested '[': no StackOverflowError, a capped snippet") {
                val deep = "[".repeat(100_000)
                val e = errors.fromStatus(500, none, deep)
                e.shouldBeInstanceOf<InternalException>()
                e.errorMessage().length shouldBeLessThanOrEqual 201
                e.errorMessage() shouldBe "[".repeat(ErrorResponses.MAX_SNIPPET) + "…"
            }

            test("1 MB of words: a snippet of at most 201 characters ending with …") {
                val huge = "word ".repeat(200_000)
                val e = errors.fromStatus(502, none, huge)
                e.shouldBeInstanceOf<ProviderException>()
                e.errorMessage().length shouldBeLessThanOrEqual 201
                e.errorMessage() shouldEndWith "…"
                e.errorMessage() shouldStartWith "word word"
                e.message!!.length shouldBeLessThanOrEqual 300
            }

            test("binary") {
                val binary =
                    String(byteArrayOf(0, 1, 2, 0xFF.toByte(), 127, 10, 13), Charsets.ISO_8859_1)
                val e = errors.fromStatus(502, none, binary)
                e.shouldBeInstanceOf<ProviderException>()
                e.errorMessage().length shouldBeLessThanOrEqual 201
            }

            test("truncated JSON: the text itself as the message") {
                val e = errors.fromStatus(400, none, """{"error": {"message": "cut""")
                e.shouldBeInstanceOf<InvalidRequestException>()
                e.errorMessage() shouldBe """{"error": {"message": "cut"""
            }
        }

        context("the message names status, code and request id, never the body's markup") {
            test("HTTP status") {
                val e =
                    errors.fromStatus(
                        429,
                        req42,
                        """{"error":{"message":"Rate limit exceeded","code":"rate_limit_exceeded"}}""",
                    )
                e.message shouldBe "429 rate_limit_exceeded: Rate limit exceeded (request req_42)"
                e.requestId() shouldBe "req_42"
            }

            test("an HTML page's markup stays out of the message") {
                val e =
                    errors.fromStatus(
                        502,
                        req42,
                        "<html><head><title>Bad Gateway</title></head><body><h1>nginx</h1></body></html>",
                    )
                e.message shouldBe "502: Bad Gateway (request req_42)"
                val untitled =
                    errors.fromStatus(
                        503,
                        req42,
                        "<!DOCTYPE html><html><body><div class=\"x\"><p>Service <em>down</em></p></div></body></html>",
                    )
                untitled.message shouldBe "503: Service down (request req_42)"
                e.message!! shouldStartWith "502"
                e.message!! shouldContain "(request req_42)"
                withClue(e.message) { e.message!!.contains('<') shouldBe false }
            }

            test("an error event in a stream") {
                val e =
                    errors.fromErrorEvent(
                        """{"error":{"code":"overloaded","message":"busy"}}""",
                        req42,
                        null,
                    )
                e.message shouldBe "error in stream overloaded: busy (request req_42)"
                e.shouldBeInstanceOf<ServiceUnavailableException>()
                e.partialResult().shouldBeNull()
            }

            test("a stream error with nothing to say still says it is one") {
                val e = errors.fromErrorEvent("", none, null)
                e.shouldBeInstanceOf<StreamErrorException>()
                e.errorMessage() shouldBe "the server reported an error in the stream"
                e.message shouldBe "error in stream: the server reported an error in the stream"
            }
        }

        context("body() keeps the raw text") {
            test("as sent, for every entry point") {
                val text = """{"error": {"code": 400, "message": "Invalid model specified"}}"""
                errors.fromStatus(400, none, text).body() shouldBe text
                errors.fromErrorEvent(text, none, null).body() shouldBe text
                errors.fromSuccessBody(parse(text), text, none).body() shouldBe text
                errors
                    .fromStreamError(StreamError(code = "400", message = "m"), text, none, null)
                    .body() shouldBe text
                val html = "<html><title>down</title></html>"
                errors.fromStatus(502, none, html).body() shouldBe html
            }

            test("cut at 64 Ki characters") {
                val long = """{"error":{"message":"""" + "a".repeat(100_000) + "\"}}"
                val cut = long.substring(0, ErrorDetails.MAX_BODY_CHARS)
                errors.fromStatus(500, none, long).body() shouldBe cut
                errors.fromErrorEvent(long, none, null).body() shouldBe cut
                errors.fromSuccessBody(parse(long), long, none).body() shouldBe cut
                val page = "<html>" + "x".repeat(200_000) + "</html>"
                val e = errors.fromStatus(502, none, page)
                e.body()!!.length shouldBe 64 * 1024
                e.body() shouldBe page.substring(0, 64 * 1024)
            }
        }

        context("the API key never reaches message, errorMessage(), body(), code()") {
            test("echoed in an HTML page's title") {
                val e =
                    errors.fromStatus(
                        401,
                        none,
                        "<html><head><title>Bad key $key</title></head></html>",
                    )
                e.shouldNotShow(key)
                e.errorMessage() shouldBe "Bad key ${Redactor.MASK}"
                e.body()!! shouldContain Redactor.MASK
            }

            test("in every field of an HTTP error body") {
                val body =
                    """{"error":{"message":"Incorrect API key provided: $key","code":"$key","type":"$key","param":"$key"}}"""
                val e = errors.fromStatus(401, none, body)
                e.shouldNotShow(key)
                e.errorMessage() shouldBe "Incorrect API key provided: ${Redactor.MASK}"
                e.code() shouldBe Redactor.MASK
            }

            test("in a body of no known shape, and in plain text") {
                errors.fromStatus(500, none, """{"echo":"$key"}""").shouldNotShow(key)
                errors.fromStatus(500, none, "key=$key").shouldNotShow(key)
            }

            test("in an error event's data") {
                val data = """{"error":{"message":"key $key","code":"$key"}}"""
                errors.fromErrorEvent(data, none, null).shouldNotShow(key)
            }

            test("in a stream error's fields and its data") {
                val data = """{"choices":[],"error":{"code":"$key","message":"$key"}}"""
                val e =
                    errors.fromStreamError(
                        StreamError(code = key, type = key, message = "bad $key", param = key),
                        data,
                        none,
                        null,
                    )
                e.shouldNotShow(key)
                e.errorMessage() shouldBe "bad ${Redactor.MASK}"
                e.code() shouldBe Redactor.MASK
                e.body() shouldBe data.replace(key, Redactor.MASK)
            }

            test("in a 200 body's error object") {
                val text =
                    """{"error":{"message":"bad $key","code":"$key","type":"$key","param":"$key"}}"""
                val e = errors.fromSuccessBody(parse(text), text, none)
                e.shouldNotShow(key)
                e.errorMessage() shouldBe "bad ${Redactor.MASK}"
            }

            // A JSON string may spell any character as a \u escape: the raw text then holds no key,
            // but the parsed message does. fromSuccessBody and fromStreamError redact the parsed
            // fields; fromStatus and fromErrorEvent redact only the raw text before parsing it.
            test("spelled with JSON escapes, in a 200 body's error object") {
                val escaped = key.replace("-", "\\u002d")
                val text = """{"error":{"message":"bad $escaped","code":"$escaped"}}"""
                val e = errors.fromSuccessBody(parse(text), text, none)
                e.shouldNotShow(key)
            }

            // Found by this spec: redacting only the raw text let the decoded key reach the
            // message as "401 sk-secret-key-123456: bad sk-secret-key-123456".
            test("spelled with JSON escapes, in an HTTP error body or an error event's data") {
                val escaped = key.replace("-", "\\u002d")
                val body = """{"error":{"message":"bad $escaped","code":"$escaped"}}"""
                errors.fromStatus(401, none, body).shouldNotShow(key)
                errors.fromErrorEvent(body, none, null).shouldNotShow(key)
            }
        }

        context("numeric codes") {
            test("400.0 reads 400, from a body, an event and a stream error") {
                val e = errors.fromStatus(400, none, """{"error":{"code":400.0,"message":"m"}}""")
                e.code() shouldBe "400"
                e.shouldBeInstanceOf<InvalidRequestException>()
                e.message shouldBe "400: m"

                val event = errors.fromErrorEvent("""{"error":{"code":503.0}}""", none, null)
                event.code() shouldBe "503"
                event.shouldBeInstanceOf<ServiceUnavailableException>()

                errors
                    .fromStreamError(StreamError(code = "429.0"), "{}", none, null)
                    .shouldBeInstanceOf<RateLimitException>()
                    .code() shouldBe "429"

                val text = """{"error":{"code":503.0}}"""
                errors.fromSuccessBody(parse(text), text, none).code() shouldBe "503"
            }

            test("other numbers keep their spelling") {
                errors
                    .fromStatus(400, none, """{"error":{"code":400.5,"message":"m"}}""")
                    .code() shouldBe "400.5"
                errors.fromStatus(400, none, """{"error":{"code":-1.0}}""").code() shouldBe "-1.0"
            }
        }

        context("a 200 body with an error (create) is not a stream error") {
            test("status 200, not a stream error, classified by its code, no partial result") {
                val text = """{"error":{"code":"overloaded","message":"busy"}}"""
                val e = errors.fromSuccessBody(parse(text), text, req42)
                e.shouldBeInstanceOf<ServiceUnavailableException>()
                e.isStreamError shouldBe false
                e.statusCode() shouldBe 200
                e.errorMessage() shouldBe "busy"
                e.message shouldBe "200 overloaded: busy (request req_42)"
                e.partialResult().shouldBeNull()
                e.body() shouldBe text
            }

            test("an error object of no known shape") {
                val text = """{"error":{"detail":"x"}}"""
                val e = errors.fromSuccessBody(parse(text), text, none)
                e.isStreamError shouldBe false
                e.statusCode() shouldBe 200
                e.errorMessage() shouldBe "the server answered 200 with an error object"
            }
        }

        context("errors in a stream carry the partial result passed in") {
            val partial = ChatCompletion(id = "chatcmpl-partial")

            test("fromErrorEvent") {
                val e =
                    errors.fromErrorEvent(
                        """{"error":{"code":"server_error","message":"gone"}}""",
                        req42,
                        partial,
                    )
                e.isStreamError shouldBe true
                e.statusCode() shouldBe 200
                e.partialResult() shouldBeSameInstanceAs partial
                e.partialResult(ChatCompletion::class.java) shouldBeSameInstanceAs partial
                e.requestId() shouldBe "req_42"
            }

            test("fromStreamError") {
                val e =
                    errors.fromStreamError(
                        StreamError(code = "server_error", message = "gone"),
                        """{"choices":[],"error":{"code":"server_error","message":"gone"}}""",
                        req42,
                        partial,
                    )
                e.shouldBeInstanceOf<InternalException>()
                e.isStreamError shouldBe true
                e.statusCode() shouldBe 200
                e.errorMessage() shouldBe "gone"
                e.message shouldBe "error in stream server_error: gone (request req_42)"
                e.partialResult() shouldBeSameInstanceAs partial
            }

            test(
                "a partial result of another type is kept, and reads as null as a ChatCompletion"
            ) {
                val other = object : PartialResult {}
                val e = errors.fromErrorEvent("""{"error":{"message":"x"}}""", none, other)
                e.partialResult() shouldBeSameInstanceAs other
                e.partialResult(ChatCompletion::class.java).shouldBeNull()
            }
        }
    })
