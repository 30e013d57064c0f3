package ai.auriko.client.internal.responses

import ai.auriko.client.internal.responses.JsonFields.array
import ai.auriko.client.internal.responses.JsonFields.objects
import ai.auriko.client.internal.responses.JsonFields.string
import ai.auriko.client.responses.ReasoningSummaryPart
import ai.auriko.client.responses.ResponseContentPart
import ai.auriko.client.responses.ResponseOutputItem
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/** Serializers of the Responses model read and write through a JSON tree; JSON only. */
internal object JsonElementBridge {
    fun descriptor(@Suppress("UNUSED_PARAMETER") name: String): SerialDescriptor =
        JsonObject.serializer().descriptor

    fun read(decoder: Decoder): JsonElement {
        val json =
            decoder as? JsonDecoder
                ?: throw SerializationException("the Responses model is read from JSON only")
        return json.decodeJsonElement()
    }

    fun write(encoder: Encoder, element: JsonElement) {
        val json =
            encoder as? JsonEncoder
                ?: throw SerializationException("the Responses model is written as JSON only")
        json.encodeJsonElement(element)
    }
}

/**
 * Reads output items, content parts and summary parts by their `type`; an unknown type, or a shape
 * that does not fit, becomes an `Unknown` that keeps the JSON, never a failure.
 */
internal object ResponseItemDecoding {
    fun item(element: JsonElement): ResponseOutputItem {
        val obj =
            element as? JsonObject ?: return ResponseOutputItem.Unknown("", null, JsonFields.EMPTY)
        val id = string(obj, "id")
        return when (val type = string(obj, "type") ?: "") {
            "message" ->
                ResponseOutputItem.Message(
                    id = id,
                    role = string(obj, "role"),
                    status = string(obj, "status"),
                    content = objects(obj, "content").map(::part),
                    json = obj,
                )
            "function_call" ->
                ResponseOutputItem.FunctionCall(
                    id = id,
                    callId = string(obj, "call_id"),
                    name = string(obj, "name"),
                    arguments = string(obj, "arguments") ?: "",
                    status = string(obj, "status"),
                    json = obj,
                )
            "reasoning" ->
                ResponseOutputItem.Reasoning(
                    id = id,
                    summary = objects(obj, "summary").map(::summaryPart),
                    encryptedContent = string(obj, "encrypted_content"),
                    status = string(obj, "status"),
                    json = obj,
                )
            else -> ResponseOutputItem.Unknown(type, id, obj)
        }
    }

    fun part(element: JsonElement): ResponseContentPart {
        val obj = element as? JsonObject ?: return ResponseContentPart.Unknown("", JsonFields.EMPTY)
        return when (val type = string(obj, "type") ?: "") {
            "output_text" ->
                ResponseContentPart.OutputText(
                    text = string(obj, "text") ?: "",
                    annotations = array(obj, "annotations"),
                    json = obj,
                )
            "refusal" -> ResponseContentPart.Refusal(string(obj, "refusal") ?: "", obj)
            else -> ResponseContentPart.Unknown(type, obj)
        }
    }

    fun summaryPart(element: JsonElement): ReasoningSummaryPart {
        val obj = element as? JsonObject ?: JsonFields.EMPTY
        return ReasoningSummaryPart(
            string(obj, "type") ?: "summary_text",
            string(obj, "text") ?: "",
            obj,
        )
    }

    /** The item as JSON: what it was read from, or its modelled fields when assembled. */
    fun toJson(item: ResponseOutputItem): JsonObject {
        if (item.json.isNotEmpty()) return item.json
        return buildJsonObject {
            put("type", item.type)
            item.id?.let { put("id", it) }
            when (item) {
                is ResponseOutputItem.Message -> {
                    item.role?.let { put("role", it) }
                    item.status?.let { put("status", it) }
                    put("content", JsonArray(item.content.map(::toJson)))
                }
                is ResponseOutputItem.FunctionCall -> {
                    item.callId?.let { put("call_id", it) }
                    item.name?.let { put("name", it) }
                    put("arguments", item.arguments)
                    item.status?.let { put("status", it) }
                }
                is ResponseOutputItem.Reasoning -> {
                    put("summary", JsonArray(item.summary.map(::toJson)))
                    item.encryptedContent?.let { put("encrypted_content", it) }
                    item.status?.let { put("status", it) }
                }
                is ResponseOutputItem.Unknown -> {}
            }
        }
    }

    fun toJson(part: ResponseContentPart): JsonObject {
        if (part.json.isNotEmpty()) return part.json
        return buildJsonObject {
            put("type", part.type)
            when (part) {
                is ResponseContentPart.OutputText -> {
                    put("text", part.text)
                    put("annotations", JsonArray(part.annotations))
                }
                is ResponseContentPart.Refusal -> put("refusal", part.refusal)
                is ResponseContentPart.Unknown -> {}
            }
        }
    }

    fun toJson(part: ReasoningSummaryPart): JsonObject =
        part.json.ifEmpty {
            JsonObject(
                mapOf("type" to JsonPrimitive(part.type), "text" to JsonPrimitive(part.text))
            )
        }

    private inline fun JsonObject.ifEmpty(other: () -> JsonObject): JsonObject =
        if (isEmpty()) other() else this
}
