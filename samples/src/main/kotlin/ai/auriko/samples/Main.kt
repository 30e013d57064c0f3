package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.client.AurikoClientOptions
import ai.auriko.client.chat.stream.ChatCompletionStream
import ai.auriko.client.dsl.ChatCompletionRequestBuilder
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.gateway.Optimize
import ai.auriko.request.chat.ChatMessage
import ai.auriko.samples.gateway.LocalGateway
import java.io.PrintStream
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.atomic.AtomicReference
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/** Command-line options of the chat sample. */
internal class ChatOptions(
    val prompt: String? = null,
    val model: String = "gpt-4o",
    val models: List<String> = emptyList(),
    val optimize: String? = null,
    val thinking: Boolean = false,
    val baseUrl: String? = null,
) {
    companion object {
        const val USAGE =
            "usage: chat [--prompt \"…\"] [--model m | --models a,b] [--optimize cost|ttft|tps|balanced|…] [--thinking] [--base-url url]"

        fun parse(args: Array<String>): ChatOptions {
            var prompt: String? = null
            var model = "gpt-4o"
            var models = emptyList<String>()
            var optimize: String? = null
            var thinking = false
            var baseUrl: String? = null
            var i = 0
            fun value(): String =
                args.getOrNull(++i)
                    ?: throw IllegalArgumentException("${args[i - 1]} needs a value\n$USAGE")
            while (i < args.size) {
                when (args[i]) {
                    "--prompt" -> prompt = value()
                    "--model" -> model = value()
                    "--models" ->
                        models = value().split(',').map { it.trim() }.filter { it.isNotEmpty() }
                    "--optimize" -> optimize = value()
                    "--thinking" -> thinking = true
                    "--base-url" -> baseUrl = value()
                    "--help",
                    "-h" -> throw IllegalArgumentException(USAGE)
                    else -> throw IllegalArgumentException("unknown option ${args[i]}\n$USAGE")
                }
                i++
            }
            return ChatOptions(prompt, model, models, optimize, thinking, baseUrl)
        }
    }
}

private const val DIM = "\u001b[2m"
private const val RESET = "\u001b[0m"

/**
 * The main sample: a streaming terminal chat. Without `AURIKO_API_KEY` it starts the embedded local
 * gateway and talks to it; with the key it talks to `--base-url`, else to `AURIKO_BASE_URL`, else
 * to Auriko. Tokens stream as they arrive, reasoning is shown dimmed, and each answer ends with the
 * provider, cost, usage and time to first token. Ctrl-C cancels the current answer; a second Ctrl-C
 * exits. `--prompt` asks one question and exits, as does a run without a terminal.
 */
fun main(args: Array<String>) {
    val options =
        try {
            ChatOptions.parse(args)
        } catch (e: IllegalArgumentException) {
            System.err.println(e.message)
            return
        }
    val key = System.getenv(AurikoClientOptions.API_KEY_VARIABLE)?.takeIf { it.isNotBlank() }
    val gateway = if (key == null && options.baseUrl == null) LocalGateway() else null
    try {
        val client = AurikoClient {
            apiKey = key ?: "sk-local-demo"
            // otherwise AURIKO_BASE_URL, else Auriko
            (gateway?.baseUrl ?: options.baseUrl)?.let { baseUrl = it }
        }
        client.use {
            println(
                if (gateway != null)
                    "Talking to the embedded local gateway at ${gateway.baseUrl} (set AURIKO_API_KEY to talk to Auriko)."
                else "Talking to ${client.options.baseUrl}."
            )
            val chat = Chat(client, options, System.out)
            val oneShot =
                options.prompt
                    ?: if (System.console() == null) "What does the Auriko gateway do?" else null
            if (oneShot != null) {
                println("you> $oneShot")
                runBlocking { chat.ask(oneShot) }
            } else {
                chat.interactive()
            }
        }
    } finally {
        gateway?.close()
    }
}

