package ai.auriko.client.internal.stream

import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.chat.ChunkDecoder
import ai.auriko.sse.SseDecoder
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs

/**
 * The events of one read, held as bytes and read through one reused [EventData]: each event's data
 * is its own whatever came before it in the read, non-ASCII data is decoded exactly as the SSE
 * decoder decodes every line, and a chunk decoded from the buffer is the chunk decoded from text.
 */
class EventBufferSpec :
    FunSpec({
        var comments = 0
        fun read(wire: ByteArray): EventBuffer {
            val events = EventBuffer { comments++ }
            SseDecoder(events).feed(wire, 0, wire.size)
            return events
        }

        fun datas(events: EventBuffer): List<Pair<String?, String>> {
            val data = EventData()
            return (0 until events.size).map { i ->
                events.load(i, data)
                events.type(i) to data.toString()
            }
        }

        test("each event of a read keeps its own data, ASCII or not, one line or several") {
            val wire =
                ("data: {\"a\":1}\n\n: keep-alive\n\nevent: x\ndata: héllo ☃\n\n" +
                        "data: a\ndata: b\n\ndata:\n\ndata: [DONE]\n\n")
                    .toByteArray()
            val events = read(wire)
            datas(events) shouldBe
                listOf(
                    null to "{\"a\":1}",
                    "x" to "héllo ☃",
                    null to "a\nb",
                    null to "",
                    null to "[DONE]",
                )
            comments shouldBe 1
        }

        test("invalid UTF-8 is replaced as the SSE decoder replaces it") {
            val wire =
                byteArrayOf(
                    *"data: a".toByteArray(),
                    0xED.toByte(),
                    0xA0.toByte(),
                    0x80.toByte(),
                    *"b\n\n".toByteArray(),
                )
            datas(read(wire)) shouldBe listOf(null to "a\uFFFD\uFFFD\uFFFDb")
        }

        test("cleared, the buffer holds the next read's events only") {
            val events = read("data: one\n\ndata: two\n\n".toByteArray())
            events.clear()
            events.size shouldBe 0
            SseDecoder(events).feed("data: three\n\n".toByteArray(), 0, 13)
            datas(events) shouldBe listOf(null to "three")
        }

        test("EventData compares, tests emptiness and makes its String once") {
            val events = read("data: [DONE]\n\ndata:\n\n".toByteArray())
            val data = EventData()
            events.load(0, data)
            data.contentEquals("[DONE]").shouldBeTrue()
            data.contentEquals("[DONE").shouldBeFalse()
            data.contentEquals("[DONE]!").shouldBeFalse()
            data.isEmpty().shouldBeFalse()
            data.toString() shouldBeSameInstanceAs data.toString()
            events.load(1, data)
            data.isEmpty().shouldBeTrue()
            data.toString() shouldBe ""
            val text = "given"
            data.set(text)
            data.toString() shouldBeSameInstanceAs text
        }

        test("a chunk decoded from the buffer is the chunk decoded from its text") {
            val text =
                """{"id":"c1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"content":"Hé \"q\""},"finish_reason":null}]}"""
            val events = read("data: $text\n\ndata: $text\n\n".toByteArray())
            val data = EventData()
            val decoder = ChunkDecoder(WireJson)
            events.load(0, data)
            val first = decoder.decode(data)
            first.toString() shouldBe ChunkDecoder(WireJson).decode(text).toString()
            first.choices[0].delta.content shouldBe "Hé \"q\""
            events.load(1, data)
            val second = decoder.decode(data)
            // Values that repeat are the previous chunk's, `created` included.
            second.id shouldBeSameInstanceAs first.id
            second.created shouldBeSameInstanceAs first.created
        }
    })
