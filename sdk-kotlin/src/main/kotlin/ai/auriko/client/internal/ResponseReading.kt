package ai.auriko.client.internal

import ai.auriko.http.ResponseHeaders
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.InternalAPI
import io.ktor.utils.io.readAvailable

/** Cap on how much of an error body is read. */
internal const val MAX_ERROR_BODY_BYTES: Int = 64 * 1024

/**
 * The response's headers, typed, every name and value through [redactor]: a proxy that echoes
 * request headers back (the key included, in a value, a `Location` or even a header name) must not
 * put the key into request ids, logs or toString().
 */
internal fun HttpResponse.typedHeaders(redactor: Redactor): ResponseHeaders {
    val builder = ResponseHeaders.builder()
    headers.forEach { name, values ->
        val shownName = redactor.text(name)
        values.forEach { builder.add(shownName, redactor.text(it)) }
    }
    return builder.build()
}

/**
 * The body as the engine delivers it, for reading a stream. Not `bodyAsChannel()`: for a
 * `ByteReadChannel`, Ktor's default response transformer copies the engine's channel into a new one
 * in a coroutine on the engine's dispatcher. That coroutine is resumed from the engine's reading
 * thread, which then blocks in its next socket read; on `Dispatchers.IO` the resumed copy waits in
 * that thread's local queue until another worker steals it, which the coroutine scheduler does only
 * after 100 µs (`WORK_STEALING_TIME_RESOLUTION_NS`). Every event paid that: the delivery p50 from
 * server write to collector was 256 µs through `bodyAsChannel()` and 55 µs here, against 50 µs for
 * OkHttp read on the caller's thread (bench/results, issue 22). Nothing in the SDK's client
 * transforms bodies (no content encoding is installed), so the raw channel is the body.
 */
@OptIn(InternalAPI::class) internal fun HttpResponse.streamingBody(): ByteReadChannel = rawContent

/** Reads at most [limit] bytes of the body as UTF-8, without the key. */
internal suspend fun HttpResponse.readCappedText(
    redactor: Redactor,
    limit: Int = MAX_ERROR_BODY_BYTES,
): String {
    val channel = bodyAsChannel()
    val buffer = ByteArray(limit)
    var total = 0
    while (total < limit) {
        val n = channel.readAvailable(buffer, total, limit - total)
        if (n == -1) break
        total += n
    }
    // At the cap, the rest of the body is refused rather than drained: an endless error body
    // would otherwise keep the connection (and the call) busy after the exception was thrown.
    if (total == limit) channel.cancel(null)
    return redactor.text(String(buffer, 0, total, Charsets.UTF_8))
}
