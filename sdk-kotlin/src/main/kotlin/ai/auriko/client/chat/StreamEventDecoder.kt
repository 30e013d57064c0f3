package ai.auriko.client.chat

import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement

/**
 * Turns chunks into [StreamEvent]s. Feed every chunk of a stream to [onChunk] in order, then call
 * [finish] once at the end for tool calls still open. Not thread-safe: one per stream.
 */
public class StreamEventDecoder {
    private class OpenCall(val toolIndex: Int, var id: String?, var name: String?, val arguments: StringBuilder = StringBuilder())

    // The tool call currently growing in each choice: the next index or the finish closes it.
    private val open = HashMap<Int, OpenCall>()

    /** The events [chunk] adds, in order. */
    public fun onChunk(chunk: ChatCompletionChunk): List<StreamEvent> {
        val events = ArrayList<StreamEvent>(2)
        for (choice in chunk.choices) {
            val i = choice.index
            val delta = choice.delta
            delta.reasoningContent?.takeIf { it.isNotEmpty() }?.let { events += StreamEvent.ReasoningDelta(i, it) }
            delta.content?.takeIf { it.isNotEmpty() }?.let { events += StreamEvent.ContentDelta(i, it) }
            for (call in delta.toolCalls) {
                var current = open[i]
                if (current == null || current.toolIndex != call.index) {
                    current?.let { events += done(i, it) }
                    current = OpenCall(call.index, call.id, call.function?.name)
                    open[i] = current
                    events += StreamEvent.ToolCallStarted(i, call.index, current.id, current.name)
                } else {
                    if (current.id.isNullOrEmpty()) current.id = call.id
                    if (current.name.isNullOrEmpty()) current.name = call.function?.name
                }
                call.function?.arguments?.takeIf { it.isNotEmpty() }?.let {
                    current.arguments.append(it)
                    events += StreamEvent.ToolCallArgumentsDelta(i, call.index, it)
                }
            }
            choice.finishReason?.let { reason ->
                open.remove(i)?.let { events += done(i, it) }
                events += StreamEvent.ChoiceFinished(i, reason, choice.nativeFinishReason)
            }
        }
        chunk.usage?.let { events += StreamEvent.UsageReported(it) }
        chunk.routingMetadata?.let { events += StreamEvent.RoutingMetadataReported(it) }
        return events
    }

    /** Completes tool calls that were still open when the stream ended. */
    public fun finish(): List<StreamEvent> {
        val events = open.entries.sortedBy { it.key }.map { (i, call) -> done(i, call) }
        open.clear()
        return events
    }

    private fun done(choiceIndex: Int, call: OpenCall): StreamEvent.ToolCallDone {
        val text = call.arguments.toString()
        return StreamEvent.ToolCallDone(choiceIndex, call.toolIndex, call.id, call.name, text, parseOrNull(text))
    }

    private companion object {
        fun parseOrNull(text: String): JsonElement? = try {
            if (text.isBlank()) null else Json.parseToJsonElement(text)
        } catch (e: SerializationException) {
            null
        }
    }
}
