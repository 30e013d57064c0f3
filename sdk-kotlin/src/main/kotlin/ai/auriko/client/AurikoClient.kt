package ai.auriko.client

import ai.auriko.client.chat.ChatCompletions
import ai.auriko.client.internal.ClientRuntime
import ai.auriko.client.responses.Responses
import java.io.Closeable

/**
 * The client for Auriko or any OpenAI-compatible endpoint. Create one per application and share it:
 * it is thread-safe, and its connection pool is reused by every call.
 *
 * ```
 * val client = AurikoClient { apiKey = "…" }            // or AURIKO_API_KEY from the environment
 * client.chat.completions.stream { model = "gpt-4o"; messages { user("Hello!") } }
 *     .collect { chunk -> print(chunk.choices.firstOrNull()?.delta?.content ?: "") }
 * client.close()
 * ```
 *
 * [close] releases the connection pool and, when the client created its own engine, the engine's
 * threads; it is idempotent. Calls made after closing fail with [IllegalStateException].
 */
public class AurikoClient
internal constructor(
    /** The settings this client was built with. */
    public val options: AurikoClientOptions
) : Closeable {
    @get:JvmSynthetic internal val runtime: ClientRuntime = ClientRuntime(options)

    /** Chat endpoints: `client.chat.completions`. */
    public val chat: Chat = Chat(ChatCompletions(runtime))

    /** The Responses API: `POST /responses`, streaming and not. */
    public val responses: Responses = Responses(runtime)

    private val management = ai.auriko.client.management.ManagementApi(runtime)

    /** `GET /me`: who the key belongs to. */
    public val me: ai.auriko.client.management.Me = ai.auriko.client.management.Me(management)

    /** Workspaces the key can see. */
    public val workspaces: ai.auriko.client.management.Workspaces =
        ai.auriko.client.management.Workspaces(management)

    /** A workspace's budgets. */
    public val budgets: ai.auriko.client.management.Budgets =
        ai.auriko.client.management.Budgets(management)

    /** Model discovery: `/models`, the registry and the directory. */
    public val models: ai.auriko.client.management.Models =
        ai.auriko.client.management.Models(management)

    /** Billing balance. */
    public val billing: ai.auriko.client.management.Billing =
        ai.auriko.client.management.Billing(management)

    /** Closes the client; further calls fail. Safe to call more than once, from any thread. */
    override fun close() {
        runtime.close()
    }

    /** The base URL; the API key is masked, never printed. */
    override fun toString(): String = "AurikoClient(baseUrl=${options.baseUrl}, apiKey=██)"
}

/** Groups the chat endpoints, mirroring the REST paths. */
public class Chat
internal constructor(
    /** `POST /chat/completions`, streaming and not. */
    public val completions: ChatCompletions
)

/**
 * Creates a client. Without an explicit [AurikoClientOptions.Builder.apiKey] the key comes from the
 * `AURIKO_API_KEY` environment variable; when neither is set this throws an
 * [ai.auriko.errors.AurikoException] that names the variable. Without an explicit
 * [AurikoClientOptions.Builder.baseUrl] the API root comes from the `AURIKO_BASE_URL` environment
 * variable, else it is `https://api.auriko.ai/v1`.
 *
 * @param configure sets options on the builder
 */
public fun AurikoClient(configure: AurikoClientOptions.Builder.() -> Unit = {}): AurikoClient =
    AurikoClient(AurikoClientOptions.Builder().apply(configure).build())
