package ai.auriko.client.internal.chat

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.StreamError
import ai.auriko.client.chat.stream.ChatCompletionAccumulator
import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.stream.EventData
import ai.auriko.client.internal.stream.StreamDecoding
import ai.auriko.client.internal.stream.StreamFormat
import ai.auriko.client.internal.stream.StreamMetricsRecorder
import ai.auriko.client.internal.stream.StreamTools
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import kotlinx.serialization.SerializationException

/**
 * Chat completions as a [StreamFormat]: `data:` events carry [ChatCompletionChunk]s, `data: [DONE]`
 * ends the stream, and a body that ends without it is complete only when every started choice has a
 * finish reason.
 */
internal object ChatStreamFormat : StreamFormat<ChatCompletionChunk, ChatCompletion> {
    override val path: String = "/chat/completions"

    override fun newDecoding(
        headers: ResponseHeaders,
        tools: StreamTools,
        metrics: StreamMetricsRecorder,
    ): StreamDecoding<ChatCompletionChunk, ChatCompletion> = Decoding(headers, tools, metrics)

    private const val DONE = "[DONE]"
    private const val ERROR = "error"

    private class Decoding(
        private val headers: ResponseHeaders,
        private val tools: StreamTools,
        private val metrics: StreamMetricsRecorder,
    ) : StreamDecoding<ChatCompletionChunk, ChatCompletion> {
        private val chunks = ChunkDecoder(ai.auriko.client.internal.WireJson)
        private val accumulator = ChatCompletionAccumulator()

        override var ended: Boolean = false
            private set

        override fun decode(type: String?, data: EventData): ChatCompletionChunk? {
            if (type == "error")
                throw tools.errors.fromErrorEvent(data.toString(), headers, partial())
            // Other named events carry no chunks; an empty event (a lone `data:`, which the SSE
            // standard dispatches) is no chunk either: peers that passed it on produced nulls.
            if ((type != null && type != "message") || data.isEmpty()) return null
            if (data.contentEquals(DONE)) {
                ended = true
                return null
            }
            val chunk =
                try {
                    chunks.decode(data)
                } catch (e: SerializationException) {
                    throw notAChunk(data.toString(), e)
                } catch (e: IllegalArgumentException) {
                    throw notAChunk(data.toString(), e)
                }
            val error = chunk.error ?: endedInError(chunk) ?: return chunk
            // What an error chunk carried alongside its error belongs to the partial result.
            accumulate(chunk)
            throw tools.errors.fromStreamError(error, data.toString(), headers, partial())
        }

        /**
         * `finish_reason: "error"` without an `error` object still ends the stream in error: the
         * OpenAI-compatible gateways that use it define it as "the stream ended in error"
         * (ARouter's streaming guide, "Errors After Tokens Have Been Sent"). Completing normally
         * would report a cut answer as a whole one.
         */
        private fun endedInError(chunk: ChatCompletionChunk): StreamError? {
            val choice = chunk.choices.firstOrNull { it.finishReason == ERROR } ?: return null
            return StreamError(
                message =
                    "the stream ended with finish_reason \"error\" (choice ${choice.index}) " +
                        "and no error object"
            )
        }

        private fun notAChunk(data: String, e: Exception) =
            SdkExceptions.malformed(
                "a stream event is not a chat completion chunk: ${ErrorResponses.snippet(tools.redactor.text(data))}",
                tools.redactor.cause(e),
                headers.requestId(),
                partial(),
            )

        override fun incompleteReason(): String? {
            val count =
                synchronized(this) {
                    if (accumulator.isComplete) return null else accumulator.chunkCount
                }
            return if (count == 0) "the stream ended before any chunk arrived"
            else "the stream ended after $count chunks without [DONE] or a finish reason"
        }

        override fun decodeWholeBody(text: String): ChatCompletionChunk =
            decodeCompletion(tools.errors, text, headers).toSingleChunk()

        // Guarded by `this`: the collecting coroutine adds, while a Java consumer interrupted on
        // another thread may take a snapshot. Uncontended, the lock costs nanoseconds per chunk.
        @Synchronized
        override fun accumulate(item: ChatCompletionChunk) {
            accumulator.add(item)
        }

        override fun carriesText(item: ChatCompletionChunk): Boolean =
            item.choices.any {
                !it.delta.content.isNullOrEmpty() || !it.delta.reasoningContent.isNullOrEmpty()
            }

        @Synchronized
        override fun partial(): ChatCompletion =
            accumulator.snapshot(headers).also {
                it.streamMetrics = metrics.snapshot()
                // What a stream exception carries: a choice without a finish reason was cut.
                for (choice in it.choices) choice.ofPartialResult = true
            }
    }
}
