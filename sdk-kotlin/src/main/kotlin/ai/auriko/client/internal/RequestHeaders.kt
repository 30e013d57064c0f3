package ai.auriko.client.internal

import ai.auriko.client.AurikoClientOptions
import io.ktor.client.plugins.timeout
import io.ktor.client.request.HttpRequestBuilder
import io.ktor.client.request.header
import io.ktor.client.request.setBody
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.content.ByteArrayContent

/**
 * Sets what every request carries: the key, the user agent, [accept], the client's default headers
 * (which replace the SDK's own of the same name), the call's own headers and query parameters
 * ([call]: each replaces one of the same name, so a per-call `Authorization` replaces the client's
 * key on every attempt) and [body] as JSON. Engine timeouts are switched off per request because
 * the SDK enforces its own (first-event, idle, request) engine-independently; OkHttp's 10-second
 * default read timeout would otherwise cut long-thinking streams.
 */
internal fun HttpRequestBuilder.sdkHeaders(
    options: AurikoClientOptions,
    call: CallSettings,
    body: ByteArray?,
    accept: String,
) {
    header(HttpHeaders.Authorization, "Bearer ${options.secretApiKey()}")
    header(HttpHeaders.UserAgent, options.userAgent)
    header(HttpHeaders.Accept, accept)
    for ((name, value) in options.headersToSend()) {
        headers.remove(name)
        header(name, value)
    }
    // Ktor's header names are case-insensitive: remove() drops `authorization` for `Authorization`.
    for ((name, value) in call.headers) {
        headers.remove(name)
        header(name, value)
    }
    for ((name, value) in call.queryParams) {
        url.parameters.remove(name)
        url.parameters.append(name, value)
    }
    timeout {
        requestTimeoutMillis = NO_ENGINE_TIMEOUT
        socketTimeoutMillis = NO_ENGINE_TIMEOUT
    }
    if (body != null) setBody(ByteArrayContent(body, ContentType.Application.Json))
}

private const val NO_ENGINE_TIMEOUT: Long = Long.MAX_VALUE
