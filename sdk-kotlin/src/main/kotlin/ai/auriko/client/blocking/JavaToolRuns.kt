package ai.auriko.client.blocking

import ai.auriko.client.chat.ChatCompletions
import ai.auriko.client.tools.FunctionTool
import ai.auriko.client.tools.ToolRunEvent
import ai.auriko.client.tools.ToolRunOptions
import ai.auriko.client.tools.ToolRunResult
import ai.auriko.client.tools.finalAnswer
import ai.auriko.client.tools.runTools
import ai.auriko.request.chat.ChatCompletionRequest
import java.util.concurrent.CompletableFuture
import java.util.function.Consumer
import kotlinx.coroutines.flow.onEach

/**
 * The Java forms of `runTools` behind [BlockingChatCompletions]: the same loop, collected on the
 * caller's thread (blocking) or on the client's scope (async), each event passed to a listener.
 */
internal class JavaToolRuns(
    private val completions: ChatCompletions,
    private val owner: AurikoBlockingClient,
) {
    fun blocking(
        request: ChatCompletionRequest,
        tools: List<FunctionTool>,
        options: ToolRunOptions,
        listener: Consumer<ToolRunEvent>?,
    ): ToolRunResult = owner.blockingCall("runTools()") { run(request, tools, options, listener) }

    fun async(
        request: ChatCompletionRequest,
        tools: List<FunctionTool>,
        options: ToolRunOptions,
        listener: Consumer<ToolRunEvent>?,
    ): CompletableFuture<ToolRunResult> = owner.asyncCall { run(request, tools, options, listener) }

    private suspend fun run(
        request: ChatCompletionRequest,
        tools: List<FunctionTool>,
        options: ToolRunOptions,
        listener: Consumer<ToolRunEvent>?,
    ): ToolRunResult {
        val events = completions.runTools(request, tools, options)
        return (if (listener == null) events else events.onEach { listener.accept(it) })
            .finalAnswer()
    }
}
