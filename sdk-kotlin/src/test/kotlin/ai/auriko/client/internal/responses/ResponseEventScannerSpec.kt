package ai.auriko.client.internal.responses

import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.chat.ChunkTexts
import ai.auriko.client.internal.stream.decode
import ai.auriko.client.responses.ResponseStreamEvent
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.matchers.types.shouldNotBeSameInstanceAs
import kotlin.random.Random
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * The Responses event scanner against the general way (kotlinx.serialization's tree, then
 * [ResponseEventDecoding]), the definition of an event: wherever the scanner answers, its event is
 * the same class with the same fields, and its JSON is equal to the parsed tree (both ways, hash
 * and text too); where it declines, the general way decides.
 */
class ResponseEventScannerSpec :
    FunSpec({
        fun general(text: String, type: String?): ResponseStreamEvent? {
            val obj =
                try {
                    WireJson.parseToJsonElement(text) as? JsonObject
                } catch (e: kotlinx.serialization.SerializationException) {
                    null
                } ?: return null
            return try {
                ResponseEventDecoding.event(obj, type)
            } catch (e: kotlinx.serialization.SerializationException) {
                null
            } catch (e: IllegalArgumentException) {
                null
            }
        }

        fun agrees(scanner: ResponseEventScanner, text: String, type: String?): Boolean {
            val fast = scanner.scan(text, type) ?: return false
            val slow =
                withClue("the scanner accepted what the general way rejects: $text") {
                    general(text, type).shouldNotBeNull()
                }
            withClue(text) {
                EventTexts.fields(fast) shouldBe EventTexts.fields(slow)
                fast.json shouldBe slow.json
                slow.json shouldBe fast.json
                fast.json.hashCode() shouldBe slow.json.hashCode()
                fast.json.toString() shouldBe slow.json.toString()
                fast.json.keys.toList() shouldBe slow.json.keys.toList()
            }
            return true
        }

        test("the scanner answers for every spelling of the delta and done events") {
            val rnd = Random(20261206)
            val scanner = ResponseEventScanner()
            repeat(5_000) {
                val (text, type) = EventTexts.event(rnd, wide = false)
                if (general(text, type) != null)
                    withClue(text) { agrees(scanner, text, type) shouldBe true }
            }
        }

        test("with members outside the shape it declines, or answers exactly as the general way") {
            val rnd = Random(11)
            val scanner = ResponseEventScanner()
            var answered = 0
            var declined = 0
            repeat(5_000) {
                val (text, type) = EventTexts.event(rnd, wide = true)
                if (agrees(scanner, text, type)) answered++ else declined++
            }
            answered shouldBeGreaterThan 500
            declined shouldBeGreaterThan 500
        }

        test(
            "broken text: never accepted where the general way rejects it, never read differently"
        ) {
            val rnd = Random(5)
            val scanner = ResponseEventScanner()
            var answered = 0
            var rejectedByBoth = 0
            repeat(30_000) {
                var (text, type) = EventTexts.event(rnd, wide = rnd.nextInt(4) == 0)
                repeat(1 + rnd.nextInt(2)) { text = ChunkTexts.mutate(rnd, text) }
                if (agrees(scanner, text, type)) answered++
                else if (general(text, type) == null) rejectedByBoth++
            }
            answered shouldBeGreaterThan 3_000
            rejectedByBoth shouldBeGreaterThan 3_000
        }

        test("declines what it leaves to the general way") {
            val scanner = ResponseEventScanner()
            val base = """"type":"response.output_text.delta","item_id":"msg_1","delta":"x""""
            listOf(
                    """{"type":"response.created","response":{"id":"r"}}""",
                    """{"type":"response.completed","response":{"id":"r"}}""",
                    """{"type":"response.output_item.added","output_index":0,"item":{"type":"message"}}""",
                    """{"type":"response.content_part.added","part":{"type":"output_text","text":""}}""",
                    """{"type":"error","code":"server_error","message":"boom"}""",
                    """{"type":"response.web_search_call.searching","item_id":"ws_1"}""",
                    """{$base,"logprobs":[{"token":"x","logprob":-0.1}]}""",
                    """{$base,"extra":{"nested":true}}""",
                    """{$base,"extra":[1]}""",
                    """{$base,"sequence_number":"3"}""",
                    """{$base,"sequence_number":1.0}""",
                    """{$base,"output_index":2147483648}""",
                    """{$base,"delta":"y"}""",
                    """{"\u0074ype":"response.output_text.delta"}""",
                    """{"type":5,"delta":"x"}""",
                    """{"delta":7,"type":"response.output_text.delta"}""",
                    """{$base}x""",
                    """{"type":"response.output_text.delta","delta":"raw""" +
                        '\u0001' +
                        """control"}""",
                    """[]""",
                    """"response.output_text.delta"""",
                )
                .forEach { text -> withClue(text) { scanner.scan(text, null).shouldBeNull() } }
            // No type, and an event name it does not read.
            scanner.scan("""{"delta":"x"}""", null).shouldBeNull()
            scanner.scan("""{"delta":"x"}""", "response.in_progress").shouldBeNull()
        }

        test("the SSE event name is the type when the data has none; the data's type wins") {
            val scanner = ResponseEventScanner()
            scanner
                .scan("""{"delta":"x","output_index":0}""", "response.output_text.delta")
                .shouldBeInstanceOf<ResponseStreamEvent.OutputTextDelta>()
                .delta shouldBe "x"
            scanner
                .scan(
                    """{"type":"response.refusal.delta","delta":"x"}""",
                    "response.output_text.delta",
                )
                .shouldBeInstanceOf<ResponseStreamEvent.RefusalDelta>()
        }

        test(
            "values and names that repeat from event to event are the previous event's; new text is copied"
        ) {
            val scanner = ResponseEventScanner()
            fun delta(seq: Int, text: String) =
                """{"type":"response.output_text.delta","sequence_number":$seq,"item_id":"msg_67cc","output_index":0,""" +
                    """"content_index":0,"delta":"$text","logprobs":[],"obfuscation":"Xq7vB$seq"}"""
            val first =
                scanner
                    .scan(delta(3, "Hel"), "response.output_text.delta")
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputTextDelta>()
            val second =
                scanner
                    .scan(delta(4, "Hel"), "response.output_text.delta")
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputTextDelta>()
            second.itemId shouldBeSameInstanceAs first.itemId
            second.delta shouldNotBeSameInstanceAs first.delta
            second.json.keys.first() shouldBeSameInstanceAs first.json.keys.first()
            second.sequenceNumber shouldBe 4L
            second.json["obfuscation"]!!.jsonPrimitive.content shouldBe "Xq7vB4"
            // A value asked for twice is read once.
            second.json["sequence_number"] shouldBeSameInstanceAs second.json["sequence_number"]
            second.json["missing"].shouldBeNull()
            second.json.containsKey("logprobs") shouldBe true
        }

        test("the stream format reads the deltas in place and the rest the general way") {
            val d =
                ResponseStreamFormat.newDecoding(
                    ai.auriko.http.ResponseHeaders.empty(),
                    ai.auriko.client.internal.stream.StreamTools(
                        ai.auriko.client.internal.ErrorResponses(
                            ai.auriko.errors.ErrorClassifier.standard(),
                            ai.auriko.client.internal.Redactor("sk-test-secret-0000"),
                        ),
                        ai.auriko.client.internal.Redactor("sk-test-secret-0000"),
                    ),
                    ai.auriko.client.internal.stream.StreamMetricsRecorder(
                        ai.auriko.client.internal.ClientTime.System
                    ),
                )
            fun delta(text: String) =
                d.decode(
                        "response.output_text.delta",
                        """{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"$text"}""",
                    )
                    .shouldBeInstanceOf<ResponseStreamEvent.OutputTextDelta>()
            val first = delta("Hi")
            val second = delta(" there")
            second.delta shouldBe " there"
            // The item id is the previous event's: the scanner read it.
            second.itemId shouldBeSameInstanceAs first.itemId
            // An event with a nested value is read the general way.
            d.decode(
                    "response.output_text.delta",
                    """{"type":"response.output_text.delta","item_id":"msg_1","delta":"!","logprobs":[{"token":"!"}]}""",
                )
                .shouldBeInstanceOf<ResponseStreamEvent.OutputTextDelta>()
                .delta shouldBe "!"
        }
    })

