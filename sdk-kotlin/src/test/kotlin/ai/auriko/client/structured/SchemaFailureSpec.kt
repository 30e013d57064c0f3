package ai.auriko.client.structured

import ai.auriko.errors.InvalidRequestException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.util.Date
import kotlinx.serialization.Contextual
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.InternalSerializationApi
import kotlinx.serialization.Serializable
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.builtins.nullable
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.SerialKind
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.descriptors.buildSerialDescriptor
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject

@Serializable class DayWithExtras(val date: String, val extras: Map<String, String>)

@Serializable class ForecastWithExtras(val city: String, val forecast: List<DayWithExtras>)

@Serializable class WithJsonElement(val name: String, val payload: JsonElement)

@Serializable class WithJsonObject(val payload: JsonObject?)

@Serializable class WithJsonArray(val payloads: List<JsonArray>)

@Serializable class WithJsonPrimitive(val value: JsonPrimitive)

@Serializable abstract class OpenBase

@Serializable class WithOpenPolymorphic(val item: OpenBase)

@Serializable class WithContextual(@Contextual val at: Date)

@Serializable
sealed class Clashing {
    @Serializable class Fine(val x: Int) : Clashing()

    @Serializable class Bad(val type: String) : Clashing()
}

@Serializable class WithClash(val items: List<Clashing>)

@Serializable
sealed class Tagged {
    @Serializable class Meta(val tags: Map<String, Int>) : Tagged()
}

@Serializable class WithMapInSealed(val shapes: List<Tagged>)

/** A map deep in a recursive definition: the path is the first one that reached it. */
@Serializable
class Folder(val name: String, val sub: List<Folder>, val attributes: Map<String, String>?)

/**
 * What strict mode cannot express fails when the schema is built, with an IllegalArgumentException
 * whose message starts with the property path; and the documented limits hold at their boundary.
 */
@OptIn(ExperimentalSerializationApi::class, InternalSerializationApi::class)
class SchemaFailureSpec :
    FunSpec({
        fun failure(descriptor: SerialDescriptor): String =
            shouldThrow<IllegalArgumentException> { JsonSchema.of(descriptor) }.message!!

        test("a map fails, naming the property path through the list") {
            val message = failure(ForecastWithExtras.serializer().descriptor)
            message shouldStartWith
                "ForecastWithExtras.forecast[].extras: maps cannot be expressed in strict mode"
        }

        test("a map in a sealed subclass names the subclass in the path") {
            failure(WithMapInSealed.serializer().descriptor) shouldStartWith
                "WithMapInSealed.shapes[](Meta).tags: maps"
        }

        test("a nullable map in a recursive type fails too") {
            failure(Folder.serializer().descriptor) shouldStartWith "Folder.attributes: maps"
        }

        test("JsonElement and its subtypes fail") {
            failure(WithJsonElement.serializer().descriptor) shouldStartWith
                "WithJsonElement.payload: JsonElement (any JSON) cannot be expressed"
            failure(WithJsonObject.serializer().descriptor) shouldStartWith
                "WithJsonObject.payload: JsonObject"
            failure(WithJsonArray.serializer().descriptor) shouldStartWith
                "WithJsonArray.payloads[]: JsonArray"
            failure(WithJsonPrimitive.serializer().descriptor) shouldStartWith
                "WithJsonPrimitive.value: JsonPrimitive"
        }

        test("an open polymorphic type fails") {
            failure(WithOpenPolymorphic.serializer().descriptor) shouldStartWith
                "WithOpenPolymorphic.item: an open polymorphic type"
        }

        test("a contextual type fails") {
            failure(WithContextual.serializer().descriptor) shouldStartWith
                "WithContextual.at: a contextual type"
        }

        test("a property named like the class discriminator fails") {
            failure(WithClash.serializer().descriptor) shouldStartWith
                "WithClash.items[](Bad).type: the property has the name of the sealed hierarchy's class discriminator"
        }

        test("a root that is not a non-nullable class fails, saying to wrap it") {
            for (d in
                listOf(
                    ListSerializer(String.serializer()).descriptor,
                    Shape.serializer().descriptor,
                    Priority.serializer().descriptor,
                    String.serializer().descriptor,
                    Weather.serializer().nullable.descriptor,
                    Cents.serializer().descriptor,
                    WithJsonElement.serializer().descriptor.getElementDescriptor(1),
                )) {
                val message = failure(d)
                message.contains("the root of a strict-mode schema must be an object") shouldBe true
                message.contains("wrap it in a @Serializable class") shouldBe true
            }
        }

        test("a bad schema name is the request's typed error") {
            shouldThrow<InvalidRequestException> {
                JsonSchema.of(Weather.serializer().descriptor, "not ok!")
            }
        }

        // ---- the documented limits, at their boundary (descriptors built by hand: no classes)
        // ----

        fun flat(name: String, properties: Int, nameLength: Int = 1): SerialDescriptor =
            buildClassSerialDescriptor(name) {
                repeat(properties) {
                    element("p$it".padEnd(nameLength, 'x'), String.serializer().descriptor)
                }
            }

        test("5000 object properties pass, 5001 fail") {
            JsonSchema.of(flat("Wide", 5000))
            failure(flat("Wide", 5001)) shouldBe
                "Wide: the schema has 5001 object properties; strict mode allows at most 5000"
        }

        fun nested(levels: Int): SerialDescriptor {
            var d = flat("L$levels", 1)
            for (i in levels - 1 downTo 0) {
                val inner = d
                d = buildClassSerialDescriptor("L$i") { element("next", inner) }
            }
            return d
        }

        test("10 levels of nesting pass, 11 fail, naming the deepest path") {
            val ok = Json.parseToJsonElement(JsonSchema.of(nested(10)).schema.json()).jsonObject
            SchemaStrictChecker.violations(ok).shouldBeEmpty()
            failure(nested(11)) shouldStartWith
                "L0.next.next.next.next.next.next.next.next.next.next.next: objects are nested 11 levels deep"
        }

        fun enumOf(name: String, values: Int, valueLength: Int = 1): SerialDescriptor =
            buildSerialDescriptor(name, SerialKind.ENUM) {
                repeat(values) {
                    val value = "v$it".padEnd(valueLength, 'x')
                    element(value, buildSerialDescriptor("$name.$value", StructureKind.OBJECT))
                }
            }

        test("1000 enum values in all pass, 1001 fail") {
            fun twoEnums(total: Int) =
                buildClassSerialDescriptor("Choices") {
                    element("a", enumOf("A", 500))
                    element("b", enumOf("B", total - 500))
                }
            JsonSchema.of(twoEnums(1000))
            failure(twoEnums(1001)) shouldStartWith "Choices: the schema has 1001 enum values"
        }

        test("an enum of more than 250 values may take 15000 characters, not more") {
            fun big(values: Int, length: Int) =
                buildClassSerialDescriptor("Big") { element("e", enumOf("E", values, length)) }
            JsonSchema.of(big(251, 59)) // 14,809 characters
            JsonSchema.of(big(250, 100)) // 25,000 characters, but only 250 values
            failure(big(251, 60)) shouldStartWith
                "Big.e: an enum of 251 values takes 15060 characters"
        }

        test("120000 characters of names pass, more fail") {
            JsonSchema.of(flat("Long", 200, 600))
            failure(flat("Long", 200, 601)) shouldStartWith
                "Long: the schema's property names, definition names and enum values take 120200 characters"
        }
    })
