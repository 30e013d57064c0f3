package ai.auriko.client.chat

import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.internal.ChatCompletionMessageSerializer
import ai.auriko.client.internal.ChatCompletionSerializer
import ai.auriko.client.internal.ChatCompletionToolCallSerializer
import ai.auriko.client.internal.ChoiceSerializer
import ai.auriko.client.internal.FunctionCallSerializer
import ai.auriko.client.internal.OneOrManyStringsSerializer
import ai.auriko.client.internal.chat.FinishReasonSerializer
import ai.auriko.client.internal.chat.MessageConversion
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.PartialResult
import ai.auriko.http.ResponseHeaders
import ai.auriko.request.chat.ChatMessage
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KeepGeneratedSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement

/**
 * A whole chat completion: the answer of a non-streaming call, the result of accumulating a stream,
 * or — attached to a stream exception — everything that had arrived before it failed (read it with
 * [partialCompletion], or `e.partialResult(ChatCompletion.class)` in Java).
 */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ChatCompletionSerializer::class)
public class ChatCompletion
internal constructor(
    /** The completion id. */
    public val id: String? = null,
    /** `chat.completion` from a server; `chat.completion` too when assembled from chunks. */
    @SerialName("object") public val objectType: String? = null,
    /** Creation time, in Unix seconds. */
    public val created: Long? = null,
    /** The model that produced the answer. */
    public val model: String? = null,
    /** The backend configuration fingerprint, when reported. */
    @SerialName("system_fingerprint") public val systemFingerprint: String? = null,
    /** The service tier that served the request, when reported. */
    @SerialName("service_tier") public val serviceTier: String? = null,
    /** The answers, one per requested choice, in index order. */
    public val choices: List<Choice> = emptyList(),
    /** Token usage, when reported. */
    public val usage: Usage? = null,
    /** Auriko's routing report, when the server is Auriko. */
    @SerialName("routing_metadata") public val routingMetadata: RoutingMetadata? = null,
) : PartialResult {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The typed response headers of the HTTP response this completion came from. */
    @Transient
    public var responseHeaders: ResponseHeaders = ResponseHeaders.empty()
        @JvmSynthetic internal set

    /**
     * The stream's timing when this completion was assembled from a stream (the final result, or
     * the partial one a stream exception carries); `null` for a non-streaming call.
     */
    @Transient
    public var streamMetrics: StreamMetrics? = null
        @JvmSynthetic internal set

    /** The first choice's content, or `null`; a shortcut for the common single-choice case. */
    public val content: String?
        get() = choices.firstOrNull()?.message?.content

    /**
     * The first choice as the assistant message of the next request: see [Choice.toMessage]. Works
     * the same on a partial completion (`e.partialCompletion`).
     *
     * @throws ai.auriko.errors.InvalidRequestException with param `choices` when there is no
     *   choice, or as [Choice.toMessage] does
     */
    public fun toMessage(): ChatMessage = MessageConversion.message(this)

    /** Whether this choice belongs to a stream's partial result (see [toMessage]). */
    @Transient @JvmSynthetic internal var ofPartialResult: Boolean = false

    /** The id, model, choices, usage and routing metadata, for logs. */
    override fun toString(): String =
        "ChatCompletion(id=$id, model=$model, choices=$choices, usage=$usage, routingMetadata=$routingMetadata)"
}

/** One answer of a [ChatCompletion]. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ChoiceSerializer::class)
public class Choice
internal constructor(
    /** The choice's index. */
    public val index: Int = 0,
    /** The assistant's message. */
    public val message: ChatCompletionMessage = ChatCompletionMessage(),
    /**
     * Why generation stopped, as the server said it; `null` while a stream was cut short. An empty
     * or blank `finish_reason` (some servers send `""` until the real reason) reads as `null`.
     */
    @SerialName("finish_reason")
    @Serializable(with = FinishReasonSerializer::class)
    public val finishReason: String? = null,
    /** The provider's own finish reason before normalisation. */
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

    /**
     * This answer as the assistant message of the next request, for a multi-turn conversation or a
     * tool loop: as [ChatCompletionMessage.toMessage], except that a choice of a partial completion
     * with no [finishReason] (cut short) or with `error` (ended by the gateway's in-stream error)
     * leaves its tool calls out, since any of them may lack the end of its arguments and a model
     * rejects a tool call that gets no result; its content, reasoning, signatures and redacted
     * blocks are kept. To keep such calls anyway, use `message.toMessage()`.
     *
     * @throws ai.auriko.errors.InvalidRequestException as [ChatCompletionMessage.toMessage] does
     */
    public fun toMessage(): ChatMessage = MessageConversion.message(this)

    /** Whether this choice belongs to a stream's partial result (see [toMessage]). */
    @Transient @JvmSynthetic internal var ofPartialResult: Boolean = false

    /** The index, message and finish reason, for logs. */
    override fun toString(): String =
        "Choice(index=$index, message=$message, finishReason=$finishReason)"
}

