package ai.auriko.client.internal

import kotlinx.serialization.KSerializer
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive

/**
 * A field that is one string or an array of strings (`reasoning_signature`,
 * `reasoning_redacted_data`): the gateway documents one string per thinking block, and this SDK
 * sends several blocks back as an array in order (docs/DESIGN.md, "Reasoning sent back"), so a
 * server that answers the same way is read too. Each string is kept exactly as it arrived; `null`,
 * empty strings and non-string entries carry no block and are left out.
 */
internal object OneOrManyStringsSerializer : KSerializer<List<String>> {
    private val list = ListSerializer(String.serializer())

    override val descriptor: SerialDescriptor = list.descriptor

    override fun deserialize(decoder: Decoder): List<String> {
        val element =
            (decoder as? JsonDecoder)?.decodeJsonElement() ?: return list.deserialize(decoder)
        return when (element) {
            is JsonArray -> element.mapNotNull { it.stringOrNull() }
            else -> listOfNotNull(element.stringOrNull())
        }
    }

    private fun kotlinx.serialization.json.JsonElement.stringOrNull(): String? =
        (this as? JsonPrimitive)
            ?.takeIf { it.isString && it !is JsonNull }
            ?.content
            ?.takeIf { it.isNotEmpty() }

    override fun serialize(encoder: Encoder, value: List<String>) {
        if (value.size == 1) encoder.encodeString(value[0]) else list.serialize(encoder, value)
    }
}
