package ai.auriko.client.dsl

import ai.auriko.client.internal.invalidField
import ai.auriko.client.responses.Response
import ai.auriko.request.chat.ImageDetail
import ai.auriko.request.chat.ResponseFormat
import ai.auriko.request.chat.Tool
import ai.auriko.request.chat.ToolChoice
import ai.auriko.request.responses.InputContentPart
import ai.auriko.request.responses.Reasoning
import ai.auriko.request.responses.ResponseInputItem
import ai.auriko.request.responses.ResponseRequest

/**
 * Builds a [ResponseRequest] (the Responses API's request) with the Kotlin DSL; the result is the
 * same immutable, validated object the Java builder makes, and invalid values throw
 * [ai.auriko.errors.InvalidRequestException] here, before any I/O.
 *
 * ```
 * val request = responseRequest {
 *     model = "gpt-4o"
 *     instructions = "You are terse."
 *     input { user("What is the weather in Paris?") }
 *     tools { function("get_weather", parameters = mapOf("type" to "object")) }
 *     routing { optimize = Optimize.COST }
 * }
 * ```
 */
public fun responseRequest(build: ResponseRequestBuilder.() -> Unit): ResponseRequest =
    ResponseRequestBuilder().apply(build).build()

/**
 * The receiver of [responseRequest]; each property maps to the field of the same name. The input is
 * either [input] text or items added with `input { … }`, not both.
 */
@AurikoDsl
public class ResponseRequestBuilder internal constructor() {
    private val builder = ResponseRequest.builder()
    private val items = mutableListOf<ResponseInputItem>()
    private val toolList = mutableListOf<Tool>()

    /** The model; exactly one of [model] and [models] must be set. */
    public var model: String? = null

    /** Auriko's fallback list of models, tried in order. */
    public var models: List<String> = emptyList()

    /** The input as plain text: one user message. */
    public var input: String? = null

    /** System (developer) instructions for this response. */
    public var instructions: String? = null

    /** Sampling temperature, 0 to 2. */
    public var temperature: Double? = null

    /** Nucleus sampling, 0 to 1. */
    public var topP: Double? = null

    /** The most tokens the response may generate, reasoning included. */
    public var maxOutputTokens: Int? = null

    /** Whether the model may call several tools at once. */
    public var parallelToolCalls: Boolean? = null

    /** Whether and which tool the model must call. */
    public var toolChoice: ToolChoice? = null

    /** The output format (`text.format`): text, JSON object or JSON schema. */
    public var textFormat: ResponseFormat? = null

    /** The response this one continues (server-side conversation state). */
    public var previousResponseId: String? = null

    /** Whether the server stores the response for later retrieval and continuation. */
    public var store: Boolean? = null

    /** An end-user id for abuse monitoring. */
    public var user: String? = null

    /** Extra data the response should carry, for example `reasoning.encrypted_content`. */
    public var include: List<String> = emptyList()

    /** Adds input items in order: messages, function calls and their outputs, reasoning. */
    public fun input(build: ResponseInputBuilder.() -> Unit) {
        ResponseInputBuilder(items).apply(build)
    }

    /**
     * Reasoning options: [effort] (`minimal`, `low`, `medium`, `high`) and [summary] (`auto`,
     * `concise`, `detailed`).
     */
    public fun reasoning(effort: String? = null, summary: String? = null) {
        builder.reasoning(Reasoning.of(effort, summary))
    }

    /** Adds tools the model may call. */
    public fun tools(build: ToolsBuilder.() -> Unit) {
        ToolsBuilder(toolList).apply(build)
    }

    /** Adds an entry to the response's own `metadata` (stored with the response by the server). */
    public fun responseMetadata(key: String, value: String) {
        builder.putResponseMetadata(key, value)
    }

    /** Auriko routing options, sent as `gateway.routing`. */
    public fun routing(build: RoutingBuilder.() -> Unit) {
        builder.routing(RoutingBuilder().apply(build).build())
    }

    /** Auriko request metadata, sent as `gateway.metadata`. */
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
    internal fun build(): ResponseRequest {
        builder
            .model(model)
            .models(models.takeIf { it.isNotEmpty() })
            .tools(toolList)
            .instructions(instructions)
            .temperature(temperature)
            .topP(topP)
            .maxOutputTokens(maxOutputTokens)
            .parallelToolCalls(parallelToolCalls)
            .toolChoice(toolChoice)
            .textFormat(textFormat)
            .previousResponseId(previousResponseId)
            .store(store)
            .include(include.takeIf { it.isNotEmpty() })
            .user(user)
        if (items.isNotEmpty() && input != null)
            throw invalidField("input", "set either input text or input { … } items, not both")
        if (items.isNotEmpty()) builder.input(items) else builder.input(input)
        return builder.build()
    }
}

/** Adds input items to a Responses request, in conversation order. */
@AurikoDsl
public class ResponseInputBuilder
internal constructor(private val items: MutableList<ResponseInputItem>) {
    /** A system message. */
    public fun system(content: String) {
        items += ResponseInputItem.system(content)
    }

    /** A developer message (the newer name for system instructions). */
    public fun developer(content: String) {
        items += ResponseInputItem.developer(content)
    }

    /** A user message of text. */
    public fun user(content: String) {
        items += ResponseInputItem.user(content)
    }

    /** A user message of text and image parts: `user { text("What is this?"); image(url) }`. */
    public fun user(build: InputPartsBuilder.() -> Unit) {
        items += ResponseInputItem.user(*InputPartsBuilder().apply(build).parts.toTypedArray())
    }

    /** An earlier assistant answer. */
    public fun assistant(content: String) {
        items += ResponseInputItem.assistant(content)
    }

    /**
     * A function call the model made earlier (send it back before its output), with its output
     * item's [id] when known.
     */
    public fun functionCall(callId: String, name: String, arguments: String, id: String? = null) {
        items += ResponseInputItem.functionCall(id, callId, name, arguments)
    }

    /** The output of the function call [callId]. */
    public fun functionCallOutput(callId: String, output: String) {
        items += ResponseInputItem.functionCallOutput(callId, output)
    }

    /** A reasoning item from an earlier response, passed back. */
    public fun reasoning(id: String, summary: List<String>, encryptedContent: String? = null) {
        items += ResponseInputItem.reasoning(id, summary, encryptedContent)
    }

    /**
     * The output of an earlier [response], sent back for the next turn of a tool loop: its
     * messages, function calls and reasoning items (see [Response.outputAsInput]).
     */
    public fun output(response: Response) {
        items += response.outputAsInput()
    }

    /** Any prebuilt item. */
    public fun item(item: ResponseInputItem) {
        items += item
    }
}

/** Content parts of a Responses user message. */
@AurikoDsl
public class InputPartsBuilder internal constructor() {
    @get:JvmSynthetic internal val parts = mutableListOf<InputContentPart>()

    /** A text part. */
    public fun text(text: String) {
        parts += InputContentPart.text(text)
    }

    /** An image by URL (https or a `data:` URL). */
    public fun image(url: String, detail: ImageDetail? = null) {
        parts += InputContentPart.imageUrl(url, detail)
    }

    /** An image uploaded earlier, by file id. */
    public fun imageFile(fileId: String, detail: ImageDetail? = null) {
        parts += InputContentPart.imageFile(fileId, detail)
    }
}
