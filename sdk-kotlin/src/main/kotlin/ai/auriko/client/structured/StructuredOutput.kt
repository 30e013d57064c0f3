package ai.auriko.client.structured

import ai.auriko.client.structured.internal.StructuredJson
import java.util.function.Function
import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.serializer

/**
 * What a structured call asks for and how it reads the answer: a [JsonSchema] (sent as
 * `response_format`, or the Responses API's `text.format`) and a parser from the model's JSON text
 * to [T].
 *
 * Kotlin: [structuredOutput] (schema generated from the type), or [of] with a serializer. Java:
 * `StructuredOutput.of(JsonSchema.of("weather", RawJson.of(schemaJson)), json ->
 * mapper.readValue(json, Weather.class))` with the JSON library of your choice.
 *
 * An output built from a serializer also decodes the partial objects of `streamObject`; one built
 * from a parser function has no partial values (its partial objects carry the JSON only). Immutable
 * and thread-safe when the parser is.
 */
public class StructuredOutput<T>
internal constructor(
    /** The schema the answer must match. */
    public val schema: JsonSchema,
    // a Java function, not a Kotlin lambda: no kotlin.jvm.functions type in any JVM signature
    private val parser: Function<String, T>,
    private val serializer: KSerializer<T>?,
) {
    /** Parses the model's whole text; throws what the parser throws. */
    @JvmSynthetic internal fun parse(text: String): T = parser.apply(text)

    /**
     * [json] (a partial object) as [T] when it decodes, else `null`; always `null` without a
     * serializer.
     */
    @JvmSynthetic
    internal fun decodePartial(json: JsonElement): T? =
        serializer?.let { StructuredJson.decodePartial(it, json) }

    /** The schema's name; never the schema or the parser. */
    override fun toString(): String = "StructuredOutput(schema=${schema.name})"

    /** Factories. */
    public companion object {
        /**
         * An output with [schema] whose answer [parser] turns into [T] (Java: any JSON library).
         * When [parser] throws or returns `null`, the call throws a
         * [ai.auriko.errors.StructuredOutputException] of kind `MISMATCH` with the exception as its
         * cause.
         */
        @JvmStatic
        public fun <T> of(schema: JsonSchema, parser: Function<String, T>): StructuredOutput<T> =
            StructuredOutput(schema, parser, null)

        /**
         * An output with a schema of your own (written by hand, or with a name and description of
         * your choice) decoded by [serializer].
         */
        @JvmStatic
        public fun <T> of(schema: JsonSchema, serializer: KSerializer<T>): StructuredOutput<T> =
            StructuredOutput(
                schema,
                Function { text -> StructuredJson.decodeWhole(serializer, text) },
                serializer,
            )

        /**
         * An output whose strict-mode schema is generated from [serializer]'s descriptor (see
         * [JsonSchema.of]) and whose answer it decodes: the non-reified form of [structuredOutput],
         * for generic code.
         *
         * @param name the schema's name; by default the type's simple serial name
         * @throws IllegalArgumentException when the type cannot be expressed in strict mode
         */
        @JvmStatic
        @JvmOverloads
        public fun <T> of(
            serializer: KSerializer<T>,
            name: String? = null,
            description: String? = null,
        ): StructuredOutput<T> =
            of(JsonSchema.of(serializer.descriptor, name, description), serializer)
    }
}

/**
 * The structured output of [T]: its strict-mode schema (see [jsonSchemaOf]) and its serializer.
 *
 * @param name the schema's name; by default the type's simple serial name
 */
public inline fun <reified T> structuredOutput(
    name: String? = null,
    description: String? = null,
): StructuredOutput<T> = StructuredOutput.of(serializer<T>(), name, description)
