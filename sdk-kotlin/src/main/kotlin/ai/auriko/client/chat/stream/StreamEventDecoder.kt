package ai.auriko.client.chat.stream

import ai.auriko.client.chat.ChatCompletionChunk
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement

/**
 * Turns chunks into [StreamEvent]s. Feed every chunk of a stream to [onChunk] in order, then call
 * [finish] once at the end for tool calls still open. Not thread-safe: one per stream.
 *
 * A tool call is done when its choice finishes, or earlier, when a later tool index starts while
 * its arguments are already complete JSON. Servers that stream parallel calls interleave their
 * fragments (OpenAI does), so a call whose arguments are still incomplete stays open until the
 * choice finishes; calls that arrive one after another are reported done as soon as the next
 * starts.
 */
public class StreamEventDecoder {
    private class OpenCall(val toolIndex: Int, var id: String?, var name: String?) {
        val arguments = StringBuilder()
        var done = false
    }

    // Per choice, its tool calls by tool index (done ones kept, so late fragments are not "new"
    // calls).
    private val calls = HashMap<Int, java.util.TreeMap<Int, OpenCall>>()

    /** The events [chunk] adds, in order. */
    public fun onChunk(chunk: ChatCompletionChunk): List<StreamEvent> {
        val events = ArrayList<StreamEvent>(2)
        for (choice in chunk.choices) {
            val i = choice.index
            val delta = choice.delta
            delta.reasoningContent
                ?.takeIf { it.isNotEmpty() }
                ?.let { events += StreamEvent.ReasoningDelta(i, it) }
            delta.content
                ?.takeIf { it.isNotEmpty() }
                ?.let { events += StreamEvent.ContentDelta(i, it) }
            for (fragment in delta.toolCalls) {
                val choiceCalls = calls.getOrPut(i) { java.util.TreeMap() }
                var call = choiceCalls[fragment.index]
                if (call == null) {
                    // A new call starts: earlier ones whose arguments are complete JSON are done.
                    for (earlier in choiceCalls.headMap(fragment.index).values) {
                        if (!earlier.done && parseOrNull(earlier.arguments.toString()) != null)
                            events += done(i, earlier)
                    }
                    call = OpenCall(fragment.index, fragment.id, fragment.function?.name)
                    choiceCalls[fragment.index] = call
                    events += StreamEvent.ToolCallStarted(i, fragment.index, call.id, call.name)
                } else {
                    if (call.id.isNullOrEmpty()) call.id = fragment.id
                    if (call.name.isNullOrEmpty()) call.name = fragment.function?.name
                }
                fragment.function
                    ?.arguments
                    ?.takeIf { it.isNotEmpty() }
                    ?.let {
                        call.arguments.append(it)
                        call.done =
                            false // a (misbehaving) late fragment reopens the call; it is done
                        // again later
                        events += StreamEvent.ToolCallArgumentsDelta(i, fragment.index, it)
                    }
            }
            // A blank finish reason is none (see ChunkChoice.finishReason), whoever built the
            // chunk.
            choice.finishReason
                ?.takeIf { it.isNotBlank() }
                ?.let { reason ->
                    closeAll(i, events)
                    events += StreamEvent.ChoiceFinished(i, reason, choice.nativeFinishReason)
                }
        }
        chunk.usage?.let { events += StreamEvent.UsageReported(it) }
        chunk.routingMetadata?.let { events += StreamEvent.RoutingMetadataReported(it) }
        return events
    }

    /** Completes tool calls that were still open when the stream ended. */
    public fun finish(): List<StreamEvent> {
        val events = ArrayList<StreamEvent>()
        for (choiceIndex in calls.keys.sorted()) closeAll(choiceIndex, events)
        return events
    }

    private fun closeAll(choiceIndex: Int, events: MutableList<StreamEvent>) {
        calls[choiceIndex]?.values?.forEach { if (!it.done) events += done(choiceIndex, it) }
    }

    private fun done(choiceIndex: Int, call: OpenCall): StreamEvent.ToolCallDone {
        call.done = true
        val text = call.arguments.toString()
        return StreamEvent.ToolCallDone(
            choiceIndex,
            call.toolIndex,
            call.id,
            call.name,
            text,
            parseOrNull(text),
        )
    }

    private companion object {
        fun parseOrNull(text: String): JsonElement? =
            try {
                if (text.isBlank()) null else Json.parseToJsonElement(text)
            } catch (e: SerializationException) {
                null
            }
    }
}
