package ai.auriko.client.blocking

import ai.auriko.errors.SdkExceptions
import ai.auriko.errors.StreamInterruptedException
import kotlinx.coroutines.CancellationException

/**
 * What a Java caller may see: `java.*` exceptions and the SDK's own, never a kotlinx.coroutines
 * type (`JobCancellationException` is a `java.util.concurrent.CancellationException` subclass, but
 * an internal one whose message and cause chain describe coroutines, not the caller's call). Every
 * path out of the facade (blocking calls, futures, iterators, async streams) passes through here.
 */
internal object JavaFacingExceptions {
    /** The message of a call that was in flight when the Java client was closed. */
    const val CLOSED_DURING_CALL = "AurikoBlockingClient was closed while the call was in flight"

    /**
     * [e] as a Java caller should see it. A coroutine cancellation reaching the caller is the
     * client's close ([closed]) or a cancellation it did not ask for; an `IllegalStateException` or
     * `StreamInterruptedException` whose cause chain holds a coroutine cancellation (the core's
     * view of a close) is rebuilt without that cause.
     */
    fun visible(e: Throwable, closed: () -> RuntimeException): Throwable =
        when {
            e is CancellationException -> closed()
            // These two are how the core reports a close or a cancellation, and the coroutine
            // machinery may still be attaching its cancellation to the very same object (as a
            // suppressed exception) after this check: the caller gets a copy nobody else holds,
            // with the original's cause unless that is a cancellation.
            e is StreamInterruptedException ->
                SdkExceptions.interrupted(
                        e.message ?: "",
                        e.cause?.takeUnless { hasCancellation(it) },
                        e.requestId(),
                        e.partialResult(),
                    )
                    .also {
                        it.stackTrace = e.stackTrace
                        SdkExceptions.recordAttempts(it, e.attempts())
                    }
            e is IllegalStateException ->
                IllegalStateException(e.message, e.cause?.takeUnless { hasCancellation(it) }).also {
                    it.stackTrace = e.stackTrace
                }
            else -> e
        }

    /** Whether [e] is, or carries, a coroutine cancellation. */
    private fun hasCancellation(e: Throwable): Boolean =
        e is CancellationException || hasCancellationCause(e)

    /**
     * Whether a coroutine cancellation hangs off [e] anywhere: as a cause, as a suppressed
     * exception (kotlinx adds the cancellation of a scope that was already cancelled to the failure
     * that ends it), or further down either (a cause's suppressed exception's cause). Bounded.
     */
    private fun hasCancellationCause(e: Throwable): Boolean = carries(e, e, 0)

    private fun carries(root: Throwable, e: Throwable, depth: Int): Boolean {
        if (depth > 16) return false
        if (e !== root && e is CancellationException) return true
        val cause = e.cause
        if (cause != null && cause !== e && carries(root, cause, depth + 1)) return true
        return e.suppressed.any { carries(root, it, depth + 1) }
    }
}
