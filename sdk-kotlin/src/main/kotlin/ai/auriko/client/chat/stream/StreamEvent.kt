package ai.auriko.client.chat.stream

import ai.auriko.client.chat.Usage
import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.tools.internal.ToolJson
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.serializer

/**
 * A typed view of what a stream says, one event per thing that happened, in stream order: text and
 * reasoning as they arrive, tool calls as they start, grow and complete, each choice's end, usage
 * and routing metadata. Produced from chunks by [StreamEventDecoder]; in Kotlin via
 * [ChatCompletionStream.events], in Java via `BlockingChatCompletionStream.events()`.
 *
 * Kotlin code matches with `when`; Java code uses [accept] with a [Visitor].
 */
public sealed interface StreamEvent {
    /** The choice this event belongs to; -1 for stream-wide events (usage, routing metadata). */
    public val choiceIndex: Int

    /** Calls the [visitor] method for this event's type. */
    public fun <R> accept(visitor: Visitor<R>): R

    /** Text of the answer. */
    public class ContentDelta
    internal constructor(
        override val choiceIndex: Int,
        /** The new text. */
        public val text: String,
    ) : StreamEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitContent(this)

        /** The choice and the length of the text, not the text, for logs. */
        override fun toString(): String =
            "ContentDelta(choice=$choiceIndex, text=${text.length} chars)"
    }

    /** Text of the model's reasoning. */
    public class ReasoningDelta
    internal constructor(
        override val choiceIndex: Int,
        /** The new reasoning text. */
        public val text: String,
    ) : StreamEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitReasoning(this)

        /** The choice and the length of the text, not the text, for logs. */
        override fun toString(): String =
            "ReasoningDelta(choice=$choiceIndex, text=${text.length} chars)"
    }

    /** A tool call began: its id and function name are known. */
    public class ToolCallStarted
    internal constructor(
        override val choiceIndex: Int,
        /** The call's index within the choice. */
        public val toolIndex: Int,
        /** The call id, if the server sent one. */
        public val id: String?,
        /** The function name, if the server sent one. */
        public val name: String?,
    ) : StreamEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitToolCallStarted(this)

        /** The choice, tool index, call id and function name, for logs. */
        override fun toString(): String =
            "ToolCallStarted(choice=$choiceIndex, tool=$toolIndex, id=$id, name=$name)"
    }

    /** More of a tool call's JSON arguments. */
    public class ToolCallArgumentsDelta
    internal constructor(
        override val choiceIndex: Int,
        /** The call's index within the choice. */
        public val toolIndex: Int,
        /** The next fragment of the arguments' JSON text. */
        public val fragment: String,
    ) : StreamEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitToolCallArgumentsDelta(this)

        /** The choice, tool index and fragment length, not the arguments, for logs. */
        override fun toString(): String =
            "ToolCallArgumentsDelta(choice=$choiceIndex, tool=$toolIndex, ${fragment.length} chars)"
    }

    /**
     * A tool call is complete: the next tool index started, or its choice finished (or the stream
     * ended).
     */
    public class ToolCallDone
    internal constructor(
        override val choiceIndex: Int,
        /** The call's index within the choice. */
        public val toolIndex: Int,
        /** The call id. */
        public val id: String?,
        /** The function name. */
        public val name: String?,
        /** The complete arguments, as the model wrote them. */
        public val arguments: String,
        /** The arguments parsed as JSON, or `null` when they are not valid JSON. */
        public val parsedArguments: JsonElement?,
    ) : StreamEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitToolCallDone(this)

        /**
         * The arguments decoded with [deserializer] (unknown keys ignored).
         *
         * @throws ai.auriko.client.tools.ToolArgumentsException when they are not valid JSON or not
         *   of that type, with the raw arguments and the decoder's error
         */
        public fun <T> arguments(deserializer: DeserializationStrategy<T>): T =
            ToolJson.decodeArguments(name, id, arguments, deserializer)

        /**
         * The arguments decoded to [T], a `@Serializable` type: `event.arguments<GetWeather>()`.
         *
         * @throws ai.auriko.client.tools.ToolArgumentsException when they are not valid JSON or not
         *   a [T]
         */
        @JvmSynthetic public inline fun <reified T> arguments(): T = arguments(serializer<T>())

        /** The choice, tool index, call id and function name, not the arguments, for logs. */
        override fun toString(): String =
            "ToolCallDone(choice=$choiceIndex, tool=$toolIndex, id=$id, name=$name)"
    }

    /** A choice ended. */
    public class ChoiceFinished
    internal constructor(
        override val choiceIndex: Int,
        /** The finish reason, as the server sent it. */
        public val reason: String,
        /** The provider's own finish reason, if sent. */
        public val nativeReason: String?,
    ) : StreamEvent {
        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitChoiceFinished(this)

        /** The choice and both finish reasons, for logs. */
        override fun toString(): String =
            "ChoiceFinished(choice=$choiceIndex, reason=$reason, native=$nativeReason)"
    }

    /** Token usage arrived (possibly more than once; the last is final). */
    public class UsageReported
    internal constructor(
        /** The usage. */
        public val usage: Usage
    ) : StreamEvent {
        override val choiceIndex: Int
            get() = -1

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitUsage(this)

        /** The usage, for logs. */
        override fun toString(): String = "UsageReported($usage)"
    }

    /** Auriko's routing metadata arrived. */
    public class RoutingMetadataReported
    internal constructor(
        /** The metadata. */
        public val metadata: RoutingMetadata
    ) : StreamEvent {
        override val choiceIndex: Int
            get() = -1

        override fun <R> accept(visitor: Visitor<R>): R = visitor.visitRoutingMetadata(this)

        /** The routing metadata, for logs. */
        override fun toString(): String = "RoutingMetadataReported($metadata)"
    }

    /**
     * Handles each event type, for Java (`event.accept(visitor)`); Kotlin code usually uses `when`.
     * Every method has a default that returns [otherwise], so a visitor overrides only what it
     * needs.
     */
    public interface Visitor<R> {
        /** The result for events this visitor does not handle. */
        public fun otherwise(event: StreamEvent): R

        /** Answer text. */
        public fun visitContent(event: ContentDelta): R = otherwise(event)

        /** Reasoning text. */
        public fun visitReasoning(event: ReasoningDelta): R = otherwise(event)

        /** A tool call began. */
        public fun visitToolCallStarted(event: ToolCallStarted): R = otherwise(event)

        /** A tool call's arguments grew. */
        public fun visitToolCallArgumentsDelta(event: ToolCallArgumentsDelta): R = otherwise(event)

        /** A tool call completed. */
        public fun visitToolCallDone(event: ToolCallDone): R = otherwise(event)

        /** A choice ended. */
        public fun visitChoiceFinished(event: ChoiceFinished): R = otherwise(event)

        /** Usage arrived. */
        public fun visitUsage(event: UsageReported): R = otherwise(event)

        /** Routing metadata arrived. */
        public fun visitRoutingMetadata(event: RoutingMetadataReported): R = otherwise(event)
    }
}
