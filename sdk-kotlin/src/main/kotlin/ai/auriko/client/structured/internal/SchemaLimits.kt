package ai.auriko.client.structured.internal

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The size limits OpenAI documents for a strict-mode schema (Structured Outputs guide, "Supported
 * schemas"), checked on a generated schema so that a type too big fails when the schema is built,
 * not as a 400 on every request:
 * - at most [MAX_PROPERTIES] object properties in all, and [MAX_DEPTH] levels of object nesting;
 * - at most [MAX_CHARS] characters in all property names, definition names, enum and const values;
 * - at most [MAX_ENUM_VALUES] enum values in all; one enum of more than [LARGE_ENUM] string values
 *   at most [MAX_LARGE_ENUM_CHARS] characters.
 *
 * The guide does not say how nesting is counted; here the root object is level 0 and each object
 * inside another one level deeper (arrays and anyOf do not count, `$ref`s are followed, a cycle
 * counts once), so that a schema the server accepts is never refused here.
 */
internal object SchemaLimits {
    const val MAX_PROPERTIES: Int = 5000
    const val MAX_DEPTH: Int = 10
    const val MAX_CHARS: Int = 120_000
    const val MAX_ENUM_VALUES: Int = 1000
    const val LARGE_ENUM: Int = 250
    const val MAX_LARGE_ENUM_CHARS: Int = 15_000

    fun check(root: JsonObject, rootName: String) {
        val totals = Totals()
        count(root, rootName, totals)
        (root["\$defs"] as? JsonObject)?.forEach { (name, def) ->
            totals.chars += name.length
            count(def as JsonObject, "$rootName.\$defs.$name", totals)
        }
        if (totals.properties > MAX_PROPERTIES) {
            SchemaGenerator.fail(
                rootName,
                "the schema has ${totals.properties} object properties; strict mode allows at most $MAX_PROPERTIES",
            )
        }
        if (totals.enumValues > MAX_ENUM_VALUES) {
            SchemaGenerator.fail(
                rootName,
                "the schema has ${totals.enumValues} enum values; strict mode allows at most $MAX_ENUM_VALUES",
            )
        }
        if (totals.chars > MAX_CHARS) {
            SchemaGenerator.fail(
                rootName,
                "the schema's property names, definition names and enum values take ${totals.chars} " +
                    "characters; strict mode allows at most $MAX_CHARS",
            )
        }
        val depth = Depth(root).of(root, rootName, 0)
        if (depth.levels > MAX_DEPTH) {
            SchemaGenerator.fail(
                depth.path,
                "objects are nested ${depth.levels} levels deep here; strict mode allows at most $MAX_DEPTH",
            )
        }
    }

    private class Totals {
        var properties = 0
        var enumValues = 0
        var chars = 0L
    }

    /** Counts one schema as written (a `$ref` is counted where it is defined, once). */
    private fun count(schema: JsonObject, path: String, totals: Totals) {
        (schema["properties"] as? JsonObject)?.forEach { (name, sub) ->
            totals.properties++
            totals.chars += name.length
            count(sub as JsonObject, "$path.$name", totals)
        }
        (schema["items"] as? JsonObject)?.let { count(it, "$path[]", totals) }
        (schema["anyOf"] as? JsonArray)?.forEach { count(it as JsonObject, path, totals) }
        (schema["const"] as? JsonPrimitive)?.let { totals.chars += it.content.length }
        val enum = schema["enum"] as? JsonArray ?: return
        totals.enumValues += enum.size
        val strings =
            enum.mapNotNull { (it as? JsonPrimitive)?.takeIf { p -> p.isString }?.content }
        val length = strings.sumOf { it.length }
        totals.chars += length
        if (strings.size > LARGE_ENUM && length > MAX_LARGE_ENUM_CHARS) {
            SchemaGenerator.fail(
                path,
                "an enum of ${strings.size} values takes $length characters; strict mode allows " +
                    "at most $MAX_LARGE_ENUM_CHARS for an enum of more than $LARGE_ENUM values",
            )
        }
    }

    private class Deepest(val levels: Int, val path: String)

    /** The deepest object nesting under a schema, following `$ref`s; a ref being walked is 0. */
    private class Depth(private val root: JsonObject) {
        private val walking = HashSet<String>()
        private val known = HashMap<String, Deepest>()

        fun of(schema: JsonObject, path: String, level: Int): Deepest {
            var deepest = Deepest(level, path)
            fun consider(d: Deepest) {
                if (d.levels > deepest.levels) deepest = d
            }
            val ref = (schema["\$ref"] as? JsonPrimitive)?.content
            if (ref != null) {
                if (ref == "#" || ref in walking) return deepest
                // Memoised relative to the definition, so a type reached along many paths is
                // walked once (a DAG of definitions would otherwise cost exponential time).
                val below =
                    known.getOrPut(ref) {
                        val target =
                            (root["\$defs"] as? JsonObject)?.get(ref.removePrefix("#/\$defs/"))
                        walking += ref
                        val d = if (target is JsonObject) of(target, "", 0) else Deepest(0, "")
                        walking -= ref
                        d
                    }
                consider(Deepest(level + below.levels, path + below.path))
                return deepest
            }
            (schema["properties"] as? JsonObject)?.forEach { (name, sub) ->
                consider(of(sub as JsonObject, "$path.$name", level + objectLevel(sub)))
            }
            (schema["items"] as? JsonObject)?.let {
                consider(of(it, "$path[]", level + objectLevel(it)))
            }
            (schema["anyOf"] as? JsonArray)?.forEach {
                consider(of(it as JsonObject, path, level + objectLevel(it)))
            }
            return deepest
        }

        /** 1 when [schema] is itself an object (or a ref to one, counted when followed), else 0. */
        private fun objectLevel(schema: JsonElement): Int {
            val s = schema as JsonObject
            if ((s["type"] as? JsonPrimitive)?.content == "object") return 1
            val ref = (s["\$ref"] as? JsonPrimitive)?.content ?: return 0
            if (ref == "#") return 0
            val target =
                (root["\$defs"] as? JsonObject)?.get(ref.removePrefix("#/\$defs/")) as? JsonObject
            return if ((target?.get("type") as? JsonPrimitive)?.content == "object") 1 else 0
        }
    }
}
