package ai.auriko.testing.internal

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonObjectBuilder
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.add
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/**
 * A script's answer to `POST /v1/responses`, in the Responses API's wire format: each event is
 * `event: <type>` and `data: {"type": "<type>", "sequence_number": n, …}`, numbered from 0.
 *
 * The stream opens with `response.created` and `response.in_progress` (a snapshot with status
 * `in_progress` and no output). The script's steps become output items, each announced with
 * `response.output_item.added` and finished with `response.output_item.done`:
 * - reasoning: a `reasoning` item (`rs_…`) whose one summary part (`summary_text`) streams as
 *   `response.reasoning_summary_text.delta`s, between `reasoning_summary_part.added` and `.done`;
 * - content: a `message` item (`msg_…`) whose one `output_text` part streams as
 *   `response.output_text.delta`s, between `content_part.added` and `.done`;
 * - a tool call: a `function_call` item (`fc_…`, `call_id` the script's call id) whose arguments
 *   stream as `response.function_call_arguments.delta`s.
 *
 * An item stays open while its kind of step goes on and is finished when another kind starts; a new
 * tool call finishes the calls whose arguments have started, so calls scripted in parallel (their
 * starts together, their fragments interleaved) stream as items open side by side. The end finishes
 * every open item and sends the terminal event with the whole response: output, `usage` and
 * Auriko's `routing_metadata`. A `length` finish reason makes it `response.incomplete` (status
 * `incomplete`, `incomplete_details.reason` `max_output_tokens`; `content_filter` likewise), any
 * other `response.completed`. An error is `event: error` with `code`, `message` and `param`.
 *
 * The non-streamed body is the terminal event's response object.
 */
