package ai.auriko.client.internal.stream

import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.Redactor
import ai.auriko.errors.PartialResult
import ai.auriko.http.ResponseHeaders

/**
 * One API's event stream, as the generic [StreamCall] needs it: where to send the request, and a
 * fresh [StreamDecoding] for each attempt. Chat completions are the first format; the Responses API
 * is the second.
 *
 * @param T the items the caller receives (a chat chunk, a Responses event)
 * @param R the result they add up to, which is also the partial result a failure carries
 */
internal interface StreamFormat<T : Any, R : PartialResult> {
    /** The endpoint, relative to the base URL. */
    val path: String

    /**
     * The decoding state of one attempt, for a response with [headers]; its partial results carry a
     * snapshot of [metrics].
     */
    fun newDecoding(
        headers: ResponseHeaders,
        tools: StreamTools,
        metrics: StreamMetricsRecorder,
    ): StreamDecoding<T, R>
}

/** What a format's decoding may use: the client's error mapping and redactor. */
internal class StreamTools(val errors: ErrorResponses, val redactor: Redactor)

/**
 * One attempt's decoding of an event stream: the per-API codec ([decode]), end rule ([ended],
 * [incompleteReason]) and accumulator ([accumulate], [partial]). The generic core feeds it the SSE
 * events in order from the collecting coroutine; [partial] may be called from any thread (a Java
 * consumer interrupted while waiting) and must be safe for that.
 */
internal interface StreamDecoding<T : Any, R : PartialResult> {
    /**
     * Codec: one SSE event (its `event:` type, `null` for the default, and its data, possibly
     * empty: the decoder follows the standard, the format decides what to ignore). Returns the item
     * to emit, or `null` when the event carries none. Throws the classified exception when the
     * event reports an error (having accumulated what it carried), and a
     * [ai.auriko.errors.MalformedResponseException] when it cannot be read. [data] is valid only
     * during the call (what must outlive it takes its `toString()`).
     */
    fun decode(type: String?, data: EventData): T?

    /** End rule: the terminal event arrived; nothing after it is decoded. */
    val ended: Boolean

    /**
     * End rule at the body's end when no terminal event came: `null` when the result is complete
     * anyway (every choice finished), else why it is not, for a
     * [ai.auriko.errors.StreamInterruptedException].
     */
    fun incompleteReason(): String?

    /**
     * A server that ignored `stream: true` (or reported an error with a 200 JSON body): the whole
     * JSON [text] as the one item it amounts to; throws the classified exception for an error body.
     */
    fun decodeWholeBody(text: String): T

    /** Accumulator: adds an item that is about to reach the caller. */
    fun accumulate(item: T)

    /** Whether [item] carries answer or reasoning text (for time-to-first-token). */
    fun carriesText(item: T): Boolean

    /** What has arrived so far, as the result type, with the response headers. */
    fun partial(): R
}
