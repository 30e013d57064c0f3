package ai.auriko.client.structured

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject

/**
 * The strict-mode checker can fail: each rule, broken once in an otherwise valid schema, is
 * reported (and only that one), so a golden schema passing it means something.
 */
class SchemaCheckerSpec :
    FunSpec({
        fun parse(json: String): JsonObject = Json.parseToJsonElement(json).jsonObject

        // OpenAI's own strict-mode example shapes: nested objects, anyOf, a nullable type array,
        // an enum, $defs with a recursive $ref.
        val valid =
            """
            {"type":"object","description":"a query","properties":{
              "table":{"type":"string","enum":["orders"]},
              "unit":{"type":["string","null"],"description":"the unit"},
              "limit":{"type":"integer","minimum":1,"maximum":100},
              "columns":{"type":"array","items":{"type":"string","pattern":"^[a-z_]+$"}},
              "value":{"anyOf":[{"type":"string"},{"type":"number"},{"${'$'}ref":"#/${'$'}defs/node"},{"type":"null"}]},
              "self":{"anyOf":[{"${'$'}ref":"#"},{"type":"null"}]}
            },
            "required":["table","unit","limit","columns","value","self"],
            "additionalProperties":false,
            "${'$'}defs":{"node":{"type":"object","properties":{"next":{"anyOf":[{"${'$'}ref":"#/${'$'}defs/node"},{"type":"null"}]}},
              "required":["next"],"additionalProperties":false}}}
            """
                .trimIndent()

        test("a valid schema has no violation") {
            SchemaStrictChecker.violations(parse(valid)).shouldBeEmpty()
        }

        // rule broken → text that the violation must contain
        val broken =
            listOf(
                Triple(
                    "additionalProperties missing",
                    """"additionalProperties":false,""" to "",
                    "additionalProperties is not false",
                ),
                Triple(
                    "additionalProperties true",
                    """"additionalProperties":false,""" to """"additionalProperties":true,""",
                    "additionalProperties is not false",
                ),
                Triple(
                    "a property not required",
                    """"required":["table","unit",""" to """"required":["unit",""",
                    "missing [table]",
                ),
                Triple(
                    "an unknown required name",
                    """"required":["table",""" to """"required":["table","ghost",""",
                    "unknown [ghost]",
                ),
                Triple(
                    "a property required twice",
                    """"required":["table",""" to """"required":["table","table",""",
                    "twice",
                ),
                Triple(
                    "a keyword strict mode refuses",
                    """"enum":["orders"]""" to """"enum":["orders"],"default":"orders"""",
                    "keyword 'default' not allowed",
                ),
                Triple(
                    "an array keyword on a string",
                    """"pattern":"^[a-z_]+$"""" to """"minItems":1""",
                    "keyword 'minItems' not allowed",
                ),
                Triple(
                    "a \$ref that does not resolve",
                    """"#/${'$'}defs/node"},{"type":"null"}]},""" to
                        """"#/${'$'}defs/gone"},{"type":"null"}]},""",
                    "does not resolve",
                ),
                Triple(
                    "type and anyOf together",
                    """"value":{"anyOf"""" to """"value":{"type":"string","anyOf"""",
                    "not exactly one",
                ),
                Triple(
                    "an unknown type",
                    """"type":"integer"""" to """"type":"int"""",
                    "not a type name",
                ),
                Triple(
                    "two types besides null",
                    """"type":["string","null"]""" to """"type":["string","number"]""",
                    "may add only",
                ),
                Triple(
                    "an array without items",
                    """"items":{"type":"string","pattern":"^[a-z_]+$"}""" to """"maxItems":3""",
                    "without items",
                ),
                Triple(
                    "an empty anyOf",
                    """"self":{"anyOf":[{"${'$'}ref":"#"},{"type":"null"}]}""" to
                        """"self":{"anyOf":[]}""",
                    "non-empty",
                ),
                Triple(
                    "an enum value of another type",
                    """"enum":["orders"]""" to """"enum":["orders",3]""",
                    "not of the schema's type",
                ),
                Triple(
                    "\$defs below the root",
                    """"limit":{"type":"integer",""" to
                        """"limit":{"${'$'}defs":{},"type":"integer",""",
                    "outside the root",
                ),
            )

        for ((name, edit, expected) in broken) {
            test("the checker reports $name") {
                val (from, to) = edit
                valid.contains(from) shouldBe true
                val violations = SchemaStrictChecker.violations(parse(valid.replaceFirst(from, to)))
                violations shouldHaveSize 1
                violations.single() shouldContain expected
            }
        }

        test("the checker reports an object without properties") {
            val violations =
                SchemaStrictChecker.violations(
                    parse(
                        """{"type":"object","properties":{"a":{"type":"object","required":[],
                        "additionalProperties":false}},"required":["a"],"additionalProperties":false}"""
                    )
                )
            violations shouldHaveSize 1
            violations.single() shouldContain "without properties"
        }

        test("the checker reports anyOf at the root and a root that is not an object") {
            SchemaStrictChecker.violations(parse("""{"anyOf":[{"type":"string"}]}"""))
                .joinToString() shouldContain "anyOf at the root"
            SchemaStrictChecker.violations(parse("""{"type":"array","items":{"type":"string"}}"""))
                .joinToString() shouldContain "not of type object"
        }
    })
