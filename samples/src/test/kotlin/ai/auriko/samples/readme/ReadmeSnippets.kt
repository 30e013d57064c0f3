package ai.auriko.samples.readme

import ai.auriko.client.AurikoClient
import ai.auriko.client.chat.stream.StreamEvent
import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.logging.HttpLogLevel
import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.AurikoException
import ai.auriko.request.chat.ChatCompletionRequest
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.cio.endpoint
import io.opentelemetry.api.common.AttributeKey
import io.opentelemetry.api.common.Attributes
import io.opentelemetry.api.trace.Span
import io.opentelemetry.api.trace.SpanKind
import io.opentelemetry.api.trace.StatusCode
import io.opentelemetry.api.trace.Tracer
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import kotlinx.serialization.json.JsonElement
import org.slf4j.LoggerFactory

// The README's Kotlin fragments. Each region between "README: <name>" and "README: end" is a
// kotlin block of README.md, word for word (ReadmeCodeTest checks both ways); what a fragment uses
// is declared before its region. Compiled, never run.

@Suppress("UNUSED_VARIABLE")
suspend fun streamHelpers(
    client: AurikoClient,
    request: ChatCompletionRequest,
    runTool: (String?, JsonElement?) -> Unit,
) {
    // README: kotlin-stream-helpers
    val completion = client.chat.completions.stream(request).toCompletion() // the final result
    client.chat.completions.stream(request).contentDeltas().collect { print(it) } // text only
    client.chat.completions.stream(request).events().collect { event -> // typed events
        when (event) {
            is StreamEvent.ContentDelta -> print(event.text)
            // a tool call, once its arguments are complete
            is StreamEvent.ToolCallDone -> runTool(event.name, event.parsedArguments)
            is StreamEvent.ChoiceFinished -> println("\n[${event.reason}]")
            else -> {}
        }
    }
    val stream = client.chat.completions.stream(request)
    stream.collect {}
    // time to headers / first chunk / first token, gaps, rate, keep-alives, retries
    println(stream.metrics)
    // README: end
}

@Suppress("UNUSED_VARIABLE")
suspend fun management(client: AurikoClient) {
    // README: kotlin-management
    val me = client.me.get() // workspace id, user, role
    val budgets = client.budgets.list(me.workspaceId!!) // ApiList<Budget>: List + raw + headers
    val balance = client.billing.balance(me.workspaceId!!).balanceUsd
    val models = client.models.list().map { it.id }
    val directory = client.models.listDirectory() // providers, context, capabilities, pricing
    // README: end
}

@Suppress("UNUSED_VARIABLE")
fun logging() {
    val log = LoggerFactory.getLogger("app")
    // README: kotlin-logging
    val client = AurikoClient {
        httpLogLevel = HttpLogLevel.HEADERS // NONE, BASIC, HEADERS, BODY
        logger = AurikoLogger { level, message, error -> log.info(message, error) } // e.g. SLF4J
    }
    // --> POST https://api.auriko.ai/v1/chat/completions (312-byte body)
    // Authorization: ██
    // <-- 200 https://api.auriko.ai/v1/chat/completions (184 ms, request id req_7f2c…)
    // <-- END POST https://api.auriko.ai/v1/chat/completions (2310 ms, 57 chunks)
    // README: end
}

// README: kotlin-opentelemetry
class OtelListener(private val tracer: Tracer) : AurikoEventListener() {
    private val spans = ConcurrentHashMap<AurikoCall, Span>()

    override fun callStarted(call: AurikoCall) {
        spans[call] =
            tracer
                .spanBuilder("chat ${call.model}")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", call.method)
                .setAttribute("url.full", call.url)
                .startSpan()
    }

    override fun retryScheduled(
        call: AurikoCall,
        attempt: Int,
        delay: Duration,
        reason: AurikoException,
    ) {
        spans[call]?.addEvent(
            "retry",
            Attributes.of(AttributeKey.longKey("delay_ms"), delay.toMillis()),
        )
    }

    override fun callSucceeded(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) {
        val span = spans.remove(call) ?: return
        metrics?.timeToFirstToken?.let { span.setAttribute("ttft_ms", it.toMillis()) }
        span.end()
    }

    override fun callFailed(
        call: AurikoCall,
        duration: Duration,
        error: Throwable,
        metrics: StreamMetrics?,
    ) {
        val span = spans.remove(call) ?: return
        span.recordException(error)
        span.setStatus(StatusCode.ERROR)
        span.end()
    }

    override fun callCancelled(call: AurikoCall, duration: Duration, metrics: StreamMetrics?) {
        spans.remove(call)?.end()
    }
}

// README: end

@Suppress("UNUSED_VARIABLE")
fun cioEngine() {
    // README: kotlin-cio-engine
    // imports: io.ktor.client.engine.cio.CIO and io.ktor.client.engine.cio.endpoint (an extension)
    val engine =
        CIO.create {
            requestTimeout = 0 // its 15 s would end every longer stream
            maxConnectionsCount = 100_000
            endpoint {
                maxConnectionsPerRoute = 100_000 // its 100 per host made the 101st stream time out
                connectAttempts = 1 // the SDK's retry policy retries, and reports it
            }
        }
    val client = AurikoClient { this.engine = engine }
    // … client.close(); engine.close()
    // README: end
}
