package ai.auriko.bench

import ai.auriko.bench.clients.AurikoFlowClient
import ai.auriko.bench.clients.AurikoIteratorClient
import ai.auriko.bench.clients.AurikoJavaAsyncClient
import ai.auriko.bench.clients.Engine
import ai.auriko.bench.clients.MinimalParserBaseline
import ai.auriko.bench.clients.OpenAiJavaClient
import ai.auriko.bench.clients.OpenAiKotlinClient
import ai.auriko.bench.clients.TransportBaseline

/** Every client the harness knows, by the name used on the command line and in the tables. */
object Clients {
    /** Name → (label, factory taking the base URL). Add a client here. */
    val all: LinkedHashMap<String, Pair<String, (String) -> BenchClient>> =
        linkedMapOf(
            "transport" to
                ("baseline: transport only (Ktor OkHttp as the SDK sets it up, bytes counted)" to
                    { url ->
                        TransportBaseline(url, Engine.OKHTTP)
                    }),
            "transport-cio" to
                ("baseline: transport only (Ktor CIO, bytes counted)" to
                    { url ->
                        TransportBaseline(url, Engine.CIO)
                    }),
            "transport-java" to
                ("baseline: transport only (Ktor Java, bytes counted)" to
                    { url ->
                        TransportBaseline(url, Engine.JAVA)
                    }),
            "minimal" to
                ("baseline: minimal parser on Ktor OkHttp (byte lines + kotlinx.serialization)" to
                    { url ->
                        MinimalParserBaseline(url, Engine.OKHTTP)
                    }),
            "minimal-cio" to
                ("baseline: minimal parser on Ktor CIO" to
                    { url ->
                        MinimalParserBaseline(url, Engine.CIO)
                    }),
            "auriko-flow" to
                ("Auriko Kotlin Flow, OkHttp (default)" to
                    { url ->
                        AurikoFlowClient(url, cio = false)
                    }),
            "auriko-flow-admit8" to
                ("Auriko Kotlin Flow, OkHttp, maxRequestsAwaitingHeaders = 8 (option)" to
                    { url ->
                        AurikoFlowClient(url, cio = false, awaitingHeaders = 8)
                    }),
            "auriko-flow-admit1" to
                ("Auriko Kotlin Flow, OkHttp, maxRequestsAwaitingHeaders = 1 (option)" to
                    { url ->
                        AurikoFlowClient(url, cio = false, awaitingHeaders = 1)
                    }),
            "auriko-flow-cio" to
                ("Auriko Kotlin Flow, CIO engine" to { url -> AurikoFlowClient(url, cio = true) }),
            "auriko-iterator" to
                ("Auriko Java iterator, OkHttp (default)" to { url -> AurikoIteratorClient(url) }),
            "auriko-iterator-cio" to
                ("Auriko Java iterator, CIO engine" to
                    { url ->
                        AurikoIteratorClient(url, cio = true)
                    }),
            "auriko-java-async" to
                ("Auriko Java streamAsync, OkHttp (default)" to
                    { url ->
                        AurikoJavaAsyncClient(url)
                    }),
            "openai-java" to ("openai-java 4.101.0" to { url -> OpenAiJavaClient(url) }),
            "openai-java-iterator" to
                ("openai-java 4.101.0, blocking stream (a thread each)" to
                    { url ->
                        OpenAiJavaClient(url, threadPerStream = true)
                    }),
            "openai-kotlin-cio" to
                ("openai-kotlin 4.1.0, CIO" to { url -> OpenAiKotlinClient(url, okHttp = false) }),
            "openai-kotlin-okhttp" to
                ("openai-kotlin 4.1.0, OkHttp" to { url -> OpenAiKotlinClient(url, okHttp = true) }),
        )
}
