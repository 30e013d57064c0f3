package ai.auriko.client.internal.responses

import ai.auriko.client.chat.StreamError
import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.stream.EventData
import ai.auriko.client.internal.stream.StreamDecoding
import ai.auriko.client.internal.stream.StreamFormat
import ai.auriko.client.internal.stream.StreamMetricsRecorder
import ai.auriko.client.internal.stream.StreamTools
import ai.auriko.client.responses.Response
import ai.auriko.client.responses.ResponseAccumulator
import ai.auriko.client.responses.ResponseStreamEvent
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonObject

/**
 * The Responses API as a [StreamFormat]: each SSE event's data is a JSON object whose `type` names
 * the event (the SSE `event:` name is the fallback when it has none).
 *
 * End rules:
 * - `response.completed` and `response.incomplete` end the stream normally; an incomplete response
 *   is a result, not a failure (its status is `incomplete` and `incomplete_details` says why), like
 *   a chat completion that stopped at `length`.
 * - `response.failed` and `error` throw the classified exception, carrying the partial [Response].
 * - `data: [DONE]` (which OpenAI does not send, but some gateways do) after a terminal event is
 *   ignored; before one it ends nothing, and a body that ends without a terminal event is
 *   interrupted.
 * - Empty data is ignored.
 */
internal object ResponseStreamFormat : StreamFormat<ResponseStreamEvent, Response> {
    override val path: String = "/responses"

    override fun newDecoding(
        headers: ResponseHeaders,
        tools: StreamTools,
        metrics: StreamMetricsRecorder,
    ): StreamDecoding<ResponseStreamEvent, Response> = Decoding(headers, tools, metrics)

    private const val DONE = "[DONE]"

    private class Decoding(
        private val headers: ResponseHeaders,
        private val tools: StreamTools,
        private val metrics: StreamMetricsRecorder,
    ) : StreamDecoding<ResponseStreamEvent, Response> {
        private val accumulator = ResponseAccumulator()
        private val scanner = ResponseEventScanner()
        private var sawDone = false

        override var ended: Boolean = false
            private set

        override fun decode(type: String?, data: EventData): ResponseStreamEvent? {
            if (ended || data.isEmpty()) return null
            if (data.contentEquals(DONE)) {
                sawDone = true
                return null
            }
            // The deltas, nearly every event, read in place; none of them ends the stream.
            scanner.scan(data, type)?.let {
                return it
            }
            return decodeGenerally(type, data.toString())
        }

        /** Any event the scanner does not read, by kotlinx.serialization. */
        private fun decodeGenerally(type: String?, data: String): ResponseStreamEvent? {
            val obj =
                try {
                    ai.auriko.client.internal.WireJson.parseToJsonElement(data) as? JsonObject
                } catch (e: SerializationException) {
                    // An `event: error` whose data is plain text is still the server's error.
                    if (type == "error") throw errorEvent(data)
                    throw notAnEvent(data, e)
                } ?: if (type == "error") throw errorEvent(data) else throw notAnEvent(data, null)
            val event =
                try {
                    ResponseEventDecoding.event(obj, type)
                } catch (e: SerializationException) {
                    throw notAnEvent(data, e)
                } catch (e: IllegalArgumentException) {
                    throw notAnEvent(data, e)
                }
            when (event) {
                is ResponseStreamEvent.ErrorEvent -> {
                    ended = true
                    // A gateway may nest the fields in an `error` object that also has a type.
                    val errorType =
                        (obj["error"] as? JsonObject)?.let { JsonFields.string(it, "type") }
                    throw tools.errors.fromStreamError(
                        StreamError(event.code, errorType, event.message, event.param),
                        data,
                        headers,
                        partial(),
                    )
                }
                is ResponseStreamEvent.Failed -> {
                    // The failed snapshot (its error, usage, output so far) is the partial result.
                    accumulate(event)
                    ended = true
                    val error = event.response.error
                    throw tools.errors.fromStreamError(
                        StreamError(
                            error?.code,
                            null,
                            error?.message ?: "the response failed",
                            null,
                        ),
                        data,
                        headers,
                        partial(),
                    )
                }
                is ResponseStreamEvent.Completed,
                is ResponseStreamEvent.Incomplete -> ended = true
                else -> {}
            }
            return event
        }

        private fun errorEvent(data: String): Exception {
            ended = true
            return tools.errors.fromErrorEvent(data, headers, partial())
        }

        private fun notAnEvent(data: String, e: Exception?) =
            SdkExceptions.malformed(
                "a stream event is not a Responses event: ${ErrorResponses.snippet(tools.redactor.text(data))}",
                e?.let(tools.redactor::cause),
                headers.requestId(),
                partial(),
            )

        override fun incompleteReason(): String? {
            val count =
                synchronized(this) {
                    if (accumulator.isComplete) return null else accumulator.eventCount
                }
            return when {
                sawDone -> "the stream sent [DONE] after $count events but no terminal event"
                count == 0 -> "the stream ended before any event arrived"
                else -> "the stream ended after $count events without a terminal event"
            }
        }

        override fun decodeWholeBody(text: String): ResponseStreamEvent {
            val response = decodeResponse(tools.errors, tools.redactor, text, headers)
            ended = true
            return if (response.status == "incomplete")
                ResponseStreamEvent.Incomplete(null, response, response.json)
            else ResponseStreamEvent.Completed(null, response, response.json)
        }

        // Guarded by `this`: a Java consumer interrupted on another thread may take a snapshot.
        @Synchronized
        override fun accumulate(item: ResponseStreamEvent) {
            accumulator.add(item)
        }

        override fun carriesText(item: ResponseStreamEvent): Boolean =
            when (item) {
                is ResponseStreamEvent.OutputTextDelta -> item.delta.isNotEmpty()
                is ResponseStreamEvent.RefusalDelta -> item.delta.isNotEmpty()
                is ResponseStreamEvent.ReasoningSummaryTextDelta -> item.delta.isNotEmpty()
                else -> false
            }

        @Synchronized
        override fun partial(): Response =
            accumulator.snapshot(headers).also { it.streamMetrics = metrics.snapshot() }
    }
}
