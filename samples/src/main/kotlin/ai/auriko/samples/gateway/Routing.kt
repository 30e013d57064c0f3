package ai.auriko.samples.gateway

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive

/** A provider the local gateway pretends to route to, with its made-up price and speed. */
internal class Provider(
    val name: String,
    val usdPerMillionInput: Double,
    val usdPerMillionOutput: Double,
    val ttftMs: Int,
    val tokensPerSecond: Int,
)

internal val PROVIDERS =
    listOf(
        Provider("deepinfra", 0.15, 0.60, 420, 60),
        Provider("groq", 0.59, 0.79, 90, 280),
        Provider("cerebras", 0.85, 1.20, 160, 900),
        Provider("openai", 2.50, 10.00, 240, 110),
        Provider("anthropic", 3.00, 15.00, 310, 80),
    )

/** How the local gateway decided: provider, strategy, model, and the warnings it would report. */
internal class RoutingDecision(
    val provider: Provider,
    val strategy: String,
    val model: String,
    val warnings: List<Warning>,
)

internal class Warning(val type: String, val code: String, val message: String)

/**
 * Picks a provider the way the real gateway explains its strategies: cost → cheapest, ttft/speed →
 * fastest first token, tps/throughput → fastest generation, otherwise balanced. With `models`, the
 * first model wins in `fallback` mode and the cheapest-sounding one in `pool` mode.
 */
internal fun route(body: JsonObject): RoutingDecision {
    val routing = ((body["gateway"] as? JsonObject)?.get("routing") as? JsonObject)
    val optimize = routing?.get("optimize")?.jsonPrimitive?.contentOrNull ?: "balanced"
    val excluded =
        (routing?.get("exclude_providers") as? JsonArray)
            ?.mapNotNull { (it as? JsonPrimitive)?.contentOrNull }
            .orEmpty()
    val only =
        (routing?.get("providers") as? JsonArray)
            ?.mapNotNull { (it as? JsonPrimitive)?.contentOrNull }
            .orEmpty()
    val candidates =
        PROVIDERS.filter { it.name !in excluded && (only.isEmpty() || it.name in only) }
            .ifEmpty { PROVIDERS }
    val provider =
        when (optimize) {
            "cost",
            "cost-focus",
            "cheapest" -> candidates.minByOrNull { it.usdPerMillionInput + it.usdPerMillionOutput }
            "ttft",
            "ttft-focus",
            "speed" -> candidates.minByOrNull { it.ttftMs }
            "tps",
            "tps-focus",
            "throughput" -> candidates.maxByOrNull { it.tokensPerSecond }
            else -> candidates.firstOrNull { it.name == "openai" } ?: candidates.first()
        }!!
    val models =
        (body["models"] as? JsonArray)
            ?.mapNotNull { (it as? JsonPrimitive)?.contentOrNull }
            .orEmpty()
    val mode = routing?.get("mode")?.jsonPrimitive?.contentOrNull ?: "pool"
    val model =
        when {
            models.isEmpty() -> body["model"]?.jsonPrimitive?.contentOrNull ?: "gpt-4o"
            mode == "fallback" -> models.first()
            else -> models.minByOrNull { it.length }!!
        }
    val warnings = buildList {
        for (ignored in listOf("seed", "logit_bias", "top_logprobs")) {
            if (body.containsKey(ignored)) {
                add(
                    Warning(
                        "parameter_ignored",
                        "${ignored}_unsupported",
                        "$ignored is not supported by ${provider.name} and was dropped",
                    )
                )
            }
        }
    }
    return RoutingDecision(provider, optimize, model, warnings)
}

/** What a request costs at [provider]'s prices. */
internal fun cost(provider: Provider, promptTokens: Int, completionTokens: Int): Double =
    (promptTokens * provider.usdPerMillionInput + completionTokens * provider.usdPerMillionOutput) /
        1_000_000
