package ai.auriko.testing.internal

import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObjectBuilder
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.add
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/**
 * A script's answer to `POST /v1/chat/completions`: `chat.completion.chunk` events ([GatewaySse]) —
 * a role chunk first, one chunk per fragment, then the finish, usage and routing-metadata chunks
 * and `[DONE]` — or one `chat.completion` body.
 */
internal class ChatRendering(private val answer: ScriptAnswer) : ScriptRendering {
    private val sse = GatewaySse(answer.id, answer.model, answer.created)

    override fun start(): List<String> = listOf(sse.role())

    override fun content(text: String): List<String> = listOf(sse.content(text))

    override fun reasoning(text: String): List<String> = listOf(sse.reasoning(text))

    override fun reasoningSignature(signature: String): List<String> =
        listOf(sse.reasoningSignature(signature))

    override fun redactedReasoning(data: String): List<String> = listOf(sse.redactedReasoning(data))

    override fun toolCallStart(index: Int, id: String, name: String): List<String> =
        listOf(sse.toolCallStart(index, id, name))

    override fun toolArguments(index: Int, fragment: String): List<String> =
        listOf(sse.toolArguments(index, fragment))

    override fun error(code: String, message: String): List<String> =
        listOf(sse.error(code, message))

    override fun end(): List<String> = buildList {
        add(sse.finish(answer.finishReason, answer.nativeFinishReason))
        answer.usage?.let {
            add(sse.usage(GatewaySse.usageJson(it.prompt, it.completion, it.cached, it.reasoning)))
        }
        answer.routingJson?.let { add(sse.routing(it)) }
        add(sse.done())
    }

    override fun body(): String {
        val content = answer.content
        val reasoning = answer.reasoning
        val toolCalls = answer.toolCalls
        return buildJsonObject {
                put("id", answer.id)
                put("object", "chat.completion")
                put("created", answer.created)
                put("model", answer.model)
                putJsonArray("choices") {
                    add(
                        buildJsonObject {
                            put("index", 0)
                            putJsonObject("message") {
                                put("role", "assistant")
                                put(
                                    "content",
                                    if (content.isEmpty() && toolCalls.isNotEmpty()) JsonNull
                                    else JsonPrimitive(content),
                                )
                                if (reasoning.isNotEmpty()) put("reasoning_content", reasoning)
                                // one block: the documented string; several: an array in order,
                                // the shape the SDK sends them back in (docs/DESIGN.md)
                                putOneOrMany("reasoning_signature", answer.reasoningSignatures)
                                putOneOrMany("reasoning_redacted_data", answer.redactedReasoning)
                                if (toolCalls.isNotEmpty()) {
                                    putJsonArray("tool_calls") {
                                        toolCalls.forEach { call ->
                                            add(
                                                buildJsonObject {
                                                    put("id", call.id)
                                                    put("type", "function")
                                                    putJsonObject("function") {
                                                        put("name", call.name)
                                                        put(
                                                            "arguments",
                                                            answer.arguments(call.index),
                                                        )
                                                    }
                                                }
                                            )
                                        }
                                    }
                                }
                            }
                            put("finish_reason", answer.finishReason)
                            answer.nativeFinishReason?.let { put("native_finish_reason", it) }
                        }
                    )
                }
                answer.usage?.let {
                    put(
                        "usage",
                        GatewaySse.usageJson(it.prompt, it.completion, it.cached, it.reasoning),
                    )
                }
                answer.routingJson?.let { put("routing_metadata", it) }
            }
            .toString()
    }

    private fun JsonObjectBuilder.putOneOrMany(key: String, values: List<String>) {
        when (values.size) {
            0 -> {}
            1 -> put(key, values[0])
            else -> putJsonArray(key) { values.forEach { add(it) } }
        }
    }
}
