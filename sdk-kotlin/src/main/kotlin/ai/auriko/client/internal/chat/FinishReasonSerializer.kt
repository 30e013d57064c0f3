package ai.auriko.client.internal.chat

import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonPrimitive

/**
 * Reads a finish reason, treating an empty or blank string as no finish reason at all.
 *
 * Some OpenAI-compatible servers (reported against Ollama, SGLang and in openai-dotnet) send
 * `"finish_reason": ""` on every chunk until the real reason arrives. Taken literally, `""` would
 * mark the choice finished, and a stream cut after such chunks would end as a success — a silent
 * truncation. No reason is a reason, so blank means absent everywhere a finish reason is read: here
 * (kotlinx.serialization), in [ChunkScanner] ([isFinishReason]) and in the accumulator.
 */
internal object FinishReasonSerializer : KSerializer<String?> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("FinishReason", PrimitiveKind.STRING)

    override fun deserialize(decoder: Decoder): String? {
        val value =
            if (decoder is JsonDecoder) {
                val element = decoder.decodeJsonElement()
                // Only a string is a finish reason. A number, boolean, object or array is none:
                // absent (so a stream it ends must still end with [DONE]), rather than a failure.
                if (element is JsonPrimitive && element.isString) element.content else null
            } else decoder.decodeString()
        return value?.takeIf(::isFinishReason)
    }

    @OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
    override fun serialize(encoder: Encoder, value: String?) {
        if (value == null) encoder.encodeNull() else encoder.encodeString(value)
    }
}

/** Whether [value] is a finish reason: not empty and not only white space. */
internal fun isFinishReason(value: String): Boolean = value.isNotBlank()
