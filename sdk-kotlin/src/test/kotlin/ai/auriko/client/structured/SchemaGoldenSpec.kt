package ai.auriko.client.structured

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.serializer

/**
 * The golden schemas: for each test type (SchemaTestTypes.kt) the generated schema equals the
 * committed `golden/<Type>.json`, passes the independent strict-mode checker, and admits a
 * hand-written answer that the type's serializer decodes (under a default `Json`); what the
 * serializer writes back conforms too.
 *
 * Regenerate after an intended change with `-Dauriko.golden.update=true` (then review the diff):
 * ```
 * mvn -B -o -pl test-support,sdk-java,sdk-kotlin test -Dtest=SchemaGoldenSpec -Dauriko.golden.update=true
 * ```
 */
class SchemaGoldenSpec :
    FunSpec({
        for (case in CASES) {
            test(
                "${case.name}: the schema is the golden one, strict, and admits a decodable answer"
            ) {
                val schema = Json.parseToJsonElement(case.generate().schema.json()).jsonObject
                val text = PRETTY.encodeToString(JsonObject.serializer(), schema) + "\n"
                val file = GOLDEN_DIR.resolve("${case.name}.json")
                if (UPDATE) {
                    Files.createDirectories(file.parent)
                    Files.write(file, text.toByteArray(Charsets.UTF_8))
                }
                withClue("golden file $file (regenerate with -Dauriko.golden.update=true)") {
                    String(Files.readAllBytes(file), Charsets.UTF_8) shouldBe text
                }
                SchemaStrictChecker.violations(schema).shouldBeEmpty()

                val answer = Json.parseToJsonElement(case.answer)
                SchemaInstanceValidator.errors(schema, answer).shouldBeEmpty()
                val value = case.decode(case.answer)
                val written = ENCODE_ALL.parseToJsonElement(case.encode(value))
                SchemaInstanceValidator.errors(schema, written).shouldBeEmpty()
            }
        }

        test("there are at least 20 golden types, each with its own file") {
            (CASES.size >= 20) shouldBe true
            CASES.map { it.name }.toSet().size shouldBe CASES.size
        }
    }) {
    class Case<T>(val name: String, val serializer: KSerializer<T>, val answer: String) {
        fun generate(): JsonSchema = JsonSchema.of(serializer.descriptor)

        fun decode(json: String): T = Json.decodeFromString(serializer, json)

        @Suppress("UNCHECKED_CAST")
        fun encode(value: Any?): String = ENCODE_ALL.encodeToString(serializer, value as T)
    }

    companion object {
        val UPDATE: Boolean = System.getProperty("auriko.golden.update") == "true"

        val GOLDEN_DIR: Path =
            Paths.get(
                System.getProperty("user.dir"),
                "src/test/resources/ai/auriko/client/structured/golden",
            )

        @OptIn(ExperimentalSerializationApi::class)
        val PRETTY = Json {
            prettyPrint = true
            prettyPrintIndent = "  "
        }

        val ENCODE_ALL = Json { encodeDefaults = true }

        private inline fun <reified T> case(answer: String): Case<T> {
            val s = serializer<T>()
            return Case(s.descriptor.serialName.substringAfterLast('.'), s, answer)
        }

        val CASES: List<Case<*>> =
            listOf(
                case<Weather>(
                    """{"city":"Oslo","temperature":-3.5,"humidity":80,"raining":false}"""
                ),
                case<Primitives>(
                    """{"text":"hi","letter":"é","flag":true,"tiny":-128,"small":32767,"count":7,
                    "big":9007199254740993,"ratio":0.5,"precise":1e-3,"ubyte":255,"ushort":65535,
                    "uint":4294967295,"ulong":18446744073709551615}"""
                ),
                case<Order>(
                    """{"id":"o1","customer":{"name":"Ada","address":{"street":"1 Main","city":"X",
                    "postcode":"123"}},"lines":[{"sku":"a","quantity":2},{"sku":"b","quantity":1}]}"""
                ),
                case<Ticket>("""{"title":"Down","priority":"urgent!","labels":["LOW","normal"]}"""),
                case<Profile>(
                    """{"name":"Bo","nickname":null,"age":null,"address":null,"priority":null,
                    "tags":null,"scores":[1.5,null]}"""
                ),
                case<Matrix>("""{"rows":[[1,2],[3.5]],"names":["a","b"],"ids":[1,2],"cells":[]}"""),
                case<Drawing>(
                    """{"title":"t","shapes":[{"type":"circle","radius":1},
                    {"type":"rectangle","width":2,"height":3},{"type":"empty"}]}"""
                ),
                case<Renamed>("""{"display_name":"Zoe","created_at":1700000000}"""),
                case<DescribedForecast>(
                    """{"days":[{"date":"2026-12-07","rain":1.5,"expected":2}],"confidence":"HIGH",
                    "overall":null,"first":{"date":"2026-12-07","rain":0,"expected":0}}"""
                ),
                case<TreeNode>(
                    """{"label":"root","children":[{"label":"a","children":[]},
                    {"label":"b","children":[{"label":"c","children":[]}]}]}"""
                ),
                case<Calculation>(
                    """{"description":"1 + -2","expression":{"type":"add","left":{"type":"num","value":1},
                    "right":{"type":"neg","operand":{"type":"num","value":2}}}}"""
                ),
                case<Route>(
                    """{"from":{"street":"a","city":"b","postcode":"c"},"to":{"street":"d","city":"e",
                    "postcode":"f"},"stops":[],"via":null}"""
                ),
                case<Payment>("""{"amount":1250,"currency":"EUR","refund":null,"history":[1,2]}"""),
                case<Settings>(
                    """{"theme":"light","fontSize":14,"nickname":null,"tags":["x"],"priority":"LOW"}"""
                ),
                case<EventLog>(
                    """{"events":[{"kind":"click","x":1,"y":2},{"kind":"key","key":"a","shift":true}]}"""
                ),
                case<Zoo>(
                    """{"animals":[{"type":"parrot","words":12},{"type":"penguin","colony":"South"},
                    {"type":"dog","good":true}]}"""
                ),
                case<Message>(
                    """{"text":"see","attachment":{"type":"file","name":"a.txt","bytes":3}}"""
                ),
                case<Account>("""{"id":"1","status":{"type":"inactive"},"marker":{}}"""),
                case<Directory>(
                    """{"users":{"items":[{"name":"a"}],"next":null},"moreUsers":{"items":[],"next":"p2"},
                    "orders":{"items":[{"sku":"s","quantity":1}],"next":null},
                    "moreOrders":{"items":[],"next":null}}"""
                ),
                case<Favourites>(
                    """{"favourite":{"radius":2},"others":[{"type":"circle","radius":1}],
                    "more":[{"type":"empty"}]}"""
                ),
                case<Survey>("""{"answers":["LOW",null],"people":[null,{"name":"x"}]}"""),
                case<Notes>("""{"first":null,"second":"b","all":["c",null]}"""),
                case<Meeting>("""{"title":"standup","at":"2026-12-07T09:00:00Z","end":null}"""),
            )
    }
}
