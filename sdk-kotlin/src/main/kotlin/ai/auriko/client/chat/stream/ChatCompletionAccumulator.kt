package ai.auriko.client.chat.stream

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.ChatCompletionMessage
import ai.auriko.client.chat.ChatCompletionToolCall
import ai.auriko.client.chat.Choice
import ai.auriko.client.chat.ChoiceLogprobs
import ai.auriko.client.chat.ChunkChoice
import ai.auriko.client.chat.FunctionCall
import ai.auriko.client.chat.TokenLogprob
import ai.auriko.client.chat.ToolCallDelta
import ai.auriko.client.chat.Usage
import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.http.ResponseHeaders
import java.util.Collections
import java.util.TreeMap
import kotlinx.serialization.json.JsonElement

/**
 * Assembles chunks into a [ChatCompletion], per choice: content, reasoning and refusal concatenated
 * (never last-write-wins), every reasoning signature and redacted block kept in arrival order (each
 * arrives whole and belongs to its own thinking block), tool calls keyed by (choice index, tool
 * index) with their argument fragments joined, finish reasons as they arrive. Usage is taken from
 * whichever chunk carries it (a later one wins; `null` never overwrites), routing metadata
 * likewise. Log probabilities are concatenated per choice, content and refusal lists each in order.
 *
 * Members the SDK does not model are kept on the result as the chunks carried them: the chunks'
 * top-level ones on the completion, each choice's on its [Choice], each delta's on its message,
 * each tool call fragment's on its tool call; when two chunks carry the same name, the later value
 * wins.
 *
 * A [snapshot] can be taken at any moment; it is the partial completion that stream exceptions
 * carry. Chunks after a choice's finish chunk are accepted. Not thread-safe: one accumulator
 * belongs to one stream.
 */
public class ChatCompletionAccumulator {
    private val choices = TreeMap<Int, ChoiceState>()
    private var id: String? = null
    private var created: Long? = null
    private var model: String? = null
    private var systemFingerprint: String? = null
    private var serviceTier: String? = null
    private var extras: Map<String, JsonElement> = emptyMap()

    /** The latest usage any chunk carried, or `null`. */
    public var usage: Usage? = null
        private set

    /** The latest routing metadata any chunk carried, or `null`. */
    public var routingMetadata: RoutingMetadata? = null
        private set

    /** How many chunks were added. */
    public var chunkCount: Int = 0
        private set

    /**
     * Whether every choice that started has a finish reason (and at least one started): the
     * stream's content is complete even if `[DONE]` never arrives.
     */
    public val isComplete: Boolean
        get() = choices.isNotEmpty() && choices.values.all { it.finishReason != null }

    /** Each started choice's finish reason so far, by choice index; `null` for unfinished ones. */
    public val finishReasons: Map<Int, String?>
        get() = choices.mapValuesTo(LinkedHashMap()) { it.value.finishReason }

    /** Adds the next chunk of the stream. */
    public fun add(chunk: ChatCompletionChunk) {
        chunkCount++
        if (id == null) id = chunk.id
        if (created == null) created = chunk.created
        if (model == null) model = chunk.model
        if (systemFingerprint == null) systemFingerprint = chunk.systemFingerprint
        if (serviceTier == null) serviceTier = chunk.serviceTier
        chunk.usage?.let { usage = it }
        chunk.routingMetadata?.let { routingMetadata = it }
        extras = merged(extras, chunk.additionalProperties)
        for (choice in chunk.choices) {
            choices.getOrPut(choice.index) { ChoiceState() }.add(choice)
        }
    }

    /**
     * The completion as far as it has arrived, as a new immutable object.
     *
     * @param headers the response headers to attach, if known
     */
    @JvmOverloads
    public fun snapshot(headers: ResponseHeaders = ResponseHeaders.empty()): ChatCompletion =
        ChatCompletion(
                id = id,
                objectType = "chat.completion",
                created = created,
                model = model,
                systemFingerprint = systemFingerprint,
                serviceTier = serviceTier,
                choices = choices.map { (index, state) -> state.toChoice(index) },
                usage = usage,
                routingMetadata = routingMetadata,
            )
            .also {
                it.responseHeaders = headers
                it.additionalProperties = extras
            }

    private class ChoiceState {
        var role: String? = null
        val content = StringBuilder()
        var sawContent = false
        val reasoning = StringBuilder()
        var sawReasoning = false
        val reasoningSignatures = ArrayList<String>(1)
        val reasoningRedactedBlocks = ArrayList<String>(1)
        val refusal = StringBuilder()
        var sawRefusal = false
        val toolCalls = TreeMap<Int, ToolCallState>()
        var finishReason: String? = null
        var nativeFinishReason: String? = null
        var extras: Map<String, JsonElement> = emptyMap()
        var messageExtras: Map<String, JsonElement> = emptyMap()
        var logprobs: LogprobsState? = null

