@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package ai.auriko.client

import ai.auriko.client.events.AurikoCall
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.testing.VirtualGateway
import ai.auriko.errors.AurikoApiException
import ai.auriko.errors.AurikoException
import ai.auriko.errors.RateLimitException
import ai.auriko.errors.ServiceUnavailableException
import ai.auriko.http.RetryPolicy
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import java.time.ZoneOffset
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest

/**
 * Retry storms: the server answers every attempt with 429 or 503 and a `Retry-After`. The client
 * must give up after its maximum retries with the right exception and the attempt count, having
 * waited exactly what each response asked. The storms run in virtual time (kotlinx-coroutines-test,
 * [VirtualGateway]): a storm of 7-second waits takes milliseconds, and the waits are read from the
 * virtual times at which the requests arrived.
 */
class RetryStormSpec :
    FunSpec({
        val request =
            ai.auriko.request.chat.ChatCompletionRequest.builder()
                .model("m")
                .addMessage(ai.auriko.request.chat.ChatMessage.user("hi"))
                .build()

        /**
         * A gateway answering every request with [status] and [headers] (asked anew for each
         * request); a client in virtual time. Returns the call's failure, the waits between the
         * requests (virtual time) and the number of requests; checks that the client waited exactly
         * what it scheduled (to `delay`'s whole milliseconds) and nothing more.
         */
        suspend fun TestScope.storm(
            status: Int,
            headers: () -> Map<String, String>,
            configure: AurikoClientOptions.Builder.() -> Unit,
            call: suspend (AurikoClient) -> Unit,
        ): Triple<Throwable?, List<Duration>, Int> {
            val body = """{"error":{"message":"busy","code":$status}}"""
            val gateway = VirtualGateway(this) { json(status, body, headers()) }
            val scheduled = CopyOnWriteArrayList<Duration>()
            val listener =
                object : AurikoEventListener() {
                    override fun retryScheduled(
                        call: AurikoCall,
                        attempt: Int,
                        delay: Duration,
                        reason: AurikoException,
                    ) {
                        scheduled += delay
                    }
                }
            val failure =
                gateway
                    .client {
                        eventListener = listener
                        configure()
                    }
                    .use { client -> runCatching { call(client) }.exceptionOrNull() }
            val times = gateway.requestTimes.toList()
            val waits = times.zipWithNext { a, b -> Duration.ofMillis(b - a) }
            waits shouldBe scheduled.map { Duration.ofMillis((it.toNanos() + 999_999) / 1_000_000) }
            currentTime shouldBe times.last() // the call ended with the last answer
            return Triple(failure, scheduled.toList(), times.size)
        }

        val stream: suspend (AurikoClient) -> Unit = {
            it.chat.completions.stream(request).collect {}
        }
        val create: suspend (AurikoClient) -> Unit = { it.chat.completions.create(request) }

        for ((callName, call) in listOf("stream" to stream, "create" to create)) {
            test(
                "$callName: 429 with Retry-After: 7 on every attempt → RateLimitException after 3 retries, having waited 7 s before each"
            ) {
                runTest {
                    val (failure, waits, requests) =
                        storm(429, { mapOf("Retry-After" to "7") }, { maxRetries = 3 }, call)
                    val e = failure.shouldBeInstanceOf<RateLimitException>()
                    e.attempts() shouldBe 4
                    e.retryAfter() shouldBe Duration.ofSeconds(7)
                    requests shouldBe 4
                    waits shouldBe List(3) { Duration.ofSeconds(7) }
                    currentTime shouldBe 21_000
                }
            }

            test(
                "$callName: 503 with retry-after-ms: 1500 on every attempt → ServiceUnavailableException, waits of 1.5 s"
            ) {
                runTest {
                    val (failure, waits, requests) =
                        storm(503, { mapOf("retry-after-ms" to "1500") }, { maxRetries = 2 }, call)
                    failure.shouldBeInstanceOf<ServiceUnavailableException>().attempts() shouldBe 3
                    requests shouldBe 3
                    waits shouldBe List(2) { Duration.ofMillis(1500) }
                    currentTime shouldBe 3_000
                }
            }
        }

        test("Retry-After as an HTTP date 30 s ahead → waits of about 30 s each") {
            runTest {
                // The date is read against the wall clock (the client's ErrorClassifier is on the
                // system clock), so each answer names a date 30 s after the wall-clock moment it is
                // sent; whole seconds, read a moment later, so each wait is a little under 30 s.
                fun date() =
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30)
                    )
                val (failure, waits, requests) =
                    storm(429, { mapOf("Retry-After" to date()) }, { maxRetries = 2 }, create)
                failure.shouldBeInstanceOf<RateLimitException>().attempts() shouldBe 3
                requests shouldBe 3
                waits.size shouldBe 2
                for (w in waits) {
                    w.toMillis() shouldBeGreaterThanOrEqual 27_000L
                    w.toMillis() shouldBeLessThanOrEqual 30_000L
                }
            }
        }

        test("a Retry-After beyond the policy's cap gives up at once instead of waiting minutes") {
            runTest {
                val (failure, waits, requests) =
                    storm(503, { mapOf("Retry-After" to "3600") }, { maxRetries = 5 }, create)
                failure.shouldBeInstanceOf<ServiceUnavailableException>().attempts() shouldBe 1
                requests shouldBe 1
                waits shouldBe emptyList()
            }
        }

        test(
            "no Retry-After: exponential backoff from the injected randomness, capped — 1 s, 2 s, 3 s"
        ) {
            runTest {
                val policy =
                    RetryPolicy.builder()
                        .maxRetries(3)
                        .initialBackoff(Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(3))
                        .jitter(0.25)
                        .random { 0.0 }
                        .build()
                val (failure, waits, requests) =
                    storm(503, { emptyMap() }, { retryPolicy = policy }, stream)
                failure.shouldBeInstanceOf<ServiceUnavailableException>().attempts() shouldBe 4
                requests shouldBe 4
                waits shouldBe
                    listOf(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3))
                currentTime shouldBe 6_000

                // The same policy with randomness at its top takes the whole jitter off.
                val jittered = policy.toBuilder().random { 0.999999 }.build()
                val (_, waits2, _) = storm(503, { emptyMap() }, { retryPolicy = jittered }, stream)
                waits2.map { it.toMillis() } shouldBe listOf(750L, 1500L, 2250L)
                currentTime shouldBe 6_000 + 751 + 1_501 + 2_251 // delay rounds up to whole ms
            }
        }

        test("x-should-retry: false stops a storm after the first attempt, whatever the status") {
            runTest {
                val (failure, waits, requests) =
                    storm(
                        503,
                        { mapOf("Retry-After" to "1", "x-should-retry" to "false") },
                        { maxRetries = 3 },
                        create,
                    )
                failure.shouldBeInstanceOf<AurikoApiException>().attempts() shouldBe 1
                requests shouldBe 1
                waits shouldBe emptyList()
            }
        }
    })
