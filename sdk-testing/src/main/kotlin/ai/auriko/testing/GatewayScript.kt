package ai.auriko.testing

import ai.auriko.testing.internal.ScriptAnswer
import ai.auriko.testing.internal.ScriptStep
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * What the fake gateway answers to one request, built once and immutable.
 *
 * A script describes a successful answer — reasoning, content in the exact fragments given, tool
 * calls, usage, routing metadata, response headers, pacing, keep-alives — or a failure: an error
 * event in the middle of the stream, a stream cut short, or an HTTP error. A streaming request
 * (`"stream": true`) gets the answer as gateway SSE; a non-streaming `create` gets the same answer
 * as one `chat.completion` JSON body.
 *
 * The same script answers a Responses API request (`POST …/responses`) in that API's wire format:
 * `response.*` stream events, or one `response` object when not streamed. Reasoning becomes a
 * `reasoning` item's summary, content a `message` item's `output_text`, each tool call a
 * `function_call` item (its id is the `call_id`); usage and `routing_metadata` are on the final
 * response, a `length` finish reason ends it as `response.incomplete` (`max_output_tokens`), and an
 * [Builder.errorEvent] is an `event: error`. Pacing, pauses, keep-alives, truncation, headers and
 * HTTP errors are the same for both APIs.
 *
 * Kotlin builds one with [gatewayScript] or straight in `gateway.enqueue { … }`; Java with `new
 * GatewayScript.Builder()…build()`.
 */
public class GatewayScript private constructor(builder: Builder) {
    internal val steps: List<ScriptStep> = builder.steps.toList()
    internal val pacingNanos: Long = builder.pacingNanos
    internal val headers: List<Pair<String, String>> = builder.headers.toList()
    internal val defaultRequestId: Boolean = builder.defaultRequestId
    internal val model: String? = builder.model
    internal val completionId: String? = builder.completionId
    internal val finishReason: String? = builder.finishReason
    internal val nativeFinishReason: String? = builder.nativeFinishReason
    internal val usage: UsageSpec? = builder.usage
    internal val routing: RoutingSpec? = builder.routing?.copy()
    internal val httpError: HttpErrorSpec? = builder.httpError

    /** True when this script answers with an HTTP error instead of a completion. */
    public val isHttpError: Boolean
        get() = httpError != null

    /** A short description for assertion messages; never includes request data. */
    override fun toString(): String =
        when (val e = httpError) {
            null -> "GatewayScript(${steps.size} steps)"
            else -> "GatewayScript(HTTP ${e.status})"
        }

    internal class UsageSpec(
        val prompt: Long,
        val completion: Long,
        val cached: Long,
        val reasoning: Long,
    )

    internal class RoutingSpec {
        var provider: String? = null
        var providerModelId: String? = null
        var modelCanonical: String? = null
        var strategy: String? = null
        var ttftMs: Double? = null
        var throughputTps: Double? = null
        var costUsd: java.math.BigDecimal? = null
        val warnings: MutableList<Triple<String, String, String>> = mutableListOf()

        /** A copy, so a built script does not change when its builder does. */
        fun copy(): RoutingSpec =
            RoutingSpec().also {
                it.provider = provider
                it.providerModelId = providerModelId
                it.modelCanonical = modelCanonical
                it.strategy = strategy
                it.ttftMs = ttftMs
                it.throughputTps = throughputTps
                it.costUsd = costUsd
                it.warnings += warnings
            }
    }

    internal class HttpErrorSpec(val status: Int, val contentType: String, val body: String)

    /**
     * Builds a [GatewayScript]. Steps are played in the order they are added; a finish chunk, the
     * usage chunk, the routing-metadata chunk and `[DONE]` follow them unless the script ended
     * early ([errorEvent], [truncate]). Not thread-safe: build on one thread.
     */
    public class Builder {
        internal val steps = mutableListOf<ScriptStep>()
        internal var pacingNanos = 0L
        internal val headers = mutableListOf<Pair<String, String>>()
        internal var defaultRequestId = true
        internal var model: String? = null
        internal var completionId: String? = null
        internal var finishReason: String? = null
        internal var nativeFinishReason: String? = null
        internal var usage: UsageSpec? = null
        internal var routing: RoutingSpec? = null
        internal var httpError: HttpErrorSpec? = null
        private var toolCalls = 0

        /**
         * Streams [fragments] as content, one chunk per fragment, exactly as given; for a Responses
         * request, a message item's `output_text`, one delta per fragment.
         */
        public fun content(vararg fragments: String): Builder = apply {
            fragments.forEach { steps += ScriptStep.Content(it) }
        }

        /**
         * Streams [fragments] as reasoning (`reasoning_content`), one chunk per fragment; for a
         * Responses request, a reasoning item's summary, one delta per fragment.
         */
        public fun reasoning(vararg fragments: String): Builder = apply {
            fragments.forEach { steps += ScriptStep.Reasoning(it) }
        }

