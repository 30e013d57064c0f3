package ai.auriko.client.internal.chat

import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.ChoiceLogprobs
import ai.auriko.client.chat.ChunkChoice
import ai.auriko.client.chat.ChunkDelta
import ai.auriko.client.chat.FunctionCallDelta
import ai.auriko.client.chat.TokenLogprob
import ai.auriko.client.chat.ToolCallDelta
import ai.auriko.client.chat.TopLogprob
import kotlinx.serialization.json.JsonElement

/**
 * The scanner behind [ChunkDecoder]: [scan] returns the chunk, or `null` when the text is outside
 * the shape it reads (the caller then decodes it the general way). It keeps the strings of the
 * previous chunk to return them again when they repeat. Members it does not model are kept on the
 * object they belong to (`additionalProperties`), as the general way keeps them; a chunk without
 * any allocates nothing for them.
 */
internal class ChunkScanner : JsonShapeReader() {
    // Values that repeat on every chunk of a stream, as the previous chunk carried them.
    private var lastId: String? = null
    private var lastObject: String? = null
    private var lastModel: String? = null
    private var lastFingerprint: String? = null
    private var lastTier: String? = null
    private var lastRole: String? = null
    private var lastFinish: String? = null
    private var lastNativeFinish: String? = null
    private var lastCallId: String? = null
    private var lastCallType: String? = null
    private var lastFunctionName: String? = null

    /** The chunk in the first [length] characters of [data], or `null` (see the class). */
    fun scan(data: CharArray, length: Int): ChatCompletionChunk? = read(data, length) { chunk() }

    /** [scan] for data given as a String (copied into a buffer this scanner keeps). */
    fun scan(data: String): ChatCompletionChunk? {
        if (data.length > scratch.size) scratch = CharArray(data.length)
        data.toCharArray(scratch, 0, 0, data.length)
        return scan(scratch, data.length)
    }

    private var scratch = CharArray(0)

    // `created` repeats on nearly every chunk too: the previous chunk's boxed value is reused.
    private var lastCreated: Long? = null

    /** `created`: a plain integer or `null`, boxed only when it differs from the previous one. */
    private fun created(): Long? {
        if (peek() == 'n') {
            literalNull()
            return null
        }
        val value = integer(18)
        val last = lastCreated
        if (last != null && last == value) return last
        val boxed: Long? = value // boxed once: the same instance is kept and returned
        lastCreated = boxed
        return boxed
    }

    private fun chunk(): ChatCompletionChunk {
        skipWhitespace()
        var id: String? = null
        var objectType: String? = null
        var created: Long? = null
        var model: String? = null
        var fingerprint: String? = null
        var tier: String? = null
        var choices: List<ChunkChoice> = emptyList()
        var extras: Map<String, JsonElement>? = null
        members(CHUNK_KEYS) { key ->
            when (key) {
                0 -> {
                    id = string(lastId)
                    if (id != null) lastId = id
                }
                1 -> {
                    objectType = string(lastObject)
                    if (objectType != null) lastObject = objectType
                }
                2 -> created = created()
                3 -> {
                    model = string(lastModel)
                    if (model != null) lastModel = model
                }
                4 -> {
                    fingerprint = string(lastFingerprint)
                    if (fingerprint != null) lastFingerprint = fingerprint
                }
                5 -> {
                    tier = string(lastTier)
                    if (tier != null) lastTier = tier
                }
                6 -> choices = choices()
                7,
                8,
                9 ->
                    literalNull() // usage, routing_metadata, error: only their absence is read here
                else -> extras = extra(extras)
            }
        }
        return ChatCompletionChunk(
                id = id,
                objectType = objectType,
                created = created,
                model = model,
                systemFingerprint = fingerprint,
                serviceTier = tier,
                choices = choices,
            )
            .also { if (extras != null) it.additionalProperties = extras }
    }

    private fun choices(): List<ChunkChoice> = array { choice() }

    private fun choice(): ChunkChoice {
        var index = 0
        var delta: ChunkDelta? = null
        var finish: String? = null
        var nativeFinish: String? = null
        var logprobs: ChoiceLogprobs? = null
        var extras: Map<String, JsonElement>? = null
        members(CHOICE_KEYS) { key ->
            when (key) {
                0 -> index = int()
                1 -> delta = delta()
                2 -> {
                    finish = string(lastFinish)?.takeIf(::isFinishReason)
                    if (finish != null) lastFinish = finish
                }
                3 -> {
                    nativeFinish = string(lastNativeFinish)?.takeIf(::isFinishReason)
                    if (nativeFinish != null) lastNativeFinish = nativeFinish
                }
                4 ->
                    logprobs =
                        if (peek() == 'n') {
                            literalNull()
                            null
                        } else logprobs()
                else -> extras = extra(extras)
            }
        }
        return ChunkChoice(
                index = index,
                delta = delta ?: ChunkDelta(),
                finishReason = finish,
                nativeFinishReason = nativeFinish,
                logprobs = logprobs,
            )
            .also { if (extras != null) it.additionalProperties = extras }
    }

