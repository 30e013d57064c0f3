package ai.auriko.testing

import kotlinx.serialization.json.JsonObject

/**
 * A function's result the client sent to the gateway: a Responses `function_call_output` item, or a
 * chat `tool` message.
 */
public class RecordedFunctionCallOutput
internal constructor(
    /** The id of the call this answers (`call_id`, or a tool message's `tool_call_id`). */
    public val callId: String?,
    /** The output as text: the string sent, or the text parts joined with a space. */
    public val output: String?,
    /** The item (or message) exactly as sent. */
    public val json: JsonObject,
) {
    /** `#callId: output`, for assertion messages. */
    override fun toString(): String = "#$callId: $output"
}