        fun add(choice: ChunkChoice) {
            val delta = choice.delta
            if (role == null) role = delta.role
            delta.content?.let {
                content.append(it)
                sawContent = true
            }
            delta.reasoningContent?.let {
                reasoning.append(it)
                sawReasoning = true
            }
            // Signatures and redacted blocks arrive whole, one per thinking block: each is kept,
            // in order, since the provider verifies every block it is sent back. An empty one
            // carries no block.
            delta.reasoningSignature?.takeIf { it.isNotEmpty() }?.let { reasoningSignatures += it }
            delta.reasoningRedactedData
                ?.takeIf { it.isNotEmpty() }
                ?.let { reasoningRedactedBlocks += it }
            delta.refusal?.let {
                refusal.append(it)
                sawRefusal = true
            }
            for (call in delta.toolCalls) toolCalls
                .getOrPut(call.index) { ToolCallState() }
                .add(call)
            // Decoding already reads a blank finish reason as none; chunks can also come from
            // elsewhere (see accumulate()), and a blank one must never mark a choice finished.
            choice.finishReason?.takeIf { it.isNotBlank() }?.let { finishReason = it }
            choice.nativeFinishReason?.takeIf { it.isNotBlank() }?.let { nativeFinishReason = it }
            extras = merged(extras, choice.additionalProperties)
            messageExtras = merged(messageExtras, delta.additionalProperties)
            choice.logprobs?.let {
                (logprobs ?: LogprobsState().also { s -> logprobs = s }).add(it)
            }
        }

        fun toChoice(index: Int) =
            Choice(
                    index = index,
                    message =
                        ChatCompletionMessage(
                            role = role ?: "assistant",
                            content = if (sawContent) content.toString() else null,
                            reasoningContent = if (sawReasoning) reasoning.toString() else null,
                            reasoningSignatures = reasoningSignatures.toList(),
                            reasoningRedactedBlocks = reasoningRedactedBlocks.toList(),
                            toolCalls = toolCalls.values.map { it.toToolCall() },
                            refusal = if (sawRefusal) refusal.toString() else null,
                        ),
                    finishReason = finishReason,
                    nativeFinishReason = nativeFinishReason,
                    logprobs = logprobs?.toLogprobs(),
                )
                .also {
                    it.additionalProperties = extras
                    it.message.additionalProperties = messageExtras
                }
    }

    /** A choice's log probabilities so far: each chunk's lists appended to the last. */
    private class LogprobsState {
        var content: ArrayList<TokenLogprob>? = null
        var refusal: ArrayList<TokenLogprob>? = null
        var extras: Map<String, JsonElement> = emptyMap()

        fun add(logprobs: ChoiceLogprobs) {
            logprobs.content?.let {
                (content ?: ArrayList<TokenLogprob>().also { l -> content = l }).addAll(it)
            }
            logprobs.refusal?.let {
                (refusal ?: ArrayList<TokenLogprob>().also { l -> refusal = l }).addAll(it)
            }
            extras = merged(extras, logprobs.additionalProperties)
        }

        fun toLogprobs() =
            ChoiceLogprobs(content = content?.toList(), refusal = refusal?.toList()).also {
                it.additionalProperties = extras
            }
    }

    private class ToolCallState {
        var id: String? = null
        var type: String? = null
        var name: String? = null
        val arguments = StringBuilder()
        var extras: Map<String, JsonElement> = emptyMap()
        var functionExtras: Map<String, JsonElement> = emptyMap()

        fun add(delta: ToolCallDelta) {
            extras = merged(extras, delta.additionalProperties)
            delta.function?.let { functionExtras = merged(functionExtras, it.additionalProperties) }
            // The id, type and name come on the first fragment; some servers repeat them on every
            // fragment, so the first non-empty value is kept rather than concatenated.
            if (id.isNullOrEmpty()) id = delta.id
            if (type.isNullOrEmpty()) type = delta.type
            val function = delta.function ?: return
            if (name.isNullOrEmpty()) name = function.name
            function.arguments?.let { arguments.append(it) }
        }

        fun toToolCall() =
            ChatCompletionToolCall(
                    id = id,
                    type = type ?: "function",
                    function =
                        FunctionCall(name = name, arguments = arguments.toString()).also {
                            it.additionalProperties = functionExtras
                        },
                )
                .also { it.additionalProperties = extras }
    }
}

/**
 * [current] with [next]'s members added, a member of [next] replacing one of the same name; either
 * map itself when the other is empty, so chunks without extras cost nothing.
 */
private fun merged(
    current: Map<String, JsonElement>,
    next: Map<String, JsonElement>,
): Map<String, JsonElement> {
    if (next.isEmpty()) return current
    if (current.isEmpty()) return next
    val all = LinkedHashMap<String, JsonElement>(current)
    all.putAll(next)
    return Collections.unmodifiableMap(all)
}

/**
 * Collects any flow of chunks (from this SDK or not) and returns what they add up to; see
 * [ChatCompletionAccumulator].
 */
public suspend fun kotlinx.coroutines.flow.Flow<ChatCompletionChunk>.accumulate(): ChatCompletion {
    val accumulator = ChatCompletionAccumulator()
    collect { accumulator.add(it) }
    return accumulator.snapshot()
}
