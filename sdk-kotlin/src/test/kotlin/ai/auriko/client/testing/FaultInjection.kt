package ai.auriko.client.testing

import ai.auriko.client.chat.ChatCompletion
import ai.auriko.client.chat.partialCompletion
import ai.auriko.errors.AurikoException
import ai.auriko.errors.AurikoTimeoutException
import ai.auriko.errors.MalformedResponseException
import ai.auriko.errors.StreamInterruptedException
import ai.auriko.errors.StreamLimitExceededException
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import kotlin.random.Random
import kotlin.reflect.KClass

/** A fault the loopback server injects into one stream. */
enum class Fault {
    /** No fault: every chunk, a finish reason, `[DONE]`, a proper end of the chunked body. */
    NONE,

    /** RST after some chunks. */
    RESET,

    /** FIN after some chunks, in the middle of the chunked body (no terminating chunk). */
    HALF_CLOSE,

    /**
     * Silence after some chunks, longer than the idle timeout (or first-event timeout after none).
     */
    STALL,

    /** A data line of random binary bytes. */
    GARBAGE,

    /** A data line whose JSON starts with bytes that are not UTF-8. */
    INVALID_UTF8,

    /** A data line that is text but not JSON. */
    NON_JSON,

    /** A data line one byte over the client's line cap. */
    OVERSIZE_LINE,

    /** The chunked encoding announces a chunk, sends half of it, then the connection ends. */
    CHUNK_CUT,

    /** A 200 whose body is an HTML page (a proxy's error page). */
    HTML_200,

    /** A 200 with `application/json` and a whole completion: decoded as that completion. */
    JSON_200,

    /** A 200 with `application/json` and an error object: the classified error. */
    JSON_ERROR_200,

    /** A status line and some headers, and then nothing: the header block never ends. */
    HEADERS_NEVER_FINISH,
}

/** The limits a fault run's client is configured with; the server sizes its faults from them. */
class FaultLimits(val idleTimeoutMs: Long, val firstEventTimeoutMs: Long, val maxLineBytes: Int) {
    /** How long a server holds a stalled connection at most: well past both timeouts. */
    val holdMs: Long
        get() = 4 * maxOf(idleTimeoutMs, firstEventTimeoutMs) + 5_000
}

/** What a correct client must produce for one stream. */
class Expectation(
    /** The exact exception class, or `null` for a complete result. */
    val type: KClass<out AurikoException>?,
    /** The content of the result, or of the partial completion the exception carries. */
    val content: String?,
    val requestId: String?,
    val timeoutKind: AurikoTimeoutException.Kind? = null,
)

/** One stream of a fault run: its content, its fault, and where the fault strikes. */
class StreamPlan(val id: Int, val fault: Fault, val contents: List<String>, val faultAfter: Int) {
    val requestId: String
        get() = "req_$id"

    /** The request that names this plan to the server (through the `user` field). */
    fun request(): ChatCompletionRequest =
        ChatCompletionRequest.builder()
            .model("m")
            .addMessage(ChatMessage.user("hi"))
            .user(userTag(id))
            .build()

    val expectation: Expectation
        get() {
            val delivered = contents.take(faultAfter).joinToString("")
            return when (fault) {
                Fault.NONE,
                Fault.JSON_200 -> Expectation(null, contents.joinToString(""), requestId)
                Fault.RESET,
                Fault.HALF_CLOSE,
                Fault.CHUNK_CUT ->
                    Expectation(StreamInterruptedException::class, delivered, requestId)
                Fault.STALL ->
                    Expectation(
                        AurikoTimeoutException::class,
                        delivered,
                        requestId,
                        if (faultAfter == 0) AurikoTimeoutException.Kind.FIRST_EVENT
                        else AurikoTimeoutException.Kind.IDLE,
                    )
                Fault.GARBAGE,
                Fault.INVALID_UTF8,
                Fault.NON_JSON ->
                    Expectation(MalformedResponseException::class, delivered, requestId)
                Fault.OVERSIZE_LINE ->
                    Expectation(StreamLimitExceededException::class, delivered, requestId)
                Fault.HTML_200 -> Expectation(MalformedResponseException::class, null, requestId)
                Fault.JSON_ERROR_200 ->
                    Expectation(
                        ai.auriko.errors.ServiceUnavailableException::class,
                        null,
                        requestId,
                    )
                Fault.HEADERS_NEVER_FINISH ->
                    Expectation(
                        AurikoTimeoutException::class,
                        null,
                        null,
                        AurikoTimeoutException.Kind.FIRST_EVENT,
                    )
            }
        }

