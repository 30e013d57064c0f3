package ai.auriko.client.internal

import ai.auriko.errors.PartialResult
import ai.auriko.http.ResponseHeaders

/**
 * What [CallRunner]'s ladder needs to know about the attempt that failed: whether its response had
 * started, its headers (for the request id) and what of the result had arrived.
 *
 * @param closedMessage the message when the client is closed before any result arrived
 */
internal open class AttemptState(val closedMessage: String) {
    @Volatile var responseStarted: Boolean = false
    @Volatile var headers: ResponseHeaders? = null

    val requestId: String?
        get() = headers?.requestId()

    /** What of the result had arrived; `null` when nothing had (and always outside a stream). */
    open fun partial(): PartialResult? = null
}
