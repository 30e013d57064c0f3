package ai.auriko.client

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.partialCompletion
import ai.auriko.client.testing.Delivery
import ai.auriko.client.testing.MockClient
import ai.auriko.client.testing.WireFixture
import ai.auriko.client.testing.WireFixtures
import ai.auriko.client.testing.respondFixture
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.errors.StreamInterruptedException
import ai.auriko.http.ResponseHeaders
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import kotlinx.coroutines.coroutineScope
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.longOrNull

/**
 * Every wire recording (`test-support`), through `stream` (and, for HTTP errors, `create`), with
 * the body delivered whole and one byte per read, checked against its `expect`.
 */
class FixtureStreamSpec :
    FunSpec({
        for (fixture in WireFixtures.all) {
            for (delivery in Delivery.values()) {
                test("stream: ${fixture.name} ($delivery)") {
                    coroutineScope {
                        MockClient(
                                { respondFixture(fixture, delivery, this@coroutineScope) },
                                { maxRetries = 0 },
                            )
                            .use { mock ->
                                val stream = mock.client.chat.completions.stream(fixtureRequest())
                                val chunks = mutableListOf<ChatCompletionChunk>()
                                val failure =
                                    runCatching { stream.collect { chunks += it } }
                                        .exceptionOrNull()
                                val expect = fixture.expect
                                when (expect.string("outcome")) {
                                    "complete" -> {
                                        withClue("stream failed: $failure") {
                                            failure shouldBe null
                                        }
                                        val completion = stream.completion.shouldNotBeNull()
                                        checkComplete(
                                            fixture,
                                            completion,
                                            chunks,
                                            stream.responseHeaders.shouldNotBeNull(),
                                        )
                                    }
                                    else -> checkError(fixture, failure.shouldNotBeNull())
                                }
                            }
                    }
                }
            }
            if (fixture.name.startsWith("http-")) {
                test("create: ${fixture.name}") {
                    coroutineScope {
                        MockClient(
                                { respondFixture(fixture, Delivery.WHOLE, this@coroutineScope) },
                                { maxRetries = 0 },
                            )
                            .use { mock ->
                                val failure =
                                    runCatching {
                                            mock.client.chat.completions.create(fixtureRequest())
                                        }
                                        .exceptionOrNull()
                                checkError(fixture, failure.shouldNotBeNull())
                            }
                    }
                }
            }
        }
    })

internal fun fixtureRequest() =
    ai.auriko.request.chat.ChatCompletionRequest.builder()
        .model("gpt-4o")
        .addMessage(ai.auriko.request.chat.ChatMessage.user("Hello"))
        .build()

private fun JsonObject.string(key: String): String? =
    (this[key] as? kotlinx.serialization.json.JsonPrimitive)?.takeIf { it !is JsonNull }?.content

private fun JsonObject.long(key: String): Long? =
    (this[key] as? kotlinx.serialization.json.JsonPrimitive)?.longOrNull

private fun JsonObject.has(key: String) = containsKey(key)

