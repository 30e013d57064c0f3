package ai.auriko.client.tools

import ai.auriko.client.chat.ChatCompletions
import ai.auriko.client.tools.internal.ToolLoop
import ai.auriko.request.chat.ChatCompletionRequest
import kotlinx.coroutines.flow.Flow

/**
 * Runs a tool loop: streams [request] with [tools] offered, runs every tool call the answer asks
 * for, sends the answer back whole (`completion.toMessage()`: reasoning, signatures and tool calls
 * as they arrived) followed by each call's result, and goes on until the model answers without
 * calling a tool. A cold [Flow] of [ToolRunEvent]s: nothing is sent until it is collected, and each
 * collection is a new loop. The last event is [ToolRunEvent.FinalAnswer]; [finalAnswer] collects
 * it.
 * - **Tools.** The tools sent are [tools] ([FunctionTool.toTool]), in place of the request's own;
 *   every other field of the request (tool choice, parallel calls, model, routing…) is sent as
 *   given, on every turn.
 * - **Concurrency.** A turn's calls run concurrently, each in its own child coroutine of the
 *   collection (structured concurrency): cancelling the collector cancels the running tools and the
 *   HTTP stream, and nothing outlives the collection. Results go back in the order of the calls.
 * - **Errors the model can fix** — a function name not among [tools], arguments that do not decode
 *   to the tool's type — go back to the model as the call's result (`Error: …`), and the loop goes
 *   on. A tool that throws is handled by [ToolRunOptions.onToolError]: its message goes back, or
 *   the loop fails with [ToolExecutionException]. A cancellation is never sent back: it cancels the
 *   loop.
 * - **Limit.** When the answer of turn [ToolRunOptions.maxTurns] still calls tools, the loop fails
 *   with [ToolLoopLimitException] (the messages so far on it). Any failure of a request is thrown
 *   as the stream throws it.
 *
 * ```
 * val weather = tool<GetWeather>("get_weather", "Current weather for a city") { "18°C in ${it.city}" }
 * client.chat.completions.runTools(request, listOf(weather), options).collect { event -> … }
 * ```
 */
public fun ChatCompletions.runTools(
    request: ChatCompletionRequest,
    tools: List<FunctionTool>,
    options: ToolRunOptions = ToolRunOptions.DEFAULT,
): Flow<ToolRunEvent> = ToolLoop(this, request, tools, options).events()

/**
 * [runTools] with options set in [configure]: `runTools(request, tools) { maxTurns = 8; onToolError
 * = ToolErrorPolicy.FAIL }`.
 */
public fun ChatCompletions.runTools(
    request: ChatCompletionRequest,
    tools: List<FunctionTool>,
    configure: ToolRunOptions.Builder.() -> Unit,
): Flow<ToolRunEvent> = runTools(request, tools, ToolRunOptions.builder().apply(configure).build())

/**
 * Collects a [runTools] flow and returns its final answer.
 *
 * @throws IllegalStateException when the flow ended without a [ToolRunEvent.FinalAnswer] (a flow
 *   not made by [runTools], or cut short by an operator)
 */
public suspend fun Flow<ToolRunEvent>.finalAnswer(): ToolRunResult {
    var result: ToolRunResult? = null
    collect { if (it is ToolRunEvent.FinalAnswer) result = it.result }
    return checkNotNull(result) { "the tool loop ended without a final answer" }
}
