package ai.auriko.samples.gateway

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive

/**
 * A structured answer: when the request asks for JSON matching a schema (chat's
 * `response_format.json_schema.schema`, or the Responses API's `text.format.schema`), a
 * deterministic value that matches it, as JSON text in small fragments, so a client sees the object
 * grow. `null` when no schema was asked for.
 */
internal fun structuredAnswer(body: JsonObject, lastUser: String): List<String>? {
    val format =
        ((body["response_format"] as? JsonObject)?.get("json_schema") as? JsonObject)
            ?: ((body["text"] as? JsonObject)?.get("format") as? JsonObject)
            ?: return null
    val schema = format["schema"] as? JsonObject ?: return null
    val city =
        Regex("(?i)\\bin ([A-Za-zÀ-ÿ' -]+)")
            .find(lastUser)
            ?.groupValues
            ?.get(1)
            ?.trim()
            ?.trimEnd('?', '.', '!')
            ?.replaceFirstChar { it.uppercase() } ?: "Paris"
    val text = Example(schema, city).of(schema, "", depth = 0).toString()
    return text.chunked(6)
}

/** Builds one value a schema admits; strings named like a city get [city]. */
private class Example(private val root: JsonObject, private val city: String) {
    private var counter = 0
    private var days = 0
    private var choices = 0

    fun of(schema: JsonObject, name: String, depth: Int): JsonElement {
        (schema["\$ref"] as? JsonPrimitive)?.contentOrNull?.let { ref ->
            return of(resolve(ref), name, depth + 1)
        }
        (schema["enum"] as? JsonArray)?.let { values ->
            return values[choices++ % values.size]
        }
        (schema["anyOf"] as? JsonArray)?.let { options ->
            val objects = options.mapNotNull { it as? JsonObject }
            val pick =
                objects.firstOrNull { !isNull(it) }.takeIf { depth < MAX_DEPTH }
                    ?: objects.firstOrNull(::isNull)
                    ?: objects.first()
            return of(pick, name, depth)
        }
        val type =
            when (val t = schema["type"]) {
                is JsonArray ->
                    t.map { it.jsonPrimitive.content }
                        .let { types ->
                            if (depth >= MAX_DEPTH && "null" in types) "null"
                            else types.first { it != "null" }
                        }
                is JsonPrimitive -> t.content
                else -> "object"
            }
        return when (type) {
            "object" ->
                JsonObject(
                    (schema["properties"] as? JsonObject).orEmpty().mapValues { (key, sub) ->
                        of(sub as JsonObject, key, depth + 1)
                    }
                )
            "array" ->
                JsonArray(
                    if (depth >= MAX_DEPTH) emptyList()
                    else
                        List(2) {
                            of(
                                schema["items"] as? JsonObject ?: JsonObject(emptyMap()),
                                name,
                                depth + 1,
                            )
                        }
                )
            "string" -> JsonPrimitive(string(name))
            "integer" -> JsonPrimitive(10 + counter++)
            "number" -> JsonPrimitive(17.5 + counter++)
            "boolean" -> JsonPrimitive(counter++ % 2 == 0)
            else -> JsonNull
        }
    }

    private fun string(name: String): String =
        when {
            name.contains("city", ignoreCase = true) -> city
            name.contains("day", ignoreCase = true) -> DAYS[days++ % DAYS.size]
            name.contains("summary", ignoreCase = true) ||
                name.contains("description", ignoreCase = true) ->
                "Mild and bright in $city, with a breeze from the sea."
            else -> "$name ${++counter}".trim()
        }

    private fun isNull(schema: JsonObject): Boolean =
        (schema["type"] as? JsonPrimitive)?.contentOrNull == "null"

    private fun resolve(ref: String): JsonObject {
        if (ref == "#") return root
        val path = ref.removePrefix("#/").split('/')
        var node: JsonElement = root
        for (part in path) node = (node as JsonObject).getValue(part)
        return node as JsonObject
    }

    private companion object {
        const val MAX_DEPTH = 6
        val DAYS = listOf("Monday", "Tuesday", "Wednesday")
    }
}