/** The assistant's message in a [Choice]. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ChatCompletionMessageSerializer::class)
public class ChatCompletionMessage
internal constructor(
    /** The author role, `assistant`. */
    public val role: String? = null,
    /** The answer text; `null` when the model only called tools. */
    public val content: String? = null,
    /** The model's reasoning, for thinking models. */
    @SerialName("reasoning_content") public val reasoningContent: String? = null,
    /**
     * The provider's signatures over the reasoning, one per thinking block, in arrival order; empty
     * when none. Wire `reasoning_signature` (a string, or an array of them).
     */
    @SerialName("reasoning_signature")
    @Serializable(with = OneOrManyStringsSerializer::class)
    public val reasoningSignatures: List<String> = emptyList(),
    /**
     * Reasoning the provider redacted, one opaque block per redacted thinking block, in arrival
     * order; empty when none. Wire `reasoning_redacted_data` (a string, or an array of them).
     */
    @SerialName("reasoning_redacted_data")
    @Serializable(with = OneOrManyStringsSerializer::class)
    public val reasoningRedactedBlocks: List<String> = emptyList(),
    /** The tools the model asked to call, in index order. */
    @SerialName("tool_calls") public val toolCalls: List<ChatCompletionToolCall> = emptyList(),
    /** A refusal message, when the model declined. */
    public val refusal: String? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /**
     * The last of [reasoningSignatures] — the signature of the last thinking block, and what this
     * property held before every one was kept — or `null`. One value cannot carry several blocks:
     * read [reasoningSignatures], or send the answer back with [toMessage], which keeps them all.
     */
    public val reasoningSignature: String?
        get() = reasoningSignatures.lastOrNull()

    /**
     * The last of [reasoningRedactedBlocks], or `null`; kept for callers of the single value, which
     * cannot carry several blocks (see [reasoningSignature]).
     */
    public val reasoningRedactedData: String?
        get() = reasoningRedactedBlocks.lastOrNull()

    /**
     * This message as the assistant message of the next request: content, refusal, reasoning, every
     * signature and redacted block in order, and every tool call with its id, name and arguments
     * exactly as they arrived (arguments that are not valid JSON included — the history must repeat
     * what the model said). Blank signatures and blocks carry nothing and are left out; missing
     * arguments become empty text.
     *
     * @throws ai.auriko.errors.InvalidRequestException when the message cannot be sent back: no
     *   content, tool call or refusal (param `content`, for example an answer cut during its
     *   reasoning), a tool call without id or name, or one whose type is not `function` (param
     *   `tool_calls[i]…`)
     */
    public fun toMessage(): ChatMessage = MessageConversion.message(this, withToolCalls = true)

    /**
     * The role, the lengths of content and reasoning (not the text) and the tool calls, for logs.
     */
    override fun toString(): String =
        "ChatCompletionMessage(role=$role, content=${content?.length ?: 0} chars" +
            (if (reasoningContent != null) ", reasoning=${reasoningContent.length} chars" else "") +
            (if (toolCalls.isNotEmpty()) ", toolCalls=$toolCalls" else "") +
            ")"
}

/** A tool call the model made. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ChatCompletionToolCallSerializer::class)
public class ChatCompletionToolCall
internal constructor(
    /** The call id; send it back with the tool's result. */
    public val id: String? = null,
    /** The call type, `function`. */
    public val type: String? = null,
    /** The function and its JSON arguments. */
    public val function: FunctionCall = FunctionCall(),
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The call id and function name, not the arguments, for logs. */
    override fun toString(): String = "ChatCompletionToolCall(id=$id, name=${function.name})"
}

/** The function a tool call invokes. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = FunctionCallSerializer::class)
public class FunctionCall
internal constructor(
    /** The function's name. */
    public val name: String? = null,
    /** The arguments as JSON text, exactly as the model produced them (it may be invalid JSON). */
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
