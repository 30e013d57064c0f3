package ai.auriko.client.structured

import ai.auriko.client.RequestOptions
import ai.auriko.client.dsl.ResponseRequestBuilder
import ai.auriko.client.dsl.responseRequest
import ai.auriko.client.responses.Responses
import ai.auriko.client.structured.internal.StructuredResults
import ai.auriko.request.responses.ResponseRequest

// Structured outputs on the Responses API: the same rules as chat's, through `text.format`.

/**
 * Sends [request] asking for JSON matching [output]'s schema (`text.format: json_schema`) and
 * returns the typed value of [ai.auriko.client.responses.Response.outputText] beside the response.
 * A request whose `text.format` is already set to another format is rejected with an
 * [ai.auriko.errors.InvalidRequestException] (param `text.format`) before anything is sent.
 *
 * @return the value, or the model's refusal (a `refusal` content part:
 *   [StructuredResponse.isRefusal])
 * @throws ai.auriko.errors.StructuredOutputException when the text does not match (kind `MISMATCH`)
 *   or the response is `incomplete` (`TRUNCATED`), with the raw text and the response
 * @throws ai.auriko.errors.AurikoException whatever [Responses.create] throws
 */
public suspend fun <T> Responses.create(
    output: StructuredOutput<T>,
    request: ResponseRequest,
    options: RequestOptions = RequestOptions.NONE,
): StructuredResponse<T> {
    val response = create(StructuredResults.withFormat(request, output.schema), options)
    return StructuredResults.ofResponse(response, output)
}

/**
 * Sends [request] asking for JSON matching [T]'s generated schema; see the overload taking a
 * [StructuredOutput].
 */
public suspend inline fun <reified T> Responses.create(
    request: ResponseRequest,
    options: RequestOptions = RequestOptions.NONE,
): StructuredResponse<T> = create(structuredOutput<T>(), request, options)

/**
 * Sends a request built with the DSL asking for JSON matching [T]'s generated schema:
 * ```
 * val weather = client.responses.create<Weather> { model = "gpt-4o"; input = "Oslo?" }.valueOrThrow()
 * ```
 *
 * See the overload taking a [StructuredOutput].
 */
public suspend inline fun <reified T> Responses.create(
    noinline build: ResponseRequestBuilder.() -> Unit
): StructuredResponse<T> = create(structuredOutput<T>(), responseRequest(build))
