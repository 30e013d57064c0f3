package ai.auriko.client.blocking

import ai.auriko.client.chat.stream.ChatCompletionStream
import ai.auriko.client.structured.PartialObject
import ai.auriko.client.structured.StructuredCompletion
import ai.auriko.client.structured.StructuredOutput
import ai.auriko.client.structured.internal.ObjectStream
import ai.auriko.errors.AurikoInterruptedException
import ai.auriko.http.ResponseHeaders
import java.util.stream.Stream
import kotlinx.coroutines.CoroutineScope

/**
 * A structured answer streamed for Java: an [Iterator] (and a one-shot [Iterable]) of
 * [PartialObject]s, one each time the JSON so far changed, then a complete one carrying the
 * validated value; it must be closed.
 *
 * ```java
 * try (BlockingObjectStream<Weather> stream =
 *         client.chat().completions().streamObject(request, WEATHER)) {
 *     for (PartialObject<Weather> partial : stream) {
 *         System.out.println(partial.getJson());          // the JSON so far, open parts closed
 *     }
 *     Weather weather = stream.result().valueOrThrow(); // validated by the parser
 * }
 * ```
 *
 * What a partial shows is [PartialObject]'s: [PartialObject.json] always; [PartialObject.value]
 * only for an output built from a serializer (a Java parser sees whole answers only, so for it the
 * partial items carry JSON and the last item the parsed value).
 *
 * **Hot, not cold.** The request is sent when the stream is created (read as chat streams are: see
 * [BlockingChatCompletionStream], Threads). It can be iterated once: a second [iterator] or
 * [stream] call throws [IllegalStateException].
 *
 * **Ending** is the chat stream's, then the structured answer's: a gateway error, a broken stream
 * and every other failure are thrown from `hasNext()` after the items that arrived before them,
 * with the partial completion attached; at the end, a refusal is a complete item whose result
 * [StructuredCompletion.isRefusal], while text that does not match, or an answer cut at the token
 * limit, is thrown as an [ai.auriko.errors.StructuredOutputException] carrying the raw text and the
 * completion.
 *
 * **Closing is required** when you stop before the end: [close] cancels the request and closes the
 * connection; idempotent, from any thread; a `hasNext()` blocked in another thread returns `false`
 * promptly. An interrupt while waiting cancels the stream, sets the flag again and throws
 * [AurikoInterruptedException].
 */
public class BlockingObjectStream<T>
internal constructor(
    private val source: ChatCompletionStream,
    output: StructuredOutput<T>,
    scope: CoroutineScope,
) :
    // No wildcards for Java: `for (PartialObject<Weather> item : stream)`, not `? extends Weather`.
    Iterator<@JvmSuppressWildcards PartialObject<T>>,
    Iterable<@JvmSuppressWildcards PartialObject<T>>,
    AutoCloseable {
    private val iteration = iterate(source, output, scope)

    @Volatile private var last: StructuredCompletion<T>? = null

    /**
     * Returns this stream's one iterator (itself); a second call throws [IllegalStateException].
     */
    override fun iterator(): Iterator<PartialObject<T>> {
        iteration.claim()
        return this
    }

    /**
     * The items as a sequential [Stream]; closing the `Stream` (try-with-resources) closes this.
     * Counts as the one iteration.
     */
    public fun stream(): Stream<PartialObject<T>> = iteration.stream(this)

    /**
     * Whether another item is coming; blocks until one arrives or the stream ends.
     *
     * @throws ai.auriko.errors.AurikoException the stream's failure, with the partial completion
     * @throws ai.auriko.errors.StructuredOutputException when the whole answer does not match or
     *   was cut at the token limit
     * @throws AurikoInterruptedException when the thread is interrupted while waiting
     */
    override fun hasNext(): Boolean = iteration.hasNext()

    /**
     * The next item; blocks until it arrives.
     *
     * @throws NoSuchElementException when the stream has ended
     */
    override fun next(): PartialObject<T> =
        iteration.next().also { item -> item.result?.let { last = it } }

    /**
     * Reads the stream to its end (if it has not been read yet) and returns the structured result:
     * the validated value, or the refusal, with its completion. Counts as the one iteration when
     * called first; throws what `hasNext()` throws.
     *
     * @throws IllegalStateException when the stream was closed before its end
     */
    public fun result(): StructuredCompletion<T> {
        last?.let {
            return it
        }
        val items = if (iteration.isClaimed()) this else iterator()
        while (items.hasNext()) items.next()
        return checkNotNull(last) { "the stream was closed before its end" }
    }

    /** The response headers, once the response has started; `null` before. */
    public fun responseHeaders(): ResponseHeaders? = source.responseHeaders

    /** Cancels the request and closes the connection; idempotent, callable from any thread. */
    override fun close() {
        iteration.close()
    }

    /** Whether it ended, never the JSON or the value. */
    override fun toString(): String =
        "BlockingObjectStream(result ${if (last == null) "pending" else "ready"})"

    private companion object {
        // Static, so the producer captures the Kotlin stream and the output, never this object
        // (a dropped stream must stay collectable, to be cancelled by its cleaner).
        fun <T> iterate(
            source: ChatCompletionStream,
            output: StructuredOutput<T>,
            scope: CoroutineScope,
        ) =
            BlockingIteration<PartialObject<T>>(
                scope,
                { collector -> ObjectStream.of(output) { source }.collect(collector) },
                { source.partialCompletion() },
                { source.responseHeaders?.requestId() },
            )
    }
}
