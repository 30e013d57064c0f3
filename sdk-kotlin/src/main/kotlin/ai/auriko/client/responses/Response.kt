package ai.auriko.client.responses

import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.internal.LenientStringSerializer
import ai.auriko.client.internal.responses.JsonFields
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.PartialResult
import ai.auriko.http.ResponseHeaders
import ai.auriko.request.responses.ResponseInputItem
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonObject

/**
 * A model response of the Responses API (`object: response`): the answer of a non-streaming call,
 * the snapshot a stream's lifecycle events carry, the result of accumulating a stream, or —
 * attached to a stream exception — everything that had arrived before it failed.
 *
 * [status] is kept as the server's string (`completed`, `incomplete`, `failed`, `in_progress`, …).
 * A stream that ends with `response.incomplete` completes normally: its result has status
 * `incomplete` and says why in [incompleteDetails] (for example `max_output_tokens`). Unknown
 * fields are ignored by the model but stay reachable in [json].
 */
@Serializable
public class Response
internal constructor(
    /** The response id, `resp_…`. */
    public val id: String? = null,
    /** `response` from a server. */
    @SerialName("object") public val objectType: String? = null,
    /** Creation time, in Unix seconds (the wire format allows a fraction). */
    @SerialName("created_at") public val createdAt: Double? = null,
    /** `completed`, `incomplete`, `failed`, `in_progress`, `queued` or `cancelled`, as sent. */
    public val status: String? = null,
    /** The model that produced the response. */
    public val model: String? = null,
    /** The output items (messages, function calls, reasoning, …), in output-index order. */
    public val output: List<ResponseOutputItem> = emptyList(),
    /** Token usage, when reported (on the final snapshot of a stream). */
    public val usage: ResponseUsage? = null,
    /** What went wrong, for a `failed` response. */
    public val error: ResponseError? = null,
    /** Why the response is `incomplete`. */
    @SerialName("incomplete_details") public val incompleteDetails: IncompleteDetails? = null,
    /** The id of the response this one continues, when the request named one. */
    @SerialName("previous_response_id") public val previousResponseId: String? = null,
    /** Auriko's routing report, when the server is Auriko. */
    @SerialName("routing_metadata") public val routingMetadata: RoutingMetadata? = null,
) : PartialResult {
    /**
     * The JSON object this response was read from by the SDK, with every field the server sent;
     * empty for a response the SDK assembled from stream deltas alone.
     */
    @Transient
    public var json: JsonObject = JsonFields.EMPTY
        @JvmSynthetic internal set

    /** The typed response headers of the HTTP response this result came from. */
    @Transient
    public var responseHeaders: ResponseHeaders = ResponseHeaders.empty()
        @JvmSynthetic internal set

    /** The stream's timing when assembled from a stream; `null` for a non-streaming call. */
    @Transient
    public var streamMetrics: StreamMetrics? = null
        @JvmSynthetic internal set

    /**
     * The text of every `output_text` part of every message item, concatenated in order; empty when
     * there is none.
     */
    public val outputText: String
        get() =
            output.filterIsInstance<ResponseOutputItem.Message>().joinToString("") { it.outputText }

    /** The function calls among [output], in order. */
    public val functionCalls: List<ResponseOutputItem.FunctionCall>
        get() = output.filterIsInstance<ResponseOutputItem.FunctionCall>()

    /**
     * This response's output as input items for the next request of a conversation kept by the
     * client (without [previousResponseId]): each message as an assistant message of its output
     * text, each function call as a `function_call` item with its ids (add its
     * `function_call_output` after it), each reasoning item with its id, summary and encrypted
     * content — which the server needs when it keeps no state (`store: false`; ask for it with
     * `include = reasoning.encrypted_content`). Items of types this SDK does not model are left
     * out.
     *
     * @throws ai.auriko.errors.InvalidRequestException when a function call has no call id or name
     *   (a partial response cut off before they arrived)
     */
    public fun outputAsInput(): List<ResponseInputItem> =
        output.mapNotNull { item ->
            when (item) {
                is ResponseOutputItem.Message -> ResponseInputItem.assistant(item.outputText)
                is ResponseOutputItem.FunctionCall ->
                    ResponseInputItem.functionCall(
                        item.id,
                        item.callId ?: "",
                        item.name ?: "",
                        item.arguments,
                    )
                is ResponseOutputItem.Reasoning ->
                    item.id?.let { id ->
                        ResponseInputItem.reasoning(
                            id,
                            item.summary.map { it.text },
                            item.encryptedContent,
                        )
                    }
                is ResponseOutputItem.Unknown -> null
            }
        }

    /** The id, model, status, output, usage and routing metadata, for logs. */
    override fun toString(): String =
        "Response(id=$id, model=$model, status=$status, output=$output, usage=$usage" +
            (if (error != null) ", error=$error" else "") +
            (if (incompleteDetails != null) ", incompleteDetails=$incompleteDetails" else "") +
            ", routingMetadata=$routingMetadata)"
}

/** Token counts of one response. Counts a provider does not report are `null`. */
@Serializable
public class ResponseUsage
internal constructor(
    /** Tokens in the input. */
    @SerialName("input_tokens") public val inputTokens: Long? = null,
    /** Tokens generated, reasoning included. */
    @SerialName("output_tokens") public val outputTokens: Long? = null,
    /** Input plus output tokens. */
    @SerialName("total_tokens") public val totalTokens: Long? = null,
    /** A breakdown of the input tokens. */
    @SerialName("input_tokens_details") public val inputTokensDetails: InputTokensDetails? = null,
    /** A breakdown of the output tokens. */
    @SerialName("output_tokens_details") public val outputTokensDetails: OutputTokensDetails? = null,
) {
    /** Input tokens served from the provider's cache, from [inputTokensDetails]. */
    public val cachedTokens: Long?
        get() = inputTokensDetails?.cachedTokens

    /** Output tokens spent on reasoning, from [outputTokensDetails]. */
    public val reasoningTokens: Long?
        get() = outputTokensDetails?.reasoningTokens

    /** The token counts, for logs; cached and reasoning tokens when reported. */
    override fun toString(): String =
        "ResponseUsage(input=$inputTokens, output=$outputTokens, total=$totalTokens" +
            (cachedTokens?.let { ", cached=$it" } ?: "") +
            (reasoningTokens?.let { ", reasoning=$it" } ?: "") +
            ")"
}

/** How the input tokens break down. */
@Serializable
public class InputTokensDetails
internal constructor(
    /** Input tokens read from the provider's prompt cache. */
    @SerialName("cached_tokens") public val cachedTokens: Long? = null
)

/** How the output tokens break down. */
@Serializable
public class OutputTokensDetails
internal constructor(
    /** Output tokens spent on reasoning. */
    @SerialName("reasoning_tokens") public val reasoningTokens: Long? = null
)

/** The error of a `failed` response. */
@Serializable
public class ResponseError
internal constructor(
    /** The error code, for example `server_error` or `rate_limit_exceeded`. */
    @Serializable(with = LenientStringSerializer::class) public val code: String? = null,
    /** The server's message. */
    @Serializable(with = LenientStringSerializer::class) public val message: String? = null,
) {
    /** The code and message, for logs. */
    override fun toString(): String = "ResponseError(code=$code, message=$message)"
}

/** Why a response is `incomplete`. */
@Serializable
public class IncompleteDetails
internal constructor(
    /** The reason, for example `max_output_tokens` or `content_filter`, as sent. */
    public val reason: String? = null
) {
    /** The reason, for logs. */
    override fun toString(): String = "IncompleteDetails(reason=$reason)"
}
