package ai.auriko.client.structured.internal

import ai.auriko.client.structured.SchemaDescription
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.descriptors.PolymorphicKind
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.SerialKind
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.descriptors.nonNullOriginal
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonClassDiscriminator
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Derives an OpenAI strict-mode JSON Schema from a serial descriptor — the shape kotlinx
 * serialization's default `Json` writes and reads for the type — without reflection.
 *
 * The rule it keeps: every value the schema admits decodes with the type's serializer under a
 * default `Json`, and every property is listed in `required` with `additionalProperties: false`.
 * What strict mode cannot express fails here, at build time, naming the property path, rather than
 * as a 400 from the server or a parse error after the model answered.
 *
 * Two passes: [scan] counts how often each class is reached and which ones recurse; [schema] writes
 * inline the classes used once and puts the others in `$defs` (the root, when it recurses, is `#`).
 * Output order follows the descriptors, so the same type always gives the same text.
 */
@OptIn(ExperimentalSerializationApi::class)
internal class SchemaGenerator private constructor(root: SerialDescriptor) {

    /**
     * A type that gets an object (or anyOf) schema of its own. A sealed subclass inside its
     * hierarchy is a different key from the same class used directly: only the former carries the
     * class discriminator.
     */
    private data class TypeKey(val descriptor: SerialDescriptor, val discriminator: Discriminator?)

    /** The class discriminator a sealed subclass is written with: `"type": "<serial name>"`. */
    private data class Discriminator(val name: String, val value: String)

    private val rootKey = TypeKey(root.nonNullOriginal, null)
    private val rootName = simpleName(root.nonNullOriginal.serialName)
    private val uses = HashMap<TypeKey, Int>()
    private val recursive = HashSet<TypeKey>()
    private val defNames = HashMap<TypeKey, String>()
    private val defs = LinkedHashMap<String, JsonObject?>()

    private fun generate(rootDescriptor: SerialDescriptor): JsonObject {
        checkRoot(rootDescriptor)
        scan(rootKey.descriptor, null, HashSet())
        val body = body(rootKey, rootName)
        if (defs.isEmpty()) return body
        val all = LinkedHashMap<String, JsonElement>(body)
        all[DEFS] = JsonObject(defs.mapValues { (_, v) -> checkNotNull(v) })
        return JsonObject(all)
    }

    private fun checkRoot(d: SerialDescriptor) {
        val t = d.nonNullOriginal
        val what =
            when {
                d.isNullable -> "a nullable type"
                t.kind == PolymorphicKind.SEALED && !isJsonElement(t) ->
                    "a sealed hierarchy, whose schema is an anyOf (not allowed at the root)"
                (t.kind == StructureKind.CLASS || t.kind == StructureKind.OBJECT) && !t.isInline ->
                    return
                else -> "a ${t.kind} (${t.serialName})"
            }
        fail(
            rootName,
            "the root of a strict-mode schema must be an object, and this is $what; " +
                "wrap it in a @Serializable class with one property",
        )
    }

    // ---- pass 1: which classes are used more than once, which recurse ----

    private fun scan(
        d: SerialDescriptor,
        discriminator: Discriminator?,
        stack: MutableSet<TypeKey>,
    ) {
        val t = d.nonNullOriginal
        if (isJsonElement(t)) return
        when (t.kind) {
            StructureKind.CLASS,
            StructureKind.OBJECT -> {
                if (t.isInline) return scan(t.getElementDescriptor(0), null, stack)
                visit(TypeKey(t, discriminator), stack) {
                    for (i in 0 until t.elementsCount) scan(t.getElementDescriptor(i), null, stack)
                }
            }
            PolymorphicKind.SEALED ->
                visit(TypeKey(t, null), stack) {
                    val name = discriminatorName(t)
                    subclasses(t).forEach { scan(it, Discriminator(name, it.serialName), stack) }
                }
            StructureKind.LIST -> scan(t.getElementDescriptor(0), null, stack)
            else -> Unit
        }
    }

