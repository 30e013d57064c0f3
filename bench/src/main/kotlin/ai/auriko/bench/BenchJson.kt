package ai.auriko.bench

import kotlinx.serialization.json.Json

/** The decoding configuration the SDK's transport uses (internal there), for the JMH benchmarks. */
object BenchJson {
    /** Same settings as `ai.auriko.client.internal.WireJson`. */
    @JvmField
    val json: Json = Json {
        ignoreUnknownKeys = true
        coerceInputValues = true
    }
}
