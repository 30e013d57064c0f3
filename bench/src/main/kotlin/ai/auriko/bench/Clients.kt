package ai.auriko.bench

import ai.auriko.bench.clients.AurikoFlowClient
import ai.auriko.bench.clients.AurikoIteratorClient
import ai.auriko.bench.clients.Engine
import ai.auriko.bench.clients.MinimalParserBaseline
import ai.auriko.bench.clients.OpenAiJavaClient
import ai.auriko.bench.clients.OpenAiKotlinClient
import ai.auriko.bench.clients.TransportBaseline

/** Every client the harness knows, by the name used on the command line and in the tables. */
object Clients {
    /** Name → (label, factory taking the base URL). Add a client here. */
    val all: LinkedHashMap<String, Pair<String, (String) -> BenchClient>> = linkedMapOf(
        "transport" to ("baseline: transport only (Ktor CIO, bytes counted)" to { url -> TransportBaseline(url, Engine.CIO) }),
        "transport-okhttp" to ("baseline: transport only (Ktor OkHttp, bytes counted)" to { url -> TransportBaseline(url, Engine.OKHTTP) }),
        "minimal" to ("baseline: minimal parser on Ktor CIO (byte lines + kotlinx.serialization)" to { url -> MinimalParserBaseline(url, Engine.CIO) }),
        "minimal-okhttp" to ("baseline: minimal parser on Ktor OkHttp" to { url -> MinimalParserBaseline(url, Engine.OKHTTP) }),
        "auriko-flow" to ("Auriko Kotlin Flow, CIO (default)" to { url -> AurikoFlowClient(url, okHttp = false) }),
        "auriko-flow-okhttp" to ("Auriko Kotlin Flow, OkHttp as the README sets it up" to { url -> AurikoFlowClient(url, okHttp = true) }),
        "auriko-iterator" to ("Auriko Java iterator, CIO (default)" to { url -> AurikoIteratorClient(url) }),
        "auriko-iterator-okhttp" to ("Auriko Java iterator, OkHttp as the README sets it up" to { url -> AurikoIteratorClient(url, okHttp = true) }),
        "openai-java" to ("openai-java 4.101.0" to { url -> OpenAiJavaClient(url) }),
        "openai-kotlin-cio" to ("openai-kotlin 4.1.0, CIO" to { url -> OpenAiKotlinClient(url, okHttp = false) }),
        "openai-kotlin-okhttp" to ("openai-kotlin 4.1.0, OkHttp" to { url -> OpenAiKotlinClient(url, okHttp = true) }),
    )
}