        /**
         * Streams the signature that closes the current thinking block (`reasoning_signature`), in
         * one chunk, exactly as given; call it after each block's [reasoning] for several blocks. A
         * non-streamed answer carries it as `reasoning_signature`: the string when the script has
         * one, an array in order when it has several. A Responses answer leaves it out.
         */
        public fun reasoningSignature(signature: String): Builder = apply {
            steps += ScriptStep.ReasoningSignature(signature)
        }

        /**
         * Streams a redacted thinking block (`reasoning_redacted_data`), opaque data in one chunk,
         * exactly as given. A non-streamed answer carries it like [reasoningSignature]; a Responses
         * answer leaves it out.
         */
        public fun redactedReasoning(data: String): Builder = apply {
            steps += ScriptStep.RedactedReasoning(data)
        }

        /**
         * Streams a function call: a first chunk with [id] and [name], then one chunk per argument
         * fragment. Each call gets the next tool index, so several calls are parallel tool calls;
         * the finish reason becomes `tool_calls` unless set with [finishReason]. For a Responses
         * request, a `function_call` item whose `call_id` is [id].
         */
        public fun toolCall(id: String, name: String, vararg argumentFragments: String): Builder =
            apply {
                val index = toolCalls++
                steps += ScriptStep.ToolCallStart(index, id, name)
                argumentFragments.forEach { steps += ScriptStep.ToolArguments(index, it) }
            }

        /**
         * Streams two or more complete tool calls interleaved fragment by fragment, as providers
         * that run calls in parallel do: every call's first chunk, then fragment i of each call in
         * turn. [calls] holds, per call, its id, its name and then its argument fragments.
         */
        public fun parallelToolCalls(vararg calls: List<String>): Builder = apply {
            require(calls.all { it.size >= 2 }) { "each call is id, name, argument fragments…" }
            val first = toolCalls
            calls.forEachIndexed { i, c ->
                steps += ScriptStep.ToolCallStart(first + i, c[0], c[1])
            }
            toolCalls += calls.size
            val rounds = calls.maxOf { it.size - 2 }
            for (round in 0 until rounds) {
                calls.forEachIndexed { i, c ->
                    c.getOrNull(round + 2)?.let { steps += ScriptStep.ToolArguments(first + i, it) }
                }
            }
        }

        /**
         * The finish reason of the final chunk (default `stop`, or `tool_calls` after a tool call),
         * and the provider's own. A Responses answer has no finish reason: `length` makes it
         * `incomplete` with `incomplete_details.reason` `max_output_tokens` (`content_filter`
         * likewise), any other is `completed`.
         */
        @JvmOverloads
        public fun finishReason(reason: String, nativeReason: String? = null): Builder = apply {
            finishReason = reason
            nativeFinishReason = nativeReason
        }

        /**
         * Sends a usage chunk (and `usage` in a non-streamed answer) with these token counts; a
         * Responses answer reports them as `input_tokens`, `output_tokens` and their details.
         */
        @JvmOverloads
        public fun usage(
            promptTokens: Long,
            completionTokens: Long,
            cachedTokens: Long = 0,
            reasoningTokens: Long = 0,
        ): Builder = apply {
            usage = UsageSpec(promptTokens, completionTokens, cachedTokens, reasoningTokens)
        }

        private fun routing(): RoutingSpec = routing ?: RoutingSpec().also { routing = it }

        /**
         * Routing metadata: the provider that served the answer. Any routing setter makes the
         * script send a `routing_metadata` chunk (on a Responses answer, the final response's
         * `routing_metadata`).
         */
        public fun provider(provider: String): Builder = apply { routing().provider = provider }

        /** Routing metadata: the provider's id for the model (`provider_model_id`). */
        public fun providerModelId(id: String): Builder = apply { routing().providerModelId = id }

        /** Routing metadata: the canonical model name (`model_canonical`). */
        public fun modelCanonical(model: String): Builder = apply {
            routing().modelCanonical = model
        }

        /** Routing metadata: the strategy the gateway applied (`routing_strategy`). */
        public fun routingStrategy(strategy: String): Builder = apply {
            routing().strategy = strategy
        }

        /**
         * Routing metadata: the cost in US dollars (`cost.usd`), written in plain notation with the
         * digits the double's shortest form has (`0.00001`, not `1.0E-5` or `0.000010`).
         */
        public fun costUsd(usd: Double): Builder =
            costUsd(
                usd.toBigDecimal().stripTrailingZeros().let {
                    if (it.scale() < 0) it.setScale(0) else it
                }
            )

        /** Routing metadata: the cost in US dollars (`cost.usd`), written exactly as given. */
        public fun costUsd(usd: java.math.BigDecimal): Builder = apply { routing().costUsd = usd }

        /** Routing metadata: time to first token in milliseconds (`ttft_ms`). */
        public fun ttftMs(ms: Double): Builder = apply { routing().ttftMs = ms }

        /** Routing metadata: generation speed in tokens per second (`throughput_tps`). */
        public fun throughputTps(tps: Double): Builder = apply { routing().throughputTps = tps }

        /** Routing metadata: a warning, such as a dropped parameter. */
        public fun routingWarning(type: String, code: String, message: String): Builder = apply {
            routing().warnings += Triple(type, code, message)
        }

