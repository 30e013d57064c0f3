package ai.auriko.client.structured

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.structured.internal.StructuredResults
import ai.auriko.errors.StructuredOutputException

/**
 * A chat completion asked for as JSON matching a schema, with the typed [value] beside the
 * [completion] it came from. Either the model answered ([value] set) or it refused ([refusal] set,
 * [isRefusal]); JSON that does not match, or an answer cut at the token limit, is not a result but
 * a [StructuredOutputException].
 *
 * Immutable. [toString] shows the schema's name and whether the model refused, never the value.
 */
public class StructuredCompletion<out T>
internal constructor(
    /** The whole completion: usage, routing metadata, response headers, the raw text. */
    public val completion: ChatCompletion,
    /** The answer as [T]; `null` when the model refused. */
    public val value: T?,
    /** The model's refusal (the message's `refusal`); `null` when it answered. */
    public val refusal: String?,
    private val schemaName: String,
) {
    /** Whether the model refused to answer; then [refusal] says why and [value] is `null`. */
    public val isRefusal: Boolean
        get() = refusal != null

    /** The model's JSON text (the first choice's content), as it arrived. */
    public val text: String?
        get() = completion.choices.firstOrNull()?.message?.content

    /**
     * The answer as [T].
     *
     * @throws StructuredOutputException of kind `REFUSED`, with the refusal as its raw text and the
     *   completion as its partial result, when the model refused
     */
    public fun valueOrThrow(): T =
        if (refusal != null)
            throw StructuredResults.refused(
                schemaName,
                refusal,
                completion,
                completion.responseHeaders.requestId(),
            )
        else @Suppress("UNCHECKED_CAST") (value as T)

    /** The schema's name and the outcome; never the value or the text. */
    override fun toString(): String =
        "StructuredCompletion(schema=$schemaName, " +
            (if (refusal != null) "refusal=${refusal.length} chars)" else "value present)")
}
