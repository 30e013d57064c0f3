package ai.auriko.client.tools

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.stream.StreamEvent

/**
 * What a [runTools] loop does, in order: per turn, the model's output as it streams
 * ([ModelOutput]), the turn's whole answer ([TurnCompleted]), then each tool call it asked for as
 * it starts ([ToolStarted], all of a turn's calls before any runs) and ends ([ToolFinished], in the
 * order the calls finish: they run concurrently); the last event is the [FinalAnswer].
 *
 * [turn] counts model requests from 1. Kotlin code matches with `when`; Java code uses [accept]
 * with a [Visitor].
 */
public sealed interface ToolRunEvent {
    /** The turn this event belongs to, from 1. */
    public val turn: Int

    /** Calls the [visitor] method for this event's type. */
    public fun <R> accept(visitor: Visitor<R>): R

    /** The model's output as it streams: text, reasoning, tool calls growing, usage. */
    public class ModelOutput
    internal constructor(
        override val turn: Int,
        /**
         * The stream's event, as [ai.auriko.client.chat.stream.ChatCompletionStream.events] has it.
         */
        public val event: StreamEvent,
    ) : ToolRunEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitModelOutput(this)

        /** The turn and the stream event's own summary. */
        override fun toString(): String = "ModelOutput(turn=$turn, $event)"
    }

    /** A turn's answer is complete. */
    public class TurnCompleted
    internal constructor(
        override val turn: Int,
        /** The turn's whole completion, with usage, routing metadata and headers. */
        public val completion: ChatCompletion,
    ) : ToolRunEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitTurnCompleted(this)

        /** The turn and the completion's id. */
        override fun toString(): String = "TurnCompleted(turn=$turn, id=${completion.id})"
    }

    /** A tool call is about to run. */
    public class ToolStarted
    internal constructor(
        override val turn: Int,
        /** The call id. */
        public val callId: String,
        /** The function name the model called. */
        public val name: String,
        /** The arguments as the model wrote them. */
        public val arguments: String,
    ) : ToolRunEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitToolStarted(this)

        /** The turn, call id and name, not the arguments. */
        override fun toString(): String = "ToolStarted(turn=$turn, id=$callId, name=$name)"
    }

    /** A tool call ended; [result] is what goes back to the model. */
    public class ToolFinished
    internal constructor(
        override val turn: Int,
        /** The call id. */
        public val callId: String,
        /** The function name the model called. */
        public val name: String,
        /** The arguments as the model wrote them. */
        public val arguments: String,
        /** How it ended. */
        public val status: ToolCallStatus,
        /** The tool message's content sent back: the tool's result or the error's description. */
        public val result: String,
        /**
         * The tool's exception ([ToolCallStatus.TOOL_FAILED]) or the arguments' decoding error
         * ([ToolCallStatus.INVALID_ARGUMENTS]); `null` otherwise.
         */
        public val error: Throwable?,
    ) : ToolRunEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitToolFinished(this)

        /** The turn, call id, name and status, not the arguments or result. */
        override fun toString(): String =
            "ToolFinished(turn=$turn, id=$callId, name=$name, status=$status)"
    }

    /** The model answered without calling a tool: the loop's result. Always the last event. */
    public class FinalAnswer
    internal constructor(
        override val turn: Int,
        /** The final completion and the whole conversation. */
        public val result: ToolRunResult,
    ) : ToolRunEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitFinalAnswer(this)

        /** The turn and the result's summary. */
        override fun toString(): String = "FinalAnswer(turn=$turn, $result)"
    }

    /**
     * Handles each event type, for Java (`event.accept(visitor)`). Every method has a default that
     * returns [otherwise], so a visitor overrides only what it needs.
     */
    public interface Visitor<R> {
        /** The result for events this visitor does not handle. */
        public fun otherwise(event: ToolRunEvent): R

        /** The model's streamed output. */
        public fun visitModelOutput(event: ModelOutput): R = otherwise(event)

        /** A turn's answer completed. */
        public fun visitTurnCompleted(event: TurnCompleted): R = otherwise(event)

        /** A tool call is starting. */
        public fun visitToolStarted(event: ToolStarted): R = otherwise(event)

        /** A tool call ended. */
        public fun visitToolFinished(event: ToolFinished): R = otherwise(event)

        /** The final answer. */
        public fun visitFinalAnswer(event: FinalAnswer): R = otherwise(event)
    }
}
