package ai.auriko.client.dsl

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionMessage
import ai.auriko.gateway.DataPolicy
import ai.auriko.gateway.Extensions
import ai.auriko.gateway.Optimize
import ai.auriko.gateway.RequestMetadata
import ai.auriko.gateway.RoutingMode
import ai.auriko.gateway.RoutingOptions
import ai.auriko.gateway.ThinkingOptions
import ai.auriko.json.RawJson
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.chat.ContentPart
import ai.auriko.request.chat.ImageDetail
import ai.auriko.request.chat.ResponseFormat
import ai.auriko.request.chat.StreamOptions
import ai.auriko.request.chat.Tool
import ai.auriko.request.chat.ToolCall
import ai.auriko.request.chat.ToolChoice

/**
 * Marks the request DSL's receivers, so an inner block cannot reach an outer one's members by
 * accident.
 */
@DslMarker public annotation class AurikoDsl

/**
 * Builds a [ChatCompletionRequest] with the Kotlin DSL; the result is the same immutable, validated
 * object the Java builders make, and invalid values throw
 * [ai.auriko.errors.InvalidRequestException] here, before any I/O.
 *
 * ```
 * val request = chatCompletionRequest {
 *     model = "gpt-4o"
 *     messages { system("You are terse."); user("Hello!") }
 *     routing { optimize = Optimize.COST; maxTtftMs = 200 }
 * }
 * ```
 */
public fun chatCompletionRequest(
    build: ChatCompletionRequestBuilder.() -> Unit
): ChatCompletionRequest = ChatCompletionRequestBuilder().apply(build).build()

/** The receiver of [chatCompletionRequest]; each property maps to the field of the same name. */
@AurikoDsl
public class ChatCompletionRequestBuilder internal constructor() {
    private val builder = ChatCompletionRequest.builder()
    private val messageList = mutableListOf<ChatMessage>()
    private val toolList = mutableListOf<Tool>()

    /** The model to route to; exactly one of [model] and [models]. */
    public var model: String? = null

    /** Models to route across (Auriko multi-model routing); exactly one of [model] and [models]. */
    public var models: List<String> = emptyList()

    /** Sampling temperature, 0..2. */
    public var temperature: Double? = null

    /** Nucleus sampling, 0..1. */
    public var topP: Double? = null

    /** Legacy output cap; prefer [maxCompletionTokens]. */
    public var maxTokens: Int? = null

    /** Maximum tokens to generate. */
    public var maxCompletionTokens: Int? = null

    /** Stop sequences. */
    public var stop: List<String> = emptyList()

    /** Seed for reproducible sampling, where the provider supports it. */
    public var seed: Long? = null

    /** Number of choices to generate. */
    public var n: Int? = null

    /** Presence penalty, -2..2. */
    public var presencePenalty: Double? = null

    /** Frequency penalty, -2..2. */
    public var frequencyPenalty: Double? = null

    /** Token id to bias, -100..100. */
    public var logitBias: Map<String, Int> = emptyMap()

    /** Whether to return log probabilities. */
    public var logprobs: Boolean? = null

    /** How many top log probabilities per token, 0..20. */
    public var topLogprobs: Int? = null

    /** An end-user id for abuse monitoring. */
    public var user: String? = null

    /** Reasoning effort for reasoning models (`low`, `medium`, `high`). */
    public var reasoningEffort: String? = null

    /** Whether the model may call several tools at once. */
    public var parallelToolCalls: Boolean? = null

    /** Which tool the model must or may call. */
    public var toolChoice: ToolChoice? = null

    /** The output format: text, JSON object or JSON schema. */
    public var responseFormat: ResponseFormat? = null

    /** For streams: whether the server adds a usage chunk (default true). */
    public var includeUsage: Boolean? = null

    /** Adds messages in order. */
    public fun messages(build: MessagesBuilder.() -> Unit) {
        MessagesBuilder(messageList).apply(build)
    }

    /** Adds tools the model may call. */
    public fun tools(build: ToolsBuilder.() -> Unit) {
        ToolsBuilder(toolList).apply(build)
    }

    /** Auriko routing options, sent as `gateway.routing`. */
    public fun routing(build: RoutingBuilder.() -> Unit) {
        builder.routing(RoutingBuilder().apply(build).build())
    }

    /** Request metadata, sent as `gateway.metadata`. */
    public fun metadata(build: MetadataBuilder.() -> Unit) {
        builder.metadata(MetadataBuilder().apply(build).build())
    }

