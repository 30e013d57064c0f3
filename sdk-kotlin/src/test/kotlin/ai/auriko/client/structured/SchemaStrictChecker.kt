package ai.auriko.client.structured

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull

/**
 * An independent check of OpenAI's strict-mode rules on any schema (it shares no code with the
 * generator): returns every violation found, with its JSON pointer-ish path.
 *
 * The rules, from OpenAI's Structured Outputs guide and the keyword sets openai-java's own
 * validator accepts:
 * - the root is an object schema (not `anyOf`); `$defs` only at the root;
 * - every schema has exactly one of `type`, `anyOf`, `$ref`, and only the keywords its kind allows;
 * - every object has `properties`, `additionalProperties: false`, and `required` listing exactly
 *   its property keys, once each;
 * - arrays have `items`; `anyOf` is a non-empty array of schemas; `enum` a non-empty array of
 *   values of the schema's type; `type` a known type name or an array of them (with `"null"`);
 * - every `$ref` is `#` or `#/$defs/<name>` and resolves.
 */
object SchemaStrictChecker {
    private val TYPES = setOf("string", "number", "integer", "boolean", "object", "array", "null")
    private val COMMON = setOf("title", "description")
    private val ANY_OF_KEYS = COMMON + "anyOf"
    private val REF_KEYS = COMMON + "\$ref"
    private val OBJECT_KEYS =
        COMMON + setOf("type", "properties", "required", "additionalProperties")
    private val ARRAY_KEYS = COMMON + setOf("type", "items", "minItems", "maxItems")
    private val SIMPLE_KEYS = COMMON + setOf("type", "enum", "const")
    private val STRING_KEYS = SIMPLE_KEYS + setOf("pattern", "format")
    private val NUMBER_KEYS =
        SIMPLE_KEYS +
            setOf("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
    private val ROOT_ONLY = setOf("\$defs", "\$schema", "\$id")

    fun violations(schema: JsonElement): List<String> {
        val found = mutableListOf<String>()
        if (schema !is JsonObject) return listOf("#: the root is not an object schema")
        if ("anyOf" in schema) found += "#: anyOf at the root"
        if ((schema["type"] as? JsonPrimitive)?.content != "object")
            found += "#: the root is not of type object"
        val defs = schema["\$defs"]
        if (defs != null && defs !is JsonObject) found += "#/\$defs: not an object"
        val defNames = (defs as? JsonObject)?.keys.orEmpty()
        Walk(found, defNames).schema(schema, "#", root = true)
        (defs as? JsonObject)?.forEach { (name, def) ->
            Walk(found, defNames).schema(def, "#/\$defs/$name", root = false)
        }
        return found
    }

    private class Walk(val found: MutableList<String>, val defNames: Set<String>) {
        fun schema(s: JsonElement, path: String, root: Boolean) {
            if (s !is JsonObject) {
                found += "$path: a schema that is not an object"
                return
            }
            if (s.isEmpty()) {
                found += "$path: an empty schema"
                return
            }
            val heads = listOf("type", "anyOf", "\$ref").filter { it in s }
            if (heads.size != 1) {
                found +=
                    "$path: has ${heads.ifEmpty { listOf("none") }} of type/anyOf/\$ref, not exactly one"
                return
            }
            if (!root)
                ROOT_ONLY.filter { it in s }.forEach { found += "$path: $it outside the root" }
            val extra = ROOT_ONLY // reported above when misplaced: not again as unknown keywords
            when (heads[0]) {
                "anyOf" -> anyOf(s, path, extra)
                "\$ref" -> ref(s, path, extra)
                else -> typed(s, path, extra)
            }
        }

        private fun keywords(s: JsonObject, allowed: Set<String>, path: String) {
            s.keys
                .filter { it !in allowed }
                .forEach { found += "$path: keyword '$it' not allowed here" }
            (s["description"])?.let {
                if (!(it is JsonPrimitive && it.isString))
                    found += "$path: description not a string"
            }
        }

        private fun anyOf(s: JsonObject, path: String, extra: Set<String>) {
            keywords(s, ANY_OF_KEYS + extra, path)
            val options = s["anyOf"] as? JsonArray
            if (options == null || options.isEmpty()) {
                found += "$path: anyOf is not a non-empty array"
                return
            }
            options.forEachIndexed { i, o -> schema(o, "$path/anyOf/$i", root = false) }
        }

        private fun ref(s: JsonObject, path: String, extra: Set<String>) {
            keywords(s, REF_KEYS + extra, path)
            val ref = (s["\$ref"] as? JsonPrimitive)?.takeIf { it.isString }?.content
            when {
                ref == null -> found += "$path: \$ref is not a string"
                ref == "#" -> Unit
                ref.startsWith("#/\$defs/") && ref.removePrefix("#/\$defs/") in defNames -> Unit
                else -> found += "$path: \$ref '$ref' does not resolve"
            }
        }

        private fun typed(s: JsonObject, path: String, extra: Set<String>) {
            val types = typeNames(s["type"], path) ?: return
            val main = types.filter { it != "null" }
            if (main.size > 1) found += "$path: a type array may add only \"null\" to one type"
            when (val t = main.firstOrNull() ?: "null") {
                "object" -> obj(s, path, extra)
                "array" -> {
                    keywords(s, ARRAY_KEYS + extra, path)
                    val items = s["items"]
                    if (items == null) found += "$path: an array without items"
                    else schema(items, "$path/items", false)
                }
                else -> {
                    val allowed =
                        when (t) {
                            "string" -> STRING_KEYS
                            "number",
                            "integer" -> NUMBER_KEYS
                            else -> SIMPLE_KEYS
                        }
                    keywords(s, allowed + extra, path)
                    s["enum"]?.let { enum(it, types, path) }
                }
            }
        }

        private fun obj(s: JsonObject, path: String, extra: Set<String>) {
            keywords(s, OBJECT_KEYS + extra, path)
            if ((s["additionalProperties"] as? JsonPrimitive)?.booleanOrNull != false) {
                found += "$path: additionalProperties is not false"
            }
            val properties = s["properties"] as? JsonObject
            if (properties == null) {
                found += "$path: an object without properties"
                return
            }
            val required = (s["required"] as? JsonArray)?.map { (it as? JsonPrimitive)?.content }
            when {
                required == null -> found += "$path: an object without a required array"
                required.size != required.toSet().size ->
                    found += "$path: required lists a property twice"
                required.toSet() != properties.keys -> {
                    val missing = properties.keys - required.toSet()
                    val unknown = required.toSet() - properties.keys
                    found +=
                        "$path: required does not list exactly the properties (missing $missing, unknown $unknown)"
                }
            }
            properties.forEach { (name, p) -> schema(p, "$path/properties/$name", false) }
        }

        private fun enum(e: JsonElement, types: List<String>, path: String) {
            if (e !is JsonArray || e.isEmpty()) {
                found += "$path: enum is not a non-empty array"
                return
            }
            for (v in e) {
                val ok =
                    when {
                        v is JsonNull -> "null" in types
                        v is JsonPrimitive && v.isString -> "string" in types
                        v is JsonPrimitive && v.booleanOrNull != null -> "boolean" in types
                        v is JsonPrimitive -> "number" in types || "integer" in types
                        else -> false
                    }
                if (!ok) found += "$path: enum value $v is not of the schema's type $types"
            }
        }

        private fun typeNames(t: JsonElement?, path: String): List<String>? {
            val names =
                when (t) {
                    is JsonPrimitive -> listOf(t.content).takeIf { t.isString }
                    is JsonArray ->
                        t.map { (it as? JsonPrimitive)?.takeIf { p -> p.isString }?.content ?: "?" }
                    else -> null
                }
            if (names == null || names.isEmpty() || names.any { it !in TYPES }) {
                found += "$path: type $t is not a type name or an array of them"
                return null
            }
            return names
        }
    }
}
