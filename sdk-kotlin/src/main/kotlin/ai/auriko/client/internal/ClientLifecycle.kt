package ai.auriko.client.internal

import kotlin.time.Duration
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.selects.select

/**
 * The client's one closed state. Closing completes a signal that in-flight calls and retry waits
 * watch, so closing the client cancels them (and closes their connections) instead of leaving them
 * to their timeouts.
 */
internal class ClientLifecycle {
    private val closedSignal = CompletableDeferred<Unit>()

    val isClosed: Boolean
        get() = closedSignal.isCompleted

    /** Throws [IllegalStateException] once the client is closed; called before any I/O. */
    fun ensureOpen() {
        check(!isClosed) { "AurikoClient is closed" }
    }

    /** Closes; true only for the call that closed it. */
    fun close(): Boolean = closedSignal.complete(Unit)

    /**
     * Starts, in [scope], a child that fails the scope with [ClientClosed] when the client closes.
     */
    fun watch(scope: CoroutineScope): Job =
        scope.launch(start = CoroutineStart.UNDISPATCHED) {
            closedSignal.await()
            throw ClientClosed()
        }

    /** Waits [wait] on [time]; false when the client was closed first. */
    suspend fun sleepUnlessClosed(time: ClientTime, wait: Duration): Boolean = coroutineScope {
        val sleep = async { time.sleep(wait) }
        select {
            sleep.onAwait { true }
            closedSignal.onAwait {
                sleep.cancel()
                false
            }
        }
    }

    /**
     * The failure a close-watcher ends a call's scope with; not a CancellationException on purpose.
     */
    class ClientClosed : RuntimeException("the client was closed during the call") {
        override fun fillInStackTrace(): Throwable = this
    }
}
