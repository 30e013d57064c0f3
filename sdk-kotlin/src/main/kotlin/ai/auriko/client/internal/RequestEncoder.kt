package ai.auriko.client.internal

import ai.auriko.gateway.Extensions
import ai.auriko.gateway.RequestMetadata
import ai.auriko.gateway.RoutingOptions
import ai.auriko.json.RawJson
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.chat.ContentPart
import ai.auriko.request.chat.ResponseFormat
import ai.auriko.request.chat.Tool
import ai.auriko.request.chat.ToolChoice
import java.math.BigDecimal
import java.math.BigInteger
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonObjectBuilder
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/**
 * Encodes the sdk-java request model as the gateway's JSON, by hand and without reflection: Auriko
 * routing under `gateway.routing`, metadata under `gateway.metadata`, `extensions`, `model` or
 * `models`, `stream` and (for streams) `stream_options.include_usage`, and extra body fields merged
 * last so they can override anything.
 */
internal object RequestEncoder {
    fun encode(request: ChatCompletionRequest, stream: Boolean): ByteArray =
        toJson(request, stream).toString().encodeToByteArray()

    fun toJson(request: ChatCompletionRequest, stream: Boolean): JsonObject {
        val fields = LinkedHashMap<String, JsonElement>()
        val body = buildJsonObject {
            request.model()?.let { put("model", it) }
            if (request.models().isNotEmpty())
                putJsonArray("models") { request.models().forEach { add(JsonPrimitive(it)) } }
            putJsonArray("messages") { request.messages().forEach { add(message(it)) } }
            if (request.tools().isNotEmpty())
                putJsonArray("tools") { request.tools().forEach { add(tool(it)) } }
            request.toolChoice()?.let { put("tool_choice", toolChoice(it)) }
            request.parallelToolCalls()?.let { put("parallel_tool_calls", it) }
            request.temperature()?.let { put("temperature", it) }
            request.topP()?.let { put("top_p", it) }
            request.maxTokens()?.let { put("max_tokens", it) }
            request.maxCompletionTokens()?.let { put("max_completion_tokens", it) }
            if (request.stop().isNotEmpty())
                putJsonArray("stop") { request.stop().forEach { add(JsonPrimitive(it)) } }
            request.seed()?.let { put("seed", it) }
            request.n()?.let { put("n", it) }
            request.presencePenalty()?.let { put("presence_penalty", it) }
            request.frequencyPenalty()?.let { put("frequency_penalty", it) }
            if (request.logitBias().isNotEmpty())
                putJsonObject("logit_bias") { request.logitBias().forEach { (k, v) -> put(k, v) } }
            request.logprobs()?.let { put("logprobs", it) }
            request.topLogprobs()?.let { put("top_logprobs", it) }
            request.user()?.let { put("user", it) }
            request.reasoningEffort()?.let { put("reasoning_effort", it) }
            request.responseFormat()?.let { put("response_format", responseFormat(it)) }
            put("stream", stream)
            if (stream) {
                putJsonObject("stream_options") {
                    put("include_usage", request.streamOptions()?.includeUsage() ?: true)
                }
            }
            gateway(request.routing(), request.metadata())?.let { put("gateway", it) }
            request
                .extensions()
                ?.takeUnless { it.isEmpty }
                ?.let { put("extensions", extensions(it)) }
        }
        fields.putAll(body)
        for ((key, value) in request.extraBody()) fields[key] = jsonValue(value)
        return JsonObject(fields)
    }

    private fun message(m: ChatMessage): JsonObject = buildJsonObject {
        put("role", m.role().wireName())
        when {
            m.hasContentParts() ->
                putJsonArray("content") { m.contentParts().forEach { add(contentPart(it)) } }
            m.content() != null -> put("content", m.content())
            else -> put("content", JsonNull)
        }
        m.name()?.let { put("name", it) }
        m.toolCallId()?.let { put("tool_call_id", it) }
        if (m.toolCalls().isNotEmpty()) {
            putJsonArray("tool_calls") {
                m.toolCalls().forEach { call ->
                    add(
                        buildJsonObject {
                            put("id", call.id())
                            put("type", call.type())
                            putJsonObject("function") {
                                put("name", call.name())
                                put("arguments", call.arguments())
                            }
                        }
                    )
                }
            }
        }
        m.refusal()?.let { put("refusal", it) }
        m.reasoningContent()?.let { put("reasoning_content", it) }
        putOneOrMany("reasoning_signature", m.reasoningSignatures())
        putOneOrMany("reasoning_redacted_data", m.reasoningRedactedBlocks())
    }

    /**
     * One value as the documented string; several as an array in arrival order (docs/DESIGN.md,
     * "Reasoning sent back"): never joined, trimmed or re-encoded, since each is an opaque,
     * provider-signed block and the provider verifies them one by one. None: the key is left out.
     */
    private fun JsonObjectBuilder.putOneOrMany(key: String, values: List<String>) {
        when (values.size) {
            0 -> {}
            1 -> put(key, values[0])
            else -> putStrings(key, values)
        }
    }

