package ai.auriko.client.management

import ai.auriko.client.internal.ExactDecimalSerializer
import ai.auriko.http.ResponseHeaders
import java.math.BigDecimal
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject

/**
 * What every management result shares: the raw JSON object the server sent (nothing it sends is
 * lost, even fields this SDK does not model yet) and the typed response headers.
 */
public abstract class ApiObject {
    /** The object exactly as the server sent it. */
    public var raw: JsonObject = JsonObject(emptyMap())
        @JvmSynthetic internal set

    /** The typed headers of the response this object came from. */
    public var responseHeaders: ResponseHeaders = ResponseHeaders.empty()
        @JvmSynthetic internal set
}

/**
 * A list result: a read-only [List] of items, plus the raw body and the typed response headers.
 * Accepts both `{"data": [...]}` and a bare array from the server.
 */
public class ApiList<T>
internal constructor(
    /** The items. */
    public val data: List<T>,
    /** The typed headers of the response. */
    public val responseHeaders: ResponseHeaders,
    /** The body exactly as the server sent it. */
    public val raw: JsonElement,
) : List<T> by data {
    /** Equal to any [List] with the same items, as the `java.util.List` contract requires. */
    override fun equals(other: Any?): Boolean = data == other

    /** The items' hash code, as the `java.util.List` contract requires. */
    override fun hashCode(): Int = data.hashCode()

    /** The size and the items, for logs; the raw body is left out. */
    override fun toString(): String = "ApiList(size=${data.size}, data=$data)"
}

/** Who the API key belongs to (`GET /me`). */
@Serializable
public class Identity
internal constructor(
    /** The workspace the key belongs to. */
    @SerialName("workspace_id") public val workspaceId: String? = null,
    /** The user, for user-scoped keys. */
    @SerialName("user_id") public val userId: String? = null,
    /** The user's email, when the server shares it. */
    public val email: String? = null,
    /** A display name. */
    public val name: String? = null,
    /** The role in the workspace. */
    public val role: String? = null,
) : ApiObject() {
    /** The workspace, user and role, for logs. */
    override fun toString(): String =
        "Identity(workspaceId=$workspaceId, userId=$userId, role=$role)"
}

/** A workspace (`/workspaces`). */
@Serializable
public class Workspace
internal constructor(
    /** The workspace id. */
    public val id: String? = null,
    /** Its name. */
    public val name: String? = null,
    /** Its plan or tier. */
    public val tier: String? = null,
    /** When it was created, as the server wrote it. */
    @SerialName("created_at") public val createdAt: String? = null,
) : ApiObject() {
    /** The id and name, for logs. */
    override fun toString(): String = "Workspace(id=$id, name=$name)"
}

/** A spending budget of a workspace (`/workspaces/{id}/budgets`). */
@Serializable
public class Budget
internal constructor(
    /** The budget id. */
    public val id: String? = null,
    /** The workspace it belongs to. */
    @SerialName("workspace_id") public val workspaceId: String? = null,
    /** Its name. */
    public val name: String? = null,
    /** The limit, in US dollars, exactly as sent. */
    @SerialName("limit_usd")
    @Serializable(with = ExactDecimalSerializer::class)
    public val limitUsd: BigDecimal? = null,
    /** What was spent in the current period, in US dollars, exactly as sent. */
    @SerialName("spent_usd")
    @Serializable(with = ExactDecimalSerializer::class)
    public val spentUsd: BigDecimal? = null,
    /** The period, for example `monthly`. */
    public val period: String? = null,
    /** When the period resets, as the server wrote it. */
    @SerialName("reset_at") public val resetAt: String? = null,
) : ApiObject() {
    /** The id, limit and amount spent, for logs. */
    override fun toString(): String =
        "Budget(id=$id, limitUsd=${limitUsd?.toPlainString()}, spentUsd=${spentUsd?.toPlainString()})"
}

/** A model in the OpenAI-compatible list (`/models`). */
@Serializable
public class Model
internal constructor(
    /** The model id to put in requests. */
    public val id: String? = null,
    /** `model`. */
    @SerialName("object") public val objectType: String? = null,
    /** Creation time, in Unix seconds. */
    public val created: Long? = null,
    /** The owner. */
    @SerialName("owned_by") public val ownedBy: String? = null,
) : ApiObject() {
    /** The id and owner, for logs. */
    override fun toString(): String = "Model(id=$id, ownedBy=$ownedBy)"
}

/** A model of the gateway's registry (`/registry/models`). */
@Serializable
public class RegistryModel
internal constructor(
    /** The model id. */
    public val id: String? = null,
    /** The model family. */
    public val family: String? = null,
    /** A display name. */
    @SerialName("display_name") public val displayName: String? = null,
) : ApiObject() {
    /** The id and family, for logs. */
    override fun toString(): String = "RegistryModel(id=$id, family=$family)"
}

/** A provider of the gateway's registry (`/registry/providers`). */
@Serializable
public class RegistryProvider
internal constructor(
    /** The provider id, as used in routing options. */
    public val id: String? = null,
    /** A display name. */
    @SerialName("display_name") public val displayName: String? = null,
    /** A description. */
    public val description: String? = null,
    /** Its data policy: a policy name, or an object describing it. */
    @SerialName("data_policy") public val dataPolicy: JsonElement? = null,
) : ApiObject() {
    /** The id and display name, for logs. */
    override fun toString(): String = "RegistryProvider(id=$id, displayName=$displayName)"
}

/** A model in the model directory (`/directory/models`), with each provider offering it. */
@Serializable
public class DirectoryModel
internal constructor(
    /** The model id. */
    public val id: String? = null,
    /** A display name. */
    @SerialName("display_name") public val displayName: String? = null,
    /** The providers that serve it. */
    public val providers: List<DirectoryProviderEntry> = emptyList(),
) : ApiObject() {
    /** The id and how many providers offer it, for logs. */
    override fun toString(): String = "DirectoryModel(id=$id, providers=${providers.size})"
}

/** One provider's offer of a [DirectoryModel]. */
@Serializable
public class DirectoryProviderEntry
internal constructor(
    /** The provider id. */
    public val provider: String? = null,
    /** The context window, in tokens. */
    @SerialName("context_window") public val contextWindow: Long? = null,
    /** What it supports, for example `tools` or `vision`. */
    public val capabilities: List<String> = emptyList(),
    /** Its prices, as the server sent them (per-token prices, or a list of tiers). */
    public val pricing: JsonElement? = null,
    /** The optional parameters it supports. */
    @SerialName("supported_parameters") public val supportedParameters: List<String> = emptyList(),
) {
    /** The provider and context window, for logs. */
    override fun toString(): String =
        "DirectoryProviderEntry(provider=$provider, contextWindow=$contextWindow)"
}

/** A workspace's credit balance (`/workspaces/{id}/billing/balance`). */
@Serializable
public class Balance
internal constructor(
    /** The workspace. */
    @SerialName("workspace_id") public val workspaceId: String? = null,
    /** The balance in US dollars, exactly as sent. */
    @SerialName("balance_usd")
    @Serializable(with = ExactDecimalSerializer::class)
    public val balanceUsd: BigDecimal? = null,
    /** The balance in millionths of a US dollar. */
    @SerialName("balance_microdollars") public val balanceMicrodollars: Long? = null,
    /** The currency, when not USD. */
    public val currency: String? = null,
) : ApiObject() {
    /** The workspace and balance, for logs. */
    override fun toString(): String =
        "Balance(workspaceId=$workspaceId, balanceUsd=${balanceUsd?.toPlainString()})"
}
