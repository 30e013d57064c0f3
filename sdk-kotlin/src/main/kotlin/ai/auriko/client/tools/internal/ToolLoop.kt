package ai.auriko.client.tools.internal

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.ChatCompletions
import ai.auriko.client.chat.stream.StreamEventDecoder
import ai.auriko.client.tools.FunctionTool
import ai.auriko.client.tools.ToolArgumentsException
import ai.auriko.client.tools.ToolCallStatus
import ai.auriko.client.tools.ToolErrorPolicy
import ai.auriko.client.tools.ToolExecutionException
import ai.auriko.client.tools.ToolLoopLimitException
import ai.auriko.client.tools.ToolRunEvent
import ai.auriko.client.tools.ToolRunOptions
import ai.auriko.client.tools.ToolRunResult
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.chat.ToolCall
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.ProducerScope
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.channelFlow

/**
 * One `runTools` call: the loop of turns. Each turn streams the request through the chat stream
 * (the same core, end rules and errors as any stream), turns its chunks into events, and, when the
 * answer calls tools, runs them in child coroutines of the collection and appends the answer and
 * the results to the conversation. A `channelFlow`, because a turn's tools finish concurrently and
 * each reports as it does.
 */
internal class ToolLoop(
    private val completions: ChatCompletions,
    private val request: ChatCompletionRequest,
    tools: List<FunctionTool>,
    private val options: ToolRunOptions,
) {
    private val tools: Map<String, FunctionTool> =
        LinkedHashMap<String, FunctionTool>().also { map ->
            for (tool in tools) {
                require(map.put(tool.name, tool) == null) {
                    "two tools are named ${tool.name}; the model could not tell them apart"
                }
            }
        }

    fun events(): Flow<ToolRunEvent> = channelFlow {
        val messages = ArrayList(request.messages())
        val offered = tools.values.map { it.toTool() }
        var turn = 0
        while (true) { // bounded: every pass makes a turn, and turn maxTurns ends the loop
            turn++
            val completion = streamTurn(turn, messages, offered)
            send(ToolRunEvent.TurnCompleted(turn, completion))
            // The answer goes back whole: reasoning, signatures and tool calls as they arrived
            // (a call without an id or name is a typed error). The calls run are the message's, so
            // every result sent back answers a call that was sent back.
            val answer = completion.toMessage()
            val calls = answer.toolCalls()
            messages += answer
            if (calls.isEmpty()) {
                send(
                    ToolRunEvent.FinalAnswer(
                        turn,
                        ToolRunResult(completion, messages.toList(), turn),
                    )
                )
                return@channelFlow
            }
            if (turn >= options.maxTurns) {
                throw ToolLoopLimitException(options.maxTurns, messages.toList(), completion)
            }
            for (call in calls) {
                send(ToolRunEvent.ToolStarted(turn, call.id(), call.name(), call.arguments()))
            }
            val results = coroutineScope {
                calls.map { call -> async { runCall(turn, call, messages, completion) } }.awaitAll()
            }
            calls.forEachIndexed { i, call -> messages += ChatMessage.tool(call.id(), results[i]) }
        }
    }

    private suspend fun ProducerScope<ToolRunEvent>.streamTurn(
        turn: Int,
        messages: List<ChatMessage>,
        offered: List<ai.auriko.request.chat.Tool>,
    ): ChatCompletion {
        val stream =
            completions.stream(
                request.toBuilder().messages(messages).tools(offered).build(),
                options.requestOptions,
            )
        val decoder = StreamEventDecoder()
        stream.collect { chunk ->
            for (event in decoder.onChunk(chunk)) send(ToolRunEvent.ModelOutput(turn, event))
        }
        for (event in decoder.finish()) send(ToolRunEvent.ModelOutput(turn, event))
        // This stream object is this turn's alone and was collected once: its completion is ours.
        return checkNotNull(stream.completion) { "the stream completed without a completion" }
    }

    /** Runs one call and reports it; returns the content sent back. */
    private suspend fun ProducerScope<ToolRunEvent>.runCall(
        turn: Int,
        call: ToolCall,
        messages: List<ChatMessage>,
        completion: ChatCompletion,
    ): String {
        val id = call.id()
        val name = call.name()
        val arguments = call.arguments()
        val tool = tools[name]
        val (status, result, error) =
            if (tool == null) {
                Outcome(
                    ToolCallStatus.UNKNOWN_TOOL,
                    "Error: there is no tool named \"$name\"; the tools are: " +
                        tools.keys.joinToString(", ") +
                        ".",
                    null,
                )
            } else {
                try {
                    Outcome(ToolCallStatus.OK, tool.call(arguments), null)
                } catch (e: CancellationException) {
                    throw e // the loop is being cancelled: never a result for the model
                } catch (e: ToolArgumentsException) {
                    Outcome(ToolCallStatus.INVALID_ARGUMENTS, "Error: ${e.message}", e)
                } catch (e: Exception) {
                    if (options.onToolError == ToolErrorPolicy.FAIL) {
                        throw ToolExecutionException(name, id, messages.toList(), completion, e)
                    }
                    Outcome(
                        ToolCallStatus.TOOL_FAILED,
                        "Error: ${e.message ?: e.javaClass.simpleName}",
                        e,
                    )
                }
            }
        send(ToolRunEvent.ToolFinished(turn, id, name, arguments, status, result, error))
        return result
    }

    private class Outcome(val status: ToolCallStatus, val result: String, val error: Throwable?) {
        operator fun component1() = status

        operator fun component2() = result

        operator fun component3() = error
    }
}
