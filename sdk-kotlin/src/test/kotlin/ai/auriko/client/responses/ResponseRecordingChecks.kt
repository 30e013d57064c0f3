package ai.auriko.client.responses

import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.testing.WireFixture
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.errors.StreamInterruptedException
import ai.auriko.http.ResponseHeaders
import io.kotest.assertions.withClue
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull

/*
 * The expectations of the Responses wire recordings (test-support, `fixtures/responses/`, whose
 * README lists the keys), checked against what a run produced: the events the caller received and
 * the result, or the failure. Shared by every way a recording is run (codec, Flow, Java iterator).
 */

private fun JsonObject.string(key: String): String? =
    (this[key] as? JsonPrimitive)?.takeIf { it !is JsonNull }?.content

private fun JsonObject.long(key: String): Long? = (this[key] as? JsonPrimitive)?.longOrNull

private fun JsonObject.double(key: String): Double? = (this[key] as? JsonPrimitive)?.doubleOrNull

private fun JsonObject.strings(key: String): List<String>? =
    (this[key] as? JsonArray)?.map { it.jsonPrimitive.content }

/** The outcome a recording expects: `complete` or `error`. */
fun WireFixture.expectedOutcome(): String = expect.string("outcome")!!

/**
 * Checks a run that completed: [response] is its result, [events] what the caller received (`null`
 * when the run gave no events, such as `create` or `toResponse()`).
 */
fun checkResponseComplete(
    fixture: WireFixture,
    response: Response,
    events: List<ResponseStreamEvent>?,
    headers: ResponseHeaders,
) {
    val e = fixture.expect
    withClue("${fixture.name}: $response") {
        if (events != null) e.strings("event_types")?.let { events.map { it.type } shouldBe it }
        if (e.containsKey("response_id")) response.id shouldBe e.string("response_id")
        if (e.containsKey("model")) response.model shouldBe e.string("model")
        if (e.containsKey("status")) response.status shouldBe e.string("status")
        if (e.containsKey("incomplete_reason"))
            response.incompleteDetails?.reason shouldBe e.string("incomplete_reason")
        if (e.containsKey("output_text")) response.outputText shouldBe e.string("output_text")
        if (e.containsKey("refusal"))
            response.output
                .filterIsInstance<ResponseOutputItem.Message>()
                .flatMap { it.content }
                .filterIsInstance<ResponseContentPart.Refusal>()
                .joinToString("") { it.refusal } shouldBe e.string("refusal")
        e.strings("output_types")?.let { response.output.map { it.type } shouldBe it }
        e.strings("part_types")?.let {
            response.output.filterIsInstance<ResponseOutputItem.Message>().flatMap { m ->
                m.content.map { p -> p.type }
            } shouldBe it
        }
        (e["function_calls"] as? JsonArray)?.let { expected ->
            val calls = response.functionCalls
            calls.map { it.name } shouldBe expected.map { it.jsonObject.string("name") }
            expected.forEachIndexed { i, el ->
                val x = el.jsonObject
                calls[i].callId shouldBe x.string("call_id")
                calls[i].name shouldBe x.string("name")
                calls[i].arguments shouldBe x.string("arguments")
            }
        }
        if (e.containsKey("reasoning_summary"))
            response.output.filterIsInstance<ResponseOutputItem.Reasoning>().joinToString("\n\n") {
                it.summaryText
            } shouldBe e.string("reasoning_summary")
        checkUsageAndRouting(fixture, response.usage, response.routingMetadata)
        (e["headers"] as? JsonObject)?.let { h ->
            checkHeaders(h, headers)
            response.responseHeaders shouldBe headers
        }
    }
}

/**
 * Checks the expected `usage` and `routing_metadata` against [usage] and [routing], as a stream's
 * accessors report them.
 */
fun checkUsageAndRouting(fixture: WireFixture, usage: ResponseUsage?, routing: RoutingMetadata?) {
    val e = fixture.expect
    withClue("${fixture.name}: usage $usage, routing $routing") {
        checkUsage(e["usage"], usage)
        if (e.containsKey("routing_metadata")) {
            val r = e["routing_metadata"] as? JsonObject
            if (r == null) routing.shouldBeNull()
            else {
                val meta = routing.shouldNotBeNull()
                if (r.containsKey("provider")) meta.provider shouldBe r.string("provider")
                if (r.containsKey("provider_model_id"))
                    meta.providerModelId shouldBe r.string("provider_model_id")
                if (r.containsKey("model_canonical"))
                    meta.modelCanonical shouldBe r.string("model_canonical")
                if (r.containsKey("routing_strategy"))
                    meta.routingStrategy shouldBe r.string("routing_strategy")
                if (r.containsKey("ttft_ms")) meta.ttftMs shouldBe r.double("ttft_ms")
                if (r.containsKey("cost_usd"))
                    meta.cost?.usd?.toDouble() shouldBe r.double("cost_usd")
                if (r.containsKey("billable_cost_usd"))
                    meta.cost?.billableCostUsd?.toDouble() shouldBe r.double("billable_cost_usd")
                r.strings("warning_codes")?.let { meta.warnings.map { w -> w.code } shouldBe it }
            }
        }
    }
}

