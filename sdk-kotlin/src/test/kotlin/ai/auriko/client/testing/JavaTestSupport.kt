package ai.auriko.client.testing

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.mock.MockEngine
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import java.util.function.Consumer

/** Test helpers shaped for the Java tests, so they read as plain Java. */
object JavaTestSupport {
    /** Every shared wire fixture. */
    @JvmStatic
    fun fixtures(): List<WireFixture> = WireFixtures.all

    /** The shared wire fixture called [name] (for example `auriko-basic`). */
    @JvmStatic
    fun fixture(name: String): WireFixture =
        WireFixtures.all.firstOrNull { it.name == name } ?: error("no wire fixture named $name")

    /** An engine that answers every request with [fixture]'s recorded response. */
    @JvmStatic
    fun fixtureEngine(fixture: WireFixture, bytewise: Boolean): HttpClientEngine = MockEngine {
        respondFixture(fixture, if (bytewise) Delivery.BYTEWISE else Delivery.WHOLE, CoroutineScope(Dispatchers.Unconfined))
    }

    /** A loopback server running [script] for each connection. */
    @JvmStatic
    fun server(script: Consumer<Exchange>): LoopbackServer = LoopbackServer { script.accept(it) }

    /** An SSE event carrying [content] for choice 0. */
    @JvmStatic
    fun contentChunk(content: String): String = contentEvent(content)

    /** Coroutines still active in the Java client's scope and in its HTTP client. */
    @JvmStatic
    fun activeCoroutines(client: ai.auriko.client.blocking.AurikoBlockingClient): Int {
        val scopeJob = client.scope.coroutineContext[kotlinx.coroutines.Job]!!
        val httpJob = client.kotlinClient().transport.http.coroutineContext[kotlinx.coroutines.Job]!!
        return scopeJob.children.count { it.isActive } + httpJob.children.count { it.isActive }
    }

    /** The final SSE events of a complete stream. */
    @JvmStatic
    fun finishAndDone(): String = contentEvent("", finishReason = "stop") + "data: [DONE]\n\n"
}
