package ai.auriko.client.internal

import ai.auriko.errors.AurikoException
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import io.ktor.client.request.prepareRequest
import io.ktor.client.statement.HttpResponse
import io.ktor.client.statement.bodyAsText
import io.ktor.http.HttpMethod
import io.ktor.http.isSuccess
import kotlinx.coroutines.withTimeoutOrNull

/**
 * One non-streaming call (a chat `create`, a management read): sends [method] to [path] under the
 * retry policy and the request timeout of [settings] (the client's, or the call's own), classifies
 * an error status, and hands a successful response's body (without the key) to [read].
 */
internal suspend fun <T : Any> ClientRuntime.exchange(
    method: HttpMethod,
    path: String,
    body: ByteArray?,
    settings: CallSettings,
    model: String? = null,
    read: (text: String, headers: ResponseHeaders) -> T,
): T {
    lifecycle.ensureOpen()
    val observer = observe(method, path, streaming = false, model = model)
    return runner.run(observer, settings) { attempt ->
        val state = AttemptState("the client was closed during the call")
        runner.attempt(state) {
            withTimeoutOrNull(settings.requestTimeout) {
                http
                    .prepareRequest(url(path)) {
                        this.method = method
                        sdkHeaders(options, settings, body, accept = "application/json")
                        observer.request(this, body, attempt)
                    }
                    .execute { response ->
                        state.responseStarted = true
                        val headers = response.typedHeaders(redactor)
                        state.headers = headers
                        observer.responseHeaders(response.status.value, headers)
                        if (!response.status.isSuccess())
                            throw statusError(response, headers, observer)
                        val text = redactor.text(response.bodyAsText())
                        observer.responseBody(text)
                        read(text, headers)
                    }
            }
                ?: throw SdkExceptions.timeout(
                    AurikoTimeoutException.Kind.REQUEST,
                    settings.requestTimeout.toJava(),
                    null,
                    state.requestId,
                    null,
                )
        }
    }
}

/**
 * The exception for a response whose status is not a success: a redirect names where it pointed,
 * without its body being read; any other status is classified from at most [MAX_ERROR_BODY_BYTES]
 * of its body.
 */
internal suspend fun ClientRuntime.statusError(
    response: HttpResponse,
    headers: ResponseHeaders,
    observer: CallObserver,
): AurikoException {
    val status = response.status.value
    if (status in 300..399) return errors.fromRedirect(status, headers)
    val text = response.readCappedText(redactor)
    observer.responseBody(text)
    return errors.fromStatus(status, headers, text)
}