    private fun contentPart(p: ContentPart): JsonObject = buildJsonObject {
        put("type", p.type().wireName())
        when (p.type()) {
            ContentPart.Type.TEXT -> put("text", p.text())
            ContentPart.Type.IMAGE_URL ->
                putJsonObject("image_url") {
                    put("url", p.imageUrl())
                    p.imageDetail()?.let { put("detail", it.wireName()) }
                }
        }
    }

    private fun tool(t: Tool): JsonObject = buildJsonObject {
        put("type", t.type())
        putJsonObject("function") {
            put("name", t.name())
            t.description()?.let { put("description", it) }
            t.parameters()?.let { put("parameters", jsonValue(it)) }
            t.strict()?.let { put("strict", it) }
        }
    }

    private fun toolChoice(c: ToolChoice): JsonElement =
        when (c.mode()) {
            ToolChoice.Mode.FUNCTION ->
                buildJsonObject {
                    put("type", "function")
                    putJsonObject("function") { put("name", c.functionName()) }
                }
            else -> JsonPrimitive(c.mode().wireName())
        }

    private fun responseFormat(f: ResponseFormat): JsonObject = buildJsonObject {
        put("type", f.type().wireName())
        if (f.type() == ResponseFormat.Type.JSON_SCHEMA) {
            putJsonObject("json_schema") {
                put("name", f.schemaName())
                f.description()?.let { put("description", it) }
                f.schema()?.let { put("schema", jsonValue(it)) }
                f.strict()?.let { put("strict", it) }
            }
        }
    }

    /** Auriko's `gateway` object (routing and metadata), or `null` when neither is set. */
    fun gateway(routing: RoutingOptions?, metadata: RequestMetadata?): JsonObject? {
        val r = routing?.takeUnless { it.isEmpty }
        val m = metadata?.takeUnless { it.isEmpty }
        if (r == null && m == null) return null
        return buildJsonObject {
            r?.let { put("routing", routing(it)) }
            m?.let { put("metadata", metadata(it)) }
        }
    }

    private fun routing(r: RoutingOptions): JsonObject = buildJsonObject {
        r.optimize()?.let { put("optimize", it.value()) }
        if (r.weights().isNotEmpty())
            putJsonObject("weights") { r.weights().forEach { (k, v) -> put(k, v) } }
        r.maxCostPer1m()?.let { put("max_cost_per_1m", it) }
        r.maxTtftMs()?.let { put("max_ttft_ms", it) }
        r.minThroughputTps()?.let { put("min_throughput_tps", it) }
        r.minSuccessRate()?.let { put("min_success_rate", it) }
        if (r.providers().isNotEmpty()) putStrings("providers", r.providers())
        if (r.excludeProviders().isNotEmpty()) putStrings("exclude_providers", r.excludeProviders())
        r.prefer()?.let { put("prefer", it) }
        r.mode()?.let { put("mode", it.value()) }
        r.allowFallbacks()?.let { put("allow_fallbacks", it) }
        r.maxFallbackAttempts()?.let { put("max_fallback_attempts", it) }
        r.dataPolicy()?.let { put("data_policy", it.value()) }
        r.onlyByok()?.let { put("only_byok", it) }
        r.onlyPlatform()?.let { put("only_platform", it) }
    }

    private fun metadata(m: RequestMetadata): JsonObject = buildJsonObject {
        if (m.tags().isNotEmpty()) putStrings("tags", m.tags())
        m.userId()?.let { put("user_id", it) }
        m.traceId()?.let { put("trace_id", it) }
        if (m.customFields().isNotEmpty())
            putJsonObject("custom_fields") { m.customFields().forEach { (k, v) -> put(k, v) } }
    }

    /** Auriko's `extensions` object. */
    fun extensions(e: Extensions): JsonObject = buildJsonObject {
        e.thinking()?.let { t ->
            putJsonObject(Extensions.THINKING_KEY) {
                put("enabled", t.isEnabled)
                t.budgetTokens()?.let { put("budget_tokens", it) }
            }
        }
        e.providerOptions().forEach { (k, v) -> put(k, jsonValue(v)) }
    }

    private fun JsonObjectBuilder.putStrings(key: String, values: List<String>) {
        putJsonArray(key) { values.forEach { add(JsonPrimitive(it)) } }
    }

    /** The JSON values sdk-java admits (see `JsonValues`): maps, lists, scalars and raw JSON. */
    fun jsonValue(value: Any?): JsonElement =
        when (value) {
            null -> JsonNull
            is String -> JsonPrimitive(value)
            is Boolean -> JsonPrimitive(value)
            is Int,
            is Long,
            is Short,
            is Byte -> JsonPrimitive((value as Number).toLong())
            is Double,
            is Float -> JsonPrimitive((value as Number).toDouble())
            is BigInteger,
            is BigDecimal -> JsonPrimitive(value as Number)
            is RawJson -> Json.parseToJsonElement(value.json())
            is Map<*, *> ->
                JsonObject(value.entries.associate { (k, v) -> k as String to jsonValue(v) })
            is List<*> -> JsonArray(value.map { jsonValue(it) })
            else -> throw IllegalArgumentException("not a JSON value: ${value::class.java.name}")
        }
}
