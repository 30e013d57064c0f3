package ai.auriko.client.internal

import ai.auriko.client.chat.StreamError
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.ErrorClassifier
import ai.auriko.errors.ErrorDetails
import ai.auriko.errors.PartialResult
import ai.auriko.http.ResponseHeaders
import io.ktor.http.HttpHeaders
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * Turns what a server reported as an error into the classified exception, reading each error body
 * once, with kotlinx.serialization. The shapes seen in the wild:
 * - `{"error":{"code":…, "type":…, "message":…, "param":…}}`, the code a string or a number
 *   (OpenAI, Auriko, most gateways);
 * - `{"error":"text"}` and `{"message":"text", "code":…}` (simpler proxies);
 * - `{"detail":"text"}` (FastAPI servers);
 * - HTML or plain text from a proxy or load balancer: its `<title>` or first words, as a snippet.
 *
 * Every exception keeps the raw text (bounded) as [AurikoApiException.body]. All text that enters
 * here passes the [Redactor] first, so the key reaches neither a message nor a body.
 */
internal class ErrorResponses(
    private val classifier: ErrorClassifier,
    private val redactor: Redactor,
) {
    /** An HTTP error status; [text] is the (capped, redacted) body. */
    fun fromStatus(status: Int, headers: ResponseHeaders, body: String): AurikoApiException {
        val text = redactor.text(body)
        val fields = read(text)
        return classifier.classify(
            fields
                .details(status, headers, text)
                .message(fields.message.orIfEmpty("HTTP $status with no error message"))
                .build()
        )
    }

    /** A redirect, which the client never follows; its body is not read. */
    fun fromRedirect(status: Int, headers: ResponseHeaders): AurikoApiException {
        val location = headers.get(HttpHeaders.Location) ?: "(no Location header)"
        return classifier.classify(
            ErrorDetails.builder()
                .statusCode(status)
                .message(
                    "the server answered $status, a redirect to $location; the client follows no redirects"
                )
                .headers(headers)
                .build()
        )
    }

    /** The data of an `event: error` event inside a 200 stream. */
    fun fromErrorEvent(
        data: String,
        headers: ResponseHeaders,
        partial: PartialResult?,
    ): AurikoApiException {
        val text = redactor.text(data)
        return inStream(read(text), text, headers, partial)
    }

    /** A stream event whose top-level `error` object was decoded with the rest of the event. */
    fun fromStreamError(
        error: StreamError,
        data: String,
        headers: ResponseHeaders,
        partial: PartialResult?,
    ): AurikoApiException =
        inStream(
            Fields(
                code(error.code)?.let(redactor::text),
                error.type?.let(redactor::text),
                error.message?.let(redactor::text),
                error.param?.let(redactor::text),
            ),
            redactor.text(data),
            headers,
            partial,
        )

    /**
     * A whole (non-streamed) 200 body whose top-level `error` is not null: an error the server
     * reported with a success status. Not a stream error: nothing was streamed.
     */
    fun fromSuccessBody(
        body: JsonObject,
        text: String,
        headers: ResponseHeaders,
        partial: PartialResult? = null,
        fallbackMessage: String = "the server answered 200 with an error object",
    ): AurikoApiException {
        val fields = read(body)?.redacted() ?: Fields(null, null, null, null)
        return classifier.classify(
            fields
                .details(200, headers, redactor.text(text))
                .message(fields.message.orIfEmpty(fallbackMessage))
                .partialResult(partial)
                .build()
        )
    }

    private fun inStream(
        fields: Fields,
        data: String,
        headers: ResponseHeaders,
        partial: PartialResult?,
    ): AurikoApiException =
        classifier.classify(
            fields
                .details(200, headers, data)
                .message(fields.message.orIfEmpty("the server reported an error in the stream"))
                .streamError(true)
                .partialResult(partial)
                .build()
        )

    private fun Fields.redacted() =
        Fields(
            code?.let(redactor::text),
            type?.let(redactor::text),
            message?.let(redactor::text),
            param?.let(redactor::text),
        )

    /** What an error body says; [message] is a snippet when the body is not a known shape. */
    private class Fields(
        val code: String?,
        val type: String?,
        val message: String?,
        val param: String?,
    ) {
        fun details(status: Int, headers: ResponseHeaders, raw: String): ErrorDetails.Builder =
            ErrorDetails.builder()
                .statusCode(status)
                .code(code)
                .type(type)
                .param(param)
                .headers(headers)
                .body(raw)
    }

    private fun read(text: String): Fields {
        if (text.isBlank()) return Fields(null, null, null, null)
        val element =
            try {
                WireJson.parseToJsonElement(text)
            } catch (e: SerializationException) {
                null
            }
        // The fields are redacted again after parsing: a JSON escape (`sk\u002d…`) hides the key
        // from the raw text's redaction but not from the decoded string.
        return if (element is JsonObject)
            read(element)?.redacted() ?: Fields(null, null, snippet(text), null)
        else Fields(null, null, snippet(text), null)
    }

    private fun read(body: JsonObject): Fields? {
        val error = body["error"]
        if (error is JsonObject) return fromObject(error)
        if (error is JsonPrimitive && error.isString)
            return Fields(text(body["code"]), text(body["type"]), error.content, null)
        if ("message" in body || "code" in body) return fromObject(body)
        val detail = body["detail"]
        if (detail is JsonPrimitive && detail.isString)
            return Fields(null, null, detail.content, null)
        return null
    }

    private fun fromObject(error: JsonObject) =
        Fields(
            text(error["code"]),
            text(error["type"]),
            text(error["message"]),
            text(error["param"]),
        )

    /** A scalar as text; objects, arrays and null are no text. */
    private fun text(value: JsonElement?): String? =
        when (value) {
            null,
            is JsonNull,
            is JsonObject,
            is JsonArray -> null
            is JsonPrimitive -> if (value.isString) value.content else code(value.content)
        }

    /** A numeric code may arrive as `400.0` from some serialisers; it means `400`. */
    private fun code(text: String?): String? {
        if (text == null || !text.endsWith(".0") || text.length <= 2) return text
        val integer = text.substring(0, text.length - 2)
        return if (integer.all { it in '0'..'9' }) integer else text
    }

    private fun String?.orIfEmpty(fallback: String): String =
        if (isNullOrEmpty()) fallback else this

    companion object {
        /** The longest snippet of a body kept in a message. */
        const val MAX_SNIPPET: Int = 200

        private val TITLE = Regex("(?is)<title[^>]*>(.*?)</title>")
        private val TAG = Regex("(?s)<[^>]*>")
        private val SPACE = Regex("\\s+")

        /**
         * A short, single-line rendering of a body for a message: an HTML page's title (or its text
         * without tags), whitespace collapsed, cut to [MAX_SNIPPET] characters.
         */
        fun snippet(body: String): String {
            var text = if (body.length > 64 * 1024) body.substring(0, 64 * 1024) else body
            val lower = text.lowercase()
            if (
                lower.contains("<html") || lower.contains("<!doctype") || lower.contains("<title")
            ) {
                text = TITLE.find(text)?.groupValues?.get(1) ?: TAG.replace(text, " ")
            }
            text = SPACE.replace(text, " ").trim()
            if (text.length > MAX_SNIPPET) text = text.substring(0, MAX_SNIPPET) + "…"
            return text
        }
    }
}
