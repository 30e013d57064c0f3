package ai.auriko.samples.gateway

import ai.auriko.testing.GatewayScript
import ai.auriko.testing.internal.ScriptResponse
import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.ApplicationCall
import io.ktor.server.cio.CIO
import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.embeddedServer
import io.ktor.server.request.header
import io.ktor.server.request.receiveText
import io.ktor.server.response.header
import io.ktor.server.response.respondBytesWriter
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.routing
import io.ktor.utils.io.writeStringUtf8
import java.io.Closeable
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.nanoseconds
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive

/**
 * A local stand-in for the Auriko gateway: a real HTTP server on 127.0.0.1 that speaks the
 * gateway's wire format, so the samples exercise the SDK's real code paths with no key and no
 * network.
 * - `POST /v1/chat/completions`, streaming and not: a deterministic answer composed from the
 *   conversation, streamed token by token at [pacing], with a role chunk first, keep-alive
 *   comments, a finish chunk with `native_finish_reason`, a usage chunk, a `routing_metadata`
 *   chunk, `[DONE]`, and the gateway's typed response headers. Routing follows
 *   `gateway.routing.optimize` and `models`; reasoning is streamed for thinking models with
 *   `extensions.thinking`; a `get_weather` tool call is streamed when tools are offered and the
 *   user asks about the weather.
 * - `POST /v1/responses` (the Responses API), streaming and not: the same answers from the same
 *   conversation — `instructions` and `input` (a string, or message, `function_call` and
 *   `function_call_output` items), flat function tools, `reasoning` asking for thinking — written
 *   in that API's format: `response.*` events with a reasoning summary, a message or a
 *   `function_call` item, and usage and `routing_metadata` on the final response.
 * - Errors on demand, by model name (`error-401`, `error-402`, `error-404`, `error-429`,
 *   `error-502`, `error-midstream`, `error-truncated`) or by the `x-simulate-error` header.
 * - Request checks like the real one: an `Authorization` header, valid JSON, exactly one of
 *   `model`/`models`, a `messages` array (chat) or an `input` (Responses) — otherwise 400 (401
 *   without a key).
 * - `GET /v1/models`, `/v1/models/{id}`, `/v1/me`, `/v1/workspaces`, `/v1/registry/models`,
 *   `/v1/registry/providers`, `/v1/directory/models` with plausible data.
 *
 * Each answer is composed here but written by sdk-testing: it becomes a [GatewayScript] played
 * through the same writer the test kit's fake gateways use.
 */
