package ai.auriko.client.chat

import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.internal.ChatCompletionMessageSerializer
import ai.auriko.client.internal.ChatCompletionSerializer
import ai.auriko.client.internal.ChatCompletionToolCallSerializer
import ai.auriko.client.internal.ChoiceSerializer
import ai.auriko.client.internal.FunctionCallSerializer
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.PartialResult
import ai.auriko.http.ResponseHeaders
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
    /** Why generation stopped, as the server said it; `null` while a stream was cut short. */
    @SerialName("finish_reason") public val finishReason: String? = null,
    /** The provider's own finish reason before normalisation. */
    @SerialName("native_finish_reason") public val nativeFinishReason: String? = null,
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
    /** The provider's signature over the reasoning. */
    @SerialName("reasoning_signature") public val reasoningSignature: String? = null,
    /** Redacted reasoning, as opaque data. */
    @SerialName("reasoning_redacted_data") public val reasoningRedactedData: String? = null,
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