/** Generated Responses event texts (and SSE event names) for the scanner's differential tests. */
internal object EventTexts {
    private val scanned =
        listOf(
            "response.output_text.delta",
            "response.output_text.done",
            "response.refusal.delta",
            "response.refusal.done",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
        )

    /** Every field of [event], for comparing two decodings. */
    fun fields(event: ResponseStreamEvent): List<Any?> =
        listOf(event::class, event.type, event.sequenceNumber) +
            when (event) {
                is ResponseStreamEvent.OutputTextDelta ->
                    listOf(event.itemId, event.outputIndex, event.contentIndex, event.delta)
                is ResponseStreamEvent.OutputTextDone ->
                    listOf(event.itemId, event.outputIndex, event.contentIndex, event.text)
                is ResponseStreamEvent.RefusalDelta ->
                    listOf(event.itemId, event.outputIndex, event.contentIndex, event.delta)
                is ResponseStreamEvent.RefusalDone ->
                    listOf(event.itemId, event.outputIndex, event.contentIndex, event.refusal)
                is ResponseStreamEvent.FunctionCallArgumentsDelta ->
                    listOf(event.itemId, event.outputIndex, event.delta)
                is ResponseStreamEvent.FunctionCallArgumentsDone ->
                    listOf(event.itemId, event.outputIndex, event.name, event.arguments)
                is ResponseStreamEvent.ReasoningSummaryTextDelta ->
                    listOf(event.itemId, event.outputIndex, event.summaryIndex, event.delta)
                is ResponseStreamEvent.ReasoningSummaryTextDone ->
                    listOf(event.itemId, event.outputIndex, event.summaryIndex, event.text)
                else -> listOf(event.toString())
            }

