package ai.auriko.client

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.ChunkChoice
import ai.auriko.client.chat.ChunkDelta
import ai.auriko.client.chat.CompletionTokensDetails
import ai.auriko.client.chat.FunctionCallDelta
import ai.auriko.client.chat.PromptTokensDetails
import ai.auriko.client.chat.ToolCallDelta
import ai.auriko.client.chat.Usage
import ai.auriko.client.chat.stream.ChatCompletionAccumulator
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.chat.stream.StreamEventDecoder
import ai.auriko.client.chat.stream.accumulate
import ai.auriko.client.gateway.Cost
import ai.auriko.client.gateway.RoutingMetadata
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.kotest.property.Arb
import io.kotest.property.PropTestConfig
import io.kotest.property.arbitrary.arbitrary
import io.kotest.property.checkAll
import kotlin.random.Random
import kotlinx.coroutines.flow.asFlow
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Property tests of [ChatCompletionAccumulator] and [StreamEventDecoder]: a random target
 * completion is cut into a random, realistic chunk sequence (fragments at random code point — and
 * sometimes surrogate — boundaries, choices and tool calls interleaved, usage on one or several
 * chunks, routing metadata on a trailing chunk, empty chunks after a choice finished), and what the
 * chunks add up to must be the target, field by field. Fixed seeds: a failure reproduces.
 */
