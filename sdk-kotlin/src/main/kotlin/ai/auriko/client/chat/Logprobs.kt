package ai.auriko.client.chat

import ai.auriko.client.internal.ChoiceLogprobsSerializer
import ai.auriko.client.internal.TokenLogprobSerializer
import ai.auriko.client.internal.TopLogprobSerializer
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KeepGeneratedSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement

/**
 * The log probabilities of a choice's tokens (`logprobs` of a choice, when the request asked for
 * them). In a stream each chunk carries those of its own tokens;
 * [ai.auriko.client.chat.stream.ChatCompletionAccumulator] concatenates them in order.
 */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = ChoiceLogprobsSerializer::class)
public class ChoiceLogprobs
internal constructor(
    /** One entry per token of the message content, in order; `null` when not reported. */
    public val content: List<TokenLogprob>? = null,
    /** One entry per token of the refusal, in order; `null` when not reported. */
    public val refusal: List<TokenLogprob>? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The number of content and refusal entries, for logs. */
    override fun toString(): String =
        "ChoiceLogprobs(content=${content?.size ?: 0} tokens" +
            (refusal?.let { ", refusal=${it.size} tokens" } ?: "") +
            ")"
}

/** One token of the output, its log probability, and the most likely alternatives. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = TokenLogprobSerializer::class)
public class TokenLogprob
internal constructor(
    /** The token. */
    public val token: String? = null,
    /** Its log probability; `-9999.0` stands for "very unlikely". */
    public val logprob: Double? = null,
    /**
     * The token's UTF-8 bytes (a token may be part of a character: join the bytes of consecutive
     * tokens to decode text); `null` when it has no byte representation.
     */
    public val bytes: List<Int>? = null,
    /** The most likely tokens at this position, as many as `top_logprobs` asked for. */
    @SerialName("top_logprobs") public val topLogprobs: List<TopLogprob> = emptyList(),
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The token's log probability and number of alternatives (not the token), for logs. */
    override fun toString(): String =
        "TokenLogprob(logprob=$logprob, topLogprobs=${topLogprobs.size})"
}

/** One of the most likely tokens at a position of the output. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = TopLogprobSerializer::class)
public class TopLogprob
internal constructor(
    /** The token. */
    public val token: String? = null,
    /** Its log probability. */
    public val logprob: Double? = null,
    /** The token's UTF-8 bytes, or `null`. */
    public val bytes: List<Int>? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The log probability (not the token), for logs. */
    override fun toString(): String = "TopLogprob(logprob=$logprob)"
}
