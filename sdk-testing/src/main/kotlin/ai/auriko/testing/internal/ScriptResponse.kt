package ai.auriko.testing.internal

import ai.auriko.testing.GatewayScript

/**
 * A [GatewayScript] played for one request: status, headers, and either a whole body or an SSE
 * stream written through a caller-supplied sink. Transport-independent, so the in-memory engine,
 * the loopback server and the samples' embedded gateway (a Ktor server) all play scripts the same
 * way; [responses] picks the wire format, the script is the same. Implementation detail of the test
 * kit, not API: its shape may change in any release.
 *
 * @param script what to answer
 * @param requestModel the request's model, used for the answer's `model` unless the script sets one
 * @param completionId the answer's `id` unless the script sets one
 * @param created the answer's creation time, in seconds
 * @param previousResponseId the request's `previous_response_id`, echoed by a Responses answer
 */
public class ScriptResponse(
    private val script: GatewayScript,
    requestModel: String?,
    /** Whether the request asked for a stream. */
    public val stream: Boolean,
    completionId: String,
    created: Long = System.currentTimeMillis() / 1000,
    /**
     * True when the request was for the Responses API (`POST …/responses`): the answer is in that
     * API's wire format; otherwise in chat's.
     */
    public val responses: Boolean = false,
    private val previousResponseId: String? = null,
) {
    private val answer = ScriptAnswer(script, requestModel, completionId, created)
    private val error = script.steps.firstNotNullOfOrNull { it as? ScriptStep.Error }

    private fun newRendering(): ScriptRendering =
        if (responses) ResponsesSse(answer, previousResponseId) else ChatRendering(answer)

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
    public val body: String by lazy { script.httpError?.body ?: wholeBody() }

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
        val rendering = newRendering()
        var started = false
        // the opening events come first, so a rendering renders a step only once they are out
        suspend fun data(paced: Boolean, events: () -> List<String>) {
            if (paced && script.pacingNanos > 0) pause(script.pacingNanos)
            if (!started) {
                started = true
                rendering.start().forEach { write(it) }
            }
            events().forEach { write(it) }
        }
        for (step in script.steps) {
            when (step) {
                is ScriptStep.Content -> data(paced = true) { rendering.content(step.text) }
                is ScriptStep.Reasoning -> data(paced = true) { rendering.reasoning(step.text) }
                is ScriptStep.ReasoningSignature ->
                    data(paced = false) { rendering.reasoningSignature(step.signature) }
                is ScriptStep.RedactedReasoning ->
                    data(paced = false) { rendering.redactedReasoning(step.data) }
                is ScriptStep.ToolCallStart ->
                    data(paced = false) { rendering.toolCallStart(step.index, step.id, step.name) }
                is ScriptStep.ToolArguments ->
                    data(paced = true) { rendering.toolArguments(step.index, step.fragment) }
                is ScriptStep.Pause -> pause(step.nanos)
                is ScriptStep.Comment -> write(GatewaySse.comment(step.text))
                is ScriptStep.Raw -> write(step.event)
                is ScriptStep.Error -> {
                    data(paced = false) { rendering.error(step.code, step.message) }
                    return true
                }
                ScriptStep.Truncate -> return false
            }
        }
        data(paced = false) { rendering.end() }
        return true
    }

    private fun wholeBody(): String {
        error?.let {
            return ScriptAnswer.errorBody(it.code, it.message)
        }
        val whole = newRendering().body()
        return if (truncatesBody) whole.substring(0, whole.length / 2) else whole
    }
}

/** True for a path (query aside) that ends in `/responses`: a Responses API request. */
internal fun isResponsesPath(path: String): Boolean =
    path.substringBefore('?').trimEnd('/').endsWith("/responses")
