package ai.auriko.client.events

/**
 * One call as an [AurikoEventListener] sees it: a `create`, one collection of a stream, or a
 * management request. Retries of a call share its [AurikoCall]; collecting a cold stream again is a
 * new call. Use [id] (or the instance itself) to key per-call state such as an open span.
 */
public class AurikoCall
internal constructor(
    /** Unique within the client, increasing in the order calls started. */
    public val id: Long,
    /** The HTTP method, for example `POST`. */
    public val method: String,
    /** The full URL. */
    public val url: String,
    /** Whether the response is an event stream. */
    public val isStreaming: Boolean,
    /** The requested model, for chat completions; `null` otherwise. */
    public val model: String?,
) {
    /** The call's id, method, URL, whether it streams and the model, for logs. */
    override fun toString(): String =
        "AurikoCall(id=$id, $method $url${if (isStreaming) ", streaming" else ""}${model?.let { ", model=$it" } ?: ""})"
}
