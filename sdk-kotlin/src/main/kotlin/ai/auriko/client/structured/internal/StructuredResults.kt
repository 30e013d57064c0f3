package ai.auriko.client.structured.internal

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.internal.invalidField
import ai.auriko.client.responses.Response
import ai.auriko.client.responses.ResponseContentPart
import ai.auriko.client.responses.ResponseOutputItem
import ai.auriko.client.structured.JsonSchema
import ai.auriko.client.structured.StructuredCompletion
import ai.auriko.client.structured.StructuredOutput
import ai.auriko.client.structured.StructuredResponse
import ai.auriko.errors.PartialResult
import ai.auriko.errors.SdkExceptions
import ai.auriko.errors.StructuredOutputException
import ai.auriko.errors.StructuredOutputException.Kind
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.responses.ResponseRequest
import kotlin.coroutines.cancellation.CancellationException

/**
 * The rules of a structured call, in one place for chat, its stream and the Responses API: which
 * format the request carries, and what an answer becomes (a value, a refusal, or a
 * [StructuredOutputException]).
 */
internal object StructuredResults {
    /** How much of the model's text a message shows: enough to recognise it, never all of it. */
    private const val EXCERPT = 60
    private const val CAUSE = 200

    /**
     * [request] with `response_format` set to [schema]'s. One already set to exactly that is kept;
     * another is an error, not overwritten: the caller asked for two different formats, and
     * guessing which one they meant would parse an answer against the wrong schema.
     */
    fun withFormat(request: ChatCompletionRequest, schema: JsonSchema): ChatCompletionRequest {
        val format = schema.toResponseFormat()
        val current =
            request.responseFormat() ?: return request.toBuilder().responseFormat(format).build()
        if (current == format) return request
        throw invalidField(
            "response_format",
            "already set ($current); a structured call sets it to the json_schema " +
                "'${schema.name}': leave it unset",
        )
    }

    /** [request] with `text.format` set to [schema]'s; the same rule as for chat. */
    fun withFormat(request: ResponseRequest, schema: JsonSchema): ResponseRequest {
        val format = schema.toResponseFormat()
        val current = request.textFormat() ?: return request.toBuilder().textFormat(format).build()
        if (current == format) return request
        throw invalidField(
            "text.format",
            "already set ($current); a structured call sets it to the json_schema " +
                "'${schema.name}': leave it unset",
        )
    }

    /**
     * The first choice of [completion] as a structured result: its refusal, or its content parsed.
     * A `length` finish is [Kind.TRUNCATED] without parsing (the JSON was cut, and a prefix that
     * happens to parse is not the answer).
     */
    fun <T> ofCompletion(
        completion: ChatCompletion,
        output: StructuredOutput<T>,
    ): StructuredCompletion<T> {
        val name = output.schema.name
        val requestId = completion.responseHeaders.requestId()
        val choice = completion.choices.firstOrNull()
        val message = choice?.message
        message?.refusal?.let {
            return StructuredCompletion(completion, null, it, name)
        }
        val text = message?.content
        if (choice?.finishReason == "length") {
            throw truncated(name, text, "finish_reason is length", completion, requestId)
        }
        val reason = choice?.finishReason?.let { " (finish_reason $it)" } ?: ""
        val value = parse(output, text, reason, completion, requestId)
        return StructuredCompletion(completion, value, null, name)
    }

    /**
     * [response] as a structured result: its refusal parts, or its output text parsed. An
     * `incomplete` response (token limit, content filter) is [Kind.TRUNCATED].
     */
    fun <T> ofResponse(response: Response, output: StructuredOutput<T>): StructuredResponse<T> {
        val name = output.schema.name
        val requestId = response.responseHeaders.requestId()
        val refusals =
            response.output
                .filterIsInstance<ResponseOutputItem.Message>()
                .flatMap { it.content }
                .filterIsInstance<ResponseContentPart.Refusal>()
        if (refusals.isNotEmpty()) {
            return StructuredResponse(
                response,
                null,
                refusals.joinToString("") { it.refusal },
                name,
            )
        }
        val text = response.outputText
        if (response.status == "incomplete") {
            val why = response.incompleteDetails?.reason ?: "no reason given"
            throw truncated(name, text, "the response is incomplete ($why)", response, requestId)
        }
        val value = parse(output, text.ifEmpty { null }, "", response, requestId)
        return StructuredResponse(response, value, null, name)
    }

    fun refused(
        schemaName: String,
        refusal: String,
        partial: PartialResult,
        requestId: String?,
    ): StructuredOutputException =
        SdkExceptions.structuredOutput(
            Kind.REFUSED,
            "the model refused to answer with '$schemaName': ${excerpt(refusal)}",
            refusal,
            null,
            requestId,
            partial,
        )

    private fun truncated(
        schemaName: String,
        text: String?,
        why: String,
        partial: PartialResult,
        requestId: String?,
    ): StructuredOutputException =
        SdkExceptions.structuredOutput(
            Kind.TRUNCATED,
            "the answer for '$schemaName' was cut: $why; ${length(text)} (rawText())",
            text,
            null,
            requestId,
            partial,
        )

    private fun <T> parse(
        output: StructuredOutput<T>,
        text: String?,
        reason: String,
        partial: PartialResult,
        requestId: String?,
    ): T {
        val name = output.schema.name
        if (text == null) {
            throw SdkExceptions.structuredOutput(
                Kind.MISMATCH,
                "the answer for '$name' has no text$reason",
                null,
                null,
                requestId,
                partial,
            )
        }
        val failure: Throwable =
            try {
                return output.parse(text) ?: throw NullPointerException("the parser returned null")
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                e
            }
        throw SdkExceptions.structuredOutput(
            Kind.MISMATCH,
            "the answer does not match '$name'$reason: ${firstLine(failure)}; " +
                "${length(text)}, starting ${excerpt(text)} (rawText())",
            text,
            failure,
            requestId,
            partial,
        )
    }

    private fun length(text: String?): String =
        if (text == null) "no text" else "${text.length} chars of text"

    private fun excerpt(text: String): String {
        val oneLine = text.replace('\n', ' ').replace('\r', ' ')
        return if (oneLine.length <= EXCERPT) "\"$oneLine\"" else "\"${oneLine.take(EXCERPT)}…\""
    }

    /** The parser's reason, without the copy of the input kotlinx.serialization appends. */
    private fun firstLine(e: Throwable): String {
        val line = (e.message ?: e.javaClass.simpleName).lineSequence().first()
        return if (line.length <= CAUSE) line else line.take(CAUSE) + "…"
    }
}