class AccumulatorPropertySpec :
    FunSpec({
        test("the accumulator rebuilds any completion from any chunking of it") {
            checkAll(PropTestConfig(seed = SEED, iterations = 800), streamCases()) { case ->
                val accumulator = ChatCompletionAccumulator()
                case.chunks.forEach(accumulator::add)
                val snapshot = accumulator.snapshot()
                snapshot.view() shouldBe case.target.view()
                snapshot.id shouldBe case.chunks.first().id
                snapshot.model shouldBe MODEL
                snapshot.created shouldBe CREATED
                snapshot.objectType shouldBe "chat.completion"
                accumulator.isComplete shouldBe true
                accumulator.chunkCount shouldBe case.chunks.size
                accumulator.finishReasons shouldBe
                    case.target.choices.associate { it.index to it.finishReason }
                accumulator.usage?.let(UsageView::of) shouldBe case.target.usage
                accumulator.routingMetadata?.let(RoutingView::of) shouldBe case.target.routing
            }
        }

        test(
            "events: sequential tool calls — deltas add up to the target, one Started and one Done per call, in order"
        ) {
            checkAll(
                PropTestConfig(seed = SEED + 1, iterations = 600),
                streamCases(Shape(interleaveTools = false)),
            ) { case ->
                checkEvents(case)
            }
        }

        test(
            "events: parallel tool calls whose argument fragments interleave — one Started and one Done per call, complete arguments"
        ) {
            // Interleaved fragments are what the wire recording auriko-tool-calls holds, and what
            // OpenAI sends for parallel tool calls.
            checkAll(
                PropTestConfig(seed = SEED + 2, iterations = 400),
                streamCases(Shape(interleaveTools = true, minToolsInChoice0 = 2)),
            ) { case ->
                checkEvents(case)
            }
        }

        test("a snapshot taken mid-stream is independent of later chunks") {
            checkAll(PropTestConfig(seed = SEED + 3, iterations = 400), streamCases()) { case ->
                val cut = case.cut
                val accumulator = ChatCompletionAccumulator()
                case.chunks.take(cut).forEach(accumulator::add)
                val early = accumulator.snapshot()
                val earlyView = early.view()
                val earlyToolLists = early.choices.map { it.message.toolCalls.size }
                case.chunks.drop(cut).forEach(accumulator::add)
                accumulator.snapshot().view() shouldBe case.target.view()

                withClue("the early snapshot changed after later chunks were added") {
                    early.view() shouldBe earlyView
                    early.choices.map { it.message.toolCalls.size } shouldBe earlyToolLists
                }
                val fresh = ChatCompletionAccumulator()
                case.chunks.take(cut).forEach(fresh::add)
                early.view() shouldBe fresh.snapshot().view()
                // isComplete for a prefix: every choice seen so far has finished
                val seen = case.chunks.take(cut).flatMap { c -> c.choices.map { it.index } }.toSet()
                val finished =
                    case.chunks
                        .take(cut)
                        .flatMap { c ->
                            c.choices.filter { it.finishReason != null }.map { it.index }
                        }
                        .toSet()
                fresh.isComplete shouldBe (seen.isNotEmpty() && finished.containsAll(seen))
            }
        }

        test("Flow<ChatCompletionChunk>.accumulate() equals the accumulator") {
            checkAll(PropTestConfig(seed = SEED + 4, iterations = 300), streamCases()) { case ->
                val accumulator = ChatCompletionAccumulator()
                case.chunks.forEach(accumulator::add)
                val viaFlow = case.chunks.asFlow().accumulate()
                viaFlow.view() shouldBe accumulator.snapshot().view()
                viaFlow.view() shouldBe case.target.view()
                viaFlow.id shouldBe case.chunks.first().id
            }
        }

        test("chunks whose usage is null never erase earlier usage") {
            val usage = Usage(promptTokens = 8, completionTokens = 2, totalTokens = 10)
            val chunks =
                listOf(
                    chunk(
                        choices =
                            listOf(ChunkChoice(0, ChunkDelta(role = "assistant", content = "")))
                    ),
                    chunk(
                        choices = listOf(ChunkChoice(0, ChunkDelta(content = "Hel"))),
                        usage = usage,
                    ),
                    chunk(
                        choices = listOf(ChunkChoice(0, ChunkDelta(content = "lo"))),
                        usage = null,
                    ),
                    chunk(
                        choices = listOf(ChunkChoice(0, ChunkDelta(), finishReason = "stop")),
                        usage = null,
                    ),
                    chunk(usage = null),
                    chunk(
                        usage = null,
                        routing =
                            RoutingMetadata(
                                provider = "openai",
                                cost = Cost(usd = java.math.BigDecimal("0.5")),
                            ),
                    ),
                )
            val accumulator = ChatCompletionAccumulator()
            chunks.forEachIndexed { i, c ->
                accumulator.add(c)
                if (i >= 1)
                    withClue("after chunk $i") { accumulator.usage shouldBeSameInstanceAs usage }
            }
            accumulator.snapshot().usage shouldBeSameInstanceAs usage
            accumulator.snapshot().content shouldBe "Hello"
            accumulator.snapshot().routingMetadata?.provider shouldBe "openai"
            chunks.asFlow().accumulate().usage shouldBeSameInstanceAs usage
            // and a later non-null usage does replace it
            val final = Usage(promptTokens = 8, completionTokens = 3, totalTokens = 11)
            accumulator.add(chunk(usage = final))
            accumulator.add(chunk(usage = null))
            accumulator.snapshot().usage shouldBeSameInstanceAs final

            val decoder = StreamEventDecoder()
            val reported =
                chunks.flatMap(decoder::onChunk).filterIsInstance<StreamEvent.UsageReported>()
            reported.map { it.usage } shouldBe listOf(usage)
        }

        test(
            "a snapshot does not change when the same accumulator keeps growing (worked example)"
        ) {
            val accumulator = ChatCompletionAccumulator()
            accumulator.add(
                chunk(
                    choices =
                        listOf(ChunkChoice(0, ChunkDelta(role = "assistant", content = "Hel")))
                )
            )
            accumulator.add(
                chunk(
                    choices =
                        listOf(
                            ChunkChoice(
                                0,
                                ChunkDelta(
                                    toolCalls =
                                        listOf(
                                            ToolCallDelta(
                                                0,
                                                "call_1",
                                                "function",
                                                FunctionCallDelta("f", "{\"a\""),
                                            )
                                        )
                                ),
                            )
                        )
                )
            )
            val early = accumulator.snapshot()
            val lateDelta =
                ChunkDelta(
                    content = "lo",
                    toolCalls =
                        listOf(
                            ToolCallDelta(0, function = FunctionCallDelta(arguments = ":1}")),
                            ToolCallDelta(1, "call_2", "function", FunctionCallDelta("g", "{}")),
                        ),
                )
            accumulator.add(
                chunk(
                    choices = listOf(ChunkChoice(0, lateDelta, finishReason = "tool_calls")),
                    usage = Usage(totalTokens = 3),
                )
            )
            early.content shouldBe "Hel"
            early.choices.single().message.toolCalls.map { it.function.arguments } shouldBe
                listOf("{\"a\"")
            early.choices.single().finishReason shouldBe null
            early.usage shouldBe null
            val late = accumulator.snapshot()
            late.content shouldBe "Hello"
            late.choices.single().message.toolCalls.map { it.function.arguments } shouldBe
                listOf("{\"a\":1}", "{}")
        }
    })

