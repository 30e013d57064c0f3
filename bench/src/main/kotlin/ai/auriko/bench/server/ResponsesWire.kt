package ai.auriko.bench.server

/**
 * The bytes of a Responses API stream as OpenAI writes one (`event: <type>` then `data: {"type":
 * <type>,"sequence_number":n,…}`), for the Responses throughput scenario: `response.created` (an
 * in-progress response object with the fields OpenAI sends), `response.output_item.added`,
 * `response.content_part.added`, then the text deltas — each with a real-length item id, `logprobs`
 * and `obfuscation` as OpenAI sends them, ~265 bytes an event — then `response.output_text.done`,
 * `response.content_part.done`, `response.output_item.done` and `response.completed` with usage.
 * The closing events carry a short text, not the concatenated deltas: they are not what is
 * measured. No `[DONE]`: OpenAI ends a Responses stream with `response.completed`.
 */
object ResponsesWire {
    /** Events around the deltas: three opening, four closing. */
    const val FRAMING_EVENTS = 7

    private const val ITEM_ID = "msg_67ccd3acc8d48190a77525dc6de64b4104becfe7d6ba0cce"
    private const val RESPONSE_ID = "resp_67ccd3a9da748190baa7f1570fe91ac604becb25c7c0d6d5"
    private const val SHORT_TEXT = "tok0 tok1 tok2 "
    private const val OBFUSCATION = "Xq7vB2kLm9RtYc4NpWz8Hd3Fs6Gj"

    /** The response object of the lifecycle events, with [status], [output] and [usage]. */
    private fun response(status: String, output: String, usage: String): String =
        "{\"id\":\"$RESPONSE_ID\",\"object\":\"response\",\"created_at\":1741476777,\"status\":\"$status\"," +
            "\"background\":false,\"error\":null,\"incomplete_details\":null,\"instructions\":null," +
            "\"max_output_tokens\":null,\"model\":\"gpt-4o-2024-08-06\",\"output\":$output," +
            "\"parallel_tool_calls\":true,\"previous_response_id\":null," +
            "\"reasoning\":{\"effort\":null,\"summary\":null},\"service_tier\":\"default\",\"store\":true," +
            "\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\"," +
            "\"tools\":[],\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":$usage,\"user\":null,\"metadata\":{}}"

    private fun part(text: String) =
        "{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"$text\"}"

    private fun message(status: String, content: String) =
        "{\"id\":\"$ITEM_ID\",\"type\":\"message\",\"status\":\"$status\",\"content\":[$content],\"role\":\"assistant\"}"

    private fun event(type: String, seq: Int, fields: String): String =
        "event: $type\ndata: {\"type\":\"$type\",\"sequence_number\":$seq$fields}\n\n"

    private fun opening(): List<String> =
        listOf(
            event("response.created", 0, ",\"response\":${response("in_progress", "[]", "null")}"),
            event(
                "response.output_item.added",
                1,
                ",\"output_index\":0,\"item\":${message("in_progress", "")}",
            ),
            event(
                "response.content_part.added",
                2,
                ",\"item_id\":\"$ITEM_ID\",\"output_index\":0,\"content_index\":0,\"part\":${part("")}",
            ),
        )

    /** Delta [i] (0-based) of a stream. */
    private fun delta(i: Int): String =
        event(
            "response.output_text.delta",
            3 + i,
            ",\"item_id\":\"$ITEM_ID\",\"output_index\":0,\"content_index\":0,\"delta\":\"tok${i % 1000} \"," +
                "\"logprobs\":[],\"obfuscation\":\"${OBFUSCATION.substring(i % 16, i % 16 + 10)}\"",
        )

    private fun closing(deltas: Int): List<String> {
        val seq = 3 + deltas
        val usage =
            "{\"input_tokens\":36,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":$deltas," +
                "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":${36 + deltas}}"
        return listOf(
            event(
                "response.output_text.done",
                seq,
                ",\"item_id\":\"$ITEM_ID\",\"output_index\":0,\"content_index\":0,\"text\":\"$SHORT_TEXT\",\"logprobs\":[]",
            ),
            event(
                "response.content_part.done",
                seq + 1,
                ",\"item_id\":\"$ITEM_ID\",\"output_index\":0,\"content_index\":0,\"part\":${part(SHORT_TEXT)}",
            ),
            event(
                "response.output_item.done",
                seq + 2,
                ",\"output_index\":0,\"item\":${message("completed", part(SHORT_TEXT))}",
            ),
            event(
                "response.completed",
                seq + 3,
                ",\"response\":${response("completed", "[${message("completed", part(SHORT_TEXT))}]", usage)}",
            ),
        )
    }

    /**
     * A stream of [deltas] text deltas between the opening and closing events, in chunked transfer
     * encoding with one HTTP chunk per event (as [Wire.throughputBody]), then the last-chunk
     * marker.
     */
    fun throughputBody(deltas: Int): ByteArray {
        val sb = StringBuilder(deltas * 280 + 8192)
        fun chunk(event: String) {
            sb.append(Integer.toHexString(event.length)).append("\r\n").append(event).append("\r\n")
        }
        opening().forEach(::chunk)
        for (i in 0 until deltas) chunk(delta(i))
        closing(deltas).forEach(::chunk)
        sb.append(Wire.LAST_CHUNK)
        return sb.toString().toByteArray()
    }

    /** The SSE bytes of such a stream, without the transfer framing. */
    fun throughputEventBytes(deltas: Int): Long {
        var total = opening().sumOf { it.length.toLong() } + closing(deltas).sumOf { it.length }
        for (i in 0 until deltas) total += delta(i).length
        return total
    }
}
