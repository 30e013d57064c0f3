package ai.auriko.client.internal

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionAccumulator
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.StreamMetrics
import ai.auriko.client.chat.StreamMetricsRecorder
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.MalformedResponseException
import ai.auriko.errors.StreamInterruptedException
import ai.auriko.errors.StreamLimitExceededException
import ai.auriko.errors.internal.ParsedErrorBody
import ai.auriko.http.ResponseHeaders
import ai.auriko.sse.SseDecoder
import ai.auriko.sse.SseListener
import io.ktor.client.request.preparePost
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
import io.ktor.http.ContentType
import io.ktor.http.HttpMethod
import io.ktor.http.contentType
import io.ktor.http.isSuccess
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.isActive
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.SerializationException

/**
 * What one collection of a stream has seen so far; read by
 * [ai.auriko.client.chat.ChatCompletionStream] from any thread, written only by the collecting
 * coroutine.
 */
internal class StreamRun {
    @Volatile var headers: ResponseHeaders? = null
    @Volatile var completion: ChatCompletion? = null
    @Volatile var emitted: Int = 0
    @Volatile var attempts: Int = 0
    @Volatile var finalMetrics: StreamMetrics? = null
    val metrics = StreamMetricsRecorder()
    private var accumulator = ChatCompletionAccumulator()

    // Guarded by `this`: the collecting coroutine adds, while a Java consumer interrupted on
    // another thread may take a snapshot. Uncontended, the lock costs nanoseconds per chunk.
    @Synchronized fun add(chunk: ChatCompletionChunk) = accumulator.add(chunk)

    @Synchronized
    fun reset() {
        accumulator = ChatCompletionAccumulator()
        headers = null
    }

    val isComplete: Boolean
        @Synchronized get() = accumulator.isComplete

    val chunkCount: Int
        @Synchronized get() = accumulator.chunkCount

    @Synchronized
    fun partial(): ChatCompletion =
        accumulator.snapshot(headers ?: ResponseHeaders.empty()).also {
            it.streamMetrics = metrics.snapshot()
        }
}

/**
 * One streaming chat completion: sends the request, decodes the event stream, and emits each chunk
 * as soon as its event's blank line arrives. The stream's end follows DESIGN.md exactly:
 * - `data: [DONE]` completes it: nothing after it is decoded, and the body's own end, which follows
 *   at once, is awaited only briefly ([finishBody]) so that the connection can be reused.
 * - An `event: error`, or a data event with a top-level `error` object, throws the classified
 *   exception with the partial completion.
 * - The body ending (or the connection breaking) in any other state completes it only when every
 *   started choice has a finish reason; otherwise it throws [StreamInterruptedException].
 *
 * Retries happen only before the first chunk reached the collector.
 */
