package ai.auriko.client.responses

import ai.auriko.client.internal.responses.JsonElementBridge
import ai.auriko.client.internal.responses.JsonFields
import ai.auriko.client.internal.responses.ResponseItemDecoding
import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * One item of a [Response]'s output, by its `type`: an assistant [Message], a [FunctionCall], a
 * [Reasoning] item, or — for any type this SDK does not model (web search calls, images, types
 * added later) — an [Unknown] item that keeps the JSON. An unknown type is never a failure. Every
 * item keeps the JSON it was read from as [json], so fields the SDK does not model stay reachable.
 */
@Serializable(with = ResponseOutputItemSerializer::class)
public sealed class ResponseOutputItem {
    /** The item's type as the server sent it, for example `message` or `function_call`. */
    public abstract val type: String

    /** The item id, when the server sent one. */
    public abstract val id: String?

    /**
     * The JSON this item was read from; empty for an item assembled from stream deltas before its
     * `response.output_item.done` arrived.
     */
    public abstract val json: JsonObject

    /** An assistant message: text and refusal parts. */
    public class Message
    internal constructor(
        override val id: String?,
        /** The author role, `assistant`. */
        public val role: String?,
        /** `in_progress`, `completed` or `incomplete`, as the server sent it. */
        public val status: String?,
        /** The content parts, in order. */
        public val content: List<ResponseContentPart>,
        override val json: JsonObject = JsonFields.EMPTY,
    ) : ResponseOutputItem() {
        override val type: String
            get() = "message"

        /** The text of all `output_text` parts, concatenated; empty when there is none. */
        public val outputText: String
            get() =
                content.filterIsInstance<ResponseContentPart.OutputText>().joinToString("") {
                    it.text
                }

        /** The id, role, status and parts, for logs. */
        override fun toString(): String =
            "Message(id=$id, role=$role, status=$status, content=$content)"
    }

    /** A function call the model made; send its result back with [callId]. */
    public class FunctionCall
    internal constructor(
        override val id: String?,
        /** The call id to send back with the function's output. */
        public val callId: String?,
        /** The function's name. */
        public val name: String?,
        /** The arguments as JSON text, exactly as the model produced them (it may be invalid). */
        public val arguments: String,
        /** `in_progress`, `completed` or `incomplete`, as the server sent it. */
        public val status: String?,
        override val json: JsonObject = JsonFields.EMPTY,
    ) : ResponseOutputItem() {
        override val type: String
            get() = "function_call"

        /** The ids, name and the arguments' length, for logs. */
        override fun toString(): String =
            "FunctionCall(id=$id, callId=$callId, name=$name, arguments=${arguments.length} chars, status=$status)"
    }

    /** The model's reasoning: summary parts and, when requested, the encrypted reasoning. */
    public class Reasoning
    internal constructor(
        override val id: String?,
        /** The reasoning summary, part by part. */
        public val summary: List<ReasoningSummaryPart>,
        /** The encrypted reasoning, to send back unchanged in a later request. */
        public val encryptedContent: String?,
        /** The item status, when the server sent one. */
        public val status: String?,
        override val json: JsonObject = JsonFields.EMPTY,
    ) : ResponseOutputItem() {
        override val type: String
            get() = "reasoning"

        /** The text of all summary parts, joined by blank lines. */
        public val summaryText: String
            get() = summary.joinToString("\n\n") { it.text }

        /** The id, number of summary parts and whether encrypted content is present, for logs. */
        override fun toString(): String =
            "Reasoning(id=$id, summary=${summary.size} parts, encrypted=${encryptedContent != null})"
    }

    /** An item of a type this SDK does not model; read it from [json]. */
    public class Unknown
    internal constructor(
        override val type: String,
        override val id: String?,
        override val json: JsonObject,
    ) : ResponseOutputItem() {
        /** The type and id, for logs. */
        override fun toString(): String = "Unknown(type=$type, id=$id)"
    }
}

/** One part of a [ResponseOutputItem.Message]'s content, by its `type`. */
@Serializable(with = ResponseContentPartSerializer::class)
public sealed class ResponseContentPart {
    /** The part's type as the server sent it, for example `output_text`. */
    public abstract val type: String

    /** The JSON this part was read from; empty for a part assembled from stream deltas. */
    public abstract val json: JsonObject

    /** Answer text. */
    public class OutputText
    internal constructor(
        /** The text. */
        public val text: String,
        /** Citations and other annotations, as raw JSON objects. */
        public val annotations: List<JsonElement> = emptyList(),
        override val json: JsonObject = JsonFields.EMPTY,
    ) : ResponseContentPart() {
        override val type: String
            get() = "output_text"

        /** The text's length and the number of annotations, for logs. */
        override fun toString(): String =
            "OutputText(text=${text.length} chars, annotations=${annotations.size})"
    }

    /** A refusal: the model declined to answer. */
    public class Refusal
    internal constructor(
        /** The refusal message. */
        public val refusal: String,
        override val json: JsonObject = JsonFields.EMPTY,
    ) : ResponseContentPart() {
        override val type: String
            get() = "refusal"

        /** The message's length, for logs. */
        override fun toString(): String = "Refusal(refusal=${refusal.length} chars)"
    }

    /** A part of a type this SDK does not model; read it from [json]. */
    public class Unknown
    internal constructor(override val type: String, override val json: JsonObject) :
        ResponseContentPart() {
        /** The type, for logs. */
        override fun toString(): String = "Unknown(type=$type)"
    }
}

/** One part of a reasoning summary (type `summary_text`). */
@Serializable(with = ReasoningSummaryPartSerializer::class)
public class ReasoningSummaryPart
internal constructor(
    /** The part's type as the server sent it, usually `summary_text`. */
    public val type: String,
    /** The summary text. */
    public val text: String,
    /** The JSON this part was read from; empty for a part assembled from stream deltas. */
    public val json: JsonObject = JsonFields.EMPTY,
) {
    /** The type and the text's length, for logs. */
    override fun toString(): String = "ReasoningSummaryPart(type=$type, text=${text.length} chars)"
}

internal object ResponseOutputItemSerializer : KSerializer<ResponseOutputItem> {
    override val descriptor: SerialDescriptor = JsonElementBridge.descriptor("ResponseOutputItem")

    override fun deserialize(decoder: Decoder): ResponseOutputItem =
        ResponseItemDecoding.item(JsonElementBridge.read(decoder))

    override fun serialize(encoder: Encoder, value: ResponseOutputItem) =
        JsonElementBridge.write(encoder, ResponseItemDecoding.toJson(value))
}

internal object ResponseContentPartSerializer : KSerializer<ResponseContentPart> {
    override val descriptor: SerialDescriptor = JsonElementBridge.descriptor("ResponseContentPart")

    override fun deserialize(decoder: Decoder): ResponseContentPart =
        ResponseItemDecoding.part(JsonElementBridge.read(decoder))

    override fun serialize(encoder: Encoder, value: ResponseContentPart) =
        JsonElementBridge.write(encoder, ResponseItemDecoding.toJson(value))
}

internal object ReasoningSummaryPartSerializer : KSerializer<ReasoningSummaryPart> {
    override val descriptor: SerialDescriptor = JsonElementBridge.descriptor("ReasoningSummaryPart")

    override fun deserialize(decoder: Decoder): ReasoningSummaryPart =
        ResponseItemDecoding.summaryPart(JsonElementBridge.read(decoder))

    override fun serialize(encoder: Encoder, value: ReasoningSummaryPart) =
        JsonElementBridge.write(encoder, ResponseItemDecoding.toJson(value))
}
