package ai.auriko.client.structured

import kotlinx.serialization.json.JsonElement

/**
 * One step of `streamObject`: the structured answer as far as it has arrived.
 *
 * [json] is the JSON so far, read by a tolerant incremental reader: open strings, arrays and
 * objects are closed; a key still being written, a member without its value yet, and a number or
 * literal that may still grow (`12` while `123` may follow, `tru`) are left out. So a member, once
 * shown complete, never changes value: a number appears only once a delimiter ended it, a string
 * grows while it is open and never changes once closed, arrays only grow.
 *
 * [value] is [json] decoded as [T] when it decodes: a property not arrived yet reads as `null` when
 * it is nullable, or as its default; while a non-null property without a default is missing (or an
 * enum is half-written) [value] is `null`, and [json] still shows the progress. A type whose fields
 * are all nullable or defaulted gets a typed value at every step.
 *
 * The last item of a stream that ended well has [isComplete]: [result] is the validated answer (or
 * the refusal) with its completion, and [value] the whole value (`null` for a refusal, whose [json]
 * is JSON `null`). An item is emitted only when [json] changed.
 */
public class PartialObject<out T>
internal constructor(
    /** The JSON so far, with everything still open closed. */
    public val json: JsonElement,
    /** [json] as [T] when it decodes (see the class); on the complete item, the final value. */
    public val value: T?,
    /** The structured completion, on the complete item only. */
    public val result: StructuredCompletion<T>?,
) {
    /** Whether this is the stream's last item, carrying the validated [result]. */
    public val isComplete: Boolean
        get() = result != null

    /** Whether [value] is set and whether this is the complete item; never the JSON or value. */
    override fun toString(): String =
        "PartialObject(complete=$isComplete, value ${if (value == null) "absent" else "present"})"
}