/** One conversation: keeps the history, streams each answer, prints the summary line. */
internal class Chat(
    private val client: AurikoClient,
    private val options: ChatOptions,
    private val out: PrintStream,
) {
    private val history = mutableListOf<ChatMessage>()

    /** Streams the answer to [question]; returns the answer text (empty when it failed). */
    suspend fun ask(question: String): String {
        history += ChatMessage.user(question)
        val stream = client.chat.completions.stream { request(this) }
        val answer = StringBuilder()
        var inReasoning = false
        try {
            out.print("assistant> ")
            stream.collect { chunk ->
                val delta = chunk.choices.firstOrNull()?.delta ?: return@collect
                delta.reasoningContent
                    ?.takeIf { it.isNotEmpty() }
                    ?.let {
                        if (!inReasoning) {
                            out.print(DIM)
                            inReasoning = true
                        }
                        out.print(it)
                    }
                delta.content
                    ?.takeIf { it.isNotEmpty() }
                    ?.let {
                        if (inReasoning) {
                            out.print("$RESET\n")
                            inReasoning = false
                        }
                        out.print(it)
                        answer.append(it)
                    }
                delta.toolCalls.forEach { call ->
                    call.function?.name?.let { out.print("[calls $it] ") }
                }
                out.flush()
            }
            if (inReasoning) out.print(RESET)
            out.println()
            out.println(summary(stream))
            history += ChatMessage.assistant(answer.toString().ifEmpty { "(no text)" })
        } catch (e: kotlinx.coroutines.CancellationException) {
            // Ctrl-C: the question was not answered, so it leaves the conversation too.
            if (inReasoning) out.print(RESET)
            history.removeAt(history.size - 1)
            throw e
        } catch (e: AurikoApiException) {
            if (inReasoning) out.print(RESET)
            out.println()
            out.println(
                "! ${e.javaClass.simpleName}: ${e.errorMessage()} (request ${e.requestId() ?: "unknown"})"
            )
            history.removeAt(history.size - 1)
        } catch (e: AurikoException) {
            if (inReasoning) out.print(RESET)
            out.println()
            out.println("! ${e.javaClass.simpleName}: ${e.message}")
            history.removeAt(history.size - 1)
        }
        return answer.toString()
    }

    private fun request(b: ChatCompletionRequestBuilder) {
        if (options.models.isNotEmpty()) b.models = options.models else b.model = options.model
        b.messages { history.forEach { message(it) } }
        options.optimize?.let { b.routing { optimize = Optimize.of(it) } }
        if (options.thinking) b.extensions { thinking(2048) }
    }

    private fun summary(stream: ChatCompletionStream): String {
        val meta = stream.routingMetadata
        val usage = stream.usage
        val ttft = stream.metrics?.timeToFirstToken?.toMillis()
        return "— provider ${meta?.provider ?: stream.responseHeaders?.providerUsed() ?: "unknown"}" +
            " · cost ${meta?.cost?.usd?.let { "$" + it.toPlainString() } ?: "unknown"}" +
            " · usage ${usage?.promptTokens ?: "?"} prompt + ${usage?.completionTokens ?: "?"} completion tokens" +
            " · first token ${ttft?.let { "$it ms" } ?: "n/a"}"
    }

    /** Reads questions until end of input; Ctrl-C cancels the answer in progress, twice exits. */
    fun interactive() = runBlocking {
        val current = AtomicReference<Job?>(null)
        val lastInterrupt = AtomicLong(0)
        installInterruptHandler {
            val job = current.get()
            val now = System.nanoTime()
            if (job != null && job.isActive && now - lastInterrupt.get() > 2_000_000_000L) {
                lastInterrupt.set(now)
                job.cancel()
                out.println("\n(cancelled — press Ctrl-C again to exit)")
            } else {
                out.println("\nbye")
                Runtime.getRuntime().halt(0)
            }
        }
        out.println(
            "Type a message and press Enter. Ctrl-C cancels an answer; Ctrl-D or a second Ctrl-C exits."
        )
        while (true) {
            out.print("you> ")
            out.flush()
            val line = readLine() ?: break
            if (line.isBlank()) continue
            val job = launch { ask(line) }
            current.set(job)
            job.join()
            current.set(null)
        }
    }
}

/**
 * Handles SIGINT where the JVM allows it (HotSpot's sun.misc.Signal); otherwise Ctrl-C just exits.
 */
private fun installInterruptHandler(onInterrupt: () -> Unit) {
    try {
        sun.misc.Signal.handle(sun.misc.Signal("INT")) { onInterrupt() }
    } catch (e: Throwable) {
        // Not available here: the default behaviour (exit) remains.
    }
}