    private fun delta(): ChunkDelta {
        var role: String? = null
        var content: String? = null
        var reasoning: String? = null
        var signature: String? = null
        var redacted: String? = null
        var refusal: String? = null
        var toolCalls: List<ToolCallDelta> = emptyList()
        var extras: Map<String, JsonElement>? = null
        members(DELTA_KEYS) { key ->
            when (key) {
                0 -> {
                    role = string(lastRole)
                    if (role != null) lastRole = role
                }
                1 -> content = string(null)
                2 -> reasoning = string(null)
                3 -> signature = string(null)
                4 -> redacted = string(null)
                5 -> refusal = string(null)
                6 -> toolCalls = toolCalls()
                else -> extras = extra(extras)
            }
        }
        return ChunkDelta(
                role = role,
                content = content,
                reasoningContent = reasoning,
                reasoningSignature = signature,
                reasoningRedactedData = redacted,
                toolCalls = toolCalls,
                refusal = refusal,
            )
            .also { if (extras != null) it.additionalProperties = extras }
    }

    /**
     * A choice's log probabilities: with `logprobs: true` every chunk carries them, so they are
     * read here rather than sending each such chunk the general way.
     */
    private fun logprobs(): ChoiceLogprobs {
        var content: List<TokenLogprob>? = null
        var refusal: List<TokenLogprob>? = null
        var extras: Map<String, JsonElement>? = null
        members(LOGPROBS_KEYS) { key ->
            when (key) {
                0 -> content = tokens()
                1 -> refusal = tokens()
                else -> extras = extra(extras)
            }
        }
        return ChoiceLogprobs(content = content, refusal = refusal).also {
            if (extras != null) it.additionalProperties = extras
        }
    }

    private fun tokens(): List<TokenLogprob>? {
        if (peek() != 'n') return array { token() }
        literalNull()
        return null
    }

    private fun token(): TokenLogprob {
        var token: String? = null
        var logprob: Double? = null
        var bytes: List<Int>? = null
        var top: List<TopLogprob> = emptyList()
        var extras: Map<String, JsonElement>? = null
        members(TOKEN_KEYS) { key ->
            when (key) {
                0 -> token = string(null)
                1 -> logprob = double()
                2 -> bytes = bytes()
                3 ->
                    top =
                        if (peek() == 'n') {
                            literalNull() // a null list takes its default, as coerceInputValues
                            // does
                            emptyList()
                        } else array { topLogprob() }
                else -> extras = extra(extras)
            }
        }
        return TokenLogprob(token = token, logprob = logprob, bytes = bytes, topLogprobs = top)
            .also { if (extras != null) it.additionalProperties = extras }
    }

    private fun topLogprob(): TopLogprob {
        var token: String? = null
        var logprob: Double? = null
        var bytes: List<Int>? = null
        var extras: Map<String, JsonElement>? = null
        members(TOP_KEYS) { key ->
            when (key) {
                0 -> token = string(null)
                1 -> logprob = double()
                2 -> bytes = bytes()
                else -> extras = extra(extras)
            }
        }
        return TopLogprob(token = token, logprob = logprob, bytes = bytes).also {
            if (extras != null) it.additionalProperties = extras
        }
    }

    private fun bytes(): List<Int>? {
        if (peek() != 'n') return array { int() }
        literalNull()
        return null
    }

    /**
     * `null` (no fragments, as the general way reads it too) or an array of tool call fragments.
     */
    private fun toolCalls(): List<ToolCallDelta> {
        if (peek() != 'n') return array { toolCall() }
        literal("null")
        return emptyList()
    }

    private fun toolCall(): ToolCallDelta {
        var index = 0
        var id: String? = null
        var type: String? = null
        var function: FunctionCallDelta? = null
        var extras: Map<String, JsonElement>? = null
        members(TOOL_CALL_KEYS) { key ->
            when (key) {
                0 -> index = int()
                1 -> {
                    id = string(lastCallId)
                    if (id != null) lastCallId = id
                }
                2 -> {
                    type = string(lastCallType)
                    if (type != null) lastCallType = type
                }
                3 ->
                    function =
                        if (peek() == 'n') {
                            literalNull()
                            null
                        } else function()
                else -> extras = extra(extras)
            }
        }
        return ToolCallDelta(index = index, id = id, type = type, function = function).also {
            if (extras != null) it.additionalProperties = extras
        }
    }

    private fun function(): FunctionCallDelta {
        var name: String? = null
        var arguments: String? = null
        var extras: Map<String, JsonElement>? = null
        members(FUNCTION_KEYS) { key ->
            when (key) {
                0 -> {
                    name = string(lastFunctionName)
                    if (name != null) lastFunctionName = name
                }
                1 -> arguments = string(null)
                else -> extras = extra(extras)
            }
        }
        return FunctionCallDelta(name = name, arguments = arguments).also {
            if (extras != null) it.additionalProperties = extras
        }
    }

    private companion object {
        // Positions matter: they are the codes the `when`s above switch on.
        val CHUNK_KEYS =
            arrayOf(
                "id",
                "object",
                "created",
                "model",
                "system_fingerprint",
                "service_tier",
                "choices",
                "usage",
                "routing_metadata",
                "error",
            )
        val CHOICE_KEYS =
            arrayOf("index", "delta", "finish_reason", "native_finish_reason", "logprobs")
        val DELTA_KEYS =
            arrayOf(
                "role",
                "content",
                "reasoning_content",
                "reasoning_signature",
                "reasoning_redacted_data",
                "refusal",
                "tool_calls",
            )
        val TOOL_CALL_KEYS = arrayOf("index", "id", "type", "function")
        val FUNCTION_KEYS = arrayOf("name", "arguments")
        val LOGPROBS_KEYS = arrayOf("content", "refusal")
        val TOKEN_KEYS = arrayOf("token", "logprob", "bytes", "top_logprobs")
        val TOP_KEYS = arrayOf("token", "logprob", "bytes")
    }
}
