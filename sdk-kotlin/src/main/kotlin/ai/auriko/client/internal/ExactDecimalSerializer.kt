package ai.auriko.client.internal

import java.math.BigDecimal
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonUnquotedLiteral

/**
 * An amount of money as the server wrote it: the JSON number's own text (or a numeric string) made
 * a [BigDecimal], never through a `Double`, so `0.000042` stays `0.000042` and sums are exact.
 * Encoded back as the same unquoted number.
 */
internal object ExactDecimalSerializer : KSerializer<BigDecimal> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("ai.auriko.ExactDecimal", PrimitiveKind.STRING)

    override fun deserialize(decoder: Decoder): BigDecimal {
        val text =
            if (decoder is JsonDecoder) {
                val element = decoder.decodeJsonElement()
                if (element !is JsonPrimitive || element is JsonNull)
                    throw SerializationException("expected a decimal number, got $element")
                element.content
            } else decoder.decodeString()
        return try {
            BigDecimal(text.trim())
        } catch (e: NumberFormatException) {
            throw SerializationException("expected a decimal number, got \"$text\"", e)
        }
    }

    @OptIn(ExperimentalSerializationApi::class)
    override fun serialize(encoder: Encoder, value: BigDecimal) {
        if (encoder is JsonEncoder) encoder.encodeJsonElement(JsonUnquotedLiteral(value.toString()))
        else encoder.encodeString(value.toString())
    }
}
