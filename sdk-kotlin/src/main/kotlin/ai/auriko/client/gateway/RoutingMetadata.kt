package ai.auriko.client.gateway

import ai.auriko.client.internal.CostSerializer
import ai.auriko.client.internal.ExactDecimalSerializer
import ai.auriko.client.internal.RoutingMetadataSerializer
import ai.auriko.client.internal.RoutingWarningSerializer
import java.math.BigDecimal
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KeepGeneratedSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.JsonElement

/**
 * How Auriko routed a request: the provider it chose, the strategy, latency and cost. Present on
 * Auriko responses (a trailing chunk when streaming); other OpenAI-compatible servers omit it.
 */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = RoutingMetadataSerializer::class)
public class RoutingMetadata
internal constructor(
    /** The provider that served the request, for example `openai`. */
    public val provider: String? = null,
    /** The provider's own id of the model it ran. */
    @SerialName("provider_model_id") public val providerModelId: String? = null,
    /** The gateway's canonical model name. */
    @SerialName("model_canonical") public val modelCanonical: String? = null,
    /** The routing strategy applied, for example `balanced` or `cost`. */
    @SerialName("routing_strategy") public val routingStrategy: String? = null,
    /** Time to first token, in milliseconds, as the gateway measured it. */
    @SerialName("ttft_ms") public val ttftMs: Double? = null,
    /** Generation speed, in tokens per second. */
    @SerialName("throughput_tps") public val throughputTps: Double? = null,
    /** End-to-end latency, in milliseconds. */
    @SerialName("total_latency_ms") public val totalLatencyMs: Double? = null,
    /** What the request cost. */
    public val cost: Cost? = null,
    /** Things the gateway changed or ignored, such as parameters the provider does not support. */
    public val warnings: List<RoutingWarning> = emptyList(),
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The provider, strategy, time to first token, cost and number of warnings, for logs. */
    override fun toString(): String =
        "RoutingMetadata(provider=$provider, strategy=$routingStrategy, ttftMs=$ttftMs, cost=${cost?.usd?.toPlainString()}" +
            (if (warnings.isNotEmpty()) ", warnings=${warnings.size}" else "") +
            ")"
}

/**
 * The cost of one request, in US dollars, exactly as the gateway wrote it: a [BigDecimal] made from
 * the JSON number's text (never a `Double`), so `0.000042` stays `0.000042` and amounts add up
 * exactly.
 */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = CostSerializer::class)
public class Cost
internal constructor(
    /** The cost in US dollars, as sent. */
    @Serializable(with = ExactDecimalSerializer::class) public val usd: BigDecimal? = null,
    /** The cost billed to the workspace, in US dollars, when it differs (for example with BYOK). */
    @SerialName("billable_cost_usd")
    @Serializable(with = ExactDecimalSerializer::class)
    public val billableCostUsd: BigDecimal? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** Both amounts in plain notation (`0.000042`, never `4.2E-5`), for logs. */
    override fun toString(): String =
        "Cost(usd=${usd?.toPlainString()}, billableCostUsd=${billableCostUsd?.toPlainString()})"
}

/** A warning the gateway attached to a routed request. */
@OptIn(ExperimentalSerializationApi::class)
@KeepGeneratedSerializer
@Serializable(with = RoutingWarningSerializer::class)
public class RoutingWarning
internal constructor(
    /** The warning's category, for example `parameter_ignored`. */
    public val type: String? = null,
    /** A machine-readable code. */
    public val code: String? = null,
    /** A human-readable explanation. */
    public val message: String? = null,
) {
    /**
     * The members the server sent that this SDK does not model, by name, exactly as sent; the
     * shared empty map when there are none.
     */
    @Transient
    public var additionalProperties: Map<String, JsonElement> = emptyMap()
        @JvmSynthetic internal set

    /** The type, code and message, for logs. */
    override fun toString(): String = "RoutingWarning(type=$type, code=$code, message=$message)"
}