// ---------------------------------------------------------------------------------------------
// What is compared: plain data classes, so a failure shows a field-by-field diff.

internal data class ToolView(
    val id: String?,
    val type: String?,
    val name: String?,
    val arguments: String?,
)

internal data class ChoiceView(
    val index: Int,
    val role: String?,
    val content: String?,
    val reasoning: String?,
    val refusal: String?,
    val toolCalls: List<ToolView>,
    val finishReason: String?,
    val nativeFinishReason: String?,
)

internal data class UsageView(
    val prompt: Long?,
    val completion: Long?,
    val total: Long?,
    val cached: Long?,
    val reasoning: Long?,
) {
    companion object {
        fun of(u: Usage) =
            UsageView(
                u.promptTokens,
                u.completionTokens,
                u.totalTokens,
                u.cachedTokens,
                u.reasoningTokens,
            )
    }

    fun toUsage() =
        Usage(
            promptTokens = prompt,
            completionTokens = completion,
            totalTokens = total,
            promptTokensDetails = cached?.let { PromptTokensDetails(cachedTokens = it) },
            completionTokensDetails =
                reasoning?.let { CompletionTokensDetails(reasoningTokens = it) },
        )
}

internal data class RoutingView(
    val provider: String?,
    val strategy: String?,
    val costUsd: java.math.BigDecimal?,
) {
    companion object {
        fun of(r: RoutingMetadata) = RoutingView(r.provider, r.routingStrategy, r.cost?.usd)
    }

    fun toMetadata() =
        RoutingMetadata(
            provider = provider,
            routingStrategy = strategy,
            cost = costUsd?.let { Cost(usd = it) },
        )
}

internal data class CompletionView(
    val choices: List<ChoiceView>,
    val usage: UsageView?,
    val routing: RoutingView?,
)

internal fun ChatCompletion.view() =
    CompletionView(
        choices =
            choices.map { c ->
                ChoiceView(
                    c.index,
                    c.message.role,
                    c.message.content,
                    c.message.reasoningContent,
                    c.message.refusal,
                    c.message.toolCalls.map {
                        ToolView(it.id, it.type, it.function.name, it.function.arguments)
                    },
                    c.finishReason,
                    c.nativeFinishReason,
                )
            },
        usage = usage?.let(UsageView::of),
        routing = routingMetadata?.let(RoutingView::of),
    )

// ---------------------------------------------------------------------------------------------
// The target completion and its chunking.

private const val SEED = 7_344_221L
private const val MODEL = "gpt-4o"
private const val CREATED = 1_234_567_890L

internal data class ToolSpec(
    val id: String,
    val name: String,
    val arguments: String,
    val parsed: JsonElement?,
)

internal data class ChoiceSpec(
    val index: Int,
    val content: String?,
    val reasoning: String?,
    val refusal: String?,
    val tools: List<ToolSpec>,
    val finishReason: String,
    val nativeFinishReason: String?,
)

internal data class Target(
    val choices: List<ChoiceSpec>,
    val usage: UsageView?,
    val routing: RoutingView?,
) {
    fun view() =
        CompletionView(
            choices =
                choices
                    .sortedBy { it.index }
                    .map { c ->
                        ChoiceView(
                            c.index,
                            "assistant",
                            c.content,
                            c.reasoning,
                            c.refusal,
                            c.tools.map { ToolView(it.id, "function", it.name, it.arguments) },
                            c.finishReason,
                            c.nativeFinishReason,
                        )
                    },
            usage = usage,
            routing = routing,
        )
}

/**
 * How cases are generated: tool fragments sequential per choice, interleaved, or either at random.
 */
internal data class Shape(val interleaveTools: Boolean? = null, val minToolsInChoice0: Int = 0)