private fun checkUsage(expected: Any?, usage: ResponseUsage?) {
    val u = expected as? JsonObject ?: return
    val actual = usage.shouldNotBeNull()
    actual.inputTokens shouldBe u.long("input_tokens")
    actual.outputTokens shouldBe u.long("output_tokens")
    actual.totalTokens shouldBe u.long("total_tokens")
    if (u.containsKey("cached_tokens")) actual.cachedTokens shouldBe u.long("cached_tokens")
    if (u.containsKey("reasoning_tokens"))
        actual.reasoningTokens shouldBe u.long("reasoning_tokens")
}

private fun checkHeaders(h: JsonObject, headers: ResponseHeaders) {
    if (h.containsKey("request_id")) headers.requestId() shouldBe h.string("request_id")
    if (h.containsKey("rate_limit_remaining"))
        headers.rateLimitRemaining() shouldBe h.long("rate_limit_remaining")
    if (h.containsKey("rate_limit_limit"))
        headers.rateLimitLimit() shouldBe h.long("rate_limit_limit")
    if (h.containsKey("rate_limit_reset"))
        headers.rateLimitReset() shouldBe h.string("rate_limit_reset")
    if (h.containsKey("credits_balance_microdollars"))
        headers.creditsBalanceMicrodollars() shouldBe h.long("credits_balance_microdollars")
    if (h.containsKey("provider_used")) headers.providerUsed() shouldBe h.string("provider_used")
    if (h.containsKey("routing_strategy"))
        headers.routingStrategy() shouldBe h.string("routing_strategy")
}

/**
 * Checks a run that failed with [failure], after the caller received [events] (`null` when the run
 * gave no events).
 */
fun checkResponseError(
    fixture: WireFixture,
    failure: Throwable,
    events: List<ResponseStreamEvent>?,
) {
    val error = fixture.expect["error"]!!.jsonObject
    withClue("${fixture.name}: $failure") {
        if (events != null)
            fixture.expect.strings("event_types")?.let { events.map { it.type } shouldBe it }
        failure.shouldBeInstanceOf<AurikoException>()
        if (error.containsKey("request_id")) failure.requestId() shouldBe error.string("request_id")
        val kind = error.string("kind")
        when (kind) {
            "http" -> {
                val e = failure.shouldBeInstanceOf<AurikoApiException>()
                e.javaClass.simpleName shouldBe error.string("type") + "Exception"
                e.statusCode().toLong() shouldBe error.long("status")
                e.isStreamError shouldBe false
                e.retryAfter() shouldBe
                    error.long("retry_after_seconds")?.let { Duration.ofSeconds(it) }
                e.message.shouldNotBeNull() shouldStartWith fixture.status.toString()
                e.body() shouldBe String(fixture.body, Charsets.UTF_8)
                for ((name, value) in fixture.headers) e.headers().get(name) shouldBe value
                failure.partialResponse.shouldBeNull()
                events?.shouldBeEmpty()
            }
            "failed",
            "error_event" -> {
                val e = failure.shouldBeInstanceOf<AurikoApiException>()
                if (error.containsKey("type"))
                    e.javaClass.simpleName shouldBe error.string("type") + "Exception"
                e.isStreamError shouldBe true
                e.statusCode() shouldBe 200
                e.code() shouldBe error.string("code")
                e.errorMessage() shouldBe error.string("message")
                e.message.shouldNotBeNull() shouldContain error.string("message")!!
                // The event's data, which names the message.
                e.body().shouldNotBeNull() shouldContain error.string("message")!!
                checkPartial(error, failure)
                if (kind == "failed")
                    checkUsage(error["partial_usage"], failure.partialResponse?.usage)
            }
            "interrupted" -> {
                val e = failure.shouldBeInstanceOf<StreamInterruptedException>()
                error.string("message_contains")?.let {
                    e.message.shouldNotBeNull() shouldContain it
                }
                checkPartial(error, failure)
            }
            else -> error("unknown error kind $kind in ${fixture.name}")
        }
    }
}

private fun checkPartial(error: JsonObject, failure: AurikoException) {
    val partial = failure.partialResponse.shouldNotBeNull()
    if (error.containsKey("partial_status")) partial.status shouldBe error.string("partial_status")
    if (error.containsKey("partial_output_text"))
        partial.outputText shouldBe error.string("partial_output_text")
}