internal class ResponsesSse(
    private val answer: ScriptAnswer,
    /** The request's `previous_response_id`, echoed in the response as OpenAI does. */
    private val previousResponseId: String?,
) : ScriptRendering {
    private var sequence = 0L
    private val items = mutableListOf<Item>()
    private var reasoningItem: Item.Reasoning? = null
    private var messageItem: Item.Message? = null
    private val openCalls = LinkedHashMap<Int, Item.FunctionCall>()
    private var final: JsonObject? = null
    private val cutShort = mutableSetOf<Item>()

    /** The item ids' common part: the response id without its `resp_` prefix. */
    private val idStem = answer.id.removePrefix("resp_")

    private val incompleteReason: String? =
        when (answer.finishReason) {
            "length" -> "max_output_tokens"
            "content_filter" -> "content_filter"
            else -> null
        }

    /** One output item as it builds up. */
    private sealed class Item(val outputIndex: Int, val id: String) {
        var done = false
        val text = StringBuilder()

        /** The item as `output_item.added`/`.done` and the final response carry it. */
        abstract fun json(status: String): JsonObject

        class Reasoning(outputIndex: Int, id: String) : Item(outputIndex, id) {
            override fun json(status: String): JsonObject = buildJsonObject {
                put("type", "reasoning")
                put("id", id)
                putJsonArray("summary") { if (done) add(summaryPart(text.toString())) }
            }
        }

        class Message(outputIndex: Int, id: String) : Item(outputIndex, id) {
            override fun json(status: String): JsonObject = buildJsonObject {
                put("type", "message")
                put("id", id)
                put("status", status)
                put("role", "assistant")
                putJsonArray("content") { if (done) add(textPart(text.toString())) }
            }
        }

        class FunctionCall(outputIndex: Int, id: String, val callId: String, val name: String) :
            Item(outputIndex, id) {
            override fun json(status: String): JsonObject = buildJsonObject {
                put("type", "function_call")
                put("id", id)
                put("call_id", callId)
                put("name", name)
                put("arguments", text.toString())
                put("status", status)
            }
        }
    }

    private fun event(type: String, fields: JsonObjectBuilder.() -> Unit = {}): String {
        val data = buildJsonObject {
            put("type", type)
            put("sequence_number", sequence++)
            fields()
        }
        return "event: $type\ndata: $data\n\n"
    }

    private fun response(status: String, output: JsonArray, terminal: Boolean): JsonObject =
        buildJsonObject {
            put("id", answer.id)
            put("object", "response")
            put("created_at", answer.created)
            put("status", status)
            put("error", JsonNull)
            put(
                "incomplete_details",
                if (terminal && incompleteReason != null)
                    buildJsonObject { put("reason", incompleteReason) }
                else JsonNull,
            )
            put("model", answer.model)
            put("output", output)
            put("previous_response_id", previousResponseId?.let(::JsonPrimitive) ?: JsonNull)
            put("usage", if (terminal) usageJson() ?: JsonNull else JsonNull)
            if (terminal) answer.routingJson?.let { put("routing_metadata", it) }
        }

    private fun usageJson(): JsonObject? =
        answer.usage?.let {
            buildJsonObject {
                put("input_tokens", it.prompt)
                putJsonObject("input_tokens_details") { put("cached_tokens", it.cached) }
                put("output_tokens", it.completion)
                putJsonObject("output_tokens_details") { put("reasoning_tokens", it.reasoning) }
                put("total_tokens", it.prompt + it.completion)
            }
        }

    override fun start(): List<String> {
        val snapshot = response("in_progress", JsonArray(emptyList()), terminal = false)
        return listOf(
            event("response.created") { put("response", snapshot) },
            event("response.in_progress") { put("response", snapshot) },
        )
    }

    override fun content(text: String): List<String> = buildList {
        reasoningItem?.let { addAll(finish(it)) }
        addAll(finishCalls { true })
        val item =
            messageItem
                ?: Item.Message(items.size, "msg_${idStem}_${items.size}").also {
                    messageItem = it
                    items += it
                    add(added(it))
                    add(
                        event("response.content_part.added") {
                            address(it)
                            put("content_index", 0)
                            put("part", textPart(""))
                        }
                    )
                }
        item.text.append(text)
        add(
            event("response.output_text.delta") {
                address(item)
                put("content_index", 0)
                put("delta", text)
                put("logprobs", JsonArray(emptyList()))
            }
        )
    }

    override fun reasoning(text: String): List<String> = buildList {
        messageItem?.let { addAll(finish(it)) }
        addAll(finishCalls { true })
        val item =
            reasoningItem
                ?: Item.Reasoning(items.size, "rs_${idStem}_${items.size}").also {
                    reasoningItem = it
                    items += it
                    add(added(it))
                    add(
                        event("response.reasoning_summary_part.added") {
                            address(it)
                            put("summary_index", 0)
                            put("part", summaryPart(""))
                        }
                    )
                }
        item.text.append(text)
        add(
            event("response.reasoning_summary_text.delta") {
                address(item)
                put("summary_index", 0)
                put("delta", text)
            }
        )
    }

    override fun toolCallStart(index: Int, id: String, name: String): List<String> = buildList {
        reasoningItem?.let { addAll(finish(it)) }
        messageItem?.let { addAll(finish(it)) }
        addAll(finishCalls { it.text.isNotEmpty() })
        val item = Item.FunctionCall(items.size, "fc_${idStem}_${items.size}", id, name)
        items += item
        openCalls[index] = item
        add(added(item))
    }

    override fun toolArguments(index: Int, fragment: String): List<String> {
        // a call is open from its start to the next kind of step: the builder adds its fragments
        // right after it, so a fragment always finds its call
        val item = openCalls[index] ?: return emptyList()
        item.text.append(fragment)
        return listOf(
            event("response.function_call_arguments.delta") {
                address(item)
                put("delta", fragment)
            }
        )
    }

    override fun error(code: String, message: String): List<String> =
        listOf(
            event("error") {
                put("code", code)
                put("message", message)
                put("param", JsonNull)
            }
        )

    override fun end(): List<String> = buildList {
        val open = items.filter { !it.done }
        // what was still being generated when an incomplete answer stopped is incomplete too
        if (incompleteReason != null) cutShort += open
        open.forEach { addAll(finish(it)) }
        val status = if (incompleteReason != null) "incomplete" else "completed"
        val whole =
            response(status, JsonArray(items.map { it.json(itemStatus(it)) }), terminal = true)
        final = whole
        add(event("response.$status") { put("response", whole) })
    }

    override fun body(): String {
        answer.playAnswer(this)
        end()
        return final.toString()
    }

    /** `completed`, or `incomplete` for the items still open when an incomplete answer ended. */
    private fun itemStatus(item: Item): String = if (item in cutShort) "incomplete" else "completed"

    private fun added(item: Item): String =
        event("response.output_item.added") {
            put("output_index", item.outputIndex)
            put("item", item.json("in_progress"))
        }

    private fun JsonObjectBuilder.address(item: Item) {
        put("item_id", item.id)
        put("output_index", item.outputIndex)
    }

    private fun finishCalls(which: (Item.FunctionCall) -> Boolean): List<String> =
        openCalls.values.filter(which).flatMap(::finish)

    /** The events that finish [item]: its text's `.done` events, then `output_item.done`. */
    private fun finish(item: Item): List<String> {
        if (item.done) return emptyList()
        item.done = true
        val text = item.text.toString()
        val events = mutableListOf<String>()
        when (item) {
            is Item.Reasoning -> {
                reasoningItem = null
                events +=
                    event("response.reasoning_summary_text.done") {
                        address(item)
                        put("summary_index", 0)
                        put("text", text)
                    }
                events +=
                    event("response.reasoning_summary_part.done") {
                        address(item)
                        put("summary_index", 0)
                        put("part", summaryPart(text))
                    }
            }
            is Item.Message -> {
                messageItem = null
                events +=
                    event("response.output_text.done") {
                        address(item)
                        put("content_index", 0)
                        put("text", text)
                        put("logprobs", JsonArray(emptyList()))
                    }
                events +=
                    event("response.content_part.done") {
                        address(item)
                        put("content_index", 0)
                        put("part", textPart(text))
                    }
            }
            is Item.FunctionCall -> {
                openCalls.values.remove(item)
                events +=
                    event("response.function_call_arguments.done") {
                        address(item)
                        put("name", item.name)
                        put("arguments", text)
                    }
            }
        }
        events +=
            event("response.output_item.done") {
                put("output_index", item.outputIndex)
                put("item", item.json(itemStatus(item)))
            }
        return events
    }

    private companion object {
        fun textPart(text: String): JsonObject = buildJsonObject {
            put("type", "output_text")
            put("text", text)
            put("annotations", JsonArray(emptyList()))
        }

        fun summaryPart(text: String): JsonObject = buildJsonObject {
            put("type", "summary_text")
            put("text", text)
        }
    }
}
