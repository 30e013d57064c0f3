package ai.auriko.client.internal.responses

import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.Redactor
import ai.auriko.client.internal.parseJsonBody
import ai.auriko.client.responses.Response
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject

/**
 * Decodes a 200 JSON body (already without the key) as a [Response], parsing it once: the answer of
 * `create`, or of a stream whose server ignored `stream: true`. A body whose top-level `error` is
 * not null — an error reported with a success status, or a response whose status is `failed` —
 * throws the classified exception; an `incomplete` response is returned as it is.
 */
internal fun decodeResponse(
    errors: ErrorResponses,
    redactor: Redactor,
    text: String,
    headers: ResponseHeaders,
): Response {
    val obj =
        parseJsonBody(text, headers) as? JsonObject
            ?: throw notAResponse(text, null, headers, redactor)
    val error = obj["error"]
    if (error != null && error !is JsonNull) throw errors.fromSuccessBody(obj, text, headers)
    val response =
        try {
            ResponseEventDecoding.response(obj)
        } catch (e: SerializationException) {
            throw notAResponse(text, e, headers, redactor)
        } catch (e: IllegalArgumentException) {
            throw notAResponse(text, e, headers, redactor)
        }
    response.responseHeaders = headers
    return response
}

private fun notAResponse(
    text: String,
    e: Exception?,
    headers: ResponseHeaders,
    redactor: Redactor,
) =
    SdkExceptions.malformed(
        "the response is not a Responses object: ${ErrorResponses.snippet(redactor.text(text))}",
        e?.let(redactor::cause),
        headers.requestId(),
        null,
    )
