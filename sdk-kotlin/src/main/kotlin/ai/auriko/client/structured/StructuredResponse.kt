package ai.auriko.client.structured

import ai.auriko.client.responses.Response
import ai.auriko.client.structured.internal.StructuredResults
import ai.auriko.errors.StructuredOutputException

/**
 * A Responses API answer asked for as JSON matching a schema (`text.format`), with the typed
 * [value] beside the [response] it came from. Either the model answered ([value] set) or it refused
 * (a `refusal` content part: [refusal] set, [isRefusal]); JSON that does not match, or an
 * `incomplete` answer, is not a result but a [StructuredOutputException].
 *
 * Immutable. [toString] shows the schema's name and whether the model refused, never the value.
 */
public class StructuredResponse<out T>
internal constructor(
    /** The whole response: usage, routing metadata, response headers, every output item. */
    public val response: Response,
    /** The answer as [T]; `null` when the model refused. */
    public val value: T?,
    /** The model's refusal (its `refusal` content parts); `null` when it answered. */
    public val refusal: String?,
    private val schemaName: String,
) {
    /** Whether the model refused to answer; then [refusal] says why and [value] is `null`. */
    public val isRefusal: Boolean
        get() = refusal != null

    /** The model's JSON text ([Response.outputText]), as it arrived. */
    public val text: String
        get() = response.outputText

    /**
     * The answer as [T].
     *
     * @throws StructuredOutputException of kind `REFUSED`, with the refusal as its raw text and the
     *   response as its partial result, when the model refused
     */
    public fun valueOrThrow(): T =
        if (refusal != null)
            throw StructuredResults.refused(
                schemaName,
                refusal,
                response,
                response.responseHeaders.requestId(),
            )
        else @Suppress("UNCHECKED_CAST") (value as T)

    /** The schema's name and the outcome; never the value or the text. */
    override fun toString(): String =
        "StructuredResponse(schema=$schemaName, " +
            (if (refusal != null) "refusal=${refusal.length} chars)" else "value present)")
}
