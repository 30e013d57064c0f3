package ai.auriko.client.structured

import ai.auriko.request.chat.ResponseFormat
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

@Serializable @SerialName("odd name/with:chars") class OddlyNamed(val x: Int)

/**
 * `jsonSchemaOf<T>()` and `JsonSchema.of(descriptor)` from Kotlin: names, strictness, stability.
 */
class SchemaApiSpec :
    FunSpec({
        test("jsonSchemaOf names the schema after the type, strict, with no description") {
            val schema = jsonSchemaOf<Weather>()
            schema.name shouldBe "Weather"
            schema.strict shouldBe true
            schema.description.shouldBeNull()
            schema.schema shouldBe JsonSchema.of(Weather.serializer().descriptor).schema
        }

        test("name and description are the caller's; the response format carries them") {
            val schema = jsonSchemaOf<Weather>("weather_today", "The weather, now")
            val format = schema.toResponseFormat()
            format.type() shouldBe ResponseFormat.Type.JSON_SCHEMA
            format.schemaName() shouldBe "weather_today"
            format.strict() shouldBe true
            format.description() shouldBe "The weather, now"
            format.schema() shouldBeSameInstanceAs schema.schema
        }

        test("the default name is the serial name's last segment, made a valid name") {
            jsonSchemaOf<Renamed>().name shouldBe "renamed_thing"
            jsonSchemaOf<OddlyNamed>().name shouldBe "odd_name_with_chars"
            jsonSchemaOf<Shape.Circle>().name shouldBe "circle"
        }

        test("the same type always generates the same text") {
            for (case in SchemaGoldenSpec.CASES) case.generate().schema shouldBe
                case.generate().schema
        }

        test("a map given from Kotlin is sent as its JSON") {
            val schema =
                JsonSchema.of(
                    "s",
                    mapOf("type" to "object", "properties" to emptyMap<String, Any>()),
                )
            schema.schema.json() shouldBe """{"type":"object","properties":{}}"""
        }
    })
