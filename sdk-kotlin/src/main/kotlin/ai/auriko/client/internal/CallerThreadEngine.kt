package ai.auriko.client.internal

import io.ktor.client.engine.HttpClientEngineBase
import io.ktor.client.engine.HttpClientEngineCapability
import io.ktor.client.engine.HttpClientEngineConfig
import io.ktor.client.engine.callContext
import io.ktor.client.plugins.ConnectTimeoutException
import io.ktor.client.plugins.HttpTimeoutCapability
import io.ktor.client.plugins.HttpTimeoutConfig
import io.ktor.client.request.HttpRequestData
import io.ktor.client.request.HttpResponseData
import io.ktor.client.request.forEachHeader
import io.ktor.http.Headers
import io.ktor.http.HttpProtocolVersion
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.util.date.GMTDate
import io.ktor.utils.io.InternalAPI
import java.io.IOException
import java.net.SocketTimeoutException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.withContext
import okhttp3.Call
import okhttp3.MediaType.Companion.toMediaTypeOrNull
import okhttp3.OkHttpClient
import okhttp3.Protocol
import okhttp3.Request
import okhttp3.RequestBody
import okhttp3.RequestBody.Companion.toRequestBody

/**
 * The engine under a Java iterator's stream when the client runs on its default engine and has more
 * iterators open than cores ([CallerThread.Reads]): OkHttp's synchronous call, made and read on the
 * thread that runs the stream — the iterating thread (see
 * [ai.auriko.client.internal.stream.Handoff.Runner]) — over [client], which shares the default
 * engine's connection pool and dispatcher. So a stream is set up, read and decoded where its
 * consumer waits, as a blocking client (openai-java) does, instead of on the engine's threads: at
 * 5,000 streams, each on its own thread, those threads competing with the engine's one carrier per
 * core for the CPU had left the carrier behind, and every stream's start with it (README, Engines).
 *
 * Only what the SDK's streams send is supported: a body of bytes (or none), Ktor's connect timeout.
 * Nothing else of the call changes: the SDK's retries, timeouts, errors and listener run above this
 * engine as above any other.
 *
 * Blocking here is safe only on a thread that has nothing else to do meanwhile: the runner marks
 * each blocking call ([CallerThreadBody]), so that its other steps (timers, a close) run elsewhere
 * and can cancel the call; cancelling the call's job cancels the OkHttp call, which unblocks it.
 */
