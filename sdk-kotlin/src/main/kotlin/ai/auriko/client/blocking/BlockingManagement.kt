package ai.auriko.client.blocking

import ai.auriko.client.management.ApiList
import ai.auriko.client.management.Balance
import ai.auriko.client.management.Billing
import ai.auriko.client.management.Budget
import ai.auriko.client.management.Budgets
import ai.auriko.client.management.DirectoryModel
import ai.auriko.client.management.Identity
import ai.auriko.client.management.Me
import ai.auriko.client.management.Model
import ai.auriko.client.management.Models
import ai.auriko.client.management.RegistryModel
import ai.auriko.client.management.RegistryProvider
import ai.auriko.client.management.Workspace
import ai.auriko.client.management.Workspaces
import java.util.concurrent.CompletableFuture

// Java views of the management endpoints: each call blocking, and as a CompletableFuture whose
// cancellation cancels the HTTP call. Errors are the same unchecked exceptions as everywhere.

/** `GET /me` for Java. */
public class BlockingMe
internal constructor(private val me: Me, private val owner: AurikoBlockingClient) {
    /** Who the key belongs to. */
    public fun get(): Identity = owner.blockingCall("me().get()") { me.get() }

    /** [get], asynchronously. */
    public fun getAsync(): CompletableFuture<Identity> = owner.asyncCall { me.get() }
}

/** Workspaces for Java. */
public class BlockingWorkspaces
internal constructor(private val workspaces: Workspaces, private val owner: AurikoBlockingClient) {
    /** All workspaces. */
    public fun list(): ApiList<Workspace> =
        owner.blockingCall("workspaces().list()") { workspaces.list() }

    /** [list], asynchronously. */
    public fun listAsync(): CompletableFuture<ApiList<Workspace>> =
        owner.asyncCall { workspaces.list() }

    /** One workspace; a blank id fails before any I/O. */
    public fun get(workspaceId: String): Workspace =
        owner.blockingCall("workspaces().get()") { workspaces.get(workspaceId) }

    /** [get], asynchronously. */
    public fun getAsync(workspaceId: String): CompletableFuture<Workspace> =
        owner.asyncCall { workspaces.get(workspaceId) }
}

/** Budgets for Java. */
public class BlockingBudgets
internal constructor(private val budgets: Budgets, private val owner: AurikoBlockingClient) {
    /** The budgets of a workspace. */
    public fun list(workspaceId: String): ApiList<Budget> =
        owner.blockingCall("budgets().list()") { budgets.list(workspaceId) }

    /** [list], asynchronously. */
    public fun listAsync(workspaceId: String): CompletableFuture<ApiList<Budget>> =
        owner.asyncCall { budgets.list(workspaceId) }

    /** One budget. */
    public fun get(workspaceId: String, budgetId: String): Budget =
        owner.blockingCall("budgets().get()") { budgets.get(workspaceId, budgetId) }

    /** [get], asynchronously. */
    public fun getAsync(workspaceId: String, budgetId: String): CompletableFuture<Budget> =
        owner.asyncCall { budgets.get(workspaceId, budgetId) }
}

/** Model discovery for Java. */
public class BlockingModels
internal constructor(private val models: Models, private val owner: AurikoBlockingClient) {
    /** `GET /models`. */
    public fun list(): ApiList<Model> = owner.blockingCall("models().list()") { models.list() }

    /** [list], asynchronously. */
    public fun listAsync(): CompletableFuture<ApiList<Model>> = owner.asyncCall { models.list() }

    /** `GET /models/{id}`. */
    public fun retrieve(modelId: String): Model =
        owner.blockingCall("models().retrieve()") { models.retrieve(modelId) }

    /** [retrieve], asynchronously. */
    public fun retrieveAsync(modelId: String): CompletableFuture<Model> =
        owner.asyncCall { models.retrieve(modelId) }

    /** `GET /registry/models`. */
    public fun listRegistry(): ApiList<RegistryModel> =
        owner.blockingCall("models().listRegistry()") { models.listRegistry() }

    /** [listRegistry], asynchronously. */
    public fun listRegistryAsync(): CompletableFuture<ApiList<RegistryModel>> =
        owner.asyncCall { models.listRegistry() }

    /** `GET /registry/providers`. */
    public fun listProviders(): ApiList<RegistryProvider> =
        owner.blockingCall("models().listProviders()") { models.listProviders() }

    /** [listProviders], asynchronously. */
    public fun listProvidersAsync(): CompletableFuture<ApiList<RegistryProvider>> =
        owner.asyncCall { models.listProviders() }

    /** `GET /directory/models`. */
    public fun listDirectory(): ApiList<DirectoryModel> =
        owner.blockingCall("models().listDirectory()") { models.listDirectory() }

    /** [listDirectory], asynchronously. */
    public fun listDirectoryAsync(): CompletableFuture<ApiList<DirectoryModel>> =
        owner.asyncCall { models.listDirectory() }
}

/** Billing for Java. */
public class BlockingBilling
internal constructor(private val billing: Billing, private val owner: AurikoBlockingClient) {
    /** A workspace's credit balance. */
    public fun balance(workspaceId: String): Balance =
        owner.blockingCall("billing().balance()") { billing.balance(workspaceId) }

    /** [balance], asynchronously. */
    public fun balanceAsync(workspaceId: String): CompletableFuture<Balance> =
        owner.asyncCall { billing.balance(workspaceId) }
}