public class LocalGateway
@JvmOverloads
constructor(
    /** Time between streamed tokens. */
    private val pacing: Duration = 25.milliseconds,
    port: Int = 0,
) : Closeable {
    private val json = Json { ignoreUnknownKeys = true }
    private val requestCounter = AtomicInteger()
    private val credits = AtomicLong(25_000_000)

    private val server: EmbeddedServer<*, *> =
        embeddedServer(CIO, port = port, host = "127.0.0.1") {
                routing {
                    post("/v1/chat/completions") { answer(call, responses = false) }
                    post("/v1/responses") { answer(call, responses = true) }
                    get("/v1/models") { call.respondJson(MODELS_BODY) }
                    get("/v1/models/{id}") {
                        val id = call.parameters["id"].orEmpty()
                        if (MODEL_IDS.contains(id))
                            call.respondJson(
                                """{"id":"$id","object":"model","created":1700000000,"owned_by":"auriko"}"""
                            )
                        else
                            call.respondError(
                                404,
                                "model_not_found",
                                "invalid_request_error",
                                "Model '$id' not found",
                            )
                    }
                    get("/v1/me") {
                        call.respondJson(
                            """{"workspace_id":"ws_local","user_id":"usr_local","email":"dev@localhost","role":"owner"}"""
                        )
                    }
                    get("/v1/workspaces") {
                        call.respondJson(
                            """{"data":[{"id":"ws_local","name":"Local workspace","tier":"developer"}]}"""
                        )
                    }
                    get("/v1/workspaces/{id}") {
                        val id = call.parameters["id"].orEmpty()
                        if (id == "ws_local")
                            call.respondJson(
                                """{"id":"ws_local","name":"Local workspace","tier":"developer","created_at":"2026-01-01T00:00:00Z"}"""
                            )
                        else
                            call.respondError(
                                404,
                                "not_found",
                                "not_found_error",
                                "Workspace '$id' not found",
                            )
                    }
                    get("/v1/workspaces/{id}/budgets") {
                        call.respondJson(
                            """{"data":[{"id":"bud_monthly","workspace_id":"ws_local","name":"Monthly cap","limit_usd":50.0,"spent_usd":${String.format(java.util.Locale.ROOT, "%.6f", 25.0 - credits.get() / 1e6)},"period":"monthly"}]}"""
                        )
                    }
                    get("/v1/workspaces/{id}/budgets/{budget}") {
                        if (call.parameters["budget"] == "bud_monthly") {
                            call.respondJson(
                                """{"id":"bud_monthly","workspace_id":"ws_local","name":"Monthly cap","limit_usd":50.0,"period":"monthly","reset_at":"2026-12-01T00:00:00Z"}"""
                            )
                        } else {
                            call.respondError(
                                404,
                                "not_found",
                                "not_found_error",
                                "Budget not found",
                            )
                        }
                    }
                    get("/v1/workspaces/{id}/billing/balance") {
                        val micros = credits.get()
                        call.respondJson(
                            """{"workspace_id":${kotlinx.serialization.json.JsonPrimitive(call.parameters["id"].orEmpty())},"balance_microdollars":$micros,"balance_usd":${micros / 1e6},"currency":"USD"}"""
                        )
                    }
                    get("/v1/registry/models") { call.respondJson(REGISTRY_MODELS_BODY) }
                    get("/v1/registry/providers") { call.respondJson(REGISTRY_PROVIDERS_BODY) }
                    get("/v1/directory/models") { call.respondJson(DIRECTORY_BODY) }
                }
            }
            .start(wait = false)

    /** The port the server listens on. */
    public val port: Int = runBlocking { server.engine.resolvedConnectors().first().port }

    /** The base URL to give the client: `http://127.0.0.1:<port>/v1`. */
    public val baseUrl: String
        get() = "http://127.0.0.1:$port/v1"

    /** Stops the server at once. */
    override fun close() {
        server.stop(0, 500)
    }

    /** Answers a chat or Responses request: the same checks, routing, answer and script. */
    private suspend fun answer(call: ApplicationCall, responses: Boolean) {
        val n = requestCounter.incrementAndGet()
        val requestId = "req_local_$n"
        call.response.header("x-request-id", requestId)
        val auth = call.request.header("Authorization")
        if (
            auth.isNullOrBlank() || !auth.startsWith("Bearer ") || auth.length <= "Bearer ".length
        ) {
            return call.respondError(
                401,
                "invalid_api_key",
                "authentication_error",
                "Missing or malformed Authorization header",
            )
        }
        val sent =
            try {
                json.parseToJsonElement(call.receiveText()) as? JsonObject
            } catch (e: SerializationException) {
                null
            }
                ?: return call.respondError(
                    400,
                    "invalid_json",
                    "invalid_request_error",
                    "The request body is not a JSON object",
                )
        val hasModel = sent["model"] != null
        val hasModels = (sent["models"] as? JsonArray)?.isNotEmpty() == true
        if (hasModel == hasModels) {
            return call.respondError(
                400,
                "invalid_request",
                "invalid_request_error",
                "Exactly one of model or models must be set",
            )
        }
        if (!responses && sent["messages"] !is JsonArray) {
            return call.respondError(
                400,
                "invalid_request",
                "invalid_request_error",
                "messages must be an array",
            )
        }
        val input = sent["input"]
        if (responses && !(input is JsonArray || (input is JsonPrimitive && input.isString))) {
            return call.respondError(
                400,
                "invalid_request",
                "invalid_request_error",
                "input must be a string or an array of items",
            )
        }
        // a Responses request is answered as the chat request it amounts to
        val body = if (responses) chatView(sent) else sent

        val decision = route(body)
        val simulate =
            call.request.header("x-simulate-error")
                ?: decision.model.removePrefix("error-").takeIf {
                    decision.model.startsWith("error-")
                }
        when (simulate) {
            "401" ->
                return call.respondError(
                    401,
                    "invalid_api_key",
                    "authentication_error",
                    "Invalid API key",
                )
            "402" ->
                return call.respondError(
                    402,
                    "insufficient_credits",
                    "insufficient_credits",
                    "Insufficient credits",
                )
            "404",
            "model-not-found" ->
                return call.respondError(
                    404,
                    "model_not_found",
                    "invalid_request_error",
                    "Model '${decision.model}' not found",
                )
            "429" -> {
                call.response.header("Retry-After", "1")
                call.response.header("x-ratelimit-remaining-requests", "0")
                return call.respondError(
                    429,
                    "rate_limit_exceeded",
                    "rate_limit_error",
                    "Rate limit exceeded",
                )
            }
            "502" ->
                return call.respondText(
                    "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
                    ContentType.Text.Html,
                    HttpStatusCode.BadGateway,
                )
        }

        val reply = compose(body, decision)
        val promptTokens = reply.promptTokens
        val completionTokens = reply.completionTokens
        val costUsd = cost(decision.provider, promptTokens, completionTokens)
        val balance = credits.addAndGet(-(costUsd * 1_000_000).toLong().coerceAtLeast(1))
        val stream = body["stream"]?.jsonPrimitive?.booleanOrNull == true
        val includeUsage =
            ((body["stream_options"] as? JsonObject)
                ?.get("include_usage")
                ?.jsonPrimitive
                ?.booleanOrNull) ?: false
        val script =
            script(reply, decision, stream, simulate)
                .apply {
                    header("x-ratelimit-remaining-requests", "99")
                    header("x-ratelimit-limit-requests", "100")
                    header("x-ratelimit-reset-requests", "1s")
                    header("x-credits-balance-microdollars", balance.toString())
                    header("x-provider-used", decision.provider.name)
                    header("x-routing-strategy", decision.strategy)
                    // the Responses API always reports usage; chat when asked, or not streaming
                    if (responses || includeUsage || !stream)
                        usage(promptTokens.toLong(), completionTokens.toLong())
                    // to the micro-cent, as a gateway bills: not a Double's 17 digits
                    costUsd(
                        java.math.BigDecimal.valueOf(costUsd)
                            .setScale(8, java.math.RoundingMode.HALF_UP)
                            .stripTrailingZeros()
                    )
                }
                .build()

        // The wire format is written by the test kit's player: one writer of gateway SSE for the
        // samples and for users' tests.
        val response =
            if (responses)
                ScriptResponse(
                    script,
                    decision.model,
                    stream,
                    "resp_local_$n",
                    responses = true,
                    previousResponseId =
                        (sent["previous_response_id"] as? JsonPrimitive)?.contentOrNull,
                )
            else ScriptResponse(script, decision.model, stream, "chatcmpl-$requestId")
        response.headers.forEach { (name, value) -> call.response.header(name, value) }
        val contentType = ContentType.parse(response.contentType)
        if (!response.isStream) {
            return call.respondText(
                response.body,
                contentType,
                HttpStatusCode.fromValue(response.status),
            )
        }
        call.respondBytesWriter(contentType, HttpStatusCode.fromValue(response.status)) {
            // a truncated script just ends the body here: without [DONE] the client sees a cut
            // stream
            response.writeStream(
                write = { text ->
                    writeStringUtf8(text)
                    flush()
                },
                pause = { nanos -> delay(nanos.nanoseconds) },
            )
        }
    }

    /**
     * The answer as a script: a processing comment, the routing decision's delay, reasoning and
     * content token by token at [pacing] with a keep-alive every 8 tokens, or a tool call, then the
     * routing metadata; errors on demand cut the stream after 4 tokens.
     */
    private fun script(
        reply: Reply,
        decision: RoutingDecision,
        stream: Boolean,
        simulate: String?,
    ): GatewayScript.Builder =
        GatewayScript.Builder().apply {
            model(decision.model)
            keepAlive("AURIKO PROCESSING")
            pause(decisionDelay(decision))
            pacing(pacing)
            reasoning(*reply.reasoning.toTypedArray())
            var sent = 0
            for (piece in reply.content) {
                if (++sent % 8 == 0) keepAlive()
                content(piece)
                if (stream && sent == 4 && simulate == "midstream") {
                    errorEvent("server_error", "Provider disconnected unexpectedly")
                    break
                }
                if (stream && sent == 4 && simulate == "truncated") {
                    truncate()
                    break
                }
            }
            reply.toolCall?.let { call ->
                toolCall(call.id, call.name, *call.argumentFragments.toTypedArray())
            }
            val tool = reply.toolCall != null
            finishReason(if (tool) "tool_calls" else "stop", if (tool) "tool_use" else "end_turn")
            provider(decision.provider.name)
            providerModelId("${decision.provider.name}/${decision.model}")
            modelCanonical(decision.model)
            routingStrategy(decision.strategy)
            ttftMs(decision.provider.ttftMs.toDouble())
            throughputTps(decision.provider.tokensPerSecond.toDouble())
            decision.warnings.forEach { w -> routingWarning(w.type, w.code, w.message) }
        }

    private fun decisionDelay(decision: RoutingDecision): Duration =
        (decision.provider.ttftMs / 4).milliseconds

    private suspend fun ApplicationCall.respondJson(body: String, status: Int = 200) {
        respondText(body, ContentType.Application.Json, HttpStatusCode.fromValue(status))
    }

    private suspend fun ApplicationCall.respondError(
        status: Int,
        code: String,
        type: String,
        message: String,
    ) {
        respondJson(
            """{"error":{"message":${Json.encodeToString(kotlinx.serialization.json.JsonPrimitive(message))},"type":"$type","code":"$code"}}""",
            status,
        )
    }

    private companion object {
        val MODEL_IDS =
            listOf(
                "gpt-4o",
                "gpt-4o-mini",
                "claude-sonnet-4",
                "claude-thinking",
                "llama-4-maverick",
            )
        val MODELS_BODY =
            """{"object":"list","data":[""" +
                MODEL_IDS.joinToString(",") {
                    """{"id":"$it","object":"model","created":1700000000,"owned_by":"auriko"}"""
                } +
                "]}"
        val REGISTRY_MODELS_BODY =
            """{"data":[{"id":"gpt-4o","family":"gpt-4o","display_name":"GPT-4o"},""" +
                """{"id":"claude-sonnet-4","family":"claude-4","display_name":"Claude Sonnet 4"},""" +
                """{"id":"llama-4-maverick","family":"llama-4","display_name":"Llama 4 Maverick"}]}"""
        val REGISTRY_PROVIDERS_BODY =
            """{"data":[""" +
                PROVIDERS.joinToString(",") {
                    """{"id":"${it.name}","display_name":"${it.name.replaceFirstChar { c -> c.uppercase() }}","description":"Local stand-in for ${it.name}","data_policy":"no-training"}"""
                } +
                "]}"
        val DIRECTORY_BODY =
            """{"data":[{"id":"gpt-4o","providers":[""" +
                PROVIDERS.joinToString(",") {
                    """{"provider":"${it.name}","context_window":128000,"capabilities":["tools","streaming"],""" +
                        """"pricing":{"input_per_1m":${it.usdPerMillionInput},"output_per_1m":${it.usdPerMillionOutput}}}"""
                } +
                "]}]}"
    }
}