    private inline fun visit(key: TypeKey, stack: MutableSet<TypeKey>, children: () -> Unit) {
        if (key in stack) {
            recursive += key
            return
        }
        val count = (uses[key] ?: 0) + 1
        uses[key] = count
        if (count > 1) return
        stack += key
        children()
        stack -= key
    }

    // ---- pass 2: the schema ----

    private fun schema(d: SerialDescriptor, path: String, description: String?): JsonObject {
        val t = d.nonNullOriginal
        val inner = nonNullSchema(t, path)
        val schema = if (d.isNullable) nullable(inner) else inner
        return if (description != null) withDescription(schema, description) else schema
    }

    private fun nonNullSchema(t: SerialDescriptor, path: String): JsonObject {
        if (isJsonElement(t)) {
            fail(
                path,
                "${simpleName(t.serialName)} (any JSON) cannot be expressed in strict mode, which " +
                    "needs every value's shape; use a class, a list or a primitive",
            )
        }
        UNSIGNED[t.serialName]?.let {
            return it
        }
        return when (val kind = t.kind) {
            PrimitiveKind.STRING -> typed("string")
            PrimitiveKind.CHAR -> obj("type" to str("string"), "pattern" to str("^[\\s\\S]$"))
            PrimitiveKind.BOOLEAN -> typed("boolean")
            PrimitiveKind.BYTE -> ranged(Byte.MIN_VALUE.toLong(), Byte.MAX_VALUE.toLong())
            PrimitiveKind.SHORT -> ranged(Short.MIN_VALUE.toLong(), Short.MAX_VALUE.toLong())
            PrimitiveKind.INT,
            PrimitiveKind.LONG -> typed("integer")
            PrimitiveKind.FLOAT,
            PrimitiveKind.DOUBLE -> typed("number")
            SerialKind.ENUM -> {
                val values = JsonArray((0 until t.elementsCount).map { str(t.getElementName(it)) })
                describe(obj("type" to str("string"), "enum" to values), t.annotations)
            }
            StructureKind.LIST ->
                obj(
                    "type" to str("array"),
                    "items" to schema(t.getElementDescriptor(0), "$path[]", null),
                )
            StructureKind.MAP ->
                fail(
                    path,
                    "maps cannot be expressed in strict mode, where every object key must be " +
                        "declared; use a list of key/value objects, or a class with the keys as properties",
                )
            StructureKind.CLASS,
            StructureKind.OBJECT ->
                if (t.isInline) {
                    // A value class is written as its one property: its schema is that property's,
                    // described by the value class (a property's own description wins, later).
                    val under =
                        schema(
                            t.getElementDescriptor(0),
                            path,
                            descriptionOf(t.getElementAnnotations(0)),
                        )
                    describe(under, t.annotations)
                } else {
                    named(TypeKey(t, null), path)
                }
            PolymorphicKind.SEALED -> named(TypeKey(t, null), path)
            PolymorphicKind.OPEN ->
                fail(
                    path,
                    "an open polymorphic type (${t.serialName}) cannot be expressed: its subclasses " +
                        "are only known at run time; make it a sealed class or interface",
                )
            SerialKind.CONTEXTUAL ->
                fail(
                    path,
                    "a contextual type (${t.serialName}) has no descriptor until a Json module " +
                        "resolves it; give the property a concrete serializer",
                )
            else -> fail(path, "a ${kind} (${t.serialName}) cannot be expressed in strict mode")
        }
    }

    /** The root → `#`; a class used twice or recursing → a `$ref` into `$defs`; else inline. */
    private fun named(key: TypeKey, path: String): JsonObject {
        if (key == rootKey) return obj(REF to str("#"))
        if ((uses[key] ?: 0) <= 1 && key !in recursive) return body(key, path)
        val known = defNames[key]
        if (known != null) return ref(known)
        val name = uniqueDefName(key)
        defNames[key] = name
        defs[name] = null // reserved: keeps first-reached order, and recursion finds the name
        defs[name] = body(key, path)
        return ref(name)
    }

