package ai.auriko.client.internal

import ai.auriko.client.internal.stream.Handoff
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.InternalAPI
import java.io.IOException
import java.util.concurrent.atomic.AtomicBoolean
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.io.Buffer
import kotlinx.io.Source
import kotlinx.io.UnsafeIoApi
import kotlinx.io.unsafe.UnsafeBufferOperations
import okhttp3.Call
import okhttp3.ResponseBody
import okio.BufferedSource

/**
 * A response body of the caller-thread engine ([CallerThreadEngine]): each read is a blocking call
 * of OkHttp's body on the thread that asks, instead of a coroutine of the engine reading ahead into
 * a channel. So the bytes go from the socket to the decoder on one thread.
 *
 * The stream's reader calls [readInto], after [shouldYield] has let it hand what it produced to its
 * consumer; Ktor's own reads (an error body) go through [awaitContent]. While a read blocks, the
 * runner's other steps run elsewhere, and an interrupt of the thread, a [cancel] or the call's job
 * cancelled (a timeout, a close) cancels the call, which ends the read at once.
 *
 * Reaching the end, a failed read or [cancel] calls [onEnd] once. The body is closed by the thread
 * that reads it, or by [cancel] when no read is under way: the flags are volatile, and a reader
 * that marks itself [reading] then sees a [cancel] that came first (and [cancel], one that came
 * after).
 */
@OptIn(InternalAPI::class, UnsafeIoApi::class)
internal class CallerThreadBody(
    private val call: Call,
    private val body: ResponseBody,
    private val onEnd: () -> Unit,
) : ByteReadChannel {
    private val source = body.source()
    private val buffer = Buffer()
    private val interruption = CallerThread.Interruption(call)
    @Volatile private var reading = false
    private val ended = AtomicBoolean(false)
    @Volatile private var cause: Throwable? = null
    @Volatile private var exhausted = false

    override val closedCause: Throwable?
        get() = cause

    override val isClosedForRead: Boolean
        get() = cause != null || (exhausted && buffer.exhausted())

    override val readBuffer: Source
        get() {
            cause?.let { throw it }
            return buffer
        }

    override suspend fun awaitContent(min: Int): Boolean {
        cause?.let { throw it }
        while (buffer.size < min) {
            if (exhausted) return false
            val n = readOnce { source ->
                var end = false
                val written =
                    UnsafeBufferOperations.writeToTail(buffer, 1) { bytes, start, endExclusive ->
                        val read = source.read(bytes, start, endExclusive - start)
                        if (read == -1) end = true
                        read.coerceAtLeast(0)
                    }
                if (end) -1 else written
            }
            if (n == -1) return false
        }
        return true
    }

    /**
     * Whether the stream's coroutine, about to read, should first let its consumer have what it
     * produced ([Handoff.Runner.shouldYieldBeforeBlocking]). Asked by the reader's own loop, whose
     * coroutine lives as long as the stream: a suspension from here would cost a new continuation
     * (and kotlinx.coroutines' context fold) per read.
     */
    fun shouldYield(): Boolean = CallerThread.runner()?.shouldYieldBeforeBlocking() == true

    /**
     * Reads what is available, at least one byte (blocking for it), into [destination] at [offset],
     * at most [length] bytes; -1 at the end. Ktor's `readAvailable`, without kotlinx-io's buffer in
     * between: one copy less, and no trip through kotlinx-io's segment pool, whose `recycle` spins
     * while another thread takes a segment. With thousands of reading threads on one core, a thread
     * preempted in `take` left the others spinning out their time slices: 34 % of the CPU at 5,000
     * streams (async-profiler). Never suspends.
     */
    suspend fun readInto(destination: ByteArray, offset: Int, length: Int): Int {
        cause?.let { throw it }
        if (!buffer.exhausted()) return buffer.readAtMostTo(destination, offset, offset + length)
        if (exhausted) return -1
        while (true) {
            val n = readOnce { source -> source.read(destination, offset, length) }
            if (n != 0) return n
        }
    }

    /**
     * After the stream's terminal event: OkHttp's own close of the body reads on to its end for up
     * to 100 ms (`ExchangeCodec.DISCARD_STREAM_TIMEOUT_MILLIS`) and then pools the connection, or
     * else closes it. A blocking read here would not notice a coroutine's timeout, so the bound is
     * OkHttp's; the reader's own bound applies to engines whose reads suspend.
     */
    suspend fun discardRest() {
        if (exhausted || cause != null) return
        readOnce { _ ->
            end { body.close() }
            -1
        }
    }

    /**
     * One blocking [read] of the body's source; -1 at its end (then the body is closed and the
     * connection pooled), else what [read] returned.
     */
    private suspend inline fun readOnce(read: (BufferedSource) -> Int): Int {
        reading = true
        val n: Int
        try {
            cause?.let { throw it } // a cancel() before `reading` was set: it did not close
            val runner = CallerThread.runner()
            runner?.blocking()
            try {
                n = interruption.run { read(source) }
            } finally {
                runner?.unblocked()
            }
        } catch (e: Throwable) {
            reading = false
            fail(e)
            if (e is IOException) {
                currentCoroutineContext().ensureActive() // cancelled: the cancellation instead
                cause?.takeIf { it !== e }?.let { throw it } // cancel(cause) came first
            }
            throw e
        }
        reading = false
        if (n == -1) {
            exhausted = true
            end { body.close() }
        } else if (cause != null) {
            // cancel() came during the read and left the body to it.
            end {
                call.cancel()
                body.close()
            }
        }
        return n
    }

    /** Ends once: [close] the body, then [onEnd]. */
    private inline fun end(close: () -> Unit) {
        if (!ended.compareAndSet(false, true)) return
        try {
            close()
        } finally {
            onEnd()
        }
    }

    /** The read failed: the stream is over, its connection with it. */
    private fun fail(e: Throwable) {
        if (cause == null) cause = e
        end {
            call.cancel()
            body.close()
        }
    }

    override fun cancel(cause: Throwable?) {
        if (this.cause == null) this.cause = cause ?: IOException("the body was cancelled")
        if (exhausted || ended.get()) {
            // Read to its end: the connection is already back in the pool.
            if (!reading) end { body.close() }
            return
        }
        // Left before its end (the caller stopped, a failure, a timeout): close the connection; a
        // read under way fails at once and closes the body itself.
        call.cancel()
        if (!reading) end { body.close() }
    }
}
