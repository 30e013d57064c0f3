package ai.auriko.bench

import ai.auriko.chat.ChatCompletionRequest
import ai.auriko.chat.ChatMessage
import ai.auriko.client.AurikoClient
import ai.auriko.client.blocking.blocking
import io.ktor.client.engine.okhttp.OkHttp
import kotlinx.coroutines.runBlocking
import java.net.InetAddress
import java.net.ServerSocket
import kotlin.concurrent.thread

/**
 * End-to-end throughput on loopback: an in-process server writes a pre-encoded body of [CHUNKS]
 * chunk events (~200 bytes each) as fast as the socket takes it, and one client reads it all.
 * Usage: `LoopbackThroughput flow-cio|flow-okhttp|iterator-cio [rounds]`; prints one line per round
 * and a median, in chunks/s. Run each client in a fresh JVM (see bench/README.md).
 */
fun main(args: Array<String>) {
    val mode = args.getOrElse(0) { "flow-cio" }
    val rounds = args.getOrElse(1) { "5" }.toInt()
    val body = buildBody(CHUNKS)
    val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    thread(isDaemon = true, name = "bench-server") {
        while (!server.isClosed) {
            val socket = runCatching { server.accept() }.getOrNull() ?: break
            thread(isDaemon = true) {
                socket.use { s ->
                    val input = s.getInputStream()
                    // Read the request head and body (Content-Length) before answering.
                    val head = StringBuilder()
                    while (!head.endsWith("\r\n\r\n")) head.append(input.read().toChar())
                    val length = Regex("(?i)content-length: *(\\d+)").find(head)?.groupValues?.get(1)?.toInt() ?: 0
                    input.readNBytes(length)
                    val out = s.getOutputStream()
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: ${body.size}\r\n" +
                        "Connection: close\r\n\r\n").toByteArray())
                    out.write(body)
                    out.flush()
                }
            }
        }
    }
    val engine = if (mode.endsWith("okhttp")) OkHttp.create() else null
    val client = AurikoClient {
        apiKey = "bench"
        baseUrl = "http://127.0.0.1:${server.localPort}/v1"
        this.engine = engine
    }
    val request = ChatCompletionRequest.builder().model("m").addMessage(ChatMessage.user("go")).build()
    val results = mutableListOf<Double>()
    repeat(rounds + 1) { round ->
        val started = System.nanoTime()
        var count = 0
        when {
            mode.startsWith("flow") -> runBlocking { client.chat.completions.stream(request).collect { count++ } }
            mode.startsWith("iterator") -> client.blocking().chat().completions().stream(request).use { s -> for (c in s) count++ }
            else -> error("unknown mode $mode")
        }
        val seconds = (System.nanoTime() - started) / 1e9
        check(count == CHUNKS) { "got $count chunks" }
        if (round > 0) { // the first round is warm-up
            results += count / seconds
            println("$mode round $round: ${"%.0f".format(count / seconds)} chunks/s")
        }
    }
    results.sort()
    println("$mode median: ${"%.0f".format(results[results.size / 2])} chunks/s")
    client.close()
    engine?.close()
    server.close()
}

private const val CHUNKS = 200_000

private fun buildBody(chunks: Int): ByteArray {
    val sb = StringBuilder(chunks * 210)
    for (i in 0 until chunks) {
        sb.append("data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1234567890,")
            .append("\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok").append(i % 1000)
            .append(" \"},\"finish_reason\":").append(if (i == chunks - 1) "\"stop\"" else "null").append("}]}\n\n")
    }
    sb.append("data: [DONE]\n\n")
    return sb.toString().toByteArray()
}
