package ai.auriko.client.structured.internal

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement

/** The two JSON configurations of structured outputs: the whole answer, and partial objects. */
internal object StructuredJson {
    /**
     * The whole answer: kotlinx.serialization's defaults. A strict schema sends every property, so
     * an unknown key or a missing one is a mismatch, not something to guess around.
     */
    private val whole = Json

    /**
     * Partial objects: a property not arrived yet reads as `null` when nullable (no explicit nulls)
     * or its default; a half-written enum value reads as the property's default (coerced), so one
     * growing string does not make the whole object undecodable.
     */
    private val partial = Json {
        explicitNulls = false
        ignoreUnknownKeys = true
        coerceInputValues = true
    }

    fun <T> decodeWhole(serializer: KSerializer<T>, text: String): T =
        whole.decodeFromString(serializer, text)

    /** [json] as [T], or `null` while a property it needs has not arrived (or is half-written). */
    fun <T> decodePartial(serializer: KSerializer<T>, json: JsonElement): T? =
        try {
            partial.decodeFromJsonElement(serializer, json)
        } catch (_: SerializationException) {
            null
        } catch (_: IllegalArgumentException) {
            null
        }
}
