package ai.auriko.client.blocking

import ai.auriko.client.AurikoClient
import ai.auriko.client.AurikoClientOptions
import ai.auriko.client.events.AurikoEventListener
import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.logging.HttpLogLevel
import ai.auriko.errors.SdkExceptions
import ai.auriko.http.RetryPolicy
import io.ktor.client.engine.HttpClientEngine
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.time.toKotlinDuration
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * The client for Java: blocking calls, `CompletableFuture`s and iterator-style streams over the
 * same engine as the Kotlin [AurikoClient]. Create one per application; it is thread-safe.
 *
 * ```java
 * try (AurikoBlockingClient client = new AurikoBlockingClient.Builder().build()) { // AURIKO_API_KEY
 *     ChatCompletion answer = client.chat().completions().create(request);
 * }
 * ```
 *
 * [close] cancels the streams and futures still open on this client and releases its connections;
 * it is idempotent and throws no checked exception.
 */
public class AurikoBlockingClient
private constructor(private val client: AurikoClient, private val ownsClient: Boolean) :
    AutoCloseable {
    private val closed = AtomicBoolean(false)

    // Streams and futures run here. Unconfined: each step runs on the thread that resumes it (the
    // engine's I/O thread, or the caller's), so a chunk crosses threads at most once on its way.
    // On the default engine, with more iterators open than cores, an iterator's stream runs on the
    // iterating thread instead (CallerThread.Reads).
    @get:JvmSynthetic
    internal val scope: CoroutineScope =
        CoroutineScope(
            SupervisorJob() +
                Dispatchers.Unconfined +
                CoroutineName("auriko-blocking") +
                (client.runtime.callerThreadReads ?: EmptyCoroutineContext)
        )

    private val chat = BlockingChat(BlockingChatCompletions(client.chat.completions, this))
    private val responses = BlockingResponses(client.responses, this)
    private val me = BlockingMe(client.me, this)
    private val workspaces = BlockingWorkspaces(client.workspaces, this)
    private val budgets = BlockingBudgets(client.budgets, this)
    private val models = BlockingModels(client.models, this)
    private val billing = BlockingBilling(client.billing, this)

    /**
     * Wraps a Kotlin client so Java code can share it. Closing the wrapper cancels what it started
     * but leaves [client] open; close that separately.
     *
     * @param client the Kotlin client
     */
    public constructor(client: AurikoClient) : this(client, ownsClient = false)

    /** The chat endpoints: `client.chat().completions()`. */
    public fun chat(): BlockingChat = chat

    /** The Responses API: `client.responses().create(request)`, `createAsync`, `stream`. */
    public fun responses(): BlockingResponses = responses

    /** `GET /me`: who the key belongs to. */
    public fun me(): BlockingMe = me

    /** Workspaces the key can see. */
    public fun workspaces(): BlockingWorkspaces = workspaces

    /** A workspace's budgets. */
    public fun budgets(): BlockingBudgets = budgets

    /** Model discovery: `/models`, the registry and the directory. */
    public fun models(): BlockingModels = models

    /** Billing balance. */
    public fun billing(): BlockingBilling = billing

    /** The settings in force (the API key is never shown by its `toString()`). */
    public fun options(): AurikoClientOptions = client.options

    /** The underlying Kotlin client, for code that mixes both styles. */
    public fun kotlinClient(): AurikoClient = client

    /**
     * Cancels open streams and futures and releases connections. Idempotent. What a call still in
     * flight then sees: a pending `createAsync` future fails with [IllegalStateException]; an
     * iterator (from its next `hasNext()`) and an async stream (its `onError` and future) fail with
     * [ai.auriko.errors.StreamInterruptedException] carrying the partial result; a blocking
     * `create` on another thread fails with [IllegalStateException] when this client owns its
     * Kotlin client (built with [Builder]). Never a kotlinx.coroutines exception.
     */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        scope.cancel()
        if (ownsClient) client.close()
    }

    @JvmSynthetic
    internal fun ensureOpen() {
        check(!closed.get()) { "AurikoBlockingClient is closed" }
    }

    /** Runs [block] on the calling thread until it completes; an interrupt cancels it. */
    @JvmSynthetic
    internal fun <T> blockingCall(what: String, block: suspend () -> T): T {
        ensureOpen()
        return try {
            runBlocking { block() }
        } catch (e: InterruptedException) {
            Thread.currentThread().interrupt()
            throw SdkExceptions.threadInterrupted(
                "$what was interrupted; the call was cancelled",
                e,
                null,
                null,
            )
        } catch (e: Throwable) {
            throw JavaFacingExceptions.visible(e) { closedDuringCall() }
        }
    }

    /**
     * Starts [block] and returns its future. Cancelling (or completing) the future cancels the
     * call. The future fails with the SDK's exceptions or `java.*` ones only: [close] fails a
     * pending one with [IllegalStateException], never with a coroutine's cancellation.
     */
    @JvmSynthetic
    internal fun <T> asyncCall(block: suspend () -> T): CompletableFuture<T> {
        ensureOpen()
        val future = CompletableFuture<T>()
        val job =
            scope.launch(start = CoroutineStart.UNDISPATCHED) {
                try {
                    future.complete(block())
                } catch (e: Throwable) {
                    future.completeExceptionally(
                        JavaFacingExceptions.visible(e) { closedDuringCall() }
                    )
                }
            }
        // A coroutine that never ran its body (the scope was cancelled first) still ends the
        // future.
        job.invokeOnCompletion { cause ->
            if (cause != null)
                future.completeExceptionally(
                    JavaFacingExceptions.visible(cause) { closedDuringCall() }
                )
        }
        future.whenComplete { _, _ -> job.cancel() }
        return future
    }

    private fun closedDuringCall(): RuntimeException =
        if (closed.get()) IllegalStateException(JavaFacingExceptions.CLOSED_DURING_CALL)
        else java.util.concurrent.CancellationException("the call was cancelled")

    /** The base URL; the API key is masked, never printed. */
    override fun toString(): String =
        "AurikoBlockingClient(baseUrl=${client.options.baseUrl}, apiKey=██)"

    /**
     * Collects settings, then [build]s a client. Without [apiKey] the key comes from the
     * `AURIKO_API_KEY` environment variable; when neither is set, [build] throws an
     * [ai.auriko.errors.AurikoException] naming the variable. Without [baseUrl] the API root comes
     * from the `AURIKO_BASE_URL` environment variable, else it is `https://api.auriko.ai/v1`. Not
     * thread-safe.
     */
    public class Builder {
        private val options = AurikoClientOptions.Builder()

        /** The API key; default: the `AURIKO_API_KEY` environment variable. */
        public fun apiKey(apiKey: String): Builder = apply { options.apiKey = apiKey }

        /**
         * The API root, with or without a trailing slash. Default: the `AURIKO_BASE_URL`
         * environment variable when it is set and not blank, else `https://api.auriko.ai/v1`; a
         * root set here wins, and the variable is then not read. [build] fails on a root that does
         * not start with `http://` or `https://`: with an [IllegalArgumentException] for one set
         * here, with an [ai.auriko.errors.AurikoException] naming the variable for one from the
         * environment.
         */
        public fun baseUrl(baseUrl: String): Builder = apply { options.baseUrl = baseUrl }

        /** Where environment variables are read from; tests replace [System.getenv]. */
        @JvmSynthetic
        internal fun environment(environment: (String) -> String?): Builder = apply {
            options.environment = environment
        }

        /** Limit for establishing a connection; default 10 s. */
        public fun connectTimeout(timeout: Duration): Builder = apply {
            options.connectTimeout = timeout.toKotlinDuration()
        }

        /** Limit for a whole non-streaming call; default 60 s. */
        public fun requestTimeout(timeout: Duration): Builder = apply {
            options.requestTimeout = timeout.toKotlinDuration()
        }

        /** Limit from sending a stream request to its first event or keep-alive; default 120 s. */
        public fun firstEventTimeout(timeout: Duration): Builder = apply {
            options.firstEventTimeout = timeout.toKotlinDuration()
        }

        /** Limit between arrivals on a started stream (keep-alives count); default 60 s. */
        public fun idleTimeout(timeout: Duration): Builder = apply {
            options.idleTimeout = timeout.toKotlinDuration()
        }

        /**
         * Retries after a failed first attempt; default 2. Streams retry only before their first
         * chunk.
         */
        public fun maxRetries(maxRetries: Int): Builder = apply { options.maxRetries = maxRetries }

        /** A whole retry policy (backoff, caps, clock, randomness). */
        public fun retryPolicy(policy: RetryPolicy): Builder = apply {
            options.retryPolicy = policy
        }

        /**
         * A header sent with every request. The value must be visible ASCII (building fails
         * otherwise, naming the header, never showing the value).
         */
        public fun defaultHeader(name: String, value: String): Builder = apply {
            options.defaultHeaders[name] = value
        }

        /**
         * Marks a header (case-insensitively) as holding a credential, in addition to the built-in
         * ones (`Authorization`, `Proxy-Authorization`, `api-key`, `x-api-key`, `Cookie`,
         * `Set-Cookie`): its value is never logged or shown, and is redacted like the API key
         * wherever a server echoes it. See [AurikoClientOptions.sensitiveHeaders].
         */
        public fun sensitiveHeader(name: String): Builder = apply {
            options.sensitiveHeaders += name
        }

        /** Appended to the SDK's `User-Agent`, for example `my-app/1.2`. */
        public fun userAgentSuffix(suffix: String): Builder = apply {
            options.userAgentSuffix = suffix
        }

        /**
         * The Ktor engine, for example a CIO engine set up as the README shows; the client does not
         * close it. Default: an OkHttp engine the client owns (README, Engines).
         */
        public fun engine(engine: HttpClientEngine): Builder = apply { options.engine = engine }

        /**
         * How many requests the default engine lets wait for their response headers at once, at
         * most; default 256. On JDK 24+ it admits fewer while the CPU is saturated, so that open
         * streams' chunks come first; too low throttles starts against a server that sends headers
         * only with the first token (see `AurikoClientOptions.Builder.maxRequestsAwaitingHeaders`).
         * Iterators that read on their own threads (README, Engines) count apart, up to as many.
         * Ignored with an [engine] of your own.
         */
        public fun maxRequestsAwaitingHeaders(requests: Int): Builder = apply {
            options.maxRequestsAwaitingHeaders = requests
        }

        /** The longest stream line accepted, in bytes; default 4 MiB. */
        public fun maxLineBytes(bytes: Int): Builder = apply { options.maxLineBytes = bytes }

        /** The most data one stream event may carry, in bytes; default 8 MiB. */
        public fun maxEventBytes(bytes: Int): Builder = apply { options.maxEventBytes = bytes }

        /** Where log lines go; see [AurikoLogger]. Default: `java.util.logging`, warnings only. */
        public fun logger(logger: AurikoLogger): Builder = apply { options.logger = logger }

        /** How much of each HTTP exchange to log; default [HttpLogLevel.NONE]. */
        public fun httpLogLevel(level: HttpLogLevel): Builder = apply {
            options.httpLogLevel = level
        }

        /** Observes every call; see [AurikoEventListener]. */
        public fun eventListener(listener: AurikoEventListener): Builder = apply {
            options.eventListener = listener
        }

        /** Builds the client. */
        public fun build(): AurikoBlockingClient =
            AurikoBlockingClient(AurikoClient(options.build()), ownsClient = true)
    }
}

/** Chat endpoints for Java: `client.chat().completions()`. */
public class BlockingChat internal constructor(private val completions: BlockingChatCompletions) {
    /** `POST /chat/completions`, blocking, async and streaming. */
    public fun completions(): BlockingChatCompletions = completions
}

/** A Java view of this Kotlin client; closing the view leaves this client open. */
public fun AurikoClient.blocking(): AurikoBlockingClient = AurikoBlockingClient(this)
