package ai.auriko.samples.gateway

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.add
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/** What the local gateway will say: optional reasoning, then either text or a tool call. */
internal class Reply(
    val reasoning: List<String>,
    val content: List<String>,
    val toolCall: ToolCallReply?,
    val promptTokens: Int,
) {
    val completionTokens: Int
        get() = reasoning.size + content.size + (toolCall?.let { 8 } ?: 0)
}

internal class ToolCallReply(val id: String, val name: String, val argumentFragments: List<String>)

/**
 * Composes a deterministic, readable answer from the conversation: it echoes the last user message
 * and elaborates on it, so a newcomer sees their own words come back token by token. A weather
 * question with tools offered becomes a `get_weather` call; a tool result becomes the final answer.
 */
internal fun compose(body: JsonObject, decision: RoutingDecision): Reply {
    val messages = (body["messages"] as? JsonArray)?.mapNotNull { it as? JsonObject }.orEmpty()
    val promptTokens = messages.sumOf { text(it).split(' ').size + 4 }
    val last = messages.lastOrNull()
    val lastUser =
        messages
            .lastOrNull { it["role"]?.jsonPrimitive?.contentOrNull == "user" }
            ?.let(::text)
            .orEmpty()

    val thinking =
        ((body["extensions"] as? JsonObject)?.get("thinking") as? JsonObject)
            ?.get("enabled")
            ?.jsonPrimitive
            ?.booleanOrNull == true
    val reasoning =
        if (
            thinking &&
                (decision.model.contains("thinking") ||
                    decision.model.contains("claude") ||
                    decision.model.contains("reason") ||
                    decision.model.startsWith("o"))
        ) {
            tokens(
                "The user wrote ${lastUser.split(' ').size} words. I should answer plainly, then say how the request was routed."
            )
        } else {
            emptyList()
        }

    if (last?.get("role")?.jsonPrimitive?.contentOrNull == "tool") {
        val result = text(last)
        return Reply(
            reasoning,
            tokens(
                "Here is what the tool reported: $result. Anything else you would like to know?"
            ),
            null,
            promptTokens,
        )
    }

    structuredAnswer(body, lastUser)?.let {
        return Reply(reasoning, it, null, promptTokens)
    }

    val tools =
        (body["tools"] as? JsonArray)
            ?.mapNotNull { (it as? JsonObject)?.get("function") as? JsonObject }
            .orEmpty()
    val weatherTool =
        tools.firstOrNull { it["name"]?.jsonPrimitive?.contentOrNull?.contains("weather") == true }
    if (weatherTool != null && lastUser.contains("weather", ignoreCase = true)) {
        val city =
            Regex("(?i)\\bin ([A-Za-zÀ-ÿ' -]+)")
                .find(lastUser)
                ?.groupValues
                ?.get(1)
                ?.trim()
                ?.trimEnd('?', '.', '!')
                ?.split(' ')
                ?.joinToString(" ") { w -> w.replaceFirstChar { it.uppercase() } } ?: "Paris"
        val args = "{\"city\":\"$city\"}"
        return Reply(
            reasoning,
            emptyList(),
            ToolCallReply(
                "call_weather_1",
                weatherTool["name"]!!.jsonPrimitive.content,
                args.chunked(5),
            ),
            promptTokens,
        )
    }

    val words = lastUser.split(Regex("\\s+")).filter { it.isNotBlank() }
    val longest = words.maxByOrNull { it.trim(',', '.', '?', '!').length }?.trim(',', '.', '?', '!')
    val answer =
        if (words.isEmpty()) {
            "Hello! Ask me anything and I will answer through the local gateway."
        } else {
            "You asked: \u201c$lastUser\u201d. That is ${words.size} word${if (words.size == 1) "" else "s"}, and the longest is " +
                "\u201c$longest\u201d. This answer was routed to ${decision.provider.name} (strategy: ${decision.strategy}) " +
                "and streamed to you token by token by the local Auriko gateway."
        }
    return Reply(reasoning, tokens(answer), null, promptTokens)
}

/**
 * Splits text into word-sized tokens that keep their spaces, so joining them gives the text back.
 */
internal fun tokens(text: String): List<String> =
    Regex("\\S+\\s*|\\s+").findAll(text).map { it.value }.toList()

private fun text(message: JsonObject): String =
    when (val content = message["content"]) {
        is JsonPrimitive -> content.contentOrNull.orEmpty()
        is JsonArray ->
            content
                .mapNotNull { (it as? JsonObject)?.get("text")?.jsonPrimitive?.contentOrNull }
                .joinToString(" ")
        else -> ""
    }

/**
 * A Responses request as the chat request it amounts to, so the same routing and answers serve both
 * APIs: `instructions` become a system message and `input` the messages (a string is one user
 * message; a `function_call` item an assistant message with that tool call; a
 * `function_call_output` item a tool message), flat function tools get the chat shape, and a
 * `reasoning` option asks for thinking as `extensions.thinking` does. Every other field is kept.
 */
internal fun chatView(body: JsonObject): JsonObject {
    val messages = buildList {
        (body["instructions"] as? JsonPrimitive)?.contentOrNull?.let {
            add(chatMessage("system", JsonPrimitive(it)))
        }
        when (val input = body["input"]) {
            is JsonPrimitive -> add(chatMessage("user", input))
            is JsonArray ->
                input
                    .mapNotNull { it as? JsonObject }
                    .forEach { item ->
                        when (item["type"]?.jsonPrimitive?.contentOrNull) {
                            "function_call" ->
                                add(
                                    buildJsonObject {
                                        put("role", "assistant")
                                        put("content", JsonNull)
                                        putJsonArray("tool_calls") {
                                            add(
                                                buildJsonObject {
                                                    put("id", item["call_id"] ?: JsonNull)
                                                    put("type", "function")
                                                    putJsonObject("function") {
                                                        put("name", item["name"] ?: JsonNull)
                                                        put(
                                                            "arguments",
                                                            item["arguments"] ?: JsonNull,
                                                        )
                                                    }
                                                }
                                            )
                                        }
                                    }
                                )
                            "function_call_output" ->
                                add(
                                    buildJsonObject {
                                        put("role", "tool")
                                        put("tool_call_id", item["call_id"] ?: JsonNull)
                                        put("content", item["output"] ?: JsonNull)
                                    }
                                )
                            "message",
                            null ->
                                item["role"]?.let { role ->
                                    add(
                                        buildJsonObject {
                                            put("role", role)
                                            put("content", item["content"] ?: JsonNull)
                                        }
                                    )
                                }
                            else -> {} // reasoning items, item references: not conversation
                        }
                    }
            else -> {}
        }
    }
    val tools =
        (body["tools"] as? JsonArray)?.mapNotNull { tool ->
            (tool as? JsonObject)
                ?.takeIf { it["type"]?.jsonPrimitive?.contentOrNull == "function" }
                ?.let { flat ->
                    buildJsonObject {
                        put("type", "function")
                        put("function", JsonObject(flat - "type"))
                    }
                }
        }
    val thinking = body["reasoning"] is JsonObject && body["extensions"] == null
    return JsonObject(
        body - "input" - "instructions" +
            listOfNotNull(
                "messages" to JsonArray(messages),
                tools?.let { "tools" to JsonArray(it) },
                if (thinking)
                    "extensions" to
                        buildJsonObject { putJsonObject("thinking") { put("enabled", true) } }
                else null,
            )
    )
}

private fun chatMessage(role: String, content: JsonElement): JsonObject = buildJsonObject {
    put("role", role)
    put("content", content)
}