@OptIn(InternalAPI::class)
internal class CallerThreadEngine(
    /**
     * Builds the OkHttp client, at the first request: a client only Kotlin code uses never does.
     */
    newClient: () -> OkHttpClient,
    /** The client's `maxRequestsAwaitingHeaders`: how many of this engine's calls at once. */
    awaitingHeaders: Int,
) : HttpClientEngineBase("auriko-caller-thread") {
    override val config: HttpClientEngineConfig = HttpClientEngineConfig()

    // `execute` runs where the request is made: Ktor starts it in the call's context, whose
    // dispatcher this is.
    override val dispatcher: CoroutineDispatcher = Dispatchers.Unconfined

    override val supportedCapabilities: Set<HttpClientEngineCapability<*>> =
        setOf(HttpTimeoutCapability)

    private val client: OkHttpClient by lazy(newClient)

    /** [client] with each connect timeout requests asked for (the SDK's is one per client). */
    private val clients = ConcurrentHashMap<Long, OkHttpClient>()

    /**
     * Requests awaiting headers: OkHttp's dispatcher does not count synchronous calls, so they are
     * counted here, apart from the default engine's, up to the same ceiling. Not adaptive: the
     * calls run on their callers' threads, not on the carriers [AwaitingHeadersLimit] protects.
     */
    private val slots = Semaphore(awaitingHeaders)

    override suspend fun execute(data: HttpRequestData): HttpResponseData {
        val callContext = callContext()
        callContext.ensureActive()
        val runner = CallerThread.runner()
        val call = clientFor(data).newCall(data.toOkHttpRequest())
        val guard = CancelGuard(call, callContext)
        val requestTime = GMTDate()
        val response =
            try {
                // Waiting for a slot suspends the stream; its consumer resumes it, never the thread
                // that freed the slot (another stream's, which must not make this call). Without a
                // runner (a stream already ended), an I/O thread does.
                if (!slots.tryAcquire()) withContext(runner ?: Dispatchers.IO) { slots.acquire() }
                runner?.blocking()
                try {
                    CallerThread.Interruption(call).run { call.execute() }
                } finally {
                    runner?.unblocked()
                    slots.release()
                }
            } catch (e: Throwable) {
                guard.release()
                if (e !is IOException) throw e
                callContext.ensureActive() // cancelled: the cancellation, not OkHttp's "Canceled"
                throw mapped(e, data)
            }
        val body = CallerThreadBody(call, response.body, guard::release)
        return HttpResponseData(
            HttpStatusCode(response.code, response.message),
            requestTime,
            response.headers.let { headers ->
                Headers.build {
                    for (i in 0 until headers.size) append(headers.name(i), headers.value(i))
                }
            },
            response.protocol.toKtor(),
            body,
            callContext,
        )
    }

    private fun clientFor(data: HttpRequestData): OkHttpClient {
        val millis =
            data.getCapabilityOrNull(HttpTimeoutCapability)?.connectTimeoutMillis ?: return client
        return clients.computeIfAbsent(millis) {
            val okMillis = if (millis == HttpTimeoutConfig.INFINITE_TIMEOUT_MS) 0 else millis
            client.newBuilder().connectTimeout(okMillis, TimeUnit.MILLISECONDS).build()
        }
    }

    /**
     * Cancels the OkHttp call as soon as the call's job is cancelled (a timeout, a close, the
     * caller's cancellation), from the cancelling thread: a child of the job that waits until
     * [release] (the body ended), so the job also completes only once the body is done with.
     */
    private class CancelGuard(call: Call, callContext: CoroutineContext) {
        @Volatile private var waiting: kotlinx.coroutines.CancellableContinuation<Unit>? = null

        init {
            CoroutineScope(callContext).launch(start = CoroutineStart.UNDISPATCHED) {
                suspendCancellableCoroutine { continuation ->
                    continuation.invokeOnCancellation { call.cancel() }
                    waiting = continuation
                }
            }
        }

        fun release() {
            val continuation = waiting ?: return
            waiting = null
            if (continuation.isActive) continuation.resumeWith(Result.success(Unit))
        }
    }

    private companion object {
        fun HttpRequestData.toOkHttpRequest(): Request {
            val builder = Request.Builder().url(url.toString())
            forEachHeader(builder::addHeader)
            val requestBody =
                if (method.value == "GET" || method.value == "HEAD") null else body.toOkHttpBody()
            return builder.method(method.value, requestBody).build()
        }

        fun OutgoingContent.toOkHttpBody(): RequestBody =
            when (this) {
                is OutgoingContent.ByteArrayContent ->
                    bytes().let { it.toRequestBody(contentType?.toString()?.toMediaTypeOrNull()) }
                is OutgoingContent.NoContent -> ByteArray(0).toRequestBody(null)
                is OutgoingContent.ContentWrapper -> delegate().toOkHttpBody()
                else ->
                    throw IllegalArgumentException(
                        "the caller-thread engine sends bodies of bytes only, not ${this::class.simpleName}"
                    )
            }

        fun Protocol.toKtor(): HttpProtocolVersion =
            when (this) {
                Protocol.HTTP_1_0 -> HttpProtocolVersion.HTTP_1_0
                Protocol.HTTP_2,
                Protocol.H2_PRIOR_KNOWLEDGE -> HttpProtocolVersion.HTTP_2_0
                else -> HttpProtocolVersion.HTTP_1_1
            }

        /** As Ktor's OkHttp engine maps it: a connect timeout is Ktor's, for the SDK's ladder. */
        fun mapped(e: IOException, data: HttpRequestData): Throwable =
            if (e is SocketTimeoutException && e.message?.contains("connect", true) == true)
                ConnectTimeoutException(data, e)
            else e
    }
}
