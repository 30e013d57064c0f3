package ai.auriko.client.blocking

import ai.auriko.client.stream.StreamMetrics
import ai.auriko.errors.PartialResult
import ai.auriko.http.ResponseHeaders
import java.util.concurrent.CompletableFuture

/**
 * A stream running in the background, started by `streamAsync` (chat's or the Responses API's),
 * whose items go to a handler. [R] is the final result: `ChatCompletion` or `Response`.
 *
 * ```java
 * AsyncStreamHandle<ChatCompletion> handle =
 *     client.chat().completions().streamAsync(request, chunk -> print(chunk));
 * ChatCompletion answer = handle.completion().join();
 * ```
 *
 * **How it ends** — exactly one of:
 * - completed: the handler's `onComplete(result)`, then [completion] completes with `result`;
 * - failed (an error the server sent, a cut connection, a timeout, the client closed): the
 *   handler's `onError(e)`, after the items that arrived before the failure, then [completion]
 *   fails with the same `e` — the SDK's unchecked exception with the partial result attached
 *   (`e.partialResult(ChatCompletion.class)`). Closing the client fails a running stream with
 *   [ai.auriko.errors.StreamInterruptedException];
 * - cancelled ([cancel], [close], or cancelling or completing [completion] yourself): the request
 *   is cancelled and its connection closed at once; no handler method is called after it (one that
 *   was already running finishes), `onError` included; [completion] is cancelled, so `join()`
 *   throws `java.util.concurrent.CancellationException`; [partial] still tells what had arrived;
 * - the handler threw: the stream is cancelled as above and [completion] fails with the handler's
 *   exception, unchanged; `onError` is not called.
 *
 * Reading the failure from the future: `completion().handle((result, e) -> ...)` and
 * `exceptionally(e -> ...)` on [completion] itself receive the exception as is; `join()` wraps it
 * in `CompletionException` and `get()` in `ExecutionException` (take `getCause()`), as
 * `CompletableFuture` always does. Only `java.*` exceptions and the SDK's own ever appear.
 *
 * **Threads.** No thread is started or held per stream: the connection is read by the engine's I/O
 * threads, and the handler runs on the executor only while it has items to handle.
 */
public class AsyncStreamHandle<R : PartialResult>
internal constructor(
    private val delivery: AsyncDelivery<*, R>,
    private val headers: () -> ResponseHeaders?,
    private val timing: () -> StreamMetrics?,
) : AutoCloseable {
    /**
     * The final result: completes after the handler's `onComplete`, fails after its `onError` (see
     * the class). Cancelling or completing it yourself cancels the stream.
     */
    public fun completion(): CompletableFuture<R> = delivery.future

    /**
     * Cancels the request and closes its connection; no handler method is called afterwards (except
     * one already running), and [completion] is cancelled. Idempotent, callable from any thread, a
     * no-op once the stream ended.
     */
    public fun cancel() {
        delivery.cancel()
    }

    /**
     * The same as [cancel]: try-with-resources cancels a stream still running at the block's end.
     */
    override fun close() {
        cancel()
    }

    /** Whether the stream has ended, in any way ([completion] is done). */
    public fun isDone(): Boolean = delivery.future.isDone

    /**
     * What has arrived so far, accumulated (whether or not the handler has seen it yet); after the
     * end, the whole result or what arrived before the failure. `null` before the response started.
     */
    public fun partial(): R? = delivery.partialResult()

    /** The response headers, as soon as the response started; `null` before. */
    public fun responseHeaders(): ResponseHeaders? = headers()

    /** Timing of the stream once it ended, normally or with an exception; `null` before. */
    public fun metrics(): StreamMetrics? = timing()
}
