package ai.auriko.client.internal.chat

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.ChunkChoice
import ai.auriko.client.chat.ChunkDelta
import ai.auriko.client.chat.FunctionCallDelta
import ai.auriko.client.chat.ToolCallDelta
import ai.auriko.client.internal.ErrorResponses
import ai.auriko.client.internal.WireJson
import ai.auriko.client.internal.parseJsonBody
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.ResponseHeaders
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject

/**
 * Decodes a 200 JSON body (already without the key) as a [ChatCompletion], parsing it once. A body
 * whose top-level `error` is not null is an error the server reported with a success status, and
 * throws the classified exception, and so does a choice whose `finish_reason` is `error`, with the
 * completion as the partial result.
 */
internal fun decodeCompletion(
    errors: ErrorResponses,
    text: String,
    headers: ResponseHeaders,
): ChatCompletion {
    val element = parseJsonBody(text, headers)
    val error = (element as? JsonObject)?.get("error")
    if (error != null && error !is JsonNull) throw errors.fromSuccessBody(element, text, headers)
    val completion =
        try {
            WireJson.decodeFromJsonElement(ChatCompletion.serializer(), element)
        } catch (e: SerializationException) {
            throw notACompletion(text, e, headers)
        } catch (e: IllegalArgumentException) {
            throw notACompletion(text, e, headers)
        }
    completion.responseHeaders = headers
    // A choice that finished with "error" is an answer that failed part-way, not a whole one (see
    // ChatStreamFormat.endedInError); what arrived travels with the exception.
    val failed = completion.choices.firstOrNull { it.finishReason == "error" }
    if (failed != null)
        throw errors.fromSuccessBody(
            element as JsonObject,
            text,
            headers,
            completion,
            "the answer ended with finish_reason \"error\" (choice ${failed.index}) and no error object",
        )
    return completion
}

private fun notACompletion(text: String, e: Exception, headers: ResponseHeaders) =
    SdkExceptions.malformed(
        "the response is not a chat completion: ${ErrorResponses.snippet(text)}",
        e,
        headers.requestId(),
        null,
    )

/**
 * The whole completion as the one chunk a stream of it would add up to; the members each object did
 * not model travel with it (the message's on the delta).
 */
internal fun ChatCompletion.toSingleChunk(): ChatCompletionChunk =
    ChatCompletionChunk(
            id = id,
            objectType = "chat.completion.chunk",
            created = created,
            model = model,
            systemFingerprint = systemFingerprint,
            serviceTier = serviceTier,
            choices =
                choices.map { choice ->
                    val m = choice.message
                    ChunkChoice(
                            index = choice.index,
                            delta =
                                ChunkDelta(
                                        role = m.role,
                                        content = m.content,
                                        reasoningContent = m.reasoningContent,
                                        // A delta holds one of each: a JSON body answering a
                                        // stream request with several keeps the last (this is
                                        // the not-a-stream fallback).
                                        reasoningSignature = m.reasoningSignature,
                                        reasoningRedactedData = m.reasoningRedactedData,
                                        toolCalls =
                                            m.toolCalls.mapIndexed { i, call ->
                                                ToolCallDelta(
                                                        i,
                                                        call.id,
                                                        call.type,
                                                        FunctionCallDelta(
                                                                call.function.name,
                                                                call.function.arguments,
                                                            )
                                                            .also {
                                                                it.additionalProperties =
                                                                    call.function
                                                                        .additionalProperties
                                                            },
                                                    )
                                                    .also {
                                                        it.additionalProperties =
                                                            call.additionalProperties
                                                    }
                                            },
                                        refusal = m.refusal,
                                    )
                                    .also { it.additionalProperties = m.additionalProperties },
                            finishReason = choice.finishReason,
                            nativeFinishReason = choice.nativeFinishReason,
                            logprobs = choice.logprobs,
                        )
                        .also { it.additionalProperties = choice.additionalProperties }
                },
            usage = usage,
            routingMetadata = routingMetadata,
        )
        .also { it.additionalProperties = additionalProperties }
