package ai.auriko.client.responses

import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.responses.JsonFields
import ai.auriko.client.responses.ResponseStreamEvent.ContentPartAdded
import ai.auriko.client.responses.ResponseStreamEvent.ContentPartDone
import ai.auriko.client.responses.ResponseStreamEvent.FunctionCallArgumentsDelta
import ai.auriko.client.responses.ResponseStreamEvent.FunctionCallArgumentsDone
import ai.auriko.client.responses.ResponseStreamEvent.OutputItemAdded
import ai.auriko.client.responses.ResponseStreamEvent.OutputItemDone
import ai.auriko.client.responses.ResponseStreamEvent.OutputTextDelta
import ai.auriko.client.responses.ResponseStreamEvent.OutputTextDone
import ai.auriko.client.responses.ResponseStreamEvent.ReasoningSummaryPartAdded
import ai.auriko.client.responses.ResponseStreamEvent.ReasoningSummaryPartDone
import ai.auriko.client.responses.ResponseStreamEvent.ReasoningSummaryTextDelta
import ai.auriko.client.responses.ResponseStreamEvent.ReasoningSummaryTextDone
import ai.auriko.client.responses.ResponseStreamEvent.RefusalDelta
import ai.auriko.client.responses.ResponseStreamEvent.RefusalDone
import ai.auriko.http.ResponseHeaders
import java.util.TreeMap
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * Assembles Responses stream events into a [Response]. The latest lifecycle event's snapshot
 * (`response.created`, `.in_progress`, and finally `.completed`, `.incomplete` or `.failed`) gives
 * the response-level fields — id, status, model, usage, error, incomplete details, routing
 * metadata; the output is built per output index from `output_item.added`, the content, text,
 * refusal, argument and summary deltas, and `output_item.done`, whose item replaces what the deltas
 * built. Deltas are concatenated, never last-write-wins; a `.done` event's whole text replaces the
 * concatenation. When the terminal snapshot lists output items, they are the output.
 *
 * A [snapshot] can be taken at any moment; it is the partial response that stream exceptions carry.
 * Events of unknown types are counted and otherwise ignored. Not thread-safe: one accumulator
 * belongs to one stream.
 */
public class ResponseAccumulator {
    private var latest: Response? = null
    private val items = TreeMap<Int, ItemState>()
    private var routingMetadata: RoutingMetadata? = null

    /** How many events were added. */
    public var eventCount: Int = 0
        private set

    /**
     * The terminal event's type (`response.completed`, `response.incomplete` or `response.failed`)
     * once one was added, else `null`.
     */
    public var terminalType: String? = null
        private set

    /** Whether a terminal event was added: the response is whole. */
    public val isComplete: Boolean
        get() = terminalType != null

