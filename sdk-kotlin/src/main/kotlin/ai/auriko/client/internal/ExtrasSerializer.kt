package ai.auriko.client.internal

import java.util.Collections
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonUnquotedLiteral

/**
 * A response model's serializer: the plugin-generated one ([generated], kept with
 * `@KeepGeneratedSerializer`) plus the members it does not model, handed to [keep] exactly as sent.
 *
 * Decoding reads the object as a JSON tree once — from a tree decoder (a nested model, or a body
 * already parsed) that is the tree itself, no copy — then decodes the model from it, so the model's
 * meaning stays the generated serializer's. Only when a member is unknown is a map allocated; the
 * common case keeps the shared empty map. Encoding writes the extras back after the modelled
 * members, numbers as their own text, so a decoded model encodes to what was read.
 */
internal open class ExtrasSerializer<T : Any>(
    private val generated: KSerializer<T>,
    private val extrasOf: (T) -> Map<String, JsonElement>,
    private val keep: (T, Map<String, JsonElement>) -> Unit,
) : KSerializer<T> {
    override val descriptor: SerialDescriptor
        get() = generated.descriptor

    // The modelled names, for a look-up per member; built on first use (descriptor is lazy).
    private val known: Set<String> by
        lazy(LazyThreadSafetyMode.PUBLICATION) {
            val d = generated.descriptor
            HashSet<String>(d.elementsCount * 2).apply {
                for (i in 0 until d.elementsCount) add(d.getElementName(i))
            }
        }

    override fun deserialize(decoder: Decoder): T {
        val input = decoder as? JsonDecoder ?: return generated.deserialize(decoder)
        val element = input.decodeJsonElement()
        val value = input.json.decodeFromJsonElement(generated, element)
        if (element is JsonObject) {
            val extras = unknownMembers(element, known)
            if (extras.isNotEmpty()) keep(value, extras)
        }
        return value
    }

    override fun serialize(encoder: Encoder, value: T) {
        val extras = extrasOf(value)
        if (extras.isEmpty() || encoder !is JsonEncoder) return generated.serialize(encoder, value)
        val modelled = encoder.json.encodeToJsonElement(generated, value)
        if (modelled !is JsonObject) return encoder.encodeJsonElement(modelled)
        val all = LinkedHashMap<String, JsonElement>(modelled)
        for ((key, extra) in extras) if (key !in all) all[key] = exact(extra)
        encoder.encodeJsonElement(JsonObject(all))
    }

    internal companion object {
        /**
         * [element] with every number marked to be written as its own text: kotlinx.serialization
         * writes other number literals through a `Double`, which turns `2.50` into `2.5` and
         * `1e400` into an error.
         */
        @OptIn(ExperimentalSerializationApi::class)
        fun exact(element: JsonElement): JsonElement =
            when (element) {
                is JsonObject -> JsonObject(element.mapValues { exact(it.value) })
                is JsonArray -> JsonArray(element.map { exact(it) })
                is JsonNull -> element
                is JsonPrimitive ->
                    if (element.isString) element else JsonUnquotedLiteral(element.content)
            }

        /** The members of [obj] whose names are not in [known]; the shared empty map when none. */
        fun unknownMembers(obj: JsonObject, known: Set<String>): Map<String, JsonElement> {
            var extras: LinkedHashMap<String, JsonElement>? = null
            for ((key, value) in obj) {
                if (key in known) continue
                if (extras == null) extras = LinkedHashMap()
                extras[key] = value
            }
            return if (extras == null) emptyMap() else Collections.unmodifiableMap(extras)
        }
    }
}
