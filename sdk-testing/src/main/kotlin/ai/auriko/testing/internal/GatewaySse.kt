package ai.auriko.testing.internal

import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonUnquotedLiteral
import kotlinx.serialization.json.add
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/**
 * The gateway's SSE wire format for one completion, as in the project's wire recordings
 * (`test-support`, `ai/auriko/fixtures/sse`): each function returns one complete event (`data: …`
 * and the blank line). The only writer of gateway chat SSE in the project — the fake gateway and
 * the samples' embedded gateway both use it, through [ChatRendering]; its [routingJson] is every
 * format's routing metadata. Implementation detail of the test kit, not API.
 */
internal class GatewaySse(
    private val id: String,
    private val model: String,
    private val created: Long,
) {

    private fun chunk(
        choices: List<JsonObject>,
        extra: Map<String, JsonElement> = emptyMap(),
    ): String {
        val body = buildJsonObject {
            put("id", id)
            put("object", "chat.completion.chunk")
            put("created", created)
            put("model", model)
            put("choices", JsonArray(choices))
            extra.forEach { (k, v) -> put(k, v) }
        }
        return "data: $body\n\n"
    }

    private fun choice(delta: JsonObject, finish: String? = null, native: String? = null) =
        buildJsonObject {
            put("index", 0)
            put("delta", delta)
            put("finish_reason", finish?.let(::JsonPrimitive) ?: JsonNull)
            native?.let { put("native_finish_reason", it) }
        }

    fun role(): String =
        chunk(
            listOf(
                choice(
                    buildJsonObject {
                        put("role", "assistant")
                        put("content", "")
                    }
                )
            )
        )

    fun content(text: String): String =
        chunk(listOf(choice(buildJsonObject { put("content", text) })))

    fun reasoning(text: String): String =
        chunk(listOf(choice(buildJsonObject { put("reasoning_content", text) })))

    fun reasoningSignature(signature: String): String =
        chunk(listOf(choice(buildJsonObject { put("reasoning_signature", signature) })))

    fun redactedReasoning(data: String): String =
        chunk(listOf(choice(buildJsonObject { put("reasoning_redacted_data", data) })))

    fun toolCallStart(index: Int, callId: String, name: String): String =
        chunk(
            listOf(
                choice(
                    buildJsonObject {
                        putJsonArray("tool_calls") {
                            add(
                                buildJsonObject {
                                    put("index", index)
                                    put("id", callId)
                                    put("type", "function")
                                    putJsonObject("function") {
                                        put("name", name)
                                        put("arguments", "")
                                    }
                                }
                            )
                        }
                    }
                )
            )
        )

    fun toolArguments(index: Int, fragment: String): String =
        chunk(
            listOf(
                choice(
                    buildJsonObject {
                        putJsonArray("tool_calls") {
                            add(
                                buildJsonObject {
                                    put("index", index)
                                    putJsonObject("function") { put("arguments", fragment) }
                                }
                            )
                        }
                    }
                )
            )
        )

    fun finish(reason: String, native: String?): String =
        chunk(listOf(choice(buildJsonObject {}, reason, native)))

    fun usage(usage: JsonObject): String = chunk(emptyList(), mapOf("usage" to usage))

    fun routing(metadata: JsonObject): String =
        chunk(emptyList(), mapOf("routing_metadata" to metadata))

    /** The gateway's in-stream error: finish reason `error` and a top-level `error` object. */
    fun error(code: String, message: String): String =
        chunk(
            listOf(choice(buildJsonObject { put("content", "") }, "error")),
            mapOf(
                "error" to
                    buildJsonObject {
                        put("code", code)
                        put("message", message)
                    }
            ),
        )

    fun done(): String = "data: [DONE]\n\n"

    companion object {
        /** An SSE comment, such as the gateway's `: keep-alive`; the same in every format. */
        fun comment(text: String): String = ": $text\n\n"

        fun usageJson(prompt: Long, completion: Long, cached: Long, reasoning: Long): JsonObject =
            buildJsonObject {
                put("prompt_tokens", prompt)
                put("completion_tokens", completion)
                put("total_tokens", prompt + completion)
                putJsonObject("prompt_tokens_details") { put("cached_tokens", cached) }
                putJsonObject("completion_tokens_details") { put("reasoning_tokens", reasoning) }
            }

        @OptIn(ExperimentalSerializationApi::class)
        fun routingJson(
            provider: String?,
            providerModelId: String?,
            modelCanonical: String?,
            strategy: String?,
            ttftMs: Double?,
            throughputTps: Double?,
            costUsd: java.math.BigDecimal?,
            warnings: List<Triple<String, String, String>>,
        ): JsonObject = buildJsonObject {
            provider?.let { put("provider", it) }
            providerModelId?.let { put("provider_model_id", it) }
            modelCanonical?.let { put("model_canonical", it) }
            strategy?.let { put("routing_strategy", it) }
            ttftMs?.let { put("ttft_ms", it) }
            throughputTps?.let { put("throughput_tps", it) }
            // The number's text as given, in plain notation: what the client reads back exactly.
            costUsd?.let {
                putJsonObject("cost") { put("usd", JsonUnquotedLiteral(it.toPlainString())) }
            }
            if (warnings.isNotEmpty()) {
                put(
                    "warnings",
                    buildJsonArray {
                        warnings.forEach { (type, code, message) ->
                            add(
                                buildJsonObject {
                                    put("type", type)
                                    put("code", code)
                                    put("message", message)
                                }
                            )
                        }
                    },
                )
            }
        }
    }
}
