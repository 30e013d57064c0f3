package ai.auriko.client.structured

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull

/**
 * Whether a JSON value conforms to a strict-mode schema (the keywords the generator writes: type,
 * enum, const, properties/required/additionalProperties, items, anyOf, $ref, minimum, maximum,
 * pattern). Proves that a test's hand-written answer is one the model could send.
 */
object SchemaInstanceValidator {
    private val INTEGER = Regex("-?[0-9]+")

    fun errors(root: JsonObject, value: JsonElement): List<String> {
        val found = mutableListOf<String>()
        check(root, root, value, "$", found)
        return found
    }

    private fun check(
        root: JsonObject,
        s: JsonObject,
        v: JsonElement,
        path: String,
        found: MutableList<String>,
    ) {
        s["\$ref"]?.let { ref ->
            val name = (ref as JsonPrimitive).content
            val target =
                if (name == "#") root
                else (root["\$defs"] as JsonObject)[name.removePrefix("#/\$defs/")] as JsonObject
            return check(root, target, v, path, found)
        }
        (s["anyOf"] as? JsonArray)?.let { options ->
            val ok = options.any { errors(root, it as JsonObject, v).isEmpty() }
            if (!ok) found += "$path: matches no anyOf option"
            return
        }
        val types =
            when (val t = s["type"]) {
                is JsonArray -> t.map { (it as JsonPrimitive).content }
                is JsonPrimitive -> listOf(t.content)
                else -> emptyList()
            }
        val kind = kindOf(v)
        if (types.none { it == kind || (it == "number" && kind == "integer") }) {
            found += "$path: a $kind where the schema wants $types"
            return
        }
        (s["enum"] as? JsonArray)?.let { if (v !in it) found += "$path: $v is not one of $it" }
        s["const"]?.let { if (v != it) found += "$path: $v is not $it" }
        if (v is JsonPrimitive && !v.isString) {
            v.doubleOrNull?.let { n ->
                (s["minimum"] as? JsonPrimitive)?.doubleOrNull?.let {
                    if (n < it) found += "$path: $n < $it"
                }
                (s["maximum"] as? JsonPrimitive)?.doubleOrNull?.let {
                    if (n > it) found += "$path: $n > $it"
                }
            }
        }
        if (v is JsonPrimitive && v.isString) {
            (s["pattern"] as? JsonPrimitive)?.let {
                if (!Regex(it.content).containsMatchIn(v.content))
                    found += "$path: '${v.content}' does not match ${it.content}"
            }
        }
        if (v is JsonObject) {
            val properties = s["properties"] as JsonObject
            v.keys
                .filter { it !in properties }
                .forEach { found += "$path.$it: not a declared property" }
            properties.forEach { (name, p) ->
                val sub = v[name]
                if (sub == null) found += "$path.$name: missing"
                else check(root, p as JsonObject, sub, "$path.$name", found)
            }
        }
        if (v is JsonArray)
            v.forEachIndexed { i, item ->
                check(root, s["items"] as JsonObject, item, "$path[$i]", found)
            }
    }

    private fun errors(root: JsonObject, s: JsonObject, v: JsonElement): List<String> =
        mutableListOf<String>().also { check(root, s, v, "", it) }

    private fun kindOf(v: JsonElement): String =
        when {
            v is JsonNull -> "null"
            v is JsonObject -> "object"
            v is JsonArray -> "array"
            v is JsonPrimitive && v.isString -> "string"
            v is JsonPrimitive && v.booleanOrNull != null -> "boolean"
            v is JsonPrimitive && INTEGER.matches(v.content) -> "integer"
            else -> "number"
        }
}