    /**
     * One event's data and its SSE event name: the delta and done shapes in every spelling JSON
     * allows and, when [wide], members and types the scanner leaves to the general way.
     */
    fun event(rnd: Random, wide: Boolean): Pair<String, String?> {
        val type =
            if (wide && rnd.nextInt(5) == 0)
                listOf("response.in_progress", "error", "response.x.delta", "").random(rnd)
            else scanned.random(rnd)
        val members = ArrayList<String>()
        fun add(key: String, value: String?) {
            if (value != null) members += quote(key, rnd, wide) + ws(rnd) + ":" + ws(rnd) + value
        }
        val typeInData = rnd.nextInt(8) > 0
        val typeNull = rnd.nextInt(20) == 0
        if (typeInData) add("type", if (typeNull) "null" else "\"$type\"")
        add("sequence_number", maybe(rnd) { integer(rnd, 18, wide) })
        add("item_id", maybe(rnd) { string(rnd, listOf("msg_67ccd3acc8d4", "fc_1", "rs_9")) })
        add("output_index", maybe(rnd) { integer(rnd, 9, wide) })
        add("content_index", maybe(rnd) { integer(rnd, 9, wide) })
        add("summary_index", maybe(rnd, 3) { integer(rnd, 9, wide) })
        for (key in listOf("delta", "text", "refusal", "arguments")) add(
            key,
            maybe(rnd, if (type.endsWith(key) || key == "delta") 1 else 4) { ChunkTexts.text(rnd) },
        )
        add("name", maybe(rnd, 2) { string(rnd, listOf("get_weather", "search")) })
        add("logprobs", if (rnd.nextBoolean()) "[" + ws(rnd) + "]" else null)
        for (key in UNKNOWN_KEYS.shuffled(rnd).take(rnd.nextInt(3))) add(
            key,
            unknownValue(rnd, wide),
        )
        if (wide && rnd.nextInt(10) == 0 && members.isNotEmpty()) members += members[0]
        members.shuffle(rnd)
        val text =
            ws(rnd) +
                "{" +
                ws(rnd) +
                members.joinToString(ws(rnd) + "," + ws(rnd)) +
                ws(rnd) +
                "}" +
                ws(rnd)
        val name =
            when (rnd.nextInt(4)) {
                0 -> null
                1 -> scanned.random(rnd)
                else -> type
            }
        return text to (if ((!typeInData || typeNull) && name == null) type else name)
    }

    private fun ws(rnd: Random): String =
        when (rnd.nextInt(6)) {
            0 -> " "
            1 -> listOf(" ", "\n", "\r\n", "\t", "  ").random(rnd)
            else -> ""
        }

    private fun maybe(rnd: Random, oneIn: Int = 1, value: () -> String): String? =
        when {
            rnd.nextInt(oneIn) != 0 -> null
            rnd.nextInt(10) == 0 -> "null"
            rnd.nextInt(10) == 0 -> null
            else -> value()
        }

    /** Now and then, when [wide], a key spelled with an escape (which means the same key). */
    private fun quote(key: String, rnd: Random, wide: Boolean): String =
        if (wide && key.isNotEmpty() && rnd.nextInt(40) == 0)
            "\"\\u${"%04x".format(key[0].code)}${key.substring(1)}\""
        else "\"$key\""

    private fun string(rnd: Random, common: List<String>): String =
        if (rnd.nextInt(6) == 0) ChunkTexts.text(rnd) else "\"" + common.random(rnd) + "\""

    private fun integer(rnd: Random, maxDigits: Int, wide: Boolean): String =
        when (rnd.nextInt(if (wide) 9 else 6)) {
            0 -> "0"
            1 -> "-" + (1 + rnd.nextInt(1000))
            2 -> "9".repeat(maxDigits)
            3 -> rnd.nextInt(0, 5).toString()
            4,
            5 -> rnd.nextLong(0, 2_000_000_000L).toString()
            6 -> "\"3\""
            7 -> "2.0"
            else -> "2147483648"
        }

    private val UNKNOWN_KEYS = listOf("obfuscation", "provider", "x", "", "p99", "logprob")

    private fun unknownValue(rnd: Random, wide: Boolean): String =
        when (rnd.nextInt(if (wide) 10 else 8)) {
            0 -> ChunkTexts.text(rnd)
            1 -> "true"
            2 -> "false"
            3 -> "null"
            4 -> "-0.5e+10"
            5 -> "12.25"
            6 -> "{" + ws(rnd) + "}"
            7 -> "[]"
            8 -> """{"nested":[1,2,{"x":null}]}"""
            else -> "[1]"
        }
}