internal class StreamCase(
    val target: Target,
    val chunks: List<ChatCompletionChunk>,
    val interleavedTools: Boolean,
    val cut: Int,
) {
    override fun toString(): String = buildString {
        append(
            "StreamCase(interleavedTools=$interleavedTools, cut=$cut, ${chunks.size} chunks)\n  target="
        )
        target.toString().forEach { ch ->
            if (ch < ' ') append("\\u%04x".format(ch.code)) else append(ch)
        }
        append('\n')
        chunks.forEachIndexed { i, c -> append("  #$i ").append(describe(c)).append('\n') }
    }
}

private fun q(s: String?) = s?.let { JsonPrimitive(it).toString() } ?: "null"

private fun describe(c: ChatCompletionChunk): String = buildString {
    append("id=").append(c.id)
    for (ch in c.choices) {
        val d = ch.delta
        append(" [c").append(ch.index)
        d.role?.let { append(" role=").append(it) }
        d.content?.let { append(" content=").append(q(it)) }
        d.reasoningContent?.let { append(" reasoning=").append(q(it)) }
        d.refusal?.let { append(" refusal=").append(q(it)) }
        for (t in d.toolCalls) {
            append(" tool").append(t.index).append('{')
            t.id?.let { append("id=").append(it).append(' ') }
            t.function?.name?.let { append("name=").append(it).append(' ') }
            append("args=").append(q(t.function?.arguments)).append('}')
        }
        ch.finishReason?.let {
            append(" finish=").append(it).append('/').append(ch.nativeFinishReason)
        }
        append(']')
    }
    c.usage?.let { append(" usage=").append(UsageView.of(it)) }
    c.routingMetadata?.let { append(" routing=").append(RoutingView.of(it)) }
}

private enum class Kind {
    CONTENT,
    REASONING,
    REFUSAL,
}

private sealed class Frag {
    abstract val choice: Int

    class Text(override val choice: Int, val kind: Kind, val text: String) : Frag()

    class Tool(
        override val choice: Int,
        val toolIndex: Int,
        val id: String?,
        val name: String?,
        val type: String?,
        val arguments: String?,
    ) : Frag()

    class Finish(override val choice: Int, val reason: String, val native: String?) : Frag()

    class Extra(override val choice: Int) : Frag()
}

private class DeltaDraft(val index: Int) {
    var role: String? = null
    var content: String? = null
    var reasoning: String? = null
    var refusal: String? = null
    val tools = ArrayList<ToolCallDelta>()
    var finish: String? = null
    var native: String? = null
    var closed = false

    fun accepts(f: Frag): Boolean =
        !closed &&
            when (f) {
                is Frag.Text ->
                    when (f.kind) {
                        Kind.CONTENT -> content == null
                        Kind.REASONING -> reasoning == null
                        Kind.REFUSAL -> refusal == null
                    }
                is Frag.Tool -> tools.none { it.index == f.toolIndex }
                is Frag.Finish -> true
                is Frag.Extra -> false
            }

    fun put(f: Frag) {
        when (f) {
            is Frag.Text ->
                when (f.kind) {
                    Kind.CONTENT -> content = f.text
                    Kind.REASONING -> reasoning = f.text
                    Kind.REFUSAL -> refusal = f.text
                }
            is Frag.Tool ->
                tools +=
                    ToolCallDelta(f.toolIndex, f.id, f.type, FunctionCallDelta(f.name, f.arguments))
            is Frag.Finish -> {
                finish = f.reason
                native = f.native
                closed = true
            }
            is Frag.Extra -> closed = true
        }
    }

    fun build() =
        ChunkChoice(
            index = index,
            delta =
                ChunkDelta(
                    role = role,
                    content = content,
                    reasoningContent = reasoning,
                    toolCalls = tools.toList(),
                    refusal = refusal,
                ),
            finishReason = finish,
            nativeFinishReason = native,
        )
}

private class ChunkDraft(val id: String) {
    val choices = LinkedHashMap<Int, DeltaDraft>()
    var usage: Usage? = null
    var routing: RoutingMetadata? = null

    fun build() =
        ChatCompletionChunk(
            id = id,
            objectType = "chat.completion.chunk",
            created = CREATED,
            model = MODEL,
            choices = choices.values.map { it.build() },
            usage = usage,
            routingMetadata = routing,
        )
}