    private fun body(key: TypeKey, path: String): JsonObject {
        val t = key.descriptor
        return if (t.kind == PolymorphicKind.SEALED) sealed(t, path) else objectSchema(key, path)
    }

    private fun objectSchema(key: TypeKey, path: String): JsonObject {
        val t = key.descriptor
        val properties = LinkedHashMap<String, JsonElement>()
        key.discriminator?.let {
            // First, as kotlinx.serialization writes it.
            properties[it.name] =
                obj("type" to str("string"), "enum" to JsonArray(listOf(str(it.value))))
        }
        for (i in 0 until t.elementsCount) {
            val name = t.getElementName(i)
            val propertyPath = "$path.$name"
            if (name in properties) {
                fail(
                    propertyPath,
                    "the property has the name of the sealed hierarchy's class discriminator, " +
                        "which kotlinx.serialization cannot write; rename it or use " +
                        "@JsonClassDiscriminator on the sealed type",
                )
            }
            properties[name] =
                schema(
                    t.getElementDescriptor(i),
                    propertyPath,
                    descriptionOf(t.getElementAnnotations(i)),
                )
        }
        val schema =
            obj(
                "type" to str("object"),
                "properties" to JsonObject(properties),
                "required" to JsonArray(properties.keys.map { str(it) }),
                "additionalProperties" to JsonPrimitive(false),
            )
        return describe(schema, t.annotations)
    }

    private fun sealed(t: SerialDescriptor, path: String): JsonObject {
        val name = discriminatorName(t)
        val subclasses = subclasses(t)
        if (subclasses.isEmpty())
            fail(path, "the sealed type ${t.serialName} has no serializable subclass")
        val options =
            subclasses.map { sub ->
                val subPath = "$path(${simpleName(sub.serialName)})"
                if (
                    (sub.kind != StructureKind.CLASS && sub.kind != StructureKind.OBJECT) ||
                        sub.isInline
                ) {
                    fail(
                        subPath,
                        "a sealed subclass must be a class or an object, not a ${sub.kind}",
                    )
                }
                named(TypeKey(sub, Discriminator(name, sub.serialName)), subPath)
            }
        return describe(obj(ANY_OF to JsonArray(options)), t.annotations)
    }

    // ---- helpers ----

    private fun uniqueDefName(key: TypeKey): String {
        val base = simpleName(key.descriptor.serialName)
        var name = base
        var n = 2
        while (name in defs) name = base + n++
        return name
    }

    private fun subclasses(sealed: SerialDescriptor): List<SerialDescriptor> {
        val value = sealed.getElementDescriptor(1)
        return (0 until value.elementsCount).flatMap {
            val sub = value.getElementDescriptor(it)
            if (sub.kind == PolymorphicKind.SEALED) subclasses(sub) else listOf(sub)
        }
    }

    private fun discriminatorName(sealed: SerialDescriptor): String =
        sealed.annotations.filterIsInstance<JsonClassDiscriminator>().firstOrNull()?.discriminator
            ?: DEFAULT_DISCRIMINATOR

