package ai.auriko.client

import ai.auriko.request.chat.ChatCompletionRequest
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout

/**
 * Streams [count] completions of [request] through this client at once, on `Dispatchers.Default`,
 * each to its end; returns their texts in order. Fails when they have not all ended within
 * [timeout].
 */
internal suspend fun AurikoClient.streamAllAtOnce(
    count: Int,
    request: ChatCompletionRequest,
    timeout: Duration,
): List<String?> =
    withContext(Dispatchers.Default) {
        withTimeout(timeout) {
            List(count) { async { chat.completions.stream(request).toCompletion().content } }
                .awaitAll()
        }
    }

/**
 * Launches [count] streams of [request] through [client] in this scope and returns once each has
 * had its first chunk; they go on collecting until the caller cancels the returned jobs. Fails when
 * they have not all had one within [timeout], the streams then cancelled.
 */
internal suspend fun CoroutineScope.launchUntilFirstChunks(
    client: AurikoClient,
    count: Int,
    request: ChatCompletionRequest,
    timeout: Duration,
): List<Job> {
    val started = AtomicInteger()
    val streams =
        List(count) {
            launch {
                var first = true
                client.chat.completions.stream(request).collect {
                    if (first) {
                        first = false
                        started.incrementAndGet()
                    }
                }
            }
        }
    try {
        withTimeout(timeout) { while (started.get() < count) delay(10) }
    } catch (e: Throwable) {
        streams.forEach { it.cancel() }
        throw e
    }
    return streams
}
