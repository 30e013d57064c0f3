package ai.auriko.client.internal

import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonElement

/**
 * A successful response's body (already without the key) as JSON, parsed once; a body that is not
 * JSON is a [ai.auriko.errors.MalformedResponseException] quoting a short snippet of it.
 */
internal fun parseJsonBody(text: String, headers: ResponseHeaders): JsonElement =
    try {
        WireJson.parseToJsonElement(text)
    } catch (e: SerializationException) {
        throw SdkExceptions.malformed(
            "the response is not JSON: ${ErrorResponses.snippet(text)}",
            e,
            headers.requestId(),
            null,
        )
    }