    /** Extensions, sent as `extensions`: thinking and provider-specific objects. */
    public fun extensions(build: ExtensionsBuilder.() -> Unit) {
        builder.extensions(ExtensionsBuilder().apply(build).build())
    }

    /** Adds (or overrides) a top-level body field; merged last on the wire. */
    public fun extraBody(key: String, value: Any?) {
        builder.putExtraBody(key, value)
    }

    @JvmSynthetic
    internal fun build(): ChatCompletionRequest =
        builder
            .model(model)
            .models(models.takeIf { it.isNotEmpty() })
            .messages(messageList)
            .tools(toolList)
            .temperature(temperature)
            .topP(topP)
            .maxTokens(maxTokens)
            .maxCompletionTokens(maxCompletionTokens)
            .stop(stop)
            .seed(seed)
            .n(n)
            .presencePenalty(presencePenalty)
            .frequencyPenalty(frequencyPenalty)
            .logitBias(logitBias)
            .logprobs(logprobs)
            .topLogprobs(topLogprobs)
            .user(user)
            .reasoningEffort(reasoningEffort)
            .parallelToolCalls(parallelToolCalls)
            .toolChoice(toolChoice)
            .responseFormat(responseFormat)
            .streamOptions(includeUsage?.let { StreamOptions.of(it) })
            .build()
}

/** Adds messages to a request, in conversation order. */
@AurikoDsl
public class MessagesBuilder internal constructor(private val messages: MutableList<ChatMessage>) {
    /** A system message. */
    public fun system(content: String) {
        messages += ChatMessage.system(content)
    }

    /** A developer message (the newer name for system instructions). */
    public fun developer(content: String) {
        messages += ChatMessage.developer(content)
    }

    /** A user message of text. */
    public fun user(content: String) {
        messages += ChatMessage.user(content)
    }

    /** A user message of text and image parts: `user { text("What is this?"); image(url) }`. */
    public fun user(build: ContentPartsBuilder.() -> Unit) {
        messages += ChatMessage.user(ContentPartsBuilder().apply(build).parts)
    }

    /** An earlier assistant answer. */
    public fun assistant(content: String) {
        messages += ChatMessage.assistant(content)
    }

    /** An earlier assistant turn that called tools. */
    public fun assistant(content: String?, toolCalls: List<ToolCall>) {
        messages += ChatMessage.assistant(content, toolCalls)
    }

    /**
     * An earlier answer, sent back whole: [completion]'s first choice as [ChatCompletion.toMessage]
     * makes it (content, reasoning, every signature and redacted block, tool calls), also for a
     * partial completion.
     */
    public fun assistant(completion: ChatCompletion) {
        messages += completion.toMessage()
    }

    /**
     * An earlier answer's message, sent back whole, as [ChatCompletionMessage.toMessage] makes it.
     */
    public fun assistant(message: ChatCompletionMessage) {
        messages += message.toMessage()
    }

    /** A tool's result for the call [toolCallId]. */
    public fun tool(toolCallId: String, content: String) {
        messages += ChatMessage.tool(toolCallId, content)
    }

    /** Any prebuilt message. */
    public fun message(message: ChatMessage) {
        messages += message
    }

    /** Prebuilt messages, in order: a conversation history kept between turns. */
    public fun messages(messages: Iterable<ChatMessage>) {
        this.messages += messages
    }
}

/** Content parts of a multimodal user message. */
@AurikoDsl
public class ContentPartsBuilder internal constructor() {
    @get:JvmSynthetic internal val parts = mutableListOf<ContentPart>()

    /** A text part. */
    public fun text(text: String) {
        parts += ContentPart.text(text)
    }

    /** An image by URL (https or a `data:` URL). */
    public fun image(url: String, detail: ImageDetail? = null) {
        parts += ContentPart.imageUrl(url, detail)
    }
}

/** Tools the model may call. */
@AurikoDsl
public class ToolsBuilder internal constructor(private val tools: MutableList<Tool>) {
    /**
     * A function tool. [parameters] is its JSON Schema as maps/lists/scalars, or use [functionJson]
     * for a schema written as JSON text.
     */
    public fun function(
        name: String,
        description: String? = null,
        parameters: Map<String, Any?>? = null,
        strict: Boolean? = null,
    ) {
        tools +=
            Tool.builder(name)
                .description(description)
                .parameters(parameters)
                .strict(strict)
                .build()
    }

