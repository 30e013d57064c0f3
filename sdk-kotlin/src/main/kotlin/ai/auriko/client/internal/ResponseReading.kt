package ai.auriko.client.internal

import ai.auriko.http.ResponseHeaders
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsChannel
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
