package ai.auriko.client.internal.responses

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/** Lenient readers of one member of a Responses JSON object: a wrong shape reads as absent. */
internal object JsonFields {
    val EMPTY: JsonObject = JsonObject(emptyMap())

    /** A scalar as text (numbers and booleans too); objects, arrays and null are absent. */
    fun string(obj: JsonObject, key: String): String? {
        val value = obj[key]
        return if (value is JsonPrimitive && value !is JsonNull) value.content else null
    }

    /** A number (or numeric text) as an Int; `3.0` is 3. */
    fun int(obj: JsonObject, key: String): Int? {
        val value = obj[key] as? JsonPrimitive ?: return null
        if (value is JsonNull) return null
        return value.content.toIntOrNull() ?: value.content.toDoubleOrNull()?.toInt()
    }

    /** A number (or numeric text) as a Long; `3.0` is 3. */
    fun long(obj: JsonObject, key: String): Long? {
        val value = obj[key] as? JsonPrimitive ?: return null
        if (value is JsonNull) return null
        return value.content.toLongOrNull() ?: value.content.toDoubleOrNull()?.toLong()
    }

    fun obj(obj: JsonObject, key: String): JsonObject? = obj[key] as? JsonObject

    /** The objects of an array member; other elements are skipped. */
    fun objects(obj: JsonObject, key: String): List<JsonObject> =
        (obj[key] as? JsonArray)?.filterIsInstance<JsonObject>() ?: emptyList()

    fun array(obj: JsonObject, key: String): List<JsonElement> =
        (obj[key] as? JsonArray) ?: emptyList()
}
