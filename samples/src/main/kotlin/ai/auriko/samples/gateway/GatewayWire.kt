package ai.auriko.samples.gateway

import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.add
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/** Writes the gateway's wire format for one completion: SSE chunk events, or a whole JSON body. */
internal class GatewayWire(
    private val id: String,
    val decision: RoutingDecision,
    private val costUsd: Double,
    private val promptTokens: Int,
    private val completionTokens: Int,
) {
    private val created = System.currentTimeMillis() / 1000

    private fun chunk(choices: List<JsonObject>, extra: JsonObject.() -> JsonObject = { this }): String {
        val body = buildJsonObject {
            put("id", id)
            put("object", "chat.completion.chunk")
            put("created", created)
            put("model", decision.model)
            put("choices", kotlinx.serialization.json.JsonArray(choices))
        }.extra()
        return "data: $body\n\n"
    }

    private fun choice(delta: JsonObject, finish: String? = null, native: String? = null) = buildJsonObject {
        put("index", 0)
        put("delta", delta)
        put("finish_reason", finish?.let { kotlinx.serialization.json.JsonPrimitive(it) } ?: kotlinx.serialization.json.JsonNull)
        native?.let { put("native_finish_reason", it) }
    }

    fun roleChunk() = chunk(listOf(choice(buildJsonObject { put("role", "assistant"); put("content", "") })))

    fun contentChunk(text: String) = chunk(listOf(choice(buildJsonObject { put("content", text) })))

    fun reasoningChunk(text: String) = chunk(listOf(choice(buildJsonObject { put("reasoning_content", text) })))

    fun toolCallStartChunk(call: ToolCallReply) = chunk(listOf(choice(buildJsonObject {
        putJsonArray("tool_calls") {
            add(buildJsonObject {
                put("index", 0)
                put("id", call.id)
                put("type", "function")
                putJsonObject("function") { put("name", call.name); put("arguments", "") }
            })
        }
    })))

    fun toolCallArgumentsChunk(fragment: String) = chunk(listOf(choice(buildJsonObject {
        putJsonArray("tool_calls") {
            add(buildJsonObject { put("index", 0); putJsonObject("function") { put("arguments", fragment) } })
        }
    })))

    fun finishChunk(reason: String, native: String) = chunk(listOf(choice(buildJsonObject { }, reason, native)))

    fun usageChunk() = chunk(emptyList()) { plus("usage", usage()) }

    fun routingChunk() = chunk(emptyList()) { plus("routing_metadata", routingMetadata()) }

    fun errorChunk(code: String, message: String) = chunk(listOf(choice(buildJsonObject { put("content", "") }, "error"))) {
        plus("error", buildJsonObject { put("code", code); put("message", message) })
    }

    /** The same answer as one `chat.completion` JSON body. */
    fun completion(reply: Reply): String = buildJsonObject {
        put("id", id)
        put("object", "chat.completion")
        put("created", created)
        put("model", decision.model)
        putJsonArray("choices") {
            add(buildJsonObject {
                put("index", 0)
                putJsonObject("message") {
                    put("role", "assistant")
                    put("content", if (reply.toolCall != null) kotlinx.serialization.json.JsonNull else kotlinx.serialization.json.JsonPrimitive(reply.content.joinToString("")))
                    if (reply.reasoning.isNotEmpty()) put("reasoning_content", reply.reasoning.joinToString(""))
                    reply.toolCall?.let { call ->
                        putJsonArray("tool_calls") {
                            add(buildJsonObject {
                                put("id", call.id)
                                put("type", "function")
                                putJsonObject("function") { put("name", call.name); put("arguments", call.argumentFragments.joinToString("")) }
                            })
                        }
                    }
                }
                put("finish_reason", if (reply.toolCall != null) "tool_calls" else "stop")
                put("native_finish_reason", if (reply.toolCall != null) "tool_use" else "end_turn")
            })
        }
        put("usage", usage())
        put("routing_metadata", routingMetadata())
    }.toString()

    private fun usage() = buildJsonObject {
        put("prompt_tokens", promptTokens)
        put("completion_tokens", completionTokens)
        put("total_tokens", promptTokens + completionTokens)
        putJsonObject("prompt_tokens_details") { put("cached_tokens", 0) }
        putJsonObject("completion_tokens_details") { put("reasoning_tokens", 0) }
    }

    private fun routingMetadata() = buildJsonObject {
        put("provider", decision.provider.name)
        put("provider_model_id", "${decision.provider.name}/${decision.model}")
        put("model_canonical", decision.model)
        put("routing_strategy", decision.strategy)
        put("ttft_ms", decision.provider.ttftMs)
        put("throughput_tps", decision.provider.tokensPerSecond)
        putJsonObject("cost") { put("usd", costUsd) }
        if (decision.warnings.isNotEmpty()) {
            put("warnings", buildJsonArray {
                decision.warnings.forEach { w -> add(buildJsonObject { put("type", w.type); put("code", w.code); put("message", w.message) }) }
            })
        }
    }

    private fun JsonObject.plus(key: String, value: JsonObject) = JsonObject(this + (key to value))
}
