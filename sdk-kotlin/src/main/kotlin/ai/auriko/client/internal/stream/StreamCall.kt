package ai.auriko.client.internal.stream

import ai.auriko.client.internal.CallObserver
import ai.auriko.client.internal.CallSettings
import ai.auriko.client.internal.CallerThread
import ai.auriko.client.internal.CallerThreadBody
import ai.auriko.client.internal.ClientRuntime
import ai.auriko.client.internal.DownstreamFailure
import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.Watchdog
import ai.auriko.client.internal.readCappedText
import ai.auriko.client.internal.sdkHeaders
import ai.auriko.client.internal.statusError
import ai.auriko.client.internal.streamingBody
import ai.auriko.client.internal.typedHeaders
import ai.auriko.errors.PartialResult
import ai.auriko.errors.SdkExceptions
import ai.auriko.errors.StreamLimitExceededException
import ai.auriko.sse.SseDecoder
import io.ktor.client.request.preparePost
import io.ktor.client.statement.HttpResponse
import io.ktor.http.ContentType
import io.ktor.http.HttpMethod
import io.ktor.http.contentType
import io.ktor.http.isSuccess
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.yield

/**
 * One streaming call of any API: bytes → SSE events ([SseDecoder]) → the format's codec → its end
 * rule → items to the collector, each accumulated into the partial result first. The stream's end
 * follows docs/DESIGN.md:
 * - the format's terminal event (chat: `data: [DONE]`) completes it: nothing after it is decoded,
 *   and the body's own end, which follows at once, is awaited only briefly ([finishBody]) so that
 *   the connection can be reused;
 * - an error event throws the classified exception with the partial result;
 * - the body ending (or the connection breaking) in any other state completes it only when the
 * * format's end rule says the result is complete; otherwise
 *   [ai.auriko.errors.StreamInterruptedException].
 *
 * Retries happen only before the first item reached the collector. Failures are mapped by the
 * client's [ai.auriko.client.internal.CallRunner], like every other call's.
 */
