package ai.auriko.client.testing

import ai.auriko.request.responses.ResponseRequest

/**
 * Responses API stream events as a server writes them (`event: <type>` + `data: {"type":…,
 * "sequence_number":n,…}`), numbered in the order they are made. One instance per stream.
 */
class ResponsesWire(private val id: String = "resp_1", private val model: String = "gpt-4o") {
    private var seq = 0

    fun event(type: String, fields: String): String =
        "event: $type\ndata: {\"type\":\"$type\",\"sequence_number\":${seq++}$fields}\n\n"

    fun response(status: String, output: String = "[]", extra: String = ""): String =
        "{\"id\":\"$id\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"$status\"," +
            "\"model\":\"$model\",\"output\":$output$extra}"

    fun message(text: String, status: String = "completed"): String =
        "{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"$status\",\"role\":\"assistant\"," +
            "\"content\":[{\"type\":\"output_text\",\"text\":\"$text\",\"annotations\":[]}]}"

    fun created(): String = event("response.created", ",\"response\":${response("in_progress")}")

    /** The events that open the message item and its text part. */
    fun textStart(): String =
        event(
            "response.output_item.added",
            ",\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}",
        ) +
            event(
                "response.content_part.added",
                ",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}",
            )

    fun delta(text: String): String =
        event(
            "response.output_text.delta",
            ",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"$text\"",
        )

    /** `response.completed` with the whole message [text], usage and Auriko's routing metadata. */
    fun completed(text: String, outputTokens: Int = 2): String =
        event(
            "response.completed",
            ",\"response\":" +
                response(
                    "completed",
                    "[${message(text)}]",
                    ",\"usage\":{\"input_tokens\":5,\"input_tokens_details\":{\"cached_tokens\":1}," +
                        "\"output_tokens\":$outputTokens,\"output_tokens_details\":{\"reasoning_tokens\":0}," +
                        "\"total_tokens\":${5 + outputTokens}}," +
                        "\"routing_metadata\":{\"provider\":\"openai\",\"routing_strategy\":\"cost\"}",
                ),
        )

    fun incomplete(text: String): String =
        event(
            "response.incomplete",
            ",\"response\":" +
                response(
                    "incomplete",
                    "[${message(text, "incomplete")}]",
                    ",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}",
                ),
        )

    fun failed(text: String, code: String, message: String): String =
        event(
            "response.failed",
            ",\"response\":" +
                response(
                    "failed",
                    "[${message(text, "incomplete")}]",
                    ",\"error\":{\"code\":\"$code\",\"message\":\"$message\"}",
                ),
        )

    fun error(code: String, message: String): String =
        event("error", ",\"code\":\"$code\",\"message\":\"$message\",\"param\":null")

    /** A whole successful text stream of [parts]. */
    fun textStream(vararg parts: String): String =
        created() +
            textStart() +
            parts.joinToString("") { delta(it) } +
            completed(parts.joinToString(""), parts.size)
}

/** A minimal valid Responses request. */
fun responsesRequest(input: String = "Hello"): ResponseRequest =
    ResponseRequest.builder().model("gpt-4o").input(input).build()

/** Streams text deltas every 20 ms until the client closes (bounded to 10 s). */
fun Exchange.responsesUntilClientCloses() {
    val wire = ResponsesWire()
    startStream()
    chunk(wire.created() + wire.textStart())
    var i = 0
    while (i < 500 && !awaitClientClose(20)) chunk(wire.delta("t${i++} "))
}
