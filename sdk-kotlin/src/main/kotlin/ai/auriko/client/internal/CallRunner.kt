package ai.auriko.client.internal

import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.SdkExceptions
import ai.auriko.errors.StreamLimitExceededException
import io.ktor.client.network.sockets.ConnectTimeoutException
import io.ktor.client.plugins.HttpRequestTimeoutException
import java.io.IOException
import java.nio.channels.UnresolvedAddressException
import kotlin.time.toKotlinDuration
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.isActive

/**
 * Runs every call of a client the same way — `create`, each collection of a stream, management
 * reads: the observer's start and end, attempts under the retry policy, and one ladder ([outcome])
 * that maps how an attempt ended to what the caller sees.
 */
internal class CallRunner(private val runtime: ClientRuntime) {

    /**
     * Runs one call with [settings] (the client's merged with the call's options: its retry policy
     * and the per-call credentials to redact for as long as it runs). [attempt] receives the
     * 1-based attempt number; [canRetry] says whether a failure may still be retried (a stream's
     * may not, once an item reached the caller); [metrics] is what the observer reports when the
     * call ends. Cancellation is never retried or wrapped.
     */
    suspend fun <T> run(
        observer: CallObserver,
        settings: CallSettings,
        canRetry: () -> Boolean = { true },
        metrics: () -> StreamMetrics? = { null },
        attempt: suspend (Int) -> T,
    ): T =
        // Everything the call shows — messages, bodies, log lines, the observer's last report —
        // is made while the call runs, so a per-call key is redacted wherever the client's is.
        runtime.redactor.withSecrets(settings.secrets) {
            observed(observer, settings, canRetry, metrics, attempt)
        }

    private suspend fun <T> observed(
        observer: CallObserver,
        settings: CallSettings,
        canRetry: () -> Boolean,
        metrics: () -> StreamMetrics?,
        attempt: suspend (Int) -> T,
    ): T {
        val result =
            try {
                retrying(observer, settings, canRetry, attempt)
            } catch (e: CancellationException) {
                observer.cancelled(metrics())
                throw e
            } catch (e: Throwable) {
                // A caller cancelled with a cause (an interrupt, a failed sibling) often surfaces
                // as that cause, mapped by the engine or by the ladder: it is still a cancellation.
                if (currentCoroutineContext().isActive) observer.failed(e, metrics())
                else observer.cancelled(metrics())
                throw e
            }
        observer.succeeded(metrics())
        return result
    }

    private suspend fun <T> retrying(
        observer: CallObserver,
        settings: CallSettings,
        canRetry: () -> Boolean,
        attempt: suspend (Int) -> T,
    ): T {
        var retries = 0
        while (true) {
            try {
                observer.attemptStarted(retries + 1)
                return attempt(retries + 1)
            } catch (e: CancellationException) {
                throw e
            } catch (e: DownstreamFailure) {
                throw e.original
            } catch (e: AurikoException) {
                // A cancelled caller can surface as its cancellation's cause, mapped to a
                // retryable failure that never happened: end as the cancellation instead.
                currentCoroutineContext().ensureActive()
                val wait = if (canRetry()) settings.retryPolicy.retryDelay(retries, e) else null
                if (wait == null) throw SdkExceptions.recordAttempts(e, retries + 1)
                observer.retryScheduled(retries + 1, wait, e)
                if (!runtime.lifecycle.sleepUnlessClosed(runtime.time, wait.toKotlinDuration()))
                    throw IllegalStateException("the client was closed while waiting to retry", e)
                runtime.lifecycle.ensureOpen()
                retries++
            }
        }
    }

    /**
     * Runs one attempt so that closing the client ends it, and maps whatever it ends with through
     * [outcome].
     */
    suspend fun <T> attempt(state: AttemptState, block: suspend CoroutineScope.() -> T): T =
        try {
            coroutineScope {
                val closeWatcher = runtime.lifecycle.watch(this)
                try {
                    block()
                } finally {
                    closeWatcher.cancel()
                }
            }
        } catch (e: Throwable) {
            throw outcome(e, state)
        }

    /** The one ladder: what the caller sees when an attempt ends with [e]. */
    private suspend fun outcome(e: Throwable, state: AttemptState): Throwable {
        val options = runtime.options
        val describe = { runtime.redactor.describe(e) }
        // The engine's exception, with any secret it quotes (OkHttp quotes a header value it
        // rejects) redacted along its whole cause chain.
        val cause = { runtime.redactor.cause(e) }
        return when (e) {
            is ClientLifecycle.ClientClosed -> closed(state, null)
            is Watchdog.Fired ->
                SdkExceptions.timeout(
                    e.kind,
                    e.timeout.toJava(),
                    null,
                    state.requestId,
                    state.partial(),
                )
            is CancellationException ->
                // Ktor cancels its own jobs when the client closes; the caller was not cancelled.
                if (runtime.lifecycle.isClosed && currentCoroutineContext().isActive)
                    closed(state, e)
                else e
            // The collector's own exception: unchanged, never retried or wrapped.
            is DownstreamFailure -> e
            // The decoder knows the cap; the stream adds its request id and partial result.
            is StreamLimitExceededException ->
                SdkExceptions.limitExceeded(e, state.requestId, state.partial())
            is AurikoException -> e
            is ConnectTimeoutException ->
                SdkExceptions.timeout(
                    AurikoTimeoutException.Kind.CONNECT,
                    options.connectTimeout.toJava(),
                    cause(),
                    state.requestId,
                    state.partial(),
                )
            is HttpRequestTimeoutException ->
                SdkExceptions.timeout(
                    AurikoTimeoutException.Kind.REQUEST,
                    options.requestTimeout.toJava(),
                    cause(),
                    state.requestId,
                    state.partial(),
                )
            is IOException,
            is UnresolvedAddressException ->
                if (state.responseStarted)
                    SdkExceptions.interrupted(
                        "the connection broke before the response was complete: ${describe()}",
                        cause(),
                        state.requestId,
                        state.partial(),
                    )
                else
                    SdkExceptions.connection(
                        "could not reach ${options.baseUrl}: ${describe()}",
                        cause(),
                        state.requestId,
                        state.partial(),
                    )
            else ->
                SdkExceptions.unexpected(
                    "unexpected failure: ${describe()}",
                    cause(),
                    state.requestId,
                    state.partial(),
                )
        }
    }

    /**
     * Closing the client during an attempt: a stream that had started fails as interrupted, with
     * what had arrived; anything else as a call on a closed client.
     */
    private fun closed(state: AttemptState, cause: Throwable?): RuntimeException {
        val partial = state.partial()
        return if (partial == null) IllegalStateException(state.closedMessage, cause)
        else
            SdkExceptions.interrupted(
                "the client was closed during the stream",
                cause,
                state.requestId,
                partial,
            )
    }
}

/** An exception thrown by the flow's collector; rethrown unchanged, never retried or wrapped. */
internal class DownstreamFailure(cause: Throwable) : RuntimeException(cause) {
    override fun fillInStackTrace(): Throwable = this

    /**
     * The collector's own exception. kotlinx.coroutines' stack-trace recovery (on under `-ea`) may
     * wrap a copy of this failure around the original, so unwrap every layer.
     */
    val original: Throwable
        get() {
            var t: Throwable = this
            while (t is DownstreamFailure) t = t.cause ?: return t
            return t
        }
}
