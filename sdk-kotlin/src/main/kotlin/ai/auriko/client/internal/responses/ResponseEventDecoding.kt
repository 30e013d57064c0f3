package ai.auriko.client.internal.responses

import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.responses.JsonFields.int
import ai.auriko.client.internal.responses.JsonFields.long
import ai.auriko.client.internal.responses.JsonFields.obj
import ai.auriko.client.internal.responses.JsonFields.string
import ai.auriko.client.responses.Response
import ai.auriko.client.responses.ResponseStreamEvent
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
import kotlinx.serialization.json.JsonObject

/** Reads Responses stream events and whole responses from JSON trees. */
internal object ResponseEventDecoding {
    /**
     * A response object, keeping the tree as [Response.json]. Throws a SerializationException or
     * IllegalArgumentException when a modelled field has the wrong shape.
     */
    fun response(obj: JsonObject): Response =
        WireJson.decodeFromJsonElement(Response.serializer(), obj).also { it.json = obj }

    /**
     * The event [obj], by its `type` member, or by [fallbackType] (the SSE `event:` name) when it
     * has none. An unknown type is an [ResponseStreamEvent.Unknown].
     */
    fun event(obj: JsonObject, fallbackType: String?): ResponseStreamEvent {
        val type = string(obj, "type") ?: fallbackType ?: ""
        val seq = long(obj, "sequence_number")
        val itemId = string(obj, "item_id")
        val output = int(obj, "output_index") ?: 0
        val content = int(obj, "content_index") ?: 0
        val summary = int(obj, "summary_index") ?: 0
        fun snapshot() = obj(obj, "response")?.let(::response) ?: Response()
        fun item() = ResponseItemDecoding.item(obj["item"] ?: JsonFields.EMPTY)
        fun part() = ResponseItemDecoding.part(obj["part"] ?: JsonFields.EMPTY)
        fun summaryPart() = ResponseItemDecoding.summaryPart(obj["part"] ?: JsonFields.EMPTY)
        fun text(key: String) = string(obj, key) ?: ""
        return when (type) {
            "response.created" -> ResponseStreamEvent.Created(seq, snapshot(), obj)
            "response.in_progress" -> ResponseStreamEvent.InProgress(seq, snapshot(), obj)
            "response.completed" -> ResponseStreamEvent.Completed(seq, snapshot(), obj)
            "response.incomplete" -> ResponseStreamEvent.Incomplete(seq, snapshot(), obj)
            "response.failed" -> ResponseStreamEvent.Failed(seq, snapshot(), obj)
            "response.output_item.added" -> OutputItemAdded(seq, output, item(), obj)
            "response.output_item.done" -> OutputItemDone(seq, output, item(), obj)
            "response.content_part.added" ->
                ContentPartAdded(seq, itemId, output, content, part(), obj)
            "response.content_part.done" ->
                ContentPartDone(seq, itemId, output, content, part(), obj)
            "response.output_text.delta" ->
                OutputTextDelta(seq, itemId, output, content, text("delta"), obj)
            "response.output_text.done" ->
                OutputTextDone(seq, itemId, output, content, text("text"), obj)
            "response.refusal.delta" ->
                RefusalDelta(seq, itemId, output, content, text("delta"), obj)
            "response.refusal.done" ->
                RefusalDone(seq, itemId, output, content, text("refusal"), obj)
            "response.function_call_arguments.delta" ->
                FunctionCallArgumentsDelta(seq, itemId, output, text("delta"), obj)
            "response.function_call_arguments.done" ->
                FunctionCallArgumentsDone(
                    seq,
                    itemId,
                    output,
                    string(obj, "name"),
                    text("arguments"),
                    obj,
                )
            "response.reasoning_summary_part.added" ->
                ReasoningSummaryPartAdded(seq, itemId, output, summary, summaryPart(), obj)
            "response.reasoning_summary_part.done" ->
                ReasoningSummaryPartDone(seq, itemId, output, summary, summaryPart(), obj)
            "response.reasoning_summary_text.delta" ->
                ReasoningSummaryTextDelta(seq, itemId, output, summary, text("delta"), obj)
            "response.reasoning_summary_text.done" ->
                ReasoningSummaryTextDone(seq, itemId, output, summary, text("text"), obj)
            "error" -> errorEvent(obj, seq)
            else -> ResponseStreamEvent.Unknown(type, seq, obj)
        }
    }

    /**
     * An `error` event: its fields at the top level (OpenAI), or inside an `error` object (some
     * gateways).
     */
    private fun errorEvent(obj: JsonObject, seq: Long?): ResponseStreamEvent.ErrorEvent {
        val fields = obj(obj, "error") ?: obj
        return ResponseStreamEvent.ErrorEvent(
            seq,
            string(fields, "code"),
            string(fields, "message"),
            string(fields, "param"),
            obj,
        )
    }
}
