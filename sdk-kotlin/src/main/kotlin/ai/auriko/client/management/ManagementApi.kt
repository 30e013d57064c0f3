package ai.auriko.client.management

import ai.auriko.client.RequestOptions
import ai.auriko.client.internal.ClientRuntime
import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.exchange
import ai.auriko.client.internal.parseJsonBody
import ai.auriko.errors.InvalidRequestException
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import io.ktor.http.HttpMethod
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * The shared machinery of the read-only management endpoints: GET (with the call's [RequestOptions]
 * over the client's settings), decode, keep the raw JSON.
 */
internal class ManagementApi(private val runtime: ClientRuntime) {
    suspend fun <T : ApiObject> getObject(
        path: String,
        serializer: KSerializer<T>,
        options: RequestOptions,
    ): T =
        runtime.exchange(HttpMethod.Get, path, null, runtime.settings(options)) { text, headers ->
            val element = parse(text, headers)
            val obj =
                element as? JsonObject
                    ?: throw malformed("expected a JSON object", element, headers)
            decode(obj, serializer, headers)
        }

    suspend fun <T : ApiObject> getList(
        path: String,
        serializer: KSerializer<T>,
        options: RequestOptions,
    ): ApiList<T> =
        runtime.exchange(HttpMethod.Get, path, null, runtime.settings(options)) { text, headers ->
            val element = parse(text, headers)
            val items =
                when (element) {
                    is JsonArray -> element
                    is JsonObject ->
                        element["data"] as? JsonArray
                            ?: throw malformed("expected a \"data\" array", element, headers)
                    else -> throw malformed("expected a list", element, headers)
                }
            val objects =
                items.map {
                    it as? JsonObject
                        ?: throw malformed("a list item is not an object", it, headers)
                }
            ApiList(objects.map { decode(it, serializer, headers) }, headers, element)
        }

    private fun parse(text: String, headers: ResponseHeaders): JsonElement =
        parseJsonBody(text, headers)

    private fun <T : ApiObject> decode(
        obj: JsonObject,
        serializer: KSerializer<T>,
        headers: ResponseHeaders,
    ): T {
        val value =
            try {
                WireJson.decodeFromJsonElement(serializer, obj)
            } catch (e: SerializationException) {
                throw malformed("a field has an unexpected type (${e.message})", obj, headers)
            } catch (e: IllegalArgumentException) {
                throw malformed("a field has an unexpected type (${e.message})", obj, headers)
            }
        value.raw = obj
        value.responseHeaders = headers
        return value
    }

    private fun malformed(what: String, element: JsonElement, headers: ResponseHeaders) =
        SdkExceptions.malformed(
            "unexpected response: $what: ${ErrorResponses.snippet(runtime.redactor.text(element.toString()))}",
            null,
            headers.requestId(),
            null,
        )

    companion object {
        /**
         * Validates an id before any I/O and encodes it as one path segment (RFC 3986 unreserved
         * kept).
         */
        fun segment(param: String, id: String): String {
            if (id.isBlank())
                throw InvalidRequestException.ofField(param, "$param: must not be blank")
            // "." and ".." would be removed by URL normalisation (RFC 3986 §5.2.4) — even percent-
            // encoded, by WHATWG parsers — and the call would reach a different endpoint.
            if (id == "." || id == "..")
                throw InvalidRequestException.ofField(param, "$param: must not be '.' or '..'")
            val out = StringBuilder()
            for (b in id.toByteArray(Charsets.UTF_8)) {
                val c = b.toInt() and 0xFF
                if (
                    (c in 'A'.code..'Z'.code) ||
                        (c in 'a'.code..'z'.code) ||
                        (c in '0'.code..'9'.code) ||
                        c == '-'.code ||
                        c == '.'.code ||
                        c == '_'.code ||
                        c == '~'.code
                ) {
                    out.append(c.toChar())
                } else {
                    out.append('%')
                        .append("0123456789ABCDEF"[c shr 4])
                        .append("0123456789ABCDEF"[c and 15])
                }
            }
            return out.toString()
        }
    }
}