    internal companion object {
        private const val DEFS = "\$defs"
        private const val REF = "\$ref"
        private const val ANY_OF = "anyOf"
        private const val DESCRIPTION = "description"
        private const val DEFAULT_DISCRIMINATOR = "type"
        private val NAME_UNSAFE = Regex("[^A-Za-z0-9_-]")

        private val UNSIGNED: Map<String, JsonObject> =
            mapOf(
                "kotlin.UByte" to ranged(0, 255),
                "kotlin.UShort" to ranged(0, 65535),
                "kotlin.UInt" to ranged(0, 4294967295),
                "kotlin.ULong" to obj("type" to str("integer"), "minimum" to JsonPrimitive(0)),
            )

        /** The strict-mode schema of the type [descriptor] describes. */
        fun generate(descriptor: SerialDescriptor): JsonObject {
            val schema = SchemaGenerator(descriptor).generate(descriptor)
            SchemaLimits.check(schema, simpleName(descriptor.nonNullOriginal.serialName))
            return schema
        }

        /**
         * A schema name from the type's serial name: its last segment, in `[A-Za-z0-9_-]`, ≤ 64.
         */
        fun defaultName(descriptor: SerialDescriptor): String =
            simpleName(descriptor.nonNullOriginal.serialName).take(64)

        internal fun simpleName(serialName: String): String {
            val simple = serialName.substringBefore('<').removeSuffix("?").substringAfterLast('.')
            return simple.replace(NAME_UNSAFE, "_").ifEmpty { "_" }
        }

        internal fun fail(path: String, message: String): Nothing =
            throw IllegalArgumentException("$path: $message")

        private fun isJsonElement(t: SerialDescriptor): Boolean =
            t.serialName.startsWith("kotlinx.serialization.json.Json")

        private fun descriptionOf(annotations: List<Annotation>): String? =
            annotations.filterIsInstance<SchemaDescription>().firstOrNull()?.value

        private fun describe(schema: JsonObject, annotations: List<Annotation>): JsonObject =
            descriptionOf(annotations)?.let { withDescription(schema, it) } ?: schema

        /**
         * [schema] with [description], placed after the schema's leading `type`/`anyOf`/`$ref` so
         * that the text reads in a stable order; an existing description is replaced.
         */
        private fun withDescription(schema: JsonObject, description: String): JsonObject {
            val out = LinkedHashMap<String, JsonElement>()
            val lead =
                schema.keys.firstOrNull()?.takeIf { it == "type" || it == ANY_OF || it == REF }
            if (lead != null) out[lead] = schema.getValue(lead)
            out[DESCRIPTION] = str(description)
            schema.forEach { (k, v) -> if (k != lead && k != DESCRIPTION) out[k] = v }
            return JsonObject(out)
        }

        /**
         * [schema] or null: a plain primitive type becomes `type: [t, "null"]`; an anyOf gains a
         * null option; anything else (objects, arrays, enums, `$ref`) becomes `anyOf:
         * [schema, {"type": "null"}]`.
         */
        private fun nullable(schema: JsonObject): JsonObject {
            if (admitsNull(schema)) return schema // a value class over a nullable value, say
            val type = (schema["type"] as? JsonPrimitive)?.takeIf { it.isString }?.content
            if (type in PLAIN_TYPES && "enum" !in schema) {
                return JsonObject(
                    schema.mapValues { (k, v) ->
                        if (k == "type") JsonArray(listOf(v, str("null"))) else v
                    }
                )
            }
            val anyOf = schema[ANY_OF] as? JsonArray
            if (anyOf != null) {
                return JsonObject(
                    schema.mapValues { (k, v) ->
                        if (k == ANY_OF) JsonArray(anyOf + NULL_SCHEMA) else v
                    }
                )
            }
            return obj(ANY_OF to JsonArray(listOf(schema, NULL_SCHEMA)))
        }

        private fun admitsNull(schema: JsonObject): Boolean =
            (schema["type"] as? JsonArray)?.contains(str("null")) == true ||
                (schema[ANY_OF] as? JsonArray)?.contains(NULL_SCHEMA) == true

        private val PLAIN_TYPES = setOf("string", "integer", "number", "boolean")
        private val NULL_SCHEMA = JsonObject(mapOf("type" to JsonPrimitive("null")))

        private fun ref(defName: String): JsonObject = obj(REF to str("#/\$defs/$defName"))

        private fun typed(type: String): JsonObject = obj("type" to str(type))

        private fun ranged(min: Long, max: Long): JsonObject =
            obj(
                "type" to str("integer"),
                "minimum" to JsonPrimitive(min),
                "maximum" to JsonPrimitive(max),
            )

        private fun str(value: String): JsonPrimitive = JsonPrimitive(value)

        private fun obj(vararg entries: Pair<String, JsonElement>): JsonObject =
            JsonObject(linkedMapOf(*entries))
    }
}
