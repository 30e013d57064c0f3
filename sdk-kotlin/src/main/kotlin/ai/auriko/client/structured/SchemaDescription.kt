package ai.auriko.client.structured

import kotlinx.serialization.SerialInfo

/**
 * What a class or a property means, for the model: becomes the `description` of its schema in
 * [jsonSchemaOf] / [JsonSchema.of].
 *
 * It is a `@SerialInfo` annotation, so the generator reads it from the serializer's descriptor (no
 * reflection: it works after R8 and on Android). On a property it describes that property (and wins
 * over the description of the property's class); on a class, enum or value class it describes every
 * use of the type.
 *
 * ```
 * @Serializable
 * @SchemaDescription("Today's weather in one city")
 * class Weather(@SchemaDescription("Degrees Celsius") val temperature: Double)
 * ```
 */
@SerialInfo
@Target(AnnotationTarget.CLASS, AnnotationTarget.PROPERTY)
@Retention(AnnotationRetention.BINARY)
@MustBeDocumented
public annotation class SchemaDescription(
    /** The description, as sent to the model. */
    val value: String
)
