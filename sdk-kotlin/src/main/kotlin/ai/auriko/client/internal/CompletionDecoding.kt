package ai.auriko.client.internal

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.ChunkChoice
import ai.auriko.client.chat.ChunkDelta
import ai.auriko.client.chat.FunctionCallDelta
import ai.auriko.client.chat.ToolCallDelta
import ai.auriko.errors.MalformedResponseException
import ai.auriko.errors.internal.ParsedErrorBody
import ai.auriko.http.ResponseHeaders
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject

/**
 * Decodes a 200 JSON body as a [ChatCompletion]. A body whose top-level `error` is an object is an
 * error the server reported with a success status, and throws the classified exception.
 */
internal fun decodeCompletionOrThrow(
    transport: Transport,
    text: String,
    headers: ResponseHeaders,
): ChatCompletion {
    val element =
        try {
            transport.json.parseToJsonElement(text)
        } catch (e: SerializationException) {
            throw MalformedResponseException(
                "the response is not JSON: ${ParsedErrorBody.snippet(text)}",
                e,
                headers.requestId(),
                null,
            )
        }
    val error = (element as? JsonObject)?.get("error")
    if (error != null && error !is JsonNull)
        throw transport.classifier.fromStreamEvent(text, headers, null)
    val completion =
        try {
            transport.json.decodeFromJsonElement(ChatCompletion.serializer(), element)
        } catch (e: SerializationException) {
            throw MalformedResponseException(
                "the response is not a chat completion: ${ParsedErrorBody.snippet(text)}",
                e,
                headers.requestId(),
                null,
            )
        } catch (e: IllegalArgumentException) {
            throw MalformedResponseException(
                "the response is not a chat completion: ${ParsedErrorBody.snippet(text)}",
                e,
                headers.requestId(),
                null,
            )
        }
    completion.responseHeaders = headers
    return completion
}

/** The whole completion as the one chunk a stream of it would add up to. */
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
                                        ),
                                    )
                                },
                            refusal = m.refusal,
                        ),
                    finishReason = choice.finishReason,
                    nativeFinishReason = choice.nativeFinishReason,
                    logprobs = choice.logprobs,
                )
            },
        usage = usage,
        routingMetadata = routingMetadata,
    )