    /** Adds the next event of the stream. */
    public fun add(event: ResponseStreamEvent) {
        eventCount++
        (event.json["routing_metadata"] as? JsonObject)?.let(::readRoutingMetadata)?.let {
            routingMetadata = it
        }
        when (event) {
            is ResponseStreamEvent.Lifecycle -> {
                latest = event.response
                event.response.routingMetadata?.let { routingMetadata = it }
                when (event) {
                    is ResponseStreamEvent.Completed,
                    is ResponseStreamEvent.Incomplete,
                    is ResponseStreamEvent.Failed -> terminalType = event.type
                    else -> {}
                }
            }
            is OutputItemAdded -> items[event.outputIndex] = ItemState(event.item, done = false)
            is OutputItemDone -> items[event.outputIndex] = ItemState(event.item, done = true)
            is ContentPartAdded ->
                message(event.outputIndex, event.itemId)
                    ?.setPart(event.contentIndex, event.part, done = false)
            is ContentPartDone ->
                message(event.outputIndex, event.itemId)
                    ?.setPart(event.contentIndex, event.part, done = true)
            is OutputTextDelta ->
                message(event.outputIndex, event.itemId)
                    ?.text(event.contentIndex, "output_text", event.delta, whole = false)
            is OutputTextDone ->
                message(event.outputIndex, event.itemId)
                    ?.text(event.contentIndex, "output_text", event.text, whole = true)
            is RefusalDelta ->
                message(event.outputIndex, event.itemId)
                    ?.text(event.contentIndex, "refusal", event.delta, whole = false)
            is RefusalDone ->
                message(event.outputIndex, event.itemId)
                    ?.text(event.contentIndex, "refusal", event.refusal, whole = true)
            is FunctionCallArgumentsDelta ->
                call(event.outputIndex, event.itemId)?.arguments(event.delta, whole = false)
            is FunctionCallArgumentsDone ->
                call(event.outputIndex, event.itemId)?.let {
                    if (it.name == null) it.name = event.name
                    it.arguments(event.arguments, whole = true)
                }
            is ReasoningSummaryPartAdded ->
                reasoning(event.outputIndex, event.itemId)
                    ?.summary(event.summaryIndex, event.part.text, whole = true, done = false)
            is ReasoningSummaryPartDone ->
                reasoning(event.outputIndex, event.itemId)
                    ?.summary(event.summaryIndex, event.part.text, whole = true, done = true)
            is ReasoningSummaryTextDelta ->
                reasoning(event.outputIndex, event.itemId)
                    ?.summary(event.summaryIndex, event.delta, whole = false, done = false)
            is ReasoningSummaryTextDone ->
                reasoning(event.outputIndex, event.itemId)
                    ?.summary(event.summaryIndex, event.text, whole = true, done = false)
            is ResponseStreamEvent.ErrorEvent,
            is ResponseStreamEvent.Unknown -> {}
        }
    }

    /**
     * The response as far as it has arrived, as a new object.
     *
     * @param headers the response headers to attach, if known
     */
    @JvmOverloads
    public fun snapshot(headers: ResponseHeaders = ResponseHeaders.empty()): Response {
        val base = latest
        val assembled = items.values.map { it.toItem() }
        val output =
            if (terminalType != null && base != null && base.output.isNotEmpty()) base.output
            else assembled
        return Response(
                id = base?.id,
                objectType = base?.objectType ?: "response",
                createdAt = base?.createdAt,
                status = base?.status ?: if (eventCount > 0) "in_progress" else null,
                model = base?.model,
                output = output,
                usage = base?.usage,
                error = base?.error,
                incompleteDetails = base?.incompleteDetails,
                previousResponseId = base?.previousResponseId,
                routingMetadata = routingMetadata,
            )
            .also {
                it.json = base?.json ?: JsonFields.EMPTY
                it.responseHeaders = headers
            }
    }

    private fun readRoutingMetadata(obj: JsonObject): RoutingMetadata? =
        try {
            WireJson.decodeFromJsonElement(RoutingMetadata.serializer(), obj)
        } catch (e: IllegalArgumentException) {
            // SerializationException is an IllegalArgumentException: a malformed report is none.
            null
        }

    /** The message at [index], started if no item was announced; null once the item is done. */
    private fun message(index: Int, itemId: String?): ItemState? =
        state(index) { ResponseOutputItem.Message(itemId, "assistant", "in_progress", emptyList()) }

    private fun call(index: Int, itemId: String?): ItemState? =
        state(index) { ResponseOutputItem.FunctionCall(itemId, null, null, "", "in_progress") }

    private fun reasoning(index: Int, itemId: String?): ItemState? =
        state(index) { ResponseOutputItem.Reasoning(itemId, emptyList(), null, null) }

    private inline fun state(index: Int, start: () -> ResponseOutputItem): ItemState? {
        val state = items.getOrPut(index) { ItemState(start(), done = false) }
        return if (state.done) null else state
    }

    /** One output item: the item as announced (or done), and what the deltas added to it. */
    private class ItemState(val item: ResponseOutputItem, val done: Boolean) {
        val parts = TreeMap<Int, PartState>()
        val arguments = StringBuilder()
        var name: String? = null
        val summary = TreeMap<Int, SummaryState>()