    /** A function tool whose parameter schema is JSON text. */
    public fun functionJson(
        name: String,
        description: String? = null,
        parametersJson: String,
        strict: Boolean? = null,
    ) {
        tools +=
            Tool.builder(name)
                .description(description)
                .parameters(RawJson.of(parametersJson))
                .strict(strict)
                .build()
    }

    /** Any prebuilt tool. */
    public fun tool(tool: Tool) {
        tools += tool
    }
}

/** Auriko routing options (`gateway.routing`); unset fields are left to the gateway's defaults. */
@AurikoDsl
public class RoutingBuilder internal constructor() {
    /** The strategy: [Optimize.COST], [Optimize.TTFT], [Optimize.BALANCED], … */
    public var optimize: Optimize? = null
    /** Custom weights per criterion, each 0..1. */
    public var weights: Map<String, Double> = emptyMap()
    /** Skip providers above this price per million tokens, in USD. */
    public var maxCostPer1m: Double? = null
    /** Skip providers whose time to first token exceeds this, in ms. */
    public var maxTtftMs: Int? = null
    /** Skip providers slower than this, in tokens per second. */
    public var minThroughputTps: Double? = null
    /** Skip providers whose success rate is below this, 0..1. */
    public var minSuccessRate: Double? = null
    /** Only these providers. */
    public var providers: List<String> = emptyList()
    /** Never these providers. */
    public var excludeProviders: List<String> = emptyList()
    /** A soft preference for one provider. */
    public var prefer: String? = null
    /** Multi-model mode: [RoutingMode.POOL] or [RoutingMode.FALLBACK]. */
    public var mode: RoutingMode? = null
    /** Whether the gateway may fall back to another provider on failure. */
    public var allowFallbacks: Boolean? = null
    /** How many fallbacks the gateway may try. */
    public var maxFallbackAttempts: Int? = null
    /** The data policy providers must meet. */
    public var dataPolicy: DataPolicy? = null
    /** Only bring-your-own-key providers. */
    public var onlyByok: Boolean? = null
    /** Only platform-managed keys. */
    public var onlyPlatform: Boolean? = null

    @JvmSynthetic
    internal fun build(): RoutingOptions =
        RoutingOptions.builder()
            .optimize(optimize)
            .weights(weights)
            .maxCostPer1m(maxCostPer1m)
            .maxTtftMs(maxTtftMs)
            .minThroughputTps(minThroughputTps)
            .minSuccessRate(minSuccessRate)
            .providers(providers)
            .excludeProviders(excludeProviders)
            .prefer(prefer)
            .mode(mode)
            .allowFallbacks(allowFallbacks)
            .maxFallbackAttempts(maxFallbackAttempts)
            .dataPolicy(dataPolicy)
            .onlyByok(onlyByok)
            .onlyPlatform(onlyPlatform)
            .build()
}

/** Request metadata (`gateway.metadata`), for analytics and tracing in the gateway. */
@AurikoDsl
public class MetadataBuilder internal constructor() {
    private val builder = RequestMetadata.builder()
    /** Your user's id (at most 255 characters). */
    public var userId: String? = null
    /** A trace id to correlate with your own tracing (at most 255 characters). */
    public var traceId: String? = null

    /** Adds tags (at most 100, each at most 50 characters). */
    public fun tags(vararg tags: String) {
        tags.forEach { builder.addTag(it) }
    }

    /** Adds a custom field (at most 10; keys 50, values 200 characters). */
    public fun customField(key: String, value: String) {
        builder.putCustomField(key, value)
    }

    @JvmSynthetic
    internal fun build(): RequestMetadata = builder.userId(userId).traceId(traceId).build()
}

/** Extensions: normalized thinking, and provider-specific objects passed through. */
@AurikoDsl
public class ExtensionsBuilder internal constructor() {
    private val builder = Extensions.builder()

    /** Enables extended reasoning, optionally with a token budget. */
    public fun thinking(budgetTokens: Int? = null) {
        builder.thinking(
            if (budgetTokens == null) ThinkingOptions.enabled()
            else ThinkingOptions.enabled(budgetTokens)
        )
    }

    /** Explicitly disables extended reasoning. */
    public fun noThinking() {
        builder.thinking(ThinkingOptions.disabled())
    }

    /** A provider-specific object, for example `provider("anthropic", mapOf("metadata" to …))`. */
    public fun provider(key: String, value: Any?) {
        builder.put(key, value)
    }

    @JvmSynthetic internal fun build(): Extensions = builder.build()
}
