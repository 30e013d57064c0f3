package ai.auriko.client.internal.chat

import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.internal.stream.EventData
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json

/**
 * Decodes the chunk events of one stream. Not thread-safe: one per stream, used by the collecting
 * coroutine only.
 *
 * Nearly every event of a stream has one shape — an id, the model, a fingerprint and one choice
 * whose delta carries a few characters of text or of a tool call's arguments — and most of the cost
 * of decoding it with kotlinx.serialization is copying: every key becomes a String to look it up,
 * and the id, object type, model and fingerprint are copied again on every chunk although they
 * never change within a stream. For that shape a scanner reads the event text in place: keys are
 * compared where they are, and a value equal to the one the previous chunk carried is that same
 * String instance. Only the text that is new (the content) is copied.
 *
 * The scanner answers only for strict JSON of that shape. Members it does not model it keeps, as
 * the general way does, on the object they belong to (a map allocated only when there is one).
 * Anything else — usage, routing metadata, errors, escapes inside keys, duplicate keys, numbers
 * that are not plain integers, raw control characters — goes to kotlinx.serialization, which stays
 * the one definition of what a chunk means and of every error message. Differential tests and a
 * fuzz target check that wherever the scanner answers, it gives what kotlinx.serialization gives.
 */
internal class ChunkDecoder(private val json: Json) {
    private val scanner = ChunkScanner()

    /**
     * Decodes one event's data.
     *
     * @throws kotlinx.serialization.SerializationException or [IllegalArgumentException] when the
     *   data is not a chunk, exactly as kotlinx.serialization reports it
     */
    fun decode(data: String): ChatCompletionChunk = scanner.scan(data) ?: decodeGenerally(data)

    /**
     * Decodes one event's data where it lies: the String it is made into only when the scanner
     * cannot read it.
     *
     * @throws kotlinx.serialization.SerializationException or [IllegalArgumentException] as
     *   [decode] does
     */
    fun decode(data: EventData): ChatCompletionChunk =
        scanner.scan(data.chars, data.length) ?: decodeGenerally(data.toString())

    private fun decodeGenerally(data: String): ChatCompletionChunk =
        try {
            json.decodeFromString(ChatCompletionChunk.serializer(), data)
        } catch (e: SerializationException) {
            withoutTopLevelExtras(data, e)
        }

    /**
     * Keeping unknown members means reading each object as a JSON tree first, and kotlinx.
     * serialization refuses a tree nested too deep to build safely. A chunk must not fail for a
     * member it does not model (it never did): decoded again with the generated serializer, which
     * skips unknown members without building them, the chunk arrives without its top-level
     * [ChatCompletionChunk.additionalProperties]. When that fails too, the data is not a chunk, and
     * the first failure says why.
     */
    @OptIn(ExperimentalSerializationApi::class)
    private fun withoutTopLevelExtras(data: String, first: SerializationException) =
        try {
            json.decodeFromString(ChatCompletionChunk.generatedSerializer(), data)
        } catch (e: SerializationException) {
            throw first
        } catch (e: IllegalArgumentException) {
            throw first
        }
}