private fun chunk(
    choices: List<ChunkChoice> = emptyList(),
    usage: Usage? = null,
    routing: RoutingMetadata? = null,
) =
    ChatCompletionChunk(
        id = "chatcmpl-1",
        objectType = "chat.completion.chunk",
        created = CREATED,
        model = MODEL,
        choices = choices,
        usage = usage,
        routingMetadata = routing,
    )

private val NAMES =
    listOf("get_weather", "get_time", "search", "lookup_order", "send_email", "calc", "f", "データ取得")
private val FINISH =
    listOf("stop", "length", "tool_calls", "content_filter", "function_call", "a_future_reason")
private val NATIVE = listOf("end_turn", "max_tokens", "tool_use", "STOP", "stop_sequence")
private val PROVIDERS = listOf("openai", "anthropic", "google", "deepseek", "a-new-provider")
private val STRATEGIES = listOf("balanced", "cost", "speed", "ttft", null)
private val JSONISH = "\"\\{}[]:,\n\t\r/'".map { it.code }
private val SPECIAL =
    listOf(0x0000, 0x001F, 0x0301, 0x200D, 0xFE0F, 0xFEFF, 0xFFFD, 0x1F3FB, 0x1F468, 0x10FFFF)

private fun codePoint(r: Random): Int =
    when (r.nextInt(10)) {
        0,
        1,
        2 -> r.nextInt(0x20, 0x7F) // printable ASCII
        3 -> JSONISH[r.nextInt(JSONISH.size)]
        4 -> r.nextInt(0xA0, 0x800) // two UTF-8 bytes
        5 -> r.nextInt(0x4E00, 0xA000) // CJK
        6 -> r.nextInt(0x1F300, 0x1FB00) // emoji: a surrogate pair in UTF-16
        7 -> r.nextInt(0x10000, 0x110000) // any supplementary code point
        8 -> SPECIAL[r.nextInt(SPECIAL.size)]
        else -> r.nextInt(0xE000, 0xFFFE) // BMP above the surrogates
    }

private fun text(r: Random, max: Int): String = buildString {
    repeat(r.nextInt(0, max + 1)) { appendCodePoint(codePoint(r)) }
}

/**
 * Splits [text] into 1+ fragments at code point boundaries (or, if [surrogates], anywhere), some
 * empty.
 */
private fun split(r: Random, text: String, surrogates: Boolean): List<String> {
    val density = r.nextDouble()
    val cuts =
        (1 until text.length).filter { i ->
            (surrogates || !Character.isLowSurrogate(text[i])) && r.nextDouble() < density
        }
    val parts = (listOf(0) + cuts + text.length).zipWithNext { a, b -> text.substring(a, b) }
    return parts.flatMap { if (r.nextInt(10) == 0) listOf("", it) else listOf(it) }
}

private fun key(r: Random): String =
    if (r.nextInt(4) == 0) text(r, 6)
    else buildString { repeat(r.nextInt(1, 10)) { append(('a'..'z').random(r)) } }

private fun jsonValue(r: Random, depth: Int): JsonElement =
    when (r.nextInt(if (depth >= 2) 4 else 6)) {
        0 -> JsonPrimitive(text(r, 16))
        1 -> JsonPrimitive(r.nextLong(-1_000_000_000_000, 1_000_000_000_000))
        2 -> JsonPrimitive(r.nextBoolean())
        3 -> JsonNull
        4 -> JsonArray(List(r.nextInt(0, 4)) { jsonValue(r, depth + 1) })
        else -> jsonObject(r, depth + 1)
    }

private fun jsonObject(r: Random, depth: Int): JsonObject =
    JsonObject(List(r.nextInt(0, 5)) { key(r) to jsonValue(r, depth) }.toMap())

/** Tool arguments as the model might write them, and what they parse to (`null`: not JSON). */
private fun arguments(r: Random): Pair<String, JsonElement?> =
    when (r.nextInt(20)) {
        in 0..12 -> jsonObject(r, 0).let { it.toString() to it }
        in 13..15 ->
            jsonObject(r, 0).toString().let { full ->
                full.substring(0, r.nextInt(1, full.length)) to null
            } // cut short
        16 -> "" to null
        17 -> "{\"unterminated\": " + JsonPrimitive(text(r, 8)).toString().dropLast(1) to null
        else ->
            jsonObject(r, 0).let {
                " \n" + it.toString() + "\t " to it
            } // whitespace around valid JSON
    }

