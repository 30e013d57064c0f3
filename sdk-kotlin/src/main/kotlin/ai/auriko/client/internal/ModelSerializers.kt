package ai.auriko.client.internal

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletionChunk
import ai.auriko.client.chat.ChatCompletionMessage
import ai.auriko.client.chat.ChatCompletionToolCall
import ai.auriko.client.chat.Choice
import ai.auriko.client.chat.ChoiceLogprobs
import ai.auriko.client.chat.ChunkChoice
import ai.auriko.client.chat.ChunkDelta
import ai.auriko.client.chat.CompletionTokensDetails
import ai.auriko.client.chat.FunctionCall
import ai.auriko.client.chat.FunctionCallDelta
import ai.auriko.client.chat.PromptTokensDetails
import ai.auriko.client.chat.StreamError
import ai.auriko.client.chat.TokenLogprob
import ai.auriko.client.chat.ToolCallDelta
import ai.auriko.client.chat.TopLogprob
import ai.auriko.client.chat.Usage
import ai.auriko.client.gateway.Cost
import ai.auriko.client.gateway.RoutingMetadata
import ai.auriko.client.gateway.RoutingWarning

// The response models' serializers: each the generated one plus the members it does not model
// (see ExtrasSerializer). One object per model, named in its @Serializable(with = …).

internal object ChatCompletionSerializer :
    ExtrasSerializer<ChatCompletion>(
        ChatCompletion.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object ChoiceSerializer :
    ExtrasSerializer<Choice>(
        Choice.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object ChatCompletionMessageSerializer :
    ExtrasSerializer<ChatCompletionMessage>(
        ChatCompletionMessage.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object ChatCompletionToolCallSerializer :
    ExtrasSerializer<ChatCompletionToolCall>(
        ChatCompletionToolCall.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object FunctionCallSerializer :
    ExtrasSerializer<FunctionCall>(
        FunctionCall.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object ChatCompletionChunkSerializer :
    ExtrasSerializer<ChatCompletionChunk>(
        ChatCompletionChunk.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object ChunkChoiceSerializer :
    ExtrasSerializer<ChunkChoice>(
        ChunkChoice.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object ChunkDeltaSerializer :
    ExtrasSerializer<ChunkDelta>(
        ChunkDelta.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object ToolCallDeltaSerializer :
    ExtrasSerializer<ToolCallDelta>(
        ToolCallDelta.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object FunctionCallDeltaSerializer :
    ExtrasSerializer<FunctionCallDelta>(
        FunctionCallDelta.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object StreamErrorSerializer :
    ExtrasSerializer<StreamError>(
        StreamError.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object UsageSerializer :
    ExtrasSerializer<Usage>(
        Usage.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object PromptTokensDetailsSerializer :
    ExtrasSerializer<PromptTokensDetails>(
        PromptTokensDetails.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object CompletionTokensDetailsSerializer :
    ExtrasSerializer<CompletionTokensDetails>(
        CompletionTokensDetails.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object ChoiceLogprobsSerializer :
    ExtrasSerializer<ChoiceLogprobs>(
        ChoiceLogprobs.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object TokenLogprobSerializer :
    ExtrasSerializer<TokenLogprob>(
        TokenLogprob.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object TopLogprobSerializer :
    ExtrasSerializer<TopLogprob>(
        TopLogprob.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object RoutingMetadataSerializer :
    ExtrasSerializer<RoutingMetadata>(
        RoutingMetadata.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object CostSerializer :
    ExtrasSerializer<Cost>(
        Cost.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )

internal object RoutingWarningSerializer :
    ExtrasSerializer<RoutingWarning>(
        RoutingWarning.generatedSerializer(),
        { it.additionalProperties },
        { v, e -> v.additionalProperties = e },
    )
