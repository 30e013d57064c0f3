package ai.auriko.client.blocking

import ai.auriko.errors.PartialResult
import ai.auriko.errors.SdkExceptions
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.isActive
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/**
 * The callback view of a stream, behind every Java `streamAsync` (chat's, the Responses API's): a
 * producer coroutine collects the stream into a bounded channel; one consumer coroutine on the
 * caller's executor takes items from it and calls the handler. No thread is started or held per
 * stream: the producer runs on the engine's I/O threads (the client's scope is unconfined), the
 * consumer only occupies an executor thread while it runs callbacks.
 *
 * The rules, one implementation for both APIs:
 * - callbacks run one at a time, in order, each happening-before the next (one coroutine makes
 *   them, and the terminal callback only after it has finished); at most [BUFFER] items are read
 *   ahead of a slow handler, then the producer suspends and the connection is not read;
 * - exactly one ending: `onComplete(result)`, then the future completes with the result; or
 *   `onError(e)` after the items that arrived before the failure, then the future fails with `e`
 *   (the partial result attached); or, for [cancel] / a cancelled future, no further callback and a
 *   cancelled future; or, when the handler threw, no further callback and the future fails with the
 *   handler's exception. Closing the client is a [ai.auriko.errors.StreamInterruptedException]
 *   (items still buffered are dropped).
 *
 * @param produce collects the stream into its collector
 * @param result the completed result, once the stream completed normally
 * @param partial what has arrived so far; callable from any thread
 */
internal class AsyncDelivery<T : Any, R : PartialResult>(
    scope: CoroutineScope,
    executor: Executor?,
    produce: suspend (FlowCollector<T>) -> Unit,
    private val result: () -> R?,
    private val partial: () -> R?,
    private val requestId: () -> String?,
    private val onItem: (T) -> Unit,
    private val onComplete: (R) -> Unit,
    private val onError: (Throwable) -> Unit,
) {
    /** Completed by this class; completing or cancelling it from outside cancels the stream. */
    val future: CompletableFuture<R> = CompletableFuture()

    private val dispatcher: CoroutineDispatcher =
        executor?.asCoroutineDispatcher() ?: Dispatchers.Default
    private val stopped = AtomicBoolean(false)
    @Volatile private var handlerFailure: Throwable? = null
    private val job: Job

    init {
        job =
            scope.launch(start = CoroutineStart.UNDISPATCHED) { run(coroutineContext.job, produce) }
        // Whoever completes the future (cancel(), the caller's future.cancel(), the caller's own
        // complete()) ends the stream; when this class completed it, the job is ending anyway.
        future.whenComplete { _, _ -> stop() }
        // A coroutine that never ran its body (the client's scope was cancelled first) still ends
        // the future, as a stream the client's close interrupted.
        job.invokeOnCompletion { cause ->
            if (cause != null && !future.isDone) future.completeExceptionally(visible(cause))
        }
    }

    /** Stops delivery and cancels the request (closing the connection); idempotent. */
    fun cancel() {
        future.cancel(false) // the whenComplete above stops the stream
    }

    private fun stop() {
        stopped.set(true)
        job.cancel()
    }

    private suspend fun run(self: Job, produce: suspend (FlowCollector<T>) -> Unit) {
        val items = Channel<T>(BUFFER)
        val consumer = CoroutineScope(self).launch(dispatcher) { consume(self, items) }
        // A consumer that ended early (the handler threw, the executor refused work) must not
        // leave the producer suspended on a full channel.
        var consumerEnd: Throwable? = null
        consumer.invokeOnCompletion { cause ->
            consumerEnd = cause
            items.cancel()
            if (cause != null) self.cancel() // nothing can be delivered any more: stop reading
        }
        var failure: Throwable? = null
        try {
            produce { item -> items.send(item) }
        } catch (e: Throwable) {
            failure = e
        }
        items.close()
        // Every path waits for the consumer to finish its current callback, so the ending is never
        // concurrent with an item callback.
        withContext(NonCancellable) { consumer.join() }
        val thrown = handlerFailure
        when {
            future.isDone -> Unit // cancelled (or completed) from outside: no further callback
            thrown != null -> future.completeExceptionally(thrown)
            refusal(consumerEnd) != null -> future.completeExceptionally(refusal(consumerEnd))
            failure == null -> {
                val value = result()
                if (value == null) {
                    fail(IllegalStateException("the stream completed without a result"))
                } else {
                    val callbackFailure = terminal { onComplete(value) }
                    if (callbackFailure != null) future.completeExceptionally(callbackFailure)
                    else future.complete(value)
                }
            }
            else -> fail(visible(failure))
        }
    }

    private suspend fun consume(self: Job, items: Channel<T>) {
        for (item in items) {
            // A buffered item is available without suspending, so cancellation is checked here.
            if (stopped.get() || !currentCoroutineContext().isActive) return
            try {
                onItem(item)
            } catch (e: Throwable) {
                handlerFailure = e
                stopped.set(true)
                self.cancel() // cancels the request; the producer's send fails
                return
            }
        }
    }

    /** Calls onError (after every earlier callback), then fails the future with [e]. */
    private suspend fun fail(e: Throwable) {
        val callbackFailure = terminal { onError(e) }
        if (callbackFailure != null && callbackFailure !== e) e.addSuppressed(callbackFailure)
        future.completeExceptionally(e)
    }

    /**
     * Runs a terminal callback on the executor; returns what it threw, or why it could not run.
     *
     * `withContext` hands its result back to this coroutine promptly cancellable: when the client
     * was closed meanwhile, it throws a cancellation *after* the callback ran. That is not the
     * callback's failure (it used to end up attached to the caller's exception, or fail a completed
     * stream's future); only a callback that never ran reports why.
     */
    private suspend fun terminal(callback: () -> Unit): Throwable? {
        val outcome = TerminalOutcome()
        return try {
            withContext(NonCancellable + dispatcher) {
                outcome.ran = true
                try {
                    callback()
                } catch (e: Throwable) {
                    outcome.thrown = e
                }
            }
            outcome.thrown
        } catch (e: Throwable) {
            if (outcome.ran) outcome.thrown else e // e: the executor refused the callback
        }
    }

    private class TerminalOutcome {
        @Volatile var ran = false
        @Volatile var thrown: Throwable? = null
    }

    private fun visible(failure: Throwable): Throwable =
        JavaFacingExceptions.visible(failure) {
            SdkExceptions.interrupted(
                "the stream was cancelled: the client was closed",
                null,
                requestId(),
                partial(),
            )
        }

    /**
     * Why the consumer stopped when nobody asked it to: the executor refused a task (kotlinx
     * cancels a coroutine whose dispatch was refused, with the refusal as the cause); `null` for a
     * plain cancellation (the client closed, the stream cancelled).
     */
    private fun refusal(end: Throwable?): Throwable? {
        var cause: Throwable? = end
        var depth = 0
        while (cause is CancellationException && depth++ < 16) cause = cause.cause
        return cause
    }

    /** The partial result, for the handle. */
    fun partialResult(): R? = partial()

    private companion object {
        /** Items read ahead of a slow handler before the producer waits. */
        const val BUFFER = 256
    }
}