private fun callId(r: Random, toolIndex: Int): String =
    "call_" +
        buildString {
            repeat(r.nextInt(4, 24)) { append((('a'..'z') + ('A'..'Z') + ('0'..'9')).random(r)) }
        } +
        "_$toolIndex"

private fun usage(r: Random): UsageView {
    val prompt = r.nextLong(0, 200_000)
    val completion = r.nextLong(0, 50_000)
    return UsageView(
        prompt = prompt,
        completion = if (r.nextInt(10) == 0) null else completion,
        total = prompt + completion,
        cached = if (r.nextBoolean()) r.nextLong(0, prompt + 1) else null,
        reasoning = if (r.nextInt(3) == 0) r.nextLong(0, completion + 1) else null,
    )
}

private fun choiceSpec(r: Random, index: Int, minTools: Int): ChoiceSpec {
    val toolCount = maxOf(minTools, listOf(0, 0, 0, 1, 1, 2, 2, 3).random(r))
    return ChoiceSpec(
        index = index,
        content = if (r.nextInt(5) == 0) null else text(r, 40),
        reasoning = if (r.nextInt(3) == 0) text(r, 30) else null,
        refusal = if (r.nextInt(6) == 0) text(r, 20) else null,
        tools =
            List(toolCount) { t ->
                val (args, parsed) = arguments(r)
                ToolSpec(callId(r, t), NAMES.random(r), args, parsed)
            },
        finishReason = FINISH.random(r),
        nativeFinishReason = if (r.nextBoolean()) NATIVE.random(r) else null,
    )
}

/** Merges ordered sequences at random, keeping each one's order. */
private fun <T> merge(r: Random, sequences: List<List<T>>): List<T> {
    val queues = sequences.filter { it.isNotEmpty() }.map { ArrayDeque(it) }.toMutableList()
    val out = ArrayList<T>()
    while (queues.isNotEmpty()) {
        val i = r.nextInt(queues.size)
        out += queues[i].removeFirst()
        if (queues[i].isEmpty()) queues.removeAt(i)
    }
    return out
}

private fun fragments(
    r: Random,
    c: ChoiceSpec,
    interleaveTools: Boolean,
    surrogates: Boolean,
): List<Frag> {
    fun texts(kind: Kind, text: String?) =
        text?.let { split(r, it, surrogates).map { f -> Frag.Text(c.index, kind, f) } }.orEmpty()
    val repeatHeader = r.nextInt(6) == 0 // some servers repeat id, type and name on every fragment
    val toolSequences =
        c.tools.mapIndexed { t, tool ->
            val pieces = split(r, tool.arguments, surrogates).toMutableList()
            // the first fragment carries id, type and name; its arguments are often ""
            if (r.nextBoolean()) pieces.add(0, "")
            pieces.mapIndexed { k, piece ->
                if (k == 0 || repeatHeader)
                    Frag.Tool(c.index, t, tool.id, tool.name, "function", piece)
                else Frag.Tool(c.index, t, null, null, null, piece)
            }
        }
    val tools = if (interleaveTools) toolSequences else listOf(toolSequences.flatten())
    val body =
        merge(
            r,
            listOf(
                texts(Kind.CONTENT, c.content),
                texts(Kind.REASONING, c.reasoning),
                texts(Kind.REFUSAL, c.refusal),
            ) + tools,
        )
    val extras = List(if (r.nextInt(4) == 0) r.nextInt(1, 3) else 0) { Frag.Extra(c.index) }
    return body + Frag.Finish(c.index, c.finishReason, c.nativeFinishReason) + extras
}

