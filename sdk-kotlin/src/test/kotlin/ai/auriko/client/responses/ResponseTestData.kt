package ai.auriko.client.responses

import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.responses.ResponseEventDecoding
import kotlinx.serialization.json.jsonObject

/** Decodes one event's data as the stream format does. */
internal fun event(data: String, sseType: String? = null): ResponseStreamEvent =
    ResponseEventDecoding.event(WireJson.parseToJsonElement(data).jsonObject, sseType)

/** Realistic Responses streams, as (SSE event name, data) pairs. */
internal object ResponseStreams {
    private fun resp(status: String, output: String = "[]", extra: String = "") =
        """{"id":"resp_1","object":"response","created_at":1741476542,"status":"$status","model":"gpt-4.1","output":$output$extra}"""

    val text: List<Pair<String, String>> =
        listOf(
            "response.created" to
                """{"type":"response.created","sequence_number":0,"response":${resp("in_progress")}}""",
            "response.in_progress" to
                """{"type":"response.in_progress","sequence_number":1,"response":${resp("in_progress")}}""",
            "response.output_item.added" to
                """{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}""",
            "response.content_part.added" to
                """{"type":"response.content_part.added","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}""",
            "response.output_text.delta" to
                """{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hello","logprobs":[]}""",
            "response.output_text.delta" to
                """{"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_1","output_index":0,"content_index":0,"delta":", world","logprobs":[]}""",
            "response.output_text.done" to
                """{"type":"response.output_text.done","sequence_number":6,"item_id":"msg_1","output_index":0,"content_index":0,"text":"Hello, world","logprobs":[]}""",
            "response.content_part.done" to
                """{"type":"response.content_part.done","sequence_number":7,"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"Hello, world","annotations":[]}}""",
            "response.output_item.done" to
                """{"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello, world","annotations":[]}]}}""",
            "response.completed" to
                """{"type":"response.completed","sequence_number":9,"response":${resp(
                    "completed",
                    """[{"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello, world","annotations":[]}]}]""",
                    ""","usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":4},"output_tokens":3,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":15},"routing_metadata":{"provider":"openai","routing_strategy":"balanced","cost":{"usd":0.0001}}""",
                )}}""",
        )

    val functionCall: List<Pair<String, String>> =
        listOf(
            "response.created" to
                """{"type":"response.created","sequence_number":0,"response":${resp("in_progress")}}""",
            "response.output_item.added" to
                """{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"","status":"in_progress"}}""",
            "response.function_call_arguments.delta" to
                """{"type":"response.function_call_arguments.delta","sequence_number":2,"item_id":"fc_1","output_index":0,"delta":"{\"city\":"}""",
            "response.function_call_arguments.delta" to
                """{"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_1","output_index":0,"delta":"\"Paris\"}"}""",
            "response.function_call_arguments.done" to
                """{"type":"response.function_call_arguments.done","sequence_number":4,"item_id":"fc_1","output_index":0,"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}""",
            "response.output_item.done" to
                """{"type":"response.output_item.done","sequence_number":5,"output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"}}""",
            "response.completed" to
                """{"type":"response.completed","sequence_number":6,"response":${resp(
                    "completed",
                    """[{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"}]""",
                )}}""",
        )

    val reasoning: List<Pair<String, String>> =
        listOf(
            "response.created" to
                """{"type":"response.created","sequence_number":0,"response":${resp("in_progress")}}""",
            "response.output_item.added" to
                """{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"reasoning","id":"rs_1","summary":[]}}""",
            "response.reasoning_summary_part.added" to
                """{"type":"response.reasoning_summary_part.added","sequence_number":2,"item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}""",
            "response.reasoning_summary_text.delta" to
                """{"type":"response.reasoning_summary_text.delta","sequence_number":3,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"**Thinking** about "}""",
            "response.reasoning_summary_text.delta" to
                """{"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"rs_1","output_index":0,"summary_index":0,"delta":"greetings"}""",
            "response.reasoning_summary_text.done" to
                """{"type":"response.reasoning_summary_text.done","sequence_number":5,"item_id":"rs_1","output_index":0,"summary_index":0,"text":"**Thinking** about greetings"}""",
            "response.reasoning_summary_part.done" to
                """{"type":"response.reasoning_summary_part.done","sequence_number":6,"item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"**Thinking** about greetings"}}""",
            "response.output_item.done" to
                """{"type":"response.output_item.done","sequence_number":7,"output_index":0,"item":{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"**Thinking** about greetings"}],"encrypted_content":"gAAA"}}""",
            "response.output_item.added" to
                """{"type":"response.output_item.added","sequence_number":8,"output_index":1,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}""",
            "response.output_text.delta" to
                """{"type":"response.output_text.delta","sequence_number":9,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi!"}""",
            "response.incomplete" to
                """{"type":"response.incomplete","sequence_number":10,"response":${resp(
                    "incomplete",
                    extra = ""","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"output_tokens":64,"output_tokens_details":{"reasoning_tokens":60},"total_tokens":69}""",
                )}}""",
        )
}