        /**
         * Adds a response header (repeatable); `x-request-id` defaults to a fresh `req_fake_<n>`.
         */
        public fun header(name: String, value: String): Builder = apply { headers += name to value }

        /** Sets the `x-request-id` response header. */
        public fun requestId(id: String): Builder = header("x-request-id", id)

        /**
         * Leaves out the `x-request-id` the fake gateway otherwise adds (`req_fake_<n>`), so the
         * answer carries no request id at all — as from an OpenAI-compatible server that sends none
         * — and the client's `requestId()` is `null`. An id set with [requestId] or [header] is
         * still sent.
         */
        public fun noRequestId(): Builder = apply { defaultRequestId = false }

        /**
         * The `model` field of the answer; by default the request's `model` (or its first `models`
         * entry).
         */
        public fun model(model: String): Builder = apply { this.model = model }

        /**
         * The `id` field of the answer; by default `chatcmpl-fake-<n>`, or `resp_fake_<n>` for a
         * Responses request.
         */
        public fun completionId(id: String): Builder = apply { completionId = id }

        /** Waits [pacing] before each content, reasoning and tool-argument chunk. */
        public fun pacing(pacing: java.time.Duration): Builder = apply {
            pacingNanos = pacing.toNanos()
        }

        /** Waits [pacing] before each content, reasoning and tool-argument chunk. */
        @JvmSynthetic
        public fun pacing(pacing: Duration): Builder = apply {
            pacingNanos = pacing.inWholeNanoseconds
        }

        /**
         * Waits [duration] at this point of the stream, sending nothing (for idle and first-event
         * timeouts).
         */
        public fun pause(duration: java.time.Duration): Builder = pause(duration.toKotlinDuration())

        /**
         * Waits [duration] at this point of the stream, sending nothing (for idle and first-event
         * timeouts).
         */
        @JvmSynthetic
        public fun pause(duration: Duration): Builder = apply {
            steps += ScriptStep.Pause(duration.inWholeNanoseconds)
        }

        /**
         * Sends an SSE comment (`: keep-alive`) at this point, as the gateway does while a provider
         * thinks.
         */
        @JvmOverloads
        public fun keepAlive(text: String = "keep-alive"): Builder = apply {
            steps += ScriptStep.Comment(text)
        }

        /**
         * Sends [event] as it is, for example a chunk with fields the SDK does not know yet; it
         * must end with a blank line.
         */
        public fun rawEvent(event: String): Builder = apply { steps += ScriptStep.Raw(event) }

        /**
         * Ends the stream here with the gateway's in-stream error: a chunk whose finish reason is
         * `error` and whose top-level `error` carries [code] and [message]; no `[DONE]` follows. A
         * Responses stream gets `event: error` with [code] and [message] and ends. A non-streamed
         * request gets HTTP 500 with that error instead.
         */
        public fun errorEvent(code: String, message: String): Builder = apply {
            steps += ScriptStep.Error(code, message)
        }

        /**
         * Ends the body here, with no finish chunk and no `[DONE]` (for a Responses request, no
         * terminal `response.*` event): the connection was cut. The loopback server closes the
         * socket without ending the chunked body; in memory the body just ends. A non-streamed
         * request gets the first half of its JSON body.
         */
        public fun truncate(): Builder = apply { steps += ScriptStep.Truncate }

        /**
         * Answers with HTTP [status] and the gateway's JSON error body (`{"error":{…}}`) instead of
         * a completion. Add [retryAfter] or [header] for `Retry-After` and rate-limit headers.
         */
        @JvmOverloads
        public fun httpError(
            status: Int,
            code: String,
            message: String,
            type: String = defaultType(status),
        ): Builder = apply {
            httpError =
                HttpErrorSpec(
                    status,
                    "application/json",
                    ScriptAnswer.errorBody(code, message, type),
                )
        }

        /**
         * Answers with HTTP [status] and [body] as it is, for example an HTML page from a proxy.
         */
        public fun rawResponse(status: Int, contentType: String, body: String): Builder = apply {
            httpError = HttpErrorSpec(status, contentType, body)
        }

        /** Adds `Retry-After: <seconds>` to the response. */
        public fun retryAfter(seconds: Long): Builder = header("Retry-After", seconds.toString())

        /** The script. The builder can be changed and built again afterwards. */
        public fun build(): GatewayScript = GatewayScript(this)

        private fun defaultType(status: Int): String =
            when (status) {
                400,
                404,
                422 -> "invalid_request_error"
                401 -> "authentication_error"
                402 -> "insufficient_credits"
                403 -> "permission_error"
                429 -> "rate_limit_error"
                else -> "server_error"
            }
    }
}

/**
 * Builds a [GatewayScript] with the Kotlin DSL: `gatewayScript { content("Hel", "lo"); usage(3, 2)
 * }`.
 */
@JvmSynthetic
public fun gatewayScript(block: GatewayScript.Builder.() -> Unit): GatewayScript =
    GatewayScript.Builder().apply(block).build()
