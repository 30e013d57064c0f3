package ai.auriko.bench

import ai.auriko.bench.clients.AurikoFlowClient
import ai.auriko.bench.clients.AurikoIteratorClient
import ai.auriko.bench.clients.Engine
import ai.auriko.bench.clients.OpenAiJavaClient
import ai.auriko.bench.clients.Tls
import ai.auriko.bench.clients.TransportBaseline

/**
 * The clients of the TLS scenarios (`tls-latency`, `tls-throughput`), by the names of their plain
 * counterparts in [Clients]: the transport baseline and this SDK's Flow and iterator on each engine
 * the default could be (OkHttp, Java, CIO — CIO on HTTP/1.1 only, it has no HTTP/2), and
 * openai-java (its builder takes an SSL socket factory and trust manager), each given the run's
 * self-signed certificate to trust.
 */
object TlsClients {
    /** One TLS client: its label, its engine and its factory (base URL, [Tls]). */
    class Entry(val label: String, val engine: Engine, val create: (String, Tls) -> BenchClient)

    /** Name → entry. */
    val all: LinkedHashMap<String, Entry> =
        linkedMapOf(
            "transport" to
                Entry("baseline: transport only (Ktor OkHttp)", Engine.OKHTTP) { u, t ->
                    TransportBaseline(u, Engine.OKHTTP, t)
                },
            "transport-java" to
                Entry("baseline: transport only (Ktor Java)", Engine.JAVA) { u, t ->
                    TransportBaseline(u, Engine.JAVA, t)
                },
            "transport-cio" to
                Entry("baseline: transport only (Ktor CIO)", Engine.CIO) { u, t ->
                    TransportBaseline(u, Engine.CIO, t)
                },
            "auriko-flow" to
                Entry("Auriko Kotlin Flow, OkHttp", Engine.OKHTTP) { u, t ->
                    AurikoFlowClient(u, false, Engine.OKHTTP, t)
                },
            "auriko-flow-java" to
                Entry("Auriko Kotlin Flow, Java engine", Engine.JAVA) { u, t ->
                    AurikoFlowClient(u, false, Engine.JAVA, t)
                },
            "auriko-flow-cio" to
                Entry("Auriko Kotlin Flow, CIO", Engine.CIO) { u, t ->
                    AurikoFlowClient(u, true, Engine.CIO, t)
                },
            "auriko-iterator" to
                Entry("Auriko Java iterator, OkHttp", Engine.OKHTTP) { u, t ->
                    AurikoIteratorClient(u, false, Engine.OKHTTP, t)
                },
            "auriko-iterator-java" to
                Entry("Auriko Java iterator, Java engine", Engine.JAVA) { u, t ->
                    AurikoIteratorClient(u, false, Engine.JAVA, t)
                },
            "auriko-iterator-cio" to
                Entry("Auriko Java iterator, CIO", Engine.CIO) { u, t ->
                    AurikoIteratorClient(u, true, Engine.CIO, t)
                },
            // Its own OkHttp 4: compared with the OkHttp transport baseline, as in plain HTTP.
            "openai-java" to
                Entry("openai-java 4.101.0", Engine.OKHTTP) { u, t -> OpenAiJavaClient(u, t) },
        )

    /** The TLS protocols a client runs: HTTP/1.1 (param 1) and, except on CIO, HTTP/2 (param 2). */
    fun protocols(name: String): List<Int> =
        if (all[name]?.engine == Engine.CIO) listOf(1) else listOf(1, 2)

    /** The row label of [name] on [protocol] (1: HTTP/1.1, 2: HTTP/2). */
    fun label(name: String, protocol: Int): String =
        "${all[name]?.label ?: name}, ${if (protocol == 2) "HTTP/2" else "HTTP/1.1"}"
}
