package ai.auriko.client.structured

import ai.auriko.client.RequestOptions
import ai.auriko.client.chat.ChatCompletions
import ai.auriko.client.dsl.ChatCompletionRequestBuilder
import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.structured.internal.ObjectStream
import ai.auriko.client.structured.internal.StructuredResults
import ai.auriko.request.chat.ChatCompletionRequest
import kotlinx.coroutines.flow.Flow
import kotlinx.serialization.KSerializer

// Structured outputs on chat completions. Extensions, not members, so that the endpoint class
// stays one concept; Java reaches the same calls through the blocking facade's createStructured.

/**
 * Sends [request] asking for JSON matching [output]'s schema (`response_format: json_schema`) and
 * returns the typed value beside the completion:
 * ```
 * val weather = client.chat.completions.create(structuredOutput<Weather>(), request).valueOrThrow()
 * ```
 *
 * A request whose `response_format` is already set to another format is rejected with an
 * [ai.auriko.errors.InvalidRequestException] (param `response_format`) before anything is sent.
 *
 * @return the value, or the model's refusal ([StructuredCompletion.isRefusal])
 * @throws ai.auriko.errors.StructuredOutputException when the text does not match (kind `MISMATCH`)
 *   or was cut at the token limit (`TRUNCATED`), with the raw text and the completion
 * @throws ai.auriko.errors.AurikoException whatever [ChatCompletions.create] throws
 */
public suspend fun <T> ChatCompletions.create(
    output: StructuredOutput<T>,
    request: ChatCompletionRequest,
    options: RequestOptions = RequestOptions.NONE,
): StructuredCompletion<T> {
    val completion = create(StructuredResults.withFormat(request, output.schema), options)
    return StructuredResults.ofCompletion(completion, output)
}

/**
 * [create] with [serializer]'s generated schema (named [name], by default the type's simple serial
 * name): the non-reified form, for generic code.
 */
public suspend fun <T> ChatCompletions.create(
    serializer: KSerializer<T>,
    request: ChatCompletionRequest,
    name: String? = null,
): StructuredCompletion<T> = create(StructuredOutput.of(serializer, name), request)

/**
 * Sends [request] asking for JSON matching [T]'s generated schema and returns the typed value
 * beside the completion; see the overload taking a [StructuredOutput].
 */
public suspend inline fun <reified T> ChatCompletions.create(
    request: ChatCompletionRequest,
    options: RequestOptions = RequestOptions.NONE,
): StructuredCompletion<T> = create(structuredOutput<T>(), request, options)

/**
 * Sends a request built with the DSL asking for JSON matching [T]'s generated schema:
 * ```
 * val answer = client.chat.completions.create<Weather> {
 *     model = "gpt-4o"
 *     messages { user("Weather in Oslo?") }
 * }
 * println(answer.valueOrThrow().temperature)
 * ```
 *
 * See the overload taking a [StructuredOutput].
 */
public suspend inline fun <reified T> ChatCompletions.create(
    noinline build: ChatCompletionRequestBuilder.() -> Unit
): StructuredCompletion<T> = create(structuredOutput<T>(), chatCompletionRequest(build))

/**
 * Streams [request] asking for JSON matching [output]'s schema, as a cold [Flow] of
 * [PartialObject]s: one each time the JSON so far changed, then a complete one with the validated
 * value (see [PartialObject] for what a partial shows). Built on [ChatCompletions.stream], so it
 * ends, fails and cancels as every stream does: a gateway error or a broken stream throws the typed
 * exception with the partial completion; cancelling the collector cancels the request.
 *
 * At the end: a refusal is a complete item whose result [StructuredCompletion.isRefusal]; text that
 * does not match, or a stream that stopped at the token limit, throws a
 * [ai.auriko.errors.StructuredOutputException] with the raw text and the completion. Only choice 0
 * is read.
 */
public fun <T> ChatCompletions.streamObject(
    output: StructuredOutput<T>,
    request: ChatCompletionRequest,
    options: RequestOptions = RequestOptions.NONE,
): Flow<PartialObject<T>> {
    val formatted = StructuredResults.withFormat(request, output.schema)
    return ObjectStream.of(output) { stream(formatted, options) }
}

/**
 * Streams a request built with the DSL asking for JSON matching [T]'s generated schema:
 * ```
 * client.chat.completions.streamObject<Weather> { model = "gpt-4o"; messages { user("…") } }
 *     .collect { println(it.json) }
 * ```
 *
 * See the overload taking a [StructuredOutput].
 */
public inline fun <reified T> ChatCompletions.streamObject(
    noinline build: ChatCompletionRequestBuilder.() -> Unit
): Flow<PartialObject<T>> = streamObject(structuredOutput<T>(), chatCompletionRequest(build))

/**
 * [streamObject] of [request] with [T]'s generated schema; see the overload taking a
 * [StructuredOutput].
 */
public inline fun <reified T> ChatCompletions.streamObject(
    request: ChatCompletionRequest,
    options: RequestOptions = RequestOptions.NONE,
): Flow<PartialObject<T>> = streamObject(structuredOutput<T>(), request, options)
