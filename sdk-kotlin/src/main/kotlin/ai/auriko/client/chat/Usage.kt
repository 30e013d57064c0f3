package ai.auriko.client.chat

import ai.auriko.client.internal.CompletionTokensDetailsSerializer
import ai.auriko.client.internal.PromptTokensDetailsSerializer
import ai.auriko.client.internal.UsageSerializer
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KeepGeneratedSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement

/** Token counts of one completion. Counts a provider does not report are `null`. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = UsageSerializer::class)
public class Usage
internal constructor(
    /** Tokens in the prompt. */
    @SerialName("prompt_tokens") public val promptTokens: Long? = null,
    /** Tokens generated. */
    @SerialName("completion_tokens") public val completionTokens: Long? = null,
    /** Prompt plus completion tokens. */
    @SerialName("total_tokens") public val totalTokens: Long? = null,
    /** A breakdown of the prompt tokens. */
    @SerialName("prompt_tokens_details")
    public val promptTokensDetails: PromptTokensDetails? = null,
    /** A breakdown of the completion tokens. */
    @SerialName("completion_tokens_details")
    public val completionTokensDetails: CompletionTokensDetails? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** Prompt tokens served from the provider's cache, from [promptTokensDetails]. */
    public val cachedTokens: Long?
        get() = promptTokensDetails?.cachedTokens

    /** Completion tokens spent on reasoning, from [completionTokensDetails]. */
    public val reasoningTokens: Long?
        get() = completionTokensDetails?.reasoningTokens

    /** The token counts, for logs; cached and reasoning tokens when reported. */
    override fun toString(): String =
        "Usage(prompt=$promptTokens, completion=$completionTokens, total=$totalTokens" +
            (cachedTokens?.let { ", cached=$it" } ?: "") +
            (reasoningTokens?.let { ", reasoning=$it" } ?: "") +
            ")"
}

/** How the prompt tokens break down. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = PromptTokensDetailsSerializer::class)
public class PromptTokensDetails
internal constructor(
    /** Prompt tokens read from the provider's prompt cache. */
    @SerialName("cached_tokens") public val cachedTokens: Long? = null,
    /** Prompt tokens written to the provider's prompt cache. */
    @SerialName("cache_write_tokens") public val cacheWriteTokens: Long? = null,
    /** Audio input tokens. */
    @SerialName("audio_tokens") public val audioTokens: Long? = null,
    /** Text input tokens. */
    @SerialName("text_tokens") public val textTokens: Long? = null,
    /** Image input tokens. */
    @SerialName("image_tokens") public val imageTokens: Long? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set
}

/** How the completion tokens break down. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = CompletionTokensDetailsSerializer::class)
public class CompletionTokensDetails
internal constructor(
    /** Tokens spent on reasoning before the answer. */
    @SerialName("reasoning_tokens") public val reasoningTokens: Long? = null,
    /** Tokens of visible text. */
    @SerialName("text_tokens") public val textTokens: Long? = null,
    /** Audio output tokens. */
    @SerialName("audio_tokens") public val audioTokens: Long? = null,
    /** Image output tokens. */
    @SerialName("image_tokens") public val imageTokens: Long? = null,
    /** Predicted-output tokens that were used. */
    @SerialName("accepted_prediction_tokens") public val acceptedPredictionTokens: Long? = null,
    /** Predicted-output tokens that were not used. */
    @SerialName("rejected_prediction_tokens") public val rejectedPredictionTokens: Long? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set
}
