package ai.auriko.client.internal.responses

import ai.auriko.client.internal.RequestEncoder
import ai.auriko.request.chat.ResponseFormat
import ai.auriko.request.chat.Tool
import ai.auriko.request.chat.ToolChoice
import ai.auriko.request.responses.InputContentPart
import ai.auriko.request.responses.ResponseInputItem
import ai.auriko.request.responses.ResponseRequest
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/**
 * Encodes a [ResponseRequest] as the body of `POST /responses`, by hand and without reflection. The
 * Responses API's shapes differ from chat's where the same Java types are reused: a function tool
 * is flat (`{"type":"function","name":…,"parameters":…}`, not nested under `function`), a forced
 * tool choice is `{"type":"function","name":…}`, and the output format sits flat under
 * `text.format`. Auriko's `gateway` and `extensions` objects are the same as for chat; extra body
 * fields are merged last so they can override anything.
 */
internal object ResponseRequestEncoder {
    fun encode(request: ResponseRequest, stream: Boolean): ByteArray =
        toJson(request, stream).toString().encodeToByteArray()

    fun toJson(request: ResponseRequest, stream: Boolean): JsonObject {
        val body = buildJsonObject {
            request.model()?.let { put("model", it) }
            if (request.models().isNotEmpty())
                putJsonArray("models") { request.models().forEach { add(JsonPrimitive(it)) } }
            val text = request.inputText()
            if (text != null) put("input", text)
            else putJsonArray("input") { request.inputItems().forEach { add(inputItem(it)) } }
            request.instructions()?.let { put("instructions", it) }
            if (request.tools().isNotEmpty())
                putJsonArray("tools") { request.tools().forEach { add(tool(it)) } }
            request.toolChoice()?.let { put("tool_choice", toolChoice(it)) }
            request.parallelToolCalls()?.let { put("parallel_tool_calls", it) }
            request.temperature()?.let { put("temperature", it) }
            request.topP()?.let { put("top_p", it) }
            request.maxOutputTokens()?.let { put("max_output_tokens", it) }
            request.reasoning()?.let { r ->
                putJsonObject("reasoning") {
                    r.effort()?.let { put("effort", it) }
                    r.summary()?.let { put("summary", it) }
                }
            }
            request.textFormat()?.let { f -> putJsonObject("text") { put("format", format(f)) } }
            request.previousResponseId()?.let { put("previous_response_id", it) }
            request.store()?.let { put("store", it) }
            if (request.include().isNotEmpty())
                putJsonArray("include") { request.include().forEach { add(JsonPrimitive(it)) } }
            request.user()?.let { put("user", it) }
            if (request.responseMetadata().isNotEmpty())
                putJsonObject("metadata") {
                    request.responseMetadata().forEach { (k, v) -> put(k, v) }
                }
            put("stream", stream)
            RequestEncoder.gateway(request.routing(), request.metadata())?.let {
                put("gateway", it)
            }
            request
                .extensions()
                ?.takeUnless { it.isEmpty }
                ?.let { put("extensions", RequestEncoder.extensions(it)) }
        }
        if (request.extraBody().isEmpty()) return body
        val fields = LinkedHashMap<String, JsonElement>(body)
        for ((key, value) in request.extraBody()) fields[key] = RequestEncoder.jsonValue(value)
        return JsonObject(fields)
    }

    private fun inputItem(item: ResponseInputItem): JsonObject = buildJsonObject {
        put("type", item.type().wireName())
        when (item.type()) {
            ResponseInputItem.Type.MESSAGE -> {
                put("role", checkNotNull(item.role()).wireName())
                val content = item.content()
                if (content != null) put("content", content)
                else putJsonArray("content") { item.contentParts().forEach { add(part(it)) } }
            }
            ResponseInputItem.Type.FUNCTION_CALL -> {
                item.id()?.let { put("id", it) }
                put("call_id", item.callId())
                put("name", item.name())
                put("arguments", item.arguments())
            }
            ResponseInputItem.Type.FUNCTION_CALL_OUTPUT -> {
                put("call_id", item.callId())
                put("output", item.output())
            }
            ResponseInputItem.Type.REASONING -> {
                item.id()?.let { put("id", it) }
                putJsonArray("summary") {
                    item.summary().forEach { text ->
                        add(
                            buildJsonObject {
                                put("type", "summary_text")
                                put("text", text)
                            }
                        )
                    }
                }
                item.encryptedContent()?.let { put("encrypted_content", it) }
            }
        }
    }

    private fun part(p: InputContentPart): JsonObject = buildJsonObject {
        put("type", p.type().wireName())
        when (p.type()) {
            InputContentPart.Type.INPUT_TEXT -> put("text", p.text())
            InputContentPart.Type.INPUT_IMAGE -> {
                p.imageUrl()?.let { put("image_url", it) }
                p.fileId()?.let { put("file_id", it) }
                p.detail()?.let { put("detail", it.wireName()) }
            }
        }
    }

    /**
     * `parameters` is required (nullable) in the Responses API, and an absent `strict` means
     * *strict* there (every property required, optional ones filled with blanks), where chat's
     * absent `strict` means not strict: a [Tool] that leaves it unset means the same on both APIs,
     * so it is sent as `false`.
     */
    private fun tool(t: Tool): JsonObject = buildJsonObject {
        put("type", t.type())
        put("name", t.name())
        t.description()?.let { put("description", it) }
        put("parameters", t.parameters()?.let { RequestEncoder.jsonValue(it) } ?: JsonNull)
        put("strict", t.strict() ?: false)
    }

    private fun toolChoice(c: ToolChoice): JsonElement =
        when (c.mode()) {
            ToolChoice.Mode.FUNCTION ->
                buildJsonObject {
                    put("type", "function")
                    put("name", c.functionName())
                }
            else -> JsonPrimitive(c.mode().wireName())
        }

    private fun format(f: ResponseFormat): JsonObject = buildJsonObject {
        put("type", f.type().wireName())
        if (f.type() == ResponseFormat.Type.JSON_SCHEMA) {
            put("name", f.schemaName())
            f.description()?.let { put("description", it) }
            f.schema()?.let { put("schema", RequestEncoder.jsonValue(it)) }
            f.strict()?.let { put("strict", it) }
        }
    }
}
