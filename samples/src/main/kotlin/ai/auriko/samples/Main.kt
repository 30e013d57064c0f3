package ai.auriko.samples

import ai.auriko.sse.SseDecoder
import ai.auriko.sse.SseListener
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlin.random.Random

/**
 * The main sample, for now: replays a recorded Auriko stream through the SDK's SSE decoder, fed in
 * small random pieces the way a network delivers it, and prints the answer as it is decoded, then
 * the usage and routing the gateway reported. The interactive chat against an embedded local
 * gateway replaces this once the Kotlin client exists.
 */
fun main(args: Array<String>) {
    val recording = args.firstOrNull() ?: "recordings/auriko-basic.sse"
    val bytes = Thread.currentThread().contextClassLoader.getResourceAsStream(recording)?.use { it.readBytes() }
        ?: java.io.File(recording).readBytes()
    println("Replaying $recording (${bytes.size} bytes) through ai.auriko.sse.SseDecoder")
    print("assistant> ")
    val summary = replay(bytes, Random(7)) { text -> print(text); System.out.flush() }
    println()
    println(summary)
}

/** Decodes [bytes] in random pieces, calling [onText] for each content delta; returns a summary line. */
fun replay(bytes: ByteArray, random: Random, onText: (String) -> Unit): String {
    val json = Json { ignoreUnknownKeys = true }
    var events = 0
    var comments = 0
    var done = false
    var usage = "none"
    var provider = "unknown"
    var cost = "unknown"
    val decoder = SseDecoder(object : SseListener {
        override fun onEvent(id: String?, type: String?, data: String) {
            events++
            if (data == "[DONE]") { done = true; return }
            val chunk = json.parseToJsonElement(data).jsonObject
            (chunk["choices"] as? JsonArray)?.forEach { choice ->
                val delta = choice.jsonObject["delta"] as? JsonObject
                (delta?.get("content") as? JsonPrimitive)?.contentOrNull?.let(onText)
            }
            (chunk["usage"] as? JsonObject)?.let { u ->
                usage = "${u["prompt_tokens"]} prompt + ${u["completion_tokens"]} completion = ${u["total_tokens"]} tokens"
            }
            (chunk["routing_metadata"] as? JsonObject)?.let { r ->
                provider = r["provider"]?.jsonPrimitive?.contentOrNull ?: provider
                cost = (r["cost"] as? JsonObject)?.get("usd")?.jsonPrimitive?.contentOrNull?.let { "$$it" } ?: cost
            }
        }

        override fun onComment(comment: String) { comments++ }
    })
    var i = 0
    while (i < bytes.size) {
        val n = minOf(bytes.size - i, 1 + random.nextInt(16))
        decoder.feed(bytes, i, n)
        i += n
    }
    val incomplete = decoder.finish()
    return "events=$events comments=$comments done=$done incomplete=$incomplete | provider=$provider cost=$cost | usage: $usage"
}
