package ai.auriko.client.structured

import ai.auriko.client.internal.RequestEncoder
import ai.auriko.client.structured.internal.SchemaGenerator
import ai.auriko.json.RawJson
import ai.auriko.request.chat.ResponseFormat
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.serializer

/**
 * A named JSON Schema: what a structured answer ([ResponseFormat.jsonSchema]) or a tool's
 * parameters must match. Generated from a `@Serializable` type with [jsonSchemaOf] in Kotlin, or
 * given as JSON text with [of] (Java, or a schema written by hand).
 *
 * Immutable and thread-safe.
 */
public class JsonSchema
private constructor(
    /** The schema's name, as sent (`json_schema.name`, or the tool's name). */
    public val name: String,
    /** The schema itself, as JSON text. */
    public val schema: RawJson,
    /** Whether the model must follow the schema exactly (OpenAI's strict mode). */
    public val strict: Boolean,
    /** What the schema is for, for the model; `null` when not given. */
    public val description: String?,
) {
    /** The `response_format` (or Responses `text.format`) asking for JSON matching this schema. */
    public fun toResponseFormat(): ResponseFormat =
        ResponseFormat.jsonSchema(name, schema, strict, description)

    /** The name, strictness and description; the schema's JSON is in [schema]. */
    override fun toString(): String =
        "JsonSchema(name=$name, strict=$strict, description=$description)"

    /** Factories. */
    public companion object {
        /**
         * A schema given as JSON text (strict mode unless [strict] is `false`).
         *
         * @throws ai.auriko.errors.InvalidRequestException when [name] is not 1–64 characters of
         *   `[A-Za-z0-9_-]` or [schema] is not a JSON object
         */
        @JvmStatic
        @JvmOverloads
        public fun of(
            name: String,
            schema: RawJson,
            strict: Boolean = true,
            description: String? = null,
        ): JsonSchema {
            ResponseFormat.jsonSchema(name, schema, strict, description) // validates
            return JsonSchema(name, schema, strict, description)
        }

        /**
         * A schema given as a map of JSON values (maps, lists, strings, numbers, booleans, `null`,
         * [RawJson]), as Java code builds one; strict mode unless [strict] is `false`. The map is
         * deeply copied.
         *
         * @throws ai.auriko.errors.InvalidRequestException when [name] is not 1–64 characters of
         *   `[A-Za-z0-9_-]` or [schema] holds a value that is not JSON
         */
        @JvmStatic
        @JvmOverloads
        public fun of(
            name: String,
            schema: Map<String, *>,
            strict: Boolean = true,
            description: String? = null,
        ): JsonSchema {
            val checked =
                ResponseFormat.jsonSchema(name, schema, strict, description) // validates, copies
            val json = RequestEncoder.jsonValue(checked.schema()).toString()
            return JsonSchema(name, RawJson.of(json), strict, description)
        }

        /**
         * The strict-mode schema of a serializable type, from its [descriptor] (no reflection);
         * Kotlin callers use [jsonSchemaOf].
         *
         * The schema describes the JSON a default `Json` writes and reads for the type:
         * - a class or `object` is an object listing every property in `required`, with
         *   `additionalProperties: false`; property names are serial names (`@SerialName`);
         * - a class used more than once, or recursively, is written once in `$defs` and referenced
         *   with `$ref` (the root type itself as `#`); others are inline;
         * - `String`, `Char` (one character), `Boolean`, `Byte`/`Short`/`Int`/`Long` and the
         *   unsigned types (`integer`, with the range of the small and unsigned ones), `Float`/
         *   `Double` (`number`); lists, sets and arrays are `array`s; an enum is a string `enum` of
         *   its serial names; a value class is its underlying value;
         * - a nullable type admits `null` (`type: [t, "null"]` for a primitive, else `anyOf:
         *   [schema, {"type": "null"}]`);
         * - a sealed class or interface is an `anyOf` of its subclasses, each an object whose first
         *   property is the class discriminator (`"type"`, or the name given by
         *   `@JsonClassDiscriminator`) with the subclass's serial name as its one `enum` value;
         * - [SchemaDescription] on a class or property becomes its `description`.
         *
         * **Properties with a default value** are required like the others (strict mode has no
         * optional property) and keep their type: the model always sends a value, and a
         * non-nullable one is never given `null`, which a default `Json` would refuse to decode
         * (the default itself cannot be read from a descriptor, so it is not in the schema). A
         * nullable property with a default admits `null` like any nullable property. The rule:
         * every value the schema admits decodes with the type's serializer.
         *
         * Fails, naming the property path (`Weather.forecast[].extras: maps ...`), on what strict
         * mode cannot express: maps (keys must be declared), `JsonElement` and its subtypes (any
         * JSON), open polymorphic and contextual types, a property named like its sealed type's
         * class discriminator; and when the root is not a non-nullable class (strict mode wants an
         * object at the root: wrap a list, enum or sealed type in a class). Fails too when the
         * schema exceeds the limits OpenAI documents for strict mode (5000 object properties, 10
         * levels of nesting, 1000 enum values, 120,000 characters of names and enum values, and
         * 15,000 characters for one enum of more than 250 values).
         *
         * A `Json` configured with another `classDiscriminator` or a naming strategy is not visible
         * in a descriptor: the schema follows the default `Json` (and `@JsonClassDiscriminator`).
         *
         * @param name the schema's name; by default the type's simple serial name
         * @param description what the schema is for, for the model
         * @throws IllegalArgumentException naming the property path when the type cannot be
         *   expressed in strict mode
         */
        @JvmStatic
        public fun of(
            descriptor: SerialDescriptor,
            name: String? = null,
            description: String? = null,
        ): JsonSchema {
            val schema = SchemaGenerator.generate(descriptor)
            val schemaName = name ?: SchemaGenerator.defaultName(descriptor)
            return of(schemaName, RawJson.of(schema.toString()), true, description)
        }
    }
}

/**
 * The strict-mode JSON Schema of [T], generated from its serializer's descriptor (no reflection).
 * [name] defaults to the type's simple serial name. What is generated, and what fails, is described
 * at [JsonSchema.of].
 *
 * @throws IllegalArgumentException naming the property path when [T] cannot be expressed in strict
 *   mode
 */
public inline fun <reified T> jsonSchemaOf(
    name: String? = null,
    description: String? = null,
): JsonSchema = JsonSchema.of(serializer<T>().descriptor, name, description)
