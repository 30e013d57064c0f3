package ai.auriko.client.chat

import ai.auriko.client.chat.stream.ChatCompletionStream
import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.internal.ChatCompletionChunkSerializer
import ai.auriko.client.internal.ChunkChoiceSerializer
import ai.auriko.client.internal.ChunkDeltaSerializer
import ai.auriko.client.internal.FunctionCallDeltaSerializer
import ai.auriko.client.internal.LenientStringSerializer
import ai.auriko.client.internal.StreamErrorSerializer
import ai.auriko.client.internal.ToolCallDeltaSerializer
import ai.auriko.client.internal.chat.FinishReasonSerializer
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KeepGeneratedSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement

/**
 * One event of a streamed chat completion (`object: chat.completion.chunk`). Every field the
 * gateway documents is modelled; members it does not are kept, as sent, in each object's
 * `additionalProperties`, and enum-like values such as [ChunkChoice.finishReason] are kept as the
 * strings the server sent, so a value this SDK does not know yet never fails a stream.
 *
 * Usage ([usage]) and routing metadata ([routingMetadata]) may arrive on any chunk, usually on
 * trailing chunks with no choices; [ChatCompletionStream] collects them for you.
 */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ChatCompletionChunkSerializer::class)
public class ChatCompletionChunk
internal constructor(
    /** The completion id, the same on every chunk of one stream. */
    public val id: String? = null,
    /** Always `chat.completion.chunk` for a well-behaved server. */
    @SerialName("object") public val objectType: String? = null,
    /** Creation time, in Unix seconds. */
    public val created: Long? = null,
    /** The model that produced the chunk, as the provider names it. */
    public val model: String? = null,
    /** The backend configuration fingerprint, when the provider reports one. */
    @SerialName("system_fingerprint") public val systemFingerprint: String? = null,
    /** The service tier that served the request, when reported. */
    @SerialName("service_tier") public val serviceTier: String? = null,
    /** Per-choice deltas; empty on usage and metadata chunks. */
    public val choices: List<ChunkChoice> = emptyList(),
    /** Token usage, when this chunk carries it (with `stream_options.include_usage`). */
    public val usage: Usage? = null,
    /** Auriko's routing report (provider, strategy, cost, latency), usually on a trailing chunk. */
    @SerialName("routing_metadata") public val routingMetadata: RoutingMetadata? = null,
    /**
     * An error the server reported inside the stream. A chunk with a non-null error never reaches a
     * collector: the stream throws the classified exception instead. `"error": null` is no error.
     */
    public val error: StreamError? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The id, model, number of choices, and usage and routing metadata when present, for logs. */
    override fun toString(): String =
        "ChatCompletionChunk(id=$id, model=$model, choices=${choices.size}" +
            (if (usage != null) ", usage=$usage" else "") +
            (if (routingMetadata != null) ", routingMetadata=$routingMetadata" else "") +
            ")"
}

/** One choice's part of a [ChatCompletionChunk]. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ChunkChoiceSerializer::class)
public class ChunkChoice
internal constructor(
    /** Which choice this delta belongs to (0 unless `n` > 1). */
    public val index: Int = 0,
    /** The new content of this choice. */
    public val delta: ChunkDelta = ChunkDelta(),
    /**
     * Why the choice ended (`stop`, `length`, `tool_calls`, `content_filter`, …), on its last
     * chunk; `null` on the others. An empty or blank `finish_reason`, which some servers send on
     * every chunk until the real reason, reads as `null`: it is not a finish. `error` never reaches
     * a collector: the stream throws a stream error instead.
     */
    @SerialName("finish_reason")
    @Serializable(with = FinishReasonSerializer::class)
    public val finishReason: String? = null,
    /** The provider's own finish reason before normalisation (for example `end_turn`). */
    @SerialName("native_finish_reason")
    @Serializable(with = FinishReasonSerializer::class)
    public val nativeFinishReason: String? = null,
    /** Log probabilities of the tokens, when requested (`logprobs: true`). */
    public val logprobs: ChoiceLogprobs? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The index, delta and finish reason, for logs. */
    override fun toString(): String =
        "ChunkChoice(index=$index, delta=$delta, finishReason=$finishReason)"
}

/** What one chunk adds to a choice. Every field is absent unless this chunk carries it. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ChunkDeltaSerializer::class)
public class ChunkDelta
internal constructor(
    /** The author role, usually only on the first chunk. */
    public val role: String? = null,
    /** The next piece of the answer text. */
    public val content: String? = null,
    /** The next piece of the model's reasoning, for thinking models. */
    @SerialName("reasoning_content") public val reasoningContent: String? = null,
    /** The provider's signature over the reasoning (Anthropic), needed to send it back. */
    @SerialName("reasoning_signature") public val reasoningSignature: String? = null,
    /** Reasoning the provider redacted, as opaque data to send back unchanged. */
    @SerialName("reasoning_redacted_data") public val reasoningRedactedData: String? = null,
    /** Fragments of tool calls, keyed by their [ToolCallDelta.index]. */
    @SerialName("tool_calls") public val toolCalls: List<ToolCallDelta> = emptyList(),
    /** The next piece of a refusal message. */
    public val refusal: String? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The fields this chunk carries, text as lengths only, for logs. */
    override fun toString(): String = buildString {
        append("ChunkDelta(")
        val parts = mutableListOf<String>()
        role?.let { parts += "role=$it" }
        content?.let { parts += "content=${it.length} chars" }
        reasoningContent?.let { parts += "reasoning=${it.length} chars" }
        if (toolCalls.isNotEmpty()) parts += "toolCalls=${toolCalls.size}"
        refusal?.let { parts += "refusal=${it.length} chars" }
        append(parts.joinToString(", "))
        append(")")
    }
}

/** A fragment of one tool call. The first fragment of a call carries its id, type and name. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ToolCallDeltaSerializer::class)
public class ToolCallDelta
internal constructor(
    /** The call's position among the choice's tool calls; fragments of one call share it. */
    public val index: Int = 0,
    /** The call id, on the first fragment. */
    public val id: String? = null,
    /** The call type, `function`, on the first fragment. */
    public val type: String? = null,
    /** The function name and the next piece of its JSON arguments. */
    public val function: FunctionCallDelta? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set
}

/** A fragment of a function call. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = FunctionCallDeltaSerializer::class)
public class FunctionCallDelta
internal constructor(
    /** The function name, on the first fragment. */
    public val name: String? = null,
    /** The next piece of the arguments' JSON text; concatenate all pieces, then parse. */
    public val arguments: String? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set
}

/** An error object sent inside a stream, as received. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = StreamErrorSerializer::class)
public class StreamError
internal constructor(
    /** The error code; numeric codes are given as text (`"503"`). */
    @Serializable(with = LenientStringSerializer::class) public val code: String? = null,
    /** The error type, such as `server_error`. */
    @Serializable(with = LenientStringSerializer::class) public val type: String? = null,
    /** The server's message. */
    @Serializable(with = LenientStringSerializer::class) public val message: String? = null,
    /** The parameter the error is about, if any. */
    @Serializable(with = LenientStringSerializer::class) public val param: String? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The code, type and message, for logs. */
    override fun toString(): String = "StreamError(code=$code, type=$type, message=$message)"
}
