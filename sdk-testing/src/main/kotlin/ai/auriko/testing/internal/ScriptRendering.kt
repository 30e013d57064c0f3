package ai.auriko.testing.internal

import ai.auriko.testing.GatewayScript
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * How one wire format renders a script's answer. [ScriptResponse] plays the steps in order — the
 * pacing, pauses, keep-alive comments, raw events, the end after an error event and the cut of a
 * truncation are the same in every format — and asks the rendering for the events of each step that
 * carries part of the answer. Every function returns complete SSE events (each ending with the
 * blank line), in the order they are sent. A rendering keeps the state of one stream: use a new one
 * per stream and per [body].
 */
internal interface ScriptRendering {
    /** The events that open the stream, sent just before its first data event. */
    fun start(): List<String>

    fun content(text: String): List<String>

    fun reasoning(text: String): List<String>

    /** A thinking block's signature; formats without one send nothing. */
    fun reasoningSignature(signature: String): List<String> = emptyList()

    /** A redacted thinking block; formats without one send nothing. */
    fun redactedReasoning(data: String): List<String> = emptyList()

    fun toolCallStart(index: Int, id: String, name: String): List<String>

    fun toolArguments(index: Int, fragment: String): List<String>

    /** The in-stream error; nothing follows it. */
    fun error(code: String, message: String): List<String>

    /** The events that end a stream whose steps all played. */
    fun end(): List<String>

    /** The whole JSON body of a successful non-streamed answer. */
    fun body(): String
}

/**
 * What every wire format reads from a script the same way: the answer's id, model and creation
 * time, its finish reason, usage and routing metadata, the steps' text joined, and the error body.
 */
internal class ScriptAnswer(
    val script: GatewayScript,
    requestModel: String?,
    defaultId: String,
    /** The creation time, in Unix seconds. */
    val created: Long,
) {
    val model: String = script.model ?: requestModel ?: "fake-model"
    val id: String = script.completionId ?: defaultId
    val toolCalls: List<ScriptStep.ToolCallStart> =
        script.steps.filterIsInstance<ScriptStep.ToolCallStart>()

    /** The scripted finish reason, else `tool_calls` after a tool call, else `stop`. */
    val finishReason: String
        get() = script.finishReason ?: if (toolCalls.isNotEmpty()) "tool_calls" else "stop"

    val nativeFinishReason: String?
        get() = script.nativeFinishReason

    val usage: GatewayScript.UsageSpec?
        get() = script.usage

    /** The `routing_metadata` object, the same in every format, or null when none is scripted. */
    val routingJson: JsonObject? by lazy {
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
    }

    /** Every content fragment, joined. */
    val content: String
        get() = script.steps.filterIsInstance<ScriptStep.Content>().joinToString("") { it.text }

    /** Every reasoning fragment, joined. */
    val reasoning: String
        get() = script.steps.filterIsInstance<ScriptStep.Reasoning>().joinToString("") { it.text }

    /** Every reasoning signature, in order. */
    val reasoningSignatures: List<String>
        get() = script.steps.filterIsInstance<ScriptStep.ReasoningSignature>().map { it.signature }

    /** Every redacted reasoning block, in order. */
    val redactedReasoning: List<String>
        get() = script.steps.filterIsInstance<ScriptStep.RedactedReasoning>().map { it.data }

    /** The argument fragments of the tool call with script index [index], joined. */
    fun arguments(index: Int): String =
        script.steps
            .filterIsInstance<ScriptStep.ToolArguments>()
            .filter { it.index == index }
            .joinToString("") { it.fragment }

    /** Plays the steps that carry the answer through [rendering], discarding the events. */
    fun playAnswer(rendering: ScriptRendering) {
        for (step in script.steps) {
            when (step) {
                is ScriptStep.Content -> rendering.content(step.text)
                is ScriptStep.Reasoning -> rendering.reasoning(step.text)
                is ScriptStep.ReasoningSignature -> rendering.reasoningSignature(step.signature)
                is ScriptStep.RedactedReasoning -> rendering.redactedReasoning(step.data)
                is ScriptStep.ToolCallStart ->
                    rendering.toolCallStart(step.index, step.id, step.name)
                is ScriptStep.ToolArguments -> rendering.toolArguments(step.index, step.fragment)
                else -> {}
            }
        }
    }

    companion object {
        /** The gateway's JSON error body (`{"error":{…}}`), the same for every API. */
        fun errorBody(code: String, message: String, type: String = "server_error"): String =
            """{"error":{"message":${JsonPrimitive(message)},"type":${JsonPrimitive(type)},"code":${JsonPrimitive(code)}}}"""
    }
}