    /**
     * The longest this stream may take, given the client's limits, plus [slackMs] for a loaded
     * machine.
     */
    fun boundMs(limits: FaultLimits, slackMs: Long): Long =
        slackMs +
            when (fault) {
                Fault.STALL ->
                    if (faultAfter == 0) limits.firstEventTimeoutMs else limits.idleTimeoutMs
                Fault.HEADERS_NEVER_FINISH -> limits.firstEventTimeoutMs
                else -> 0
            }

    override fun toString(): String =
        "stream $id: $fault after $faultAfter of ${contents.size} chunks"

    companion object {
        fun userTag(id: Int): String = "s$id"

        private val USER = Regex("\"user\"\\s*:\\s*\"s(\\d+)\"")

        /** The plan id a request names, read from its body. */
        fun idOf(request: RawRequest): Int =
            USER.find(String(request.body, Charsets.UTF_8))?.groupValues?.get(1)?.toInt()
                ?: error("request names no plan")

        private val WORDS =
            listOf("alpha ", "beta ", "gamma ", "delta ", "eps ", "zeta ", "eta ", "theta ")

        /**
         * [count] plans from [seed]: about [faultRate] of them faulty, the fault and the chunk it
         * strikes after drawn at random, every fault kind at least once when [count] allows.
         */
        fun generate(seed: Long, count: Int, faultRate: Double): List<StreamPlan> {
            val random = Random(seed)
            val kinds = Fault.values().filter { it != Fault.NONE }
            return (0 until count).map { id ->
                val contents = List(random.nextInt(3, 7)) { WORDS[random.nextInt(WORDS.size)] }
                val fault =
                    if (random.nextDouble() < faultRate) kinds[random.nextInt(kinds.size)]
                    else Fault.NONE
                StreamPlan(
                    id,
                    fault,
                    contents,
                    if (fault == Fault.NONE) contents.size else random.nextInt(0, contents.size),
                )
            }
        }
    }
}

/**
 * Plays [plan] on this exchange: the server's half of the stream, with the fault at its point.
 * Every wait is bounded by [FaultLimits.holdMs]. Responses say `Connection: close`, because the raw
 * server answers one exchange per connection.
 */
fun Exchange.play(plan: StreamPlan, limits: FaultLimits) {
    val close = "Connection" to "close"
    val rid = "x-request-id" to plan.requestId
    when (plan.fault) {
        Fault.HEADERS_NEVER_FINISH -> {
            raw(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n${rid.first}: ${rid.second}\r\n"
                    .toByteArray()
            )
            awaitClientClose(limits.holdMs)
            return
        }
        Fault.HTML_200 -> {
            respond(
                200,
                "<!DOCTYPE html><html><head><title>502</title></head><body><h1>Bad gateway</h1></body></html>",
                mapOf("Content-Type" to "text/html; charset=utf-8", rid, close),
            )
            return
        }
        Fault.JSON_200 -> {
            respond(
                200,
                completionJson(plan.contents.joinToString("")),
                mapOf("Content-Type" to "application/json", rid, close),
            )
            return
        }
        Fault.JSON_ERROR_200 -> {
            respond(
                200,
                """{"error":{"message":"No available providers","type":"service_unavailable","code":503}}""",
                mapOf("Content-Type" to "application/json", rid, close),
            )
            return
        }
        else -> {}
    }
    startStream(headers = mapOf("Content-Type" to "text/event-stream", rid, close))
    val upTo = if (plan.fault == Fault.NONE) plan.contents.size else plan.faultAfter
    for (i in 0 until upTo) {
        chunk(
            contentEvent(
                plan.contents[i],
                finishReason = if (i == plan.contents.lastIndex) "stop" else null,
            )
        )
    }
    val random = Random(plan.id)
    when (plan.fault) {
        Fault.NONE -> {
            chunk("data: [DONE]\n\n")
            endStream()
        }
        Fault.RESET -> {
            Thread.sleep(BREAK_DELAY_MS)
            reset()
        }
        Fault.HALF_CLOSE -> {
            Thread.sleep(BREAK_DELAY_MS)
            halfClose()
            awaitClientClose(limits.holdMs)
        }
        Fault.STALL -> awaitClientClose(limits.holdMs)
        Fault.GARBAGE -> {
            // Never a line end, never valid JSON (it starts with a NUL).
            val garbage =
                ByteArray(64 + random.nextInt(256)) { (random.nextInt(14, 256)).toByte() }
                    .also { it[0] = 0 }
            chunk("data: ".toByteArray() + garbage + "\n\n".toByteArray())
            awaitClientClose(limits.holdMs)
        }
        Fault.INVALID_UTF8 -> {
            val bad = byteArrayOf(0xC3.toByte(), 0x28, 0xFF.toByte(), 0xFE.toByte())
            chunk(
                "data: ".toByteArray() +
                    bad +
                    contentEvent("x").removePrefix("data: ").toByteArray()
            )
            awaitClientClose(limits.holdMs)
        }
        Fault.NON_JSON -> {
            chunk("data: upstream said: this is not json\n\n")
            awaitClientClose(limits.holdMs)
        }
        Fault.OVERSIZE_LINE -> {
            chunk("data: {\"pad\":\"" + "x".repeat(limits.maxLineBytes) + "\"}\n\n")
            awaitClientClose(limits.holdMs)
        }
        Fault.CHUNK_CUT -> {
            val event = contentEvent(plan.contents[upTo]).toByteArray()
            Thread.sleep(BREAK_DELAY_MS)
            raw(
                "${Integer.toHexString(event.size)}\r\n".toByteArray() +
                    event.copyOf(event.size / 2)
            )
            halfClose()
            awaitClientClose(limits.holdMs)
        }
        else -> error("handled above")
    }
}