internal fun streamCases(shape: Shape = Shape()): Arb<StreamCase> = arbitrary { rs ->
    val r = rs.random
    val choiceCount = listOf(1, 1, 1, 2, 2, 3).random(r)
    val choices =
        List(choiceCount) { choiceSpec(r, it, if (it == 0) shape.minToolsInChoice0 else 0) }
    val interleaveTools = shape.interleaveTools ?: r.nextBoolean()
    val surrogates = r.nextInt(8) == 0
    val usageMode = r.nextInt(3) // 0: none, 1: on one chunk, 2: on several, the last one final
    val target =
        Target(
            choices = choices,
            usage = if (usageMode == 0) null else usage(r),
            routing =
                if (r.nextInt(4) == 0) null
                else
                    RoutingView(
                        PROVIDERS.random(r),
                        STRATEGIES.random(r),
                        if (r.nextInt(5) == 0) null
                        else java.math.BigDecimal.valueOf(r.nextInt(1_000_000).toLong(), 8),
                    ),
        )
    val roleOnFirst = r.nextInt(4) != 0
    val frags = merge(r, choices.map { fragments(r, it, interleaveTools, surrogates) })

    // Pack fragments into chunks: a fragment joins the latest chunk when that is allowed and
    // the dice say so, else it starts a new one.
    val id = "chatcmpl-" + r.nextInt(1_000_000)
    val mergePercent = r.nextInt(0, 70)
    val drafts = ArrayList<ChunkDraft>()
    val started = HashSet<Int>()
    for (f in frags) {
        val current = drafts.lastOrNull()
        val existing = current?.choices?.get(f.choice)
        val joins =
            current != null &&
                r.nextInt(100) < mergePercent &&
                (existing == null || existing.accepts(f))
        val draft = if (joins) current!! else ChunkDraft(id).also { drafts += it }
        val delta = draft.choices.getOrPut(f.choice) { DeltaDraft(f.choice) }
        if (started.add(f.choice) && roleOnFirst) delta.role = "assistant"
        delta.put(f)
    }
    if (r.nextBoolean()) drafts += ChunkDraft(id) // a trailing usage-style chunk with no choices
    if (target.routing != null) {
        drafts +=
            ChunkDraft(if (r.nextBoolean()) id else "chatcmpl-routing").also {
                it.routing = target.routing.toMetadata()
            }
    }
    when (usageMode) {
        1 -> drafts.random(r).usage = target.usage!!.toUsage()
        2 -> {
            val carriers = drafts.indices.shuffled(r).take(r.nextInt(2, 5)).sorted()
            carriers.forEachIndexed { k, i ->
                drafts[i].usage =
                    if (k == carriers.lastIndex) target.usage!!.toUsage() else usage(r).toUsage()
            }
        }
    }
    val chunks = drafts.map { it.build() }
    StreamCase(target, chunks, interleaveTools, cut = r.nextInt(0, chunks.size + 1))
}

// ---------------------------------------------------------------------------------------------
// The events the decoder makes of a case, checked against its target and its accumulation.