        init {
            when (item) {
                is ResponseOutputItem.Message ->
                    item.content.forEachIndexed { i, part -> parts[i] = PartState.of(part, false) }
                is ResponseOutputItem.FunctionCall -> {
                    arguments.append(item.arguments)
                    name = item.name
                }
                is ResponseOutputItem.Reasoning ->
                    item.summary.forEachIndexed { i, part ->
                        summary[i] = SummaryState(part.type).also { it.text.append(part.text) }
                    }
                is ResponseOutputItem.Unknown -> {}
            }
        }

        fun setPart(index: Int, part: ResponseContentPart, done: Boolean) {
            parts[index] = PartState.of(part, done)
        }

        fun text(index: Int, kind: String, text: String, whole: Boolean) {
            val part = parts.getOrPut(index) { PartState(kind, null, emptyList()) }
            if (part.done) return
            if (whole) part.text.setLength(0)
            part.text.append(text)
        }

        fun arguments(text: String, whole: Boolean) {
            if (whole) arguments.setLength(0)
            arguments.append(text)
        }

        fun summary(index: Int, text: String, whole: Boolean, done: Boolean) {
            val part = summary.getOrPut(index) { SummaryState("summary_text") }
            if (part.done) return
            // A whole text replaces the deltas, unless it is empty: `summary_part.added` usually
            // starts a part with "" and must not erase anything.
            if (!whole) part.text.append(text)
            else if (text.isNotEmpty()) part.text.setLength(0).also { part.text.append(text) }
            if (done) part.done = true
        }

        fun toItem(): ResponseOutputItem {
            if (done) return item
            return when (item) {
                is ResponseOutputItem.Message ->
                    ResponseOutputItem.Message(
                        item.id,
                        item.role ?: "assistant",
                        item.status,
                        parts.values.map { it.toPart() },
                    )
                is ResponseOutputItem.FunctionCall ->
                    ResponseOutputItem.FunctionCall(
                        item.id,
                        item.callId,
                        name,
                        arguments.toString(),
                        item.status,
                    )
                is ResponseOutputItem.Reasoning ->
                    ResponseOutputItem.Reasoning(
                        item.id,
                        summary.values.map { ReasoningSummaryPart(it.type, it.text.toString()) },
                        item.encryptedContent,
                        item.status,
                    )
                is ResponseOutputItem.Unknown -> item
            }
        }
    }

    private class PartState(
        val kind: String,
        val original: ResponseContentPart?,
        val annotations: List<JsonElement>,
    ) {
        val text = StringBuilder()
        var done = false

        fun toPart(): ResponseContentPart =
            when {
                done && original != null -> original
                kind == "output_text" ->
                    ResponseContentPart.OutputText(text.toString(), annotations)
                kind == "refusal" -> ResponseContentPart.Refusal(text.toString())
                else -> original ?: ResponseContentPart.Unknown(kind, JsonFields.EMPTY)
            }

        companion object {
            fun of(part: ResponseContentPart, done: Boolean): PartState {
                val state =
                    when (part) {
                        is ResponseContentPart.OutputText ->
                            PartState(part.type, part, part.annotations).also {
                                it.text.append(part.text)
                            }
                        is ResponseContentPart.Refusal ->
                            PartState(part.type, part, emptyList()).also {
                                it.text.append(part.refusal)
                            }
                        is ResponseContentPart.Unknown -> PartState(part.type, part, emptyList())
                    }
                state.done = done
                return state
            }
        }
    }

    private class SummaryState(val type: String) {
        val text = StringBuilder()
        var done = false
    }
}

/**
 * Collects any flow of Responses events (from this SDK or not) and returns what they add up to; see
 * [ResponseAccumulator].
 */
public suspend fun kotlinx.coroutines.flow.Flow<ResponseStreamEvent>.accumulate(): Response {
    val accumulator = ResponseAccumulator()
    collect { accumulator.add(it) }
    return accumulator.snapshot()
}
