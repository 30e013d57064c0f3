package ai.auriko.testing.internal

import ai.auriko.testing.GatewayScript
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.add
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/**
 * A [GatewayScript] played for one request: status, headers, and either a whole body or an SSE
 * stream written through a caller-supplied sink. Transport-independent, so the in-memory engine,
 * the loopback server and the samples' embedded gateway (a Ktor server) all play scripts the same
 * way. Implementation detail of the test kit, not API: its shape may change in any release.
 *
 * @param script what to answer
 * @param requestModel the request's model, used for the chunks' `model` unless the script sets one
 * @param completionId the chunks' `id` unless the script sets one
 * @param created the chunks' `created` time, in seconds
 */
public class ScriptResponse(
    private val script: GatewayScript,
    requestModel: String?,
    /** Whether the request asked for a stream. */
    public val stream: Boolean,
    completionId: String,
    created: Long = System.currentTimeMillis() / 1000,
) {
    private val model = script.model ?: requestModel ?: "fake-model"
    private val id = script.completionId ?: completionId
    private val createdAt = created
    private val sse = GatewaySse(id, model, created)
    private val error = script.steps.firstNotNullOfOrNull { it as? ScriptStep.Error }
    private val toolCalls = script.steps.filterIsInstance<ScriptStep.ToolCallStart>()

    /** True when the answer is an SSE stream (a streaming request and no HTTP error). */
    public val isStream: Boolean
        get() = stream && script.httpError == null

    /** The HTTP status. */
    public val status: Int
        get() = script.httpError?.status ?: if (!stream && error != null) 500 else 200

    /** The `Content-Type` of the response. */
    public val contentType: String
        get() =
            script.httpError?.contentType
                ?: if (isStream) "text/event-stream; charset=utf-8" else "application/json"

    /** The script's response headers, in order. */
    public val headers: List<Pair<String, String>>
        get() = script.headers

    /** The whole body when [isStream] is false. */
    public val body: String by lazy { script.httpError?.body ?: completionBody() }

    /** True when a non-streamed body must be cut short (the script truncates). */
    public val truncatesBody: Boolean
        get() =
            !isStream && script.httpError == null && script.steps.any { it is ScriptStep.Truncate }

    /**
     * Writes the stream: each event through [write], each wait through [pause] (nanoseconds).
     * Returns false when the script cut the stream ([GatewayScript.Builder.truncate]), so the
     * transport can drop the connection instead of ending the body properly.
     */
    public suspend fun writeStream(
        write: suspend (String) -> Unit,
        pause: suspend (Long) -> Unit,
    ): Boolean {
        var roleSent = false
        suspend fun data(event: String, paced: Boolean) {
            if (paced && script.pacingNanos > 0) pause(script.pacingNanos)
            if (!roleSent) {
                roleSent = true
                write(sse.role())
            }
            write(event)
        }
        for (step in script.steps) {
            when (step) {
                is ScriptStep.Content -> data(sse.content(step.text), paced = true)
                is ScriptStep.Reasoning -> data(sse.reasoning(step.text), paced = true)
                is ScriptStep.ToolCallStart ->
                    data(sse.toolCallStart(step.index, step.id, step.name), paced = false)
                is ScriptStep.ToolArguments ->
                    data(sse.toolArguments(step.index, step.fragment), paced = true)
                is ScriptStep.Pause -> pause(step.nanos)
                is ScriptStep.Comment -> write(sse.comment(step.text))
                is ScriptStep.Raw -> write(step.event)
                is ScriptStep.Error -> {
                    data(sse.error(step.code, step.message), paced = false)
                    return true
                }
                ScriptStep.Truncate -> return false
            }
        }
        data(sse.finish(finishReason(), script.nativeFinishReason), paced = false)
        script.usage?.let {
            write(
                sse.usage(GatewaySse.usageJson(it.prompt, it.completion, it.cached, it.reasoning))
            )
        }
        routingJson()?.let { write(sse.routing(it)) }
        write(sse.done())
        return true
    }

    private fun finishReason(): String =
        script.finishReason ?: if (toolCalls.isNotEmpty()) "tool_calls" else "stop"

    private fun routingJson() =
        script.routing?.let {
            GatewaySse.routingJson(
                it.provider,
                it.providerModelId,
                it.modelCanonical,
                it.strategy,
                it.ttftMs,
                it.throughputTps,
                it.costUsd,
                it.warnings,
            )
        }

    private fun completionBody(): String {
        error?.let {
            return """{"error":{"message":${JsonPrimitive(it.message)},"type":"server_error","code":${JsonPrimitive(it.code)}}}"""
        }
        val content =
            script.steps.filterIsInstance<ScriptStep.Content>().joinToString("") { it.text }
        val reasoning =
            script.steps.filterIsInstance<ScriptStep.Reasoning>().joinToString("") { it.text }
        val whole =
            buildJsonObject {
                    put("id", id)
                    put("object", "chat.completion")
                    put("created", createdAt)
                    put("model", model)
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
                                    if (toolCalls.isNotEmpty()) {
                                        putJsonArray("tool_calls") {
                                            toolCalls.forEach { call ->
                                                val args =
                                                    script.steps
                                                        .filterIsInstance<
                                                            ScriptStep.ToolArguments
                                                        >()
                                                        .filter { it.index == call.index }
                                                        .joinToString("") { it.fragment }
                                                add(
                                                    buildJsonObject {
                                                        put("id", call.id)
                                                        put("type", "function")
                                                        putJsonObject("function") {
                                                            put("name", call.name)
                                                            put("arguments", args)
                                                        }
                                                    }
                                                )
                                            }
                                        }
                                    }
                                }
                                put("finish_reason", finishReason())
                                script.nativeFinishReason?.let { put("native_finish_reason", it) }
                            }
                        )
                    }
                    script.usage?.let {
                        put(
                            "usage",
                            GatewaySse.usageJson(it.prompt, it.completion, it.cached, it.reasoning),
                        )
                    }
                    routingJson()?.let { put("routing_metadata", it) }
                }
                .toString()
        return if (truncatesBody) whole.substring(0, whole.length / 2) else whole
    }
}