internal class StreamCall<T : Any, R : PartialResult>(
    private val runtime: ClientRuntime,
    private val format: StreamFormat<T, R>,
    private val requestBody: ByteArray,
    private val model: String? = null,
    /** The client's settings, or the call's own options merged over them. */
    private val settings: CallSettings,
) {
    private val tools = StreamTools(runtime.errors, runtime.redactor)

    /** A new collection's state. */
    fun newRun(): StreamRun<T, R> = StreamRun(runtime.time)

    /** Collects one stream into [collector], recording what it sees in [run]. */
    suspend fun collect(run: StreamRun<T, R>, collector: FlowCollector<T>) {
        runtime.lifecycle.ensureOpen()
        val observer =
            runtime.observe(HttpMethod.Post, format.path, streaming = true, model = model)
        // A Java iterator's stream, on the default engine: read on the iterating thread.
        val http =
            if (CallerThread.runner() != null) runtime.callerThreadHttp ?: runtime.http
            else runtime.http
        runtime.runner.run(
            observer,
            settings,
            canRetry = { run.emitted == 0 },
            metrics = run::finish,
        ) { attempt ->
            run.reset(attempt)
            runtime.runner.attempt(run) {
                val watchdog =
                    Watchdog(this, runtime.time, settings.firstEventTimeout, settings.idleTimeout)
                try {
                    http
                        .preparePost(runtime.url(format.path)) {
                            sdkHeaders(
                                runtime.options,
                                settings,
                                requestBody,
                                accept = "text/event-stream",
                            )
                            observer.request(this, requestBody, attempt)
                        }
                        .execute { response ->
                            run.responseStarted = true
                            val headers = response.typedHeaders(runtime.redactor)
                            run.headers = headers
                            run.metrics.headers()
                            observer.responseHeaders(response.status.value, headers)
                            if (!response.status.isSuccess())
                                throw runtime.statusError(response, headers, observer)
                            val decoding = format.newDecoding(headers, tools, run.metrics)
                            run.decoding = decoding
                            Reader(run, decoding, Downstream(collector, watchdog, observer))
                                .read(response)
                        }
                } finally {
                    watchdog.stop()
                }
            }
        }
    }

    /**
     * Where items go, and the watchdog to pause while they are there: time the caller spends with
     * an item is not the server being idle.
     */
    private class Downstream<T>(
        val collector: FlowCollector<T>,
        val watchdog: Watchdog,
        val observer: CallObserver,
    )

    /** Reads one response's body. */
    private inner class Reader(
        private val run: StreamRun<T, R>,
        private val decoding: StreamDecoding<T, R>,
        private val downstream: Downstream<T>,
    ) {
        private val data = EventData()

        suspend fun read(response: HttpResponse) {
            val type = response.contentType()
            if (type != null && type.match(ContentType.Application.Json)) {
                downstream.watchdog.activity()
                return readWholeBody(response)
            }
            if (type != null && type.match(ContentType.Text.Html)) {
                throw SdkExceptions.malformed(
                    "expected an event stream, got text/html: ${ErrorResponses.snippet(response.readCappedText(runtime.redactor))}",
                    null,
                    run.requestId,
                    null,
                )
            }
            val metrics = run.metrics
            val events = EventBuffer { metrics.comment() }
            val decoder =
                SseDecoder(events, runtime.options.maxLineBytes, runtime.options.maxEventBytes)
            val channel = response.streamingBody()
            val buffer = ByteArray(READ_BUFFER_BYTES)
            while (true) {
                val n = channel.readSome(buffer)
                if (n == -1) break
                if (n == 0) continue
                downstream.watchdog.activity()
                try {
                    decoder.feed(buffer, 0, n)
                } catch (e: StreamLimitExceededException) {
                    // Events completed earlier in this read arrived whole: deliver them first; if
                    // they ended the stream, what came after the end does not count.
                    if (events.size > 0 && handle(events))
                        return finishBody(response, channel, buffer)
                    throw e
                }
                if (events.size > 0 && handle(events)) return finishBody(response, channel, buffer)
            }
            decoder.finish()
            decoding.incompleteReason()?.let { reason ->
                throw SdkExceptions.interrupted(reason, null, run.requestId, decoding.partial())
            }
            run.complete(decoding.partial())
        }

        /** Handles the events decoded from one read, in order; true when the stream ended. */
        private suspend fun handle(events: EventBuffer): Boolean {
            try {
                val data = data
                for (i in 0 until events.size) {
                    val type = events.type(i)
                    events.load(i, data)
                    downstream.observer.streamEvent(type, data)
                    val item = decoding.decode(type, data)
                    // A terminal event may itself be an item (Responses' `response.completed`):
                    // the result is complete (and published, see emit) before it reaches the
                    // caller, then the stream ends.
                    if (item != null) emit(item)
                    if (decoding.ended) {
                        if (run.result == null) run.complete(decoding.partial())
                        return true
                    }
                }
                return false
            } finally {
                events.clear()
            }
        }

        /** A server that ignored `stream: true`, or answered an error with 200 and JSON. */
        private suspend fun readWholeBody(response: HttpResponse) {
            val text = response.readCappedText(runtime.redactor, runtime.options.maxEventBytes)
            downstream.observer.responseBody(text)
            emit(decoding.decodeWholeBody(text))
            if (run.result == null) run.complete(decoding.partial())
        }

        // Inline: a suspend call per item would allocate its continuation per item.
        @Suppress("NOTHING_TO_INLINE")
        private suspend inline fun emit(item: T) {
            decoding.accumulate(item)
            // The terminal item completes the result before the caller sees it: a caller that
            // stops there (Java's close() after `Completed`, Kotlin's `first { … }`) keeps it.
            if (decoding.ended) run.complete(decoding.partial())
            if (run.emitted++ == 0) downstream.observer.firstChunk()
            run.metrics.item(decoding.carriesText(item))
            val watchdog = downstream.watchdog
            watchdog.pause()
            try {
                downstream.collector.emit(item)
            } catch (e: CancellationException) {
                throw e
            } catch (e: Throwable) {
                throw DownstreamFailure(e)
            } finally {
                watchdog.activity()
            }
        }
    }

    /**
     * After the terminal event: reads on to the body's end (the last HTTP chunk, which a server
     * sends right after it), so that the engine sees the response end and pools the connection for
     * the next request (OkHttp does; CIO never reuses a POST's connection). Bounded as OkHttp
     * bounds its own discarding of an unread body: [FINISH_BODY_MILLIS] and [FINISH_BODY_BYTES]. A
     * server that keeps the body open costs that once, then the call is cancelled, which closes the
     * connection: the body is read from the engine's own channel ([streamingBody]), and leaving
     * Ktor's `execute { }` normally only completes the call, which waits for the engine's reader,
     * still blocked in a socket read. Nothing read here is decoded: the stream is already complete.
     */
    private suspend fun finishBody(
        response: HttpResponse,
        channel: ByteReadChannel,
        buffer: ByteArray,
    ) {
        if (channel is CallerThreadBody) return channel.discardRest()
        val ended =
            withTimeoutOrNull(FINISH_BODY_MILLIS) {
                var read = 0L
                while (read <= FINISH_BODY_BYTES) {
                    val n = channel.readSome(buffer)
                    if (n == -1) return@withTimeoutOrNull true
                    read += n
                }
                false
            } ?: false
        if (!ended) response.cancel("the body went on after the end of the stream")
    }

    private companion object {
        const val READ_BUFFER_BYTES = 8192

        /**
         * What is available, into [buffer] from its start; -1 at the end. On the caller-thread
         * engine, a read blocks the consumer's thread: the items produced go to the consumer first
         * ([CallerThreadBody.shouldYield]).
         */
        // Inline: in the reader's own coroutine, whose continuation serves every yield.
        @Suppress("NOTHING_TO_INLINE")
        suspend inline fun ByteReadChannel.readSome(buffer: ByteArray): Int {
            if (this !is CallerThreadBody) return readAvailable(buffer, 0, buffer.size)
            if (shouldYield()) yield()
            return readInto(buffer, 0, buffer.size)
        }

        /**
         * OkHttp's own bound for discarding an unread body
         * (`ExchangeCodec.DISCARD_STREAM_TIMEOUT_MILLIS`).
         */
        const val FINISH_BODY_MILLIS = 100L
        const val FINISH_BODY_BYTES = 64 * 1024
    }
}