internal class StreamCall(
    private val transport: Transport,
    private val requestBody: ByteArray,
    private val model: String? = null,
) {
    /**
     * Collects one stream into [collector]. [afterRead], when given, runs after the chunks decoded
     * from each network read were emitted: the Java bridge uses it to hand chunks over a read at a
     * time instead of one by one.
     */
    suspend fun collect(
        run: StreamRun,
        collector: FlowCollector<ChatCompletionChunk>,
        afterRead: (suspend () -> Unit)? = null,
    ) {
        transport.ensureOpen()
        val observer = transport.observe(HttpMethod.Post, PATH, streaming = true, model = model)
        try {
            transport.withRetries(observer, canRetry = { run.emitted == 0 }) { attempt ->
                run.attempts = attempt
                run.metrics.retries = attempt - 1
                run.reset()
                attempt(run, collector, afterRead, observer, attempt)
            }
        } catch (e: CancellationException) {
            observer.cancelled(run.metrics.snapshot())
            throw e
        } catch (e: Throwable) {
            // cancelled with a cause, which surfaced instead of a CancellationException (see
            // Transport.exchange)
            if (currentCoroutineContext().isActive) observer.failed(e, run.metrics.snapshot())
            else observer.cancelled(run.metrics.snapshot())
            throw e
        } finally {
            run.finalMetrics = run.metrics.snapshot()
        }
        observer.succeeded(run.finalMetrics)
    }

    private suspend fun attempt(
        run: StreamRun,
        collector: FlowCollector<ChatCompletionChunk>,
        afterRead: (suspend () -> Unit)?,
        observer: CallObserver,
        attemptNumber: Int,
    ) {
        val options = transport.options
        var responseStarted = false
        try {
            coroutineScope {
                val watchdog = Watchdog(this, options.firstEventTimeout, options.idleTimeout)
                val closeWatcher = transport.watchForClose(this)
                try {
                    val statement =
                        transport.http.preparePost(transport.url(PATH)) {
                            with(transport) { common(requestBody, accept = "text/event-stream") }
                            observer.request(this, requestBody, attemptNumber)
                        }
                    statement.execute { response ->
                        responseStarted = true
                        val headers = response.typedHeaders(transport::redact)
                        run.headers = headers
                        run.metrics.headers()
                        observer.responseHeaders(response.status.value, headers)
                        if (!response.status.isSuccess())
                            throw transport.statusError(response, headers, observer)
                        readBody(
                            response,
                            headers,
                            run,
                            Downstream(collector, afterRead, watchdog, observer),
                        )
                    }
                } finally {
                    watchdog.stop()
                    closeWatcher.cancel()
                }
            }
        } catch (e: Transport.ClientClosed) {
            throw closedDuringStream(run, e)
        } catch (e: Watchdog.Fired) {
            throw AurikoTimeoutException(
                e.kind,
                e.timeout.toJava(),
                null,
                run.headers?.requestId(),
                partialOrNull(run),
            )
        } catch (e: CancellationException) {
            // Ktor cancels its own jobs when the client closes; the caller was not cancelled.
            if (transport.isClosed && currentCoroutineContext().isActive)
                throw closedDuringStream(run, e)
            throw e
        } catch (e: DownstreamFailure) {
            throw e
        } catch (e: StreamLimitExceededException) {
            throw StreamLimitExceededException(
                e.message ?: "limit exceeded",
                e.limitBytes(),
                e,
                run.headers?.requestId(),
                run.partial(),
            )
        } catch (e: AurikoException) {
            throw e
        } catch (e: Throwable) {
            throw mapTransportFailure(
                e,
                options,
                responseStarted,
                run.headers?.requestId(),
                partialOrNull(run),
            )
        }
    }

    private fun partialOrNull(run: StreamRun): ChatCompletion? =
        if (run.headers == null) null else run.partial()

    private fun closedDuringStream(run: StreamRun, cause: Throwable): RuntimeException =
        if (run.emitted == 0 && run.headers == null) {
            // Nothing had started: the same failure as calling a closed client.
            IllegalStateException("the client was closed before the stream started", cause)
        } else {
            StreamInterruptedException(
                "the client was closed during the stream",
                cause,
                run.headers?.requestId(),
                run.partial(),
            )
        }

    /**
     * Where chunks go, and the watchdog to pause while they are there: time the caller spends with
     * a chunk is not the server being idle.
     */
    private class Downstream(
        val collector: FlowCollector<ChatCompletionChunk>,
        val afterRead: (suspend () -> Unit)?,
        val watchdog: Watchdog,
        val observer: CallObserver,
    )

    private suspend fun readBody(
        response: HttpResponse,
        headers: ResponseHeaders,
        run: StreamRun,
        downstream: Downstream,
    ) {
        val watchdog = downstream.watchdog
        val type = response.contentType()
        if (type != null && type.match(ContentType.Application.Json)) {
            watchdog.activity()
            return readJsonInsteadOfStream(response, headers, run, downstream)
        }
        if (type != null && type.match(ContentType.Text.Html)) {
            throw MalformedResponseException(
                "expected an event stream, got text/html: ${ParsedErrorBody.snippet(transport.redact(response.readCappedText()))}",
                null,
                headers.requestId(),
                null,
            )
        }
        val events = EventBuffer(run.metrics, ChunkDecoder(transport.json))
        val decoder =
            SseDecoder(events, transport.options.maxLineBytes, transport.options.maxEventBytes)
        val channel = response.bodyAsChannel()
        val buffer = ByteArray(READ_BUFFER_BYTES)
        while (true) {
            val n = channel.readAvailable(buffer, 0, buffer.size)
            if (n == -1) break
            if (n == 0) continue
            watchdog.activity()
            try {
                decoder.feed(buffer, 0, n)
            } catch (e: StreamLimitExceededException) {
                // Events completed earlier in this read arrived whole: deliver them before failing.
                if (events.size > 0) handleEvents(events, headers, run, downstream)
                throw e
            }
            if (events.size > 0) {
                val done = handleEvents(events, headers, run, downstream)
                downstream.afterRead?.let { afterRead -> paused(downstream) { afterRead() } }
                if (done) return finishBody(channel, buffer)
            }
        }
        decoder.finish()
        if (!run.isComplete) {
            throw StreamInterruptedException(
                if (run.chunkCount == 0) "the stream ended before any chunk arrived"
                else
                    "the stream ended after ${run.chunkCount} chunks without [DONE] or a finish reason",
                null,
                headers.requestId(),
                run.partial(),
            )
        }
        run.completion = run.partial()
    }

    /**
     * After `[DONE]`: reads on to the body's end (the last HTTP chunk, which a server sends right
     * after `[DONE]`), so that the engine sees the response end and pools the connection for the
     * next request (OkHttp does; CIO never reuses a POST's connection). Bounded as OkHttp bounds
     * its own discarding of an unread body: [FINISH_BODY_MILLIS] and [FINISH_BODY_BYTES]. A server
     * that keeps the body open after `[DONE]` costs that once, then the connection is closed on
     * leaving. Nothing read here is decoded: the stream is already complete.
     */
    private suspend fun finishBody(channel: ByteReadChannel, buffer: ByteArray) {
        withTimeoutOrNull(FINISH_BODY_MILLIS) {
            var read = 0L
            while (read <= FINISH_BODY_BYTES) {
                val n = channel.readAvailable(buffer, 0, buffer.size)
                if (n == -1) break
                read += n
            }
        }
    }

    /** Handles decoded events in order; returns true when `[DONE]` arrived. */
    private suspend fun handleEvents(
        events: EventBuffer,
        headers: ResponseHeaders,
        run: StreamRun,
        downstream: Downstream,
    ): Boolean {
        try {
            for (i in 0 until events.size) {
                val type = events.types[i]
                val data = events.data[i]!!
                downstream.observer.streamEvent(type, data)
                if (type == "error")
                    throw transport.classifier.fromStreamEvent(
                        transport.redact(data),
                        headers,
                        run.partial(),
                    )
                if (type != null && type != "message") continue // other event types carry no chunks
                if (data == DONE) {
                    run.completion = run.partial()
                    return true
                }
                val chunk =
                    try {
                        events.chunks.decode(data)
                    } catch (e: SerializationException) {
                        throw MalformedResponseException(
                            "a stream event is not a chat completion chunk: ${ParsedErrorBody.snippet(transport.redact(data))}",
                            transport.redactCause(e),
                            headers.requestId(),
                            run.partial(),
                        )
                    } catch (e: IllegalArgumentException) {
                        throw MalformedResponseException(
                            "a stream event is not a chat completion chunk: ${ParsedErrorBody.snippet(transport.redact(data))}",
                            transport.redactCause(e),
                            headers.requestId(),
                            run.partial(),
                        )
                    }
                run.add(chunk)
                if (chunk.error != null) {
                    throw transport.classifier.fromStreamEvent(
                        transport.redact(data),
                        headers,
                        run.partial(),
                    )
                }
                emit(run, downstream, chunk)
            }
            return false
        } finally {
            events.clear()
        }
    }

    private suspend fun readJsonInsteadOfStream(
        response: HttpResponse,
        headers: ResponseHeaders,
        run: StreamRun,
        downstream: Downstream,
    ) {
        // A server that ignored stream=true, or answered an error with 200: decoded as what it is.
        val text = transport.redact(response.readCappedText(transport.options.maxEventBytes))
        downstream.observer.responseBody(text)
        val completion = decodeCompletionOrThrow(transport, text, headers)
        val chunk = completion.toSingleChunk()
        run.add(chunk)
        emit(run, downstream, chunk)
        downstream.afterRead?.let { afterRead -> paused(downstream) { afterRead() } }
        run.completion = run.partial()
    }

    // Inline: a suspend call per chunk would allocate its continuation per chunk.
    private suspend inline fun emit(
        run: StreamRun,
        downstream: Downstream,
        chunk: ChatCompletionChunk,
    ) {
        if (run.emitted++ == 0) downstream.observer.firstChunk()
        run.metrics.chunk(chunk)
        paused(downstream) { downstream.collector.emit(chunk) }
    }

    /** Runs caller code with the idle clock stopped; its exceptions pass through unchanged. */
    private suspend inline fun paused(downstream: Downstream, block: () -> Unit) {
        downstream.watchdog.pause()
        try {
            block()
        } catch (e: CancellationException) {
            throw e
        } catch (e: Throwable) {
            throw DownstreamFailure(e)
        } finally {
            downstream.watchdog.activity()
        }
    }

    /**
     * Events decoded from one read, held until the read is processed (the listener cannot suspend),
     * and the stream's chunk decoder.
     */
    private class EventBuffer(
        private val metrics: StreamMetricsRecorder,
        val chunks: ChunkDecoder,
    ) : SseListener {
        val types = ArrayList<String?>()
        val data = ArrayList<String?>()
        val size: Int
            get() = data.size

        override fun onEvent(id: String?, type: String?, data: String) {
            types.add(type)
            this.data.add(data)
        }

        override fun onComment(comment: String) {
            metrics.comment()
        }

        fun clear() {
            types.clear()
            data.clear()
        }
    }

    private companion object {
        const val DONE = "[DONE]"
        const val PATH = "/chat/completions"
        const val READ_BUFFER_BYTES = 8192

        /**
         * OkHttp's own bound for discarding an unread body
         * (`ExchangeCodec.DISCARD_STREAM_TIMEOUT_MILLIS`).
         */
        const val FINISH_BODY_MILLIS = 100L
        const val FINISH_BODY_BYTES = 64 * 1024
    }
}
