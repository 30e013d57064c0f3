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
 * not null, or whose status is `failed`, throws the classified exception, carrying the decoded
 * [Response] (its id, usage and output so far) when the body is one; an `incomplete` response is
 * returned as it is, as are the statuses of background responses (`queued`, `in_progress`).
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
    val failed = error != null && error !is JsonNull
    val response =
        try {
            ResponseEventDecoding.response(obj)
        } catch (e: SerializationException) {
            if (failed) throw errors.fromSuccessBody(obj, text, headers)
            throw notAResponse(text, e, headers, redactor)
        } catch (e: IllegalArgumentException) {
            if (failed) throw errors.fromSuccessBody(obj, text, headers)
            throw notAResponse(text, e, headers, redactor)
        }
    response.responseHeaders = headers
    if (failed || response.status == "failed") {
        // A plain error body (no `object: response`) is not a partial response.
        val partial = response.takeIf { it.objectType == "response" || it.id != null }
        throw errors.fromSuccessBody(obj, text, headers, partial)
    }
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
