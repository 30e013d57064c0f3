package ai.auriko.client.structured.internal

import ai.auriko.client.chat.stream.ChatCompletionStream
import ai.auriko.client.structured.PartialObject
import ai.auriko.client.structured.StructuredOutput
import ai.auriko.errors.SdkExceptions
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull

/**
 * `streamObject`: a chat stream's choice-0 content fed to a [PartialJsonReader], one
 * [PartialObject] each time the JSON so far changed, then the complete one. The stream itself —
 * retries, end rules, errors with the partial completion, cancellation — is the chat stream's,
 * untouched: this only reads its chunks.
 */
internal object ObjectStream {
    fun <T> of(
        output: StructuredOutput<T>,
        open: () -> ChatCompletionStream,
    ): Flow<PartialObject<T>> = flow {
        // a stream object per collection, so its `completion` is this collection's answer
        val source = open()
        val reader = PartialJsonReader()
        source.collect { chunk ->
            for (choice in chunk.choices) {
                if (choice.index != 0) continue
                val delta = choice.delta.content
                if (delta.isNullOrEmpty() || !reader.feed(delta)) continue
                val json = reader.snapshot() ?: continue
                emit(PartialObject(json, output.decodePartial(json), null))
            }
        }
        val completion =
            source.completion
                ?: throw SdkExceptions.unexpected(
                    "the stream ended without a completion",
                    null,
                    null,
                    null,
                )
        val result = StructuredResults.ofCompletion(completion, output)
        val json: JsonElement =
            when {
                result.isRefusal -> JsonNull
                reader.isComplete -> reader.snapshot() ?: JsonNull
                // the parser accepted a text the reader did not (or did not finish): show it whole
                else ->
                    runCatching { Json.parseToJsonElement(result.text ?: "") }
                        .getOrDefault(JsonNull)
            }
        emit(PartialObject(json, result.value, result))
    }
}