private fun checkEvents(case: StreamCase) {
    val decoder = StreamEventDecoder()
    val events = case.chunks.flatMap(decoder::onChunk) + decoder.finish()
    val indexed = events.withIndex().toList()
    val target = case.target
    val targetIndices = target.choices.map { it.index }.toSet()
    withClue("events for choices that do not exist") {
        events.map { it.choiceIndex }.filter { it >= 0 }.toSet().minus(targetIndices) shouldBe
            emptySet()
    }
    for (choice in target.choices) {
        val i = choice.index
        val mine = indexed.filter { it.value.choiceIndex == i }
        withClue("choice $i") {
            mine
                .map { it.value }
                .filterIsInstance<StreamEvent.ContentDelta>()
                .joinToString("") { it.text } shouldBe choice.content.orEmpty()
            mine
                .map { it.value }
                .filterIsInstance<StreamEvent.ReasoningDelta>()
                .joinToString("") { it.text } shouldBe choice.reasoning.orEmpty()
            val finished = mine.filter { it.value is StreamEvent.ChoiceFinished }
            withClue("ChoiceFinished events") { finished.size shouldBe 1 }
            val finish = finished.single().value as StreamEvent.ChoiceFinished
            finish.reason shouldBe choice.finishReason
            finish.nativeReason shouldBe choice.nativeFinishReason
            val finishAt = finished.single().index
            withClue("events of the choice after its ChoiceFinished") {
                mine.last().index shouldBe finishAt
            }

            withClue("ToolCallStarted events (tool indices)") {
                mine
                    .mapNotNull { (it.value as? StreamEvent.ToolCallStarted)?.toolIndex }
                    .sorted() shouldBe choice.tools.indices.toList()
            }
            withClue("ToolCallDone events (tool indices)") {
                mine
                    .mapNotNull { (it.value as? StreamEvent.ToolCallDone)?.toolIndex }
                    .sorted() shouldBe choice.tools.indices.toList()
            }
            choice.tools.forEachIndexed { t, tool ->
                withClue("tool $t") {
                    val started =
                        mine.single { (it.value as? StreamEvent.ToolCallStarted)?.toolIndex == t }
                    val done =
                        mine.single { (it.value as? StreamEvent.ToolCallDone)?.toolIndex == t }
                    val deltas =
                        mine.filter {
                            (it.value as? StreamEvent.ToolCallArgumentsDelta)?.toolIndex == t
                        }
                    (started.value as StreamEvent.ToolCallStarted).id shouldBe tool.id
                    (started.value as StreamEvent.ToolCallStarted).name shouldBe tool.name
                    deltas.joinToString("") {
                        (it.value as StreamEvent.ToolCallArgumentsDelta).fragment
                    } shouldBe tool.arguments
                    val d = done.value as StreamEvent.ToolCallDone
                    d.id shouldBe tool.id
                    d.name shouldBe tool.name
                    d.arguments shouldBe tool.arguments
                    d.parsedArguments shouldBe tool.parsed
                    withClue(
                        "Started before every ArgumentsDelta, Done after them, ChoiceFinished after Done"
                    ) {
                        deltas.all { it.index > started.index && it.index < done.index } shouldBe
                            true
                        (started.index < done.index && done.index < finishAt) shouldBe true
                    }
                }
            }
        }
    }
    val usages = events.filterIsInstance<StreamEvent.UsageReported>()
    usages.size shouldBe case.chunks.count { it.usage != null }
    usages.lastOrNull()?.usage?.let(UsageView::of) shouldBe target.usage
    events.filterIsInstance<StreamEvent.RoutingMetadataReported>().map {
        RoutingView.of(it.metadata)
    } shouldBe listOfNotNull(target.routing)

    // The same chunks, accumulated, say the same thing as the events (which carry no refusal).
    val accumulator = ChatCompletionAccumulator()
    case.chunks.forEach(accumulator::add)
    val fromAccumulator =
        accumulator.snapshot().view().let { v ->
            v.copy(
                choices =
                    v.choices.map {
                        it.copy(
                            role = null,
                            refusal = null,
                            content = it.content.orEmpty(),
                            reasoning = it.reasoning.orEmpty(),
                            toolCalls = it.toolCalls.map { t -> t.copy(type = null) },
                        )
                    }
            )
        }
    val fromEvents =
        CompletionView(
            choices =
                target.choices
                    .map { it.index }
                    .sorted()
                    .map { i ->
                        val mine = events.filter { it.choiceIndex == i }
                        val finish =
                            mine.filterIsInstance<StreamEvent.ChoiceFinished>().lastOrNull()
                        ChoiceView(
                            index = i,
                            role = null,
                            content =
                                mine.filterIsInstance<StreamEvent.ContentDelta>().joinToString("") {
                                    it.text
                                },
                            reasoning =
                                mine.filterIsInstance<StreamEvent.ReasoningDelta>().joinToString(
                                    ""
                                ) {
                                    it.text
                                },
                            refusal = null,
                            toolCalls =
                                mine
                                    .filterIsInstance<StreamEvent.ToolCallDone>()
                                    .sortedBy { it.toolIndex }
                                    .map { ToolView(it.id, null, it.name, it.arguments) },
                            finishReason = finish?.reason,
                            nativeFinishReason = finish?.nativeReason,
                        )
                    },
            usage = usages.lastOrNull()?.usage?.let(UsageView::of),
            routing =
                events
                    .filterIsInstance<StreamEvent.RoutingMetadataReported>()
                    .lastOrNull()
                    ?.metadata
                    ?.let(RoutingView::of),
        )
    withClue("events and the accumulator disagree") { fromEvents shouldBe fromAccumulator }
}