/**
 * An RST discards what the receiver had not read yet: under load the client may not even have read
 * the status line, and then, from its side, nothing ever arrived. That is a connection failure with
 * nothing to carry, and the only other outcome a RESET may have.
 */
fun StreamPlan.isResetBeforeAnythingWasRead(failure: Throwable, seen: String): Boolean =
    fault == Fault.RESET &&
        failure::class == ai.auriko.errors.AurikoConnectionException::class &&
        seen.isEmpty() &&
        (failure as AurikoException).partialResult() == null &&
        failure.requestId() == null

/** A non-streaming completion carrying [content]. */
fun completionJson(content: String): String =
    """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,""" +
        """"message":{"role":"assistant","content":"$content"},"finish_reason":"stop"}]}"""

/**
 * Compares one stream's [outcome] with its plan; returns what is wrong, or `null`. [seen] is the
 * content the collector received. The partial completion must always equal [seen]: nothing the
 * caller saw is lost. With [exactPartial] it must also be everything the server sent before the
 * fault; without, a prefix of it is accepted, because a Ktor engine drops body bytes it had
 * buffered but not yet handed over when the connection breaks (see [BREAK_DELAY_MS]).
 */
fun StreamPlan.check(
    outcome: Result<ChatCompletion>,
    seen: String,
    exactPartial: Boolean = true,
): String? {
    val expect = expectation
    val failure = outcome.exceptionOrNull()
    if (expect.type == null) {
        if (failure != null) return "$this: expected success, got $failure"
        val completion = outcome.getOrThrow()
        if (completion.content != expect.content)
            return "$this: content '${completion.content}' != '${expect.content}'"
        if (completion.responseHeaders.requestId() != expect.requestId)
            return "$this: request id ${completion.responseHeaders.requestId()}"
        return null
    }
    if (failure == null)
        return "$this: expected ${expect.type.simpleName}, got success '${outcome.getOrNull()?.content}'"
    if (!exactPartial && isResetBeforeAnythingWasRead(failure, seen)) return null
    if (failure::class != expect.type)
        return "$this: expected ${expect.type.simpleName}, got $failure"
    failure as AurikoException
    if (failure.requestId() != expect.requestId)
        return "$this: request id ${failure.requestId()} != ${expect.requestId}"
    val partial = failure.partialCompletion
    if (expect.content == null) {
        if (partial != null) return "$this: unexpected partial '${partial.content}'"
    } else {
        if (partial == null) return "$this: no partial completion"
        val got = partial.content ?: ""
        if (got != seen) return "$this: partial '$got' != what the collector saw '$seen'"
        if (exactPartial && got != expect.content)
            return "$this: partial '$got' != '${expect.content}'"
        if (!expect.content.startsWith(got))
            return "$this: partial '$got' is not a prefix of '${expect.content}'"
    }
    if (
        expect.timeoutKind != null &&
            (failure as AurikoTimeoutException).kind() != expect.timeoutKind
    ) {
        return "$this: timeout kind ${failure.kind()} != ${expect.timeoutKind}"
    }
    return null
}

/**
 * How long the faults that break the connection (RST, FIN, a cut chunk) wait after their last
 * chunk. Ktor's engines hand the body over through a byte channel; when the connection breaks, the
 * channel is closed with the failure and bytes it still held are no longer readable. The pause lets
 * the client read what was sent, so a test alone can expect the exact partial.
 */
const val BREAK_DELAY_MS: Long = 100
