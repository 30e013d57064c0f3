package ai.auriko.client.chat

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Token counts of one completion. Counts a provider does not report are `null`. */
@Serializable
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
@Serializable
public class PromptTokensDetails
internal constructor(
    /** Prompt tokens read from the provider's prompt cache. */
    @SerialName("cached_tokens") public val cachedTokens: Long? = null,
    /** Prompt tokens written to the provider's prompt cache. */
    @SerialName("cache_write_tokens") public val cacheWriteTokens: Long? = null,
    /** Audio input tokens. */
    @SerialName("audio_tokens") public val audioTokens: Long? = null,
)

/** How the completion tokens break down. */
@Serializable
public class CompletionTokensDetails
internal constructor(
    /** Tokens spent on reasoning before the answer. */
    @SerialName("reasoning_tokens") public val reasoningTokens: Long? = null,
    /** Tokens of visible text. */
    @SerialName("text_tokens") public val textTokens: Long? = null,
    /** Audio output tokens. */
    @SerialName("audio_tokens") public val audioTokens: Long? = null,
    /** Predicted-output tokens that were used. */
    @SerialName("accepted_prediction_tokens") public val acceptedPredictionTokens: Long? = null,
    /** Predicted-output tokens that were not used. */
    @SerialName("rejected_prediction_tokens") public val rejectedPredictionTokens: Long? = null,
)
