package ai.auriko.client.responses

import kotlinx.serialization.json.JsonObject

/**
 * One event of a streamed Responses call (`event: <type>` with `data: {"type": "<type>",
 * "sequence_number": n, …}`), by its `type`. Every event keeps the JSON it was read from as [json];
 * an event type this SDK does not model arrives as [Unknown], never as a failure.
 *
 * Lifecycle events ([Created], [InProgress], [Completed], [Incomplete], [Failed]) carry a snapshot
 * of the whole [Response]; the others carry one piece of it, addressed by output index, item id and
 * content or summary index. [ResponseAccumulator] puts them together.
 *
 * A stream ends after [Completed], [Incomplete] or [Failed]. [Incomplete] ends it normally (the
 * result has status `incomplete` and says why); [Failed] and [ErrorEvent] never reach a collector:
 * the stream throws the classified exception instead, with the partial [Response].
 */
public sealed class ResponseStreamEvent {
    /** The event type as the server sent it, for example `response.output_text.delta`. */
    public abstract val type: String

    /** The event's position in the stream, when the server numbered it. */
    public abstract val sequenceNumber: Long?

    /** The JSON object this event was read from. */
    public abstract val json: JsonObject

    /** Calls the [visitor] method for this event's type (Java's `when`). */
    public abstract fun <R> accept(visitor: Visitor<R>): R

    /** An event that carries a snapshot of the whole response. */
    public sealed class Lifecycle : ResponseStreamEvent() {
        /** The response as it stands at this event. */
        public abstract val response: Response
    }

    /** `response.created`: the response exists; its output is usually empty. */
    public class Created
    internal constructor(
        override val sequenceNumber: Long?,
        override val response: Response,
        override val json: JsonObject,
    ) : Lifecycle() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitCreated(this)

        override val type: String
            get() = "response.created"