fun checkComplete(
    fixture: WireFixture,
    completion: ChatCompletion,
    chunks: List<ChatCompletionChunk>,
    headers: ResponseHeaders,
) {
    val e = fixture.expect
    val choice0 = completion.choices.firstOrNull()
    withClue(fixture.name) {
        if (e.has("content")) choice0?.message?.content.orEmpty() shouldBe e.string("content")
        if (e.has("role")) choice0?.message?.role shouldBe e.string("role")
        if (e.has("reasoning")) choice0?.message?.reasoningContent shouldBe e.string("reasoning")
        if (e.has("reasoning_signature"))
            choice0?.message?.reasoningSignature shouldBe e.string("reasoning_signature")
        if (e.has("reasoning_redacted_data"))
            choice0?.message?.reasoningRedactedData shouldBe e.string("reasoning_redacted_data")
        if (e.has("finish_reason")) choice0?.finishReason shouldBe e.string("finish_reason")
        if (e.has("native_finish_reason"))
            choice0?.nativeFinishReason shouldBe e.string("native_finish_reason")
        (e["usage"] as? JsonObject)?.let { u ->
            val usage = completion.usage.shouldNotBeNull()
            usage.promptTokens shouldBe u.long("prompt_tokens")
            usage.completionTokens shouldBe u.long("completion_tokens")
            usage.totalTokens shouldBe u.long("total_tokens")
            if (u.has("cached_tokens")) usage.cachedTokens shouldBe u.long("cached_tokens")
            if (u.has("reasoning_tokens")) usage.reasoningTokens shouldBe u.long("reasoning_tokens")
        }
        (e["routing_metadata"] as? JsonObject)?.let { r ->
            val meta = completion.routingMetadata.shouldNotBeNull()
            if (r.has("provider")) meta.provider shouldBe r.string("provider")
            if (r.has("routing_strategy"))
                meta.routingStrategy shouldBe r.string("routing_strategy")
            if (r.has("cost_usd"))
                meta.cost?.usd shouldBe java.math.BigDecimal(r.string("cost_usd")!!)
        }
        (e["headers"] as? JsonObject)?.let { h ->
            if (h.has("request_id")) headers.requestId() shouldBe h.string("request_id")
            if (h.has("rate_limit_remaining"))
                headers.rateLimitRemaining() shouldBe h.long("rate_limit_remaining")
            if (h.has("rate_limit_limit"))
                headers.rateLimitLimit() shouldBe h.long("rate_limit_limit")
            if (h.has("rate_limit_reset"))
                headers.rateLimitReset() shouldBe h.string("rate_limit_reset")
            if (h.has("credits_balance_microdollars"))
                headers.creditsBalanceMicrodollars() shouldBe h.long("credits_balance_microdollars")
            if (h.has("provider_used")) headers.providerUsed() shouldBe h.string("provider_used")
            if (h.has("routing_strategy"))
                headers.routingStrategy() shouldBe h.string("routing_strategy")
            completion.responseHeaders shouldBe headers
        }
        (e["tool_calls"] as? JsonArray)?.let { expected ->
            val calls = choice0.shouldNotBeNull().message.toolCalls
            calls.size shouldBe expected.size
            expected.forEachIndexed { i, el ->
                val x = el.jsonObject
                calls[i].id shouldBe x.string("id")
                calls[i].type shouldBe x.string("type")
                calls[i].function.name shouldBe x.string("name")
                calls[i].function.arguments shouldBe x.string("arguments")
            }
        }
        (e["choices"] as? JsonArray)?.let { expected ->
            completion.choices.size shouldBe expected.size
            expected.forEach { el ->
                val x = el.jsonObject
                val c = completion.choices.single { it.index.toLong() == x.long("index") }
                c.message.content shouldBe x.string("content")
                c.finishReason shouldBe x.string("finish_reason")
            }
        }
        if (e.has("chunks_with_choices"))
            chunks.count { it.choices.isNotEmpty() }.toLong() shouldBe e.long("chunks_with_choices")
        if (e.has("chunks_total")) chunks.size.toLong() shouldBe e.long("chunks_total")
    }
}

fun checkError(fixture: WireFixture, failure: Throwable) {
    val error = fixture.expect["error"]!!.jsonObject
    withClue("${fixture.name}: $failure") {
        failure.shouldBeInstanceOf<AurikoException>()
        if (error.has("request_id")) failure.requestId() shouldBe error.string("request_id")
        when (error.string("kind")) {
            "http" -> {
                val e = failure.shouldBeInstanceOf<AurikoApiException>()
                e.javaClass.simpleName shouldBe error.string("type") + "Exception"
                e.statusCode().toLong() shouldBe error.long("status")
                e.isStreamError shouldBe false
                e.retryAfter() shouldBe
                    error.long("retry_after_seconds")?.let { Duration.ofSeconds(it) }
                withClue("a message, even for an HTML page") {
                    e.errorMessage().isNotEmpty() shouldBe true
                }
                val message = e.message.shouldNotBeNull()
                message shouldStartWith fixture.status.toString()
                withClue("HTML is reduced to a snippet") { message shouldNotContain "<" }
                e.requestId()?.let { message shouldContain it }
                e.body() shouldBe String(fixture.body, Charsets.UTF_8)
                for ((name, value) in fixture.headers) e.headers().get(name) shouldBe value
            }
            "mid_stream" -> {
                val e = failure.shouldBeInstanceOf<AurikoApiException>()
                e.isStreamError shouldBe true
                e.statusCode() shouldBe 200
                e.code() shouldBe error.string("code")
                e.errorMessage() shouldBe error.string("message")
                e.message.shouldNotBeNull() shouldContain error.string("message")!!
                // The error event's data, which names the message — or, when the server sent no
                // message (a bare `finish_reason: "error"`), the part of it that said so.
                e.body().shouldNotBeNull() shouldContain
                    (error.string("body_contains") ?: error.string("message")!!)
                e.partialCompletion.shouldNotBeNull().content shouldBe
                    error.string("partial_content")
            }
            "interrupted" -> {
                val e = failure.shouldBeInstanceOf<StreamInterruptedException>()
                e.partialCompletion.shouldNotBeNull().content shouldBe
                    error.string("partial_content")
            }
            else -> error("unknown error kind in ${fixture.name}")
        }
    }
}