        /** The sequence number and response, for logs. */
        override fun toString(): String =
            "Created(sequenceNumber=$sequenceNumber, response=$response)"
    }

    /** `response.in_progress`: generation is under way. */
    public class InProgress
    internal constructor(
        override val sequenceNumber: Long?,
        override val response: Response,
        override val json: JsonObject,
    ) : Lifecycle() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitInProgress(this)

        override val type: String
            get() = "response.in_progress"

        /** The sequence number and response, for logs. */
        override fun toString(): String =
            "InProgress(sequenceNumber=$sequenceNumber, response=$response)"
    }

    /** `response.completed`: the terminal event of a successful stream, with the final response. */
    public class Completed
    internal constructor(
        override val sequenceNumber: Long?,
        override val response: Response,
        override val json: JsonObject,
    ) : Lifecycle() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitCompleted(this)

        override val type: String
            get() = "response.completed"

        /** The sequence number and response, for logs. */
        override fun toString(): String =
            "Completed(sequenceNumber=$sequenceNumber, response=$response)"
    }

    /**
     * `response.incomplete`: the terminal event of a response cut short (for example by
     * `max_output_tokens`); [Response.incompleteDetails] says why. The stream completes normally.
     */
    public class Incomplete
    internal constructor(
        override val sequenceNumber: Long?,
        override val response: Response,
        override val json: JsonObject,
    ) : Lifecycle() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitIncomplete(this)

        override val type: String
            get() = "response.incomplete"

        /** The sequence number and response, for logs. */
        override fun toString(): String =
            "Incomplete(sequenceNumber=$sequenceNumber, response=$response)"
    }

    /**
     * `response.failed`: the terminal event of a failed response; [Response.error] says why. A
     * stream throws the classified exception for it rather than emitting it.
     */
    public class Failed
    internal constructor(
        override val sequenceNumber: Long?,
        override val response: Response,
        override val json: JsonObject,
    ) : Lifecycle() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitFailed(this)

        override val type: String
            get() = "response.failed"

        /** The sequence number and response, for logs. */
        override fun toString(): String =
            "Failed(sequenceNumber=$sequenceNumber, response=$response)"
    }

    /** `response.output_item.added`: a new output item starts, usually empty. */
    public class OutputItemAdded
    internal constructor(
        override val sequenceNumber: Long?,
        /** The item's index in [Response.output]. */
        public val outputIndex: Int,
        /** The item as it starts. */
        public val item: ResponseOutputItem,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitOutputItemAdded(this)

        override val type: String
            get() = "response.output_item.added"

        /** The sequence number, index and item, for logs. */
        override fun toString(): String =
            "OutputItemAdded(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, item=$item)"
    }

    /** `response.output_item.done`: an output item is complete; [item] is its final form. */
    public class OutputItemDone
    internal constructor(
        override val sequenceNumber: Long?,
        /** The item's index in [Response.output]. */
        public val outputIndex: Int,
        /** The complete item. */
        public val item: ResponseOutputItem,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitOutputItemDone(this)

        override val type: String
            get() = "response.output_item.done"

        /** The sequence number, index and item, for logs. */
        override fun toString(): String =
            "OutputItemDone(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, item=$item)"
    }

    /** `response.content_part.added`: a new content part of a message starts. */
    public class ContentPartAdded
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the message item. */
        public val itemId: String?,
        /** The message's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the message's content. */
        public val contentIndex: Int,
        /** The part as it starts. */
        public val part: ResponseContentPart,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitContentPartAdded(this)

        override val type: String
            get() = "response.content_part.added"

        /** The indexes and part, for logs. */
        override fun toString(): String =
            "ContentPartAdded(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, contentIndex=$contentIndex, part=$part)"
    }

    /** `response.content_part.done`: a content part is complete; [part] is its final form. */
    public class ContentPartDone
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the message item. */
        public val itemId: String?,
        /** The message's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the message's content. */
        public val contentIndex: Int,
        /** The complete part. */
        public val part: ResponseContentPart,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitContentPartDone(this)

        override val type: String
            get() = "response.content_part.done"

        /** The indexes and part, for logs. */
        override fun toString(): String =
            "ContentPartDone(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, contentIndex=$contentIndex, part=$part)"
    }

    /** `response.output_text.delta`: the next piece of an `output_text` part. */
    public class OutputTextDelta
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the message item. */
        public val itemId: String?,
        /** The message's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the message's content. */
        public val contentIndex: Int,
        /** The next piece of text. */
        public val delta: String,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitOutputTextDelta(this)

        override val type: String
            get() = "response.output_text.delta"

        /** The indexes and the piece's length, for logs. */
        override fun toString(): String =
            "OutputTextDelta(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, contentIndex=$contentIndex, delta=${delta.length} chars)"
    }

    /** `response.output_text.done`: an `output_text` part's whole text. */
    public class OutputTextDone
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the message item. */
        public val itemId: String?,
        /** The message's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the message's content. */
        public val contentIndex: Int,
        /** The whole text of the part. */
        public val text: String,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitOutputTextDone(this)

        override val type: String
            get() = "response.output_text.done"

        /** The indexes and the text's length, for logs. */
        override fun toString(): String =
            "OutputTextDone(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, contentIndex=$contentIndex, text=${text.length} chars)"
    }

    /** `response.refusal.delta`: the next piece of a refusal part. */
    public class RefusalDelta
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the message item. */
        public val itemId: String?,
        /** The message's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the message's content. */
        public val contentIndex: Int,
        /** The next piece of the refusal. */
        public val delta: String,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitRefusalDelta(this)

        override val type: String
            get() = "response.refusal.delta"

        /** The indexes and the piece's length, for logs. */
        override fun toString(): String =
            "RefusalDelta(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, contentIndex=$contentIndex, delta=${delta.length} chars)"
    }

    /** `response.refusal.done`: a refusal part's whole text. */
    public class RefusalDone
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the message item. */
        public val itemId: String?,
        /** The message's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the message's content. */
        public val contentIndex: Int,
        /** The whole refusal. */
        public val refusal: String,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitRefusalDone(this)

        override val type: String
            get() = "response.refusal.done"

        /** The indexes and the refusal's length, for logs. */
        override fun toString(): String =
            "RefusalDone(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, contentIndex=$contentIndex, refusal=${refusal.length} chars)"
    }

    /** `response.function_call_arguments.delta`: the next piece of a call's JSON arguments. */
    public class FunctionCallArgumentsDelta
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the function-call item. */
        public val itemId: String?,
        /** The call's index in [Response.output]. */
        public val outputIndex: Int,
        /** The next piece of the arguments' JSON text. */
        public val delta: String,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R =
            visitor.visitFunctionCallArgumentsDelta(this)

        override val type: String
            get() = "response.function_call_arguments.delta"

        /** The index and the piece's length, for logs. */
        override fun toString(): String =
            "FunctionCallArgumentsDelta(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, delta=${delta.length} chars)"
    }

    /** `response.function_call_arguments.done`: a call's whole arguments. */
    public class FunctionCallArgumentsDone
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the function-call item. */
        public val itemId: String?,
        /** The call's index in [Response.output]. */
        public val outputIndex: Int,
        /** The function's name, when the server repeats it here. */
        public val name: String?,
        /** The whole arguments' JSON text. */
        public val arguments: String,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R =
            visitor.visitFunctionCallArgumentsDone(this)

        override val type: String
            get() = "response.function_call_arguments.done"

        /** The index, name and the arguments' length, for logs. */
        override fun toString(): String =
            "FunctionCallArgumentsDone(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, name=$name, arguments=${arguments.length} chars)"
    }

    /** `response.reasoning_summary_part.added`: a new part of a reasoning summary starts. */
    public class ReasoningSummaryPartAdded
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the reasoning item. */
        public val itemId: String?,
        /** The reasoning item's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the summary. */
        public val summaryIndex: Int,
        /** The part as it starts. */
        public val part: ReasoningSummaryPart,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R =
            visitor.visitReasoningSummaryPartAdded(this)

        override val type: String
            get() = "response.reasoning_summary_part.added"

        /** The indexes, for logs. */
        override fun toString(): String =
            "ReasoningSummaryPartAdded(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, summaryIndex=$summaryIndex)"
    }

    /** `response.reasoning_summary_part.done`: a summary part is complete. */
    public class ReasoningSummaryPartDone
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the reasoning item. */
        public val itemId: String?,
        /** The reasoning item's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the summary. */
        public val summaryIndex: Int,
        /** The complete part. */
        public val part: ReasoningSummaryPart,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R =
            visitor.visitReasoningSummaryPartDone(this)

        override val type: String
            get() = "response.reasoning_summary_part.done"

        /** The indexes, for logs. */
        override fun toString(): String =
            "ReasoningSummaryPartDone(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, summaryIndex=$summaryIndex)"
    }

    /** `response.reasoning_summary_text.delta`: the next piece of a summary part's text. */
    public class ReasoningSummaryTextDelta
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the reasoning item. */
        public val itemId: String?,
        /** The reasoning item's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the summary. */
        public val summaryIndex: Int,
        /** The next piece of summary text. */
        public val delta: String,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R =
            visitor.visitReasoningSummaryTextDelta(this)

        override val type: String
            get() = "response.reasoning_summary_text.delta"

        /** The indexes and the piece's length, for logs. */
        override fun toString(): String =
            "ReasoningSummaryTextDelta(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, summaryIndex=$summaryIndex, delta=${delta.length} chars)"
    }

    /** `response.reasoning_summary_text.done`: a summary part's whole text. */
    public class ReasoningSummaryTextDone
    internal constructor(
        override val sequenceNumber: Long?,
        /** The id of the reasoning item. */
        public val itemId: String?,
        /** The reasoning item's index in [Response.output]. */
        public val outputIndex: Int,
        /** The part's index in the summary. */
        public val summaryIndex: Int,
        /** The whole text of the part. */
        public val text: String,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R =
            visitor.visitReasoningSummaryTextDone(this)

        override val type: String
            get() = "response.reasoning_summary_text.done"

        /** The indexes and the text's length, for logs. */
        override fun toString(): String =
            "ReasoningSummaryTextDone(sequenceNumber=$sequenceNumber, outputIndex=$outputIndex, summaryIndex=$summaryIndex, text=${text.length} chars)"
    }

    /**
     * `error`: the server reported an error in the stream. A stream throws the classified exception
     * for it rather than emitting it.
     */
    public class ErrorEvent
    internal constructor(
        override val sequenceNumber: Long?,
        /** The error code, numeric codes as text. */
        public val code: String?,
        /** The server's message. */
        public val message: String?,
        /** The parameter the error is about, if any. */
        public val param: String?,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitErrorEvent(this)

        override val type: String
            get() = "error"

        /** The code and message, for logs. */
        override fun toString(): String =
            "ErrorEvent(sequenceNumber=$sequenceNumber, code=$code, message=$message)"
    }

    /** An event of a type this SDK does not model; read it from [json]. */
    public class Unknown
    internal constructor(
        override val type: String,
        override val sequenceNumber: Long?,
        override val json: JsonObject,
    ) : ResponseStreamEvent() {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitUnknown(this)

        /** The type and sequence number, for logs. */
        override fun toString(): String = "Unknown(type=$type, sequenceNumber=$sequenceNumber)"
    }

    /**
     * Handles each event type, for Java (`event.accept(visitor)`); Kotlin code usually uses `when`.
     * Every method defaults to [otherwise], so a visitor overrides only the events it cares about,
     * and an event type added in a later version reaches [otherwise] rather than breaking it.
     */
    public interface Visitor<R> {
        /** Any event whose method is not overridden. */
        public fun otherwise(event: ResponseStreamEvent): R

        /** `response.created`. */
        public fun visitCreated(event: Created): R = otherwise(event)

        /** `response.in_progress`. */
        public fun visitInProgress(event: InProgress): R = otherwise(event)

        /** `response.completed`. */
        public fun visitCompleted(event: Completed): R = otherwise(event)

        /** `response.incomplete`. */
        public fun visitIncomplete(event: Incomplete): R = otherwise(event)

        /** `response.failed`. */
        public fun visitFailed(event: Failed): R = otherwise(event)

        /** `response.output_item.added`. */
        public fun visitOutputItemAdded(event: OutputItemAdded): R = otherwise(event)

        /** `response.output_item.done`. */
        public fun visitOutputItemDone(event: OutputItemDone): R = otherwise(event)

        /** `response.content_part.added`. */
        public fun visitContentPartAdded(event: ContentPartAdded): R = otherwise(event)

        /** `response.content_part.done`. */
        public fun visitContentPartDone(event: ContentPartDone): R = otherwise(event)

        /** `response.output_text.delta`. */
        public fun visitOutputTextDelta(event: OutputTextDelta): R = otherwise(event)

        /** `response.output_text.done`. */
        public fun visitOutputTextDone(event: OutputTextDone): R = otherwise(event)

        /** `response.refusal.delta`. */
        public fun visitRefusalDelta(event: RefusalDelta): R = otherwise(event)

        /** `response.refusal.done`. */
        public fun visitRefusalDone(event: RefusalDone): R = otherwise(event)

        /** `response.function_call_arguments.delta`. */
        public fun visitFunctionCallArgumentsDelta(event: FunctionCallArgumentsDelta): R =
            otherwise(event)

        /** `response.function_call_arguments.done`. */
        public fun visitFunctionCallArgumentsDone(event: FunctionCallArgumentsDone): R =
            otherwise(event)

        /** `response.reasoning_summary_part.added`. */
        public fun visitReasoningSummaryPartAdded(event: ReasoningSummaryPartAdded): R =
            otherwise(event)

        /** `response.reasoning_summary_part.done`. */
        public fun visitReasoningSummaryPartDone(event: ReasoningSummaryPartDone): R =
            otherwise(event)

        /** `response.reasoning_summary_text.delta`. */
        public fun visitReasoningSummaryTextDelta(event: ReasoningSummaryTextDelta): R =
            otherwise(event)

        /** `response.reasoning_summary_text.done`. */
        public fun visitReasoningSummaryTextDone(event: ReasoningSummaryTextDone): R =
            otherwise(event)

        /** `error`. */
        public fun visitErrorEvent(event: ErrorEvent): R = otherwise(event)

        /** An event type this SDK does not model. */
        public fun visitUnknown(event: Unknown): R = otherwise(event)
    }
}
