package ai.auriko.client.blocking

import ai.auriko.client.RequestOptions
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

    /** [get] with per-request [options]; see [RequestOptions]. */
    public fun get(options: RequestOptions): Identity =
        owner.blockingCall("me().get()") { me.get(options) }

    /** [getAsync] with per-request [options]; see [RequestOptions]. */
    public fun getAsync(options: RequestOptions): CompletableFuture<Identity> =
        owner.asyncCall { me.get(options) }
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

    /** [list] with per-request [options]; see [RequestOptions]. */
    public fun list(options: RequestOptions): ApiList<Workspace> =
        owner.blockingCall("workspaces().list()") { workspaces.list(options) }

    /** [listAsync] with per-request [options]; see [RequestOptions]. */
    public fun listAsync(options: RequestOptions): CompletableFuture<ApiList<Workspace>> =
        owner.asyncCall { workspaces.list(options) }

    /** [get] with per-request [options]; see [RequestOptions]. */
    public fun get(workspaceId: String, options: RequestOptions): Workspace =
        owner.blockingCall("workspaces().get()") { workspaces.get(workspaceId, options) }

    /** [getAsync] with per-request [options]; see [RequestOptions]. */
    public fun getAsync(
        workspaceId: String,
        options: RequestOptions,
    ): CompletableFuture<Workspace> = owner.asyncCall { workspaces.get(workspaceId, options) }
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

    /** [list] with per-request [options]; see [RequestOptions]. */
    public fun list(workspaceId: String, options: RequestOptions): ApiList<Budget> =
        owner.blockingCall("budgets().list()") { budgets.list(workspaceId, options) }

    /** [listAsync] with per-request [options]; see [RequestOptions]. */
    public fun listAsync(
        workspaceId: String,
        options: RequestOptions,
    ): CompletableFuture<ApiList<Budget>> = owner.asyncCall { budgets.list(workspaceId, options) }

    /** [get] with per-request [options]; see [RequestOptions]. */
    public fun get(workspaceId: String, budgetId: String, options: RequestOptions): Budget =
        owner.blockingCall("budgets().get()") { budgets.get(workspaceId, budgetId, options) }

    /** [getAsync] with per-request [options]; see [RequestOptions]. */
    public fun getAsync(
        workspaceId: String,
        budgetId: String,
        options: RequestOptions,
    ): CompletableFuture<Budget> = owner.asyncCall { budgets.get(workspaceId, budgetId, options) }
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

    /** [list] with per-request [options]; see [RequestOptions]. */
    public fun list(options: RequestOptions): ApiList<Model> =
        owner.blockingCall("models().list()") { models.list(options) }

    /** [listAsync] with per-request [options]; see [RequestOptions]. */
    public fun listAsync(options: RequestOptions): CompletableFuture<ApiList<Model>> =
        owner.asyncCall { models.list(options) }

    /** [retrieve] with per-request [options]; see [RequestOptions]. */
    public fun retrieve(modelId: String, options: RequestOptions): Model =
        owner.blockingCall("models().retrieve()") { models.retrieve(modelId, options) }

    /** [retrieveAsync] with per-request [options]; see [RequestOptions]. */
    public fun retrieveAsync(modelId: String, options: RequestOptions): CompletableFuture<Model> =
        owner.asyncCall { models.retrieve(modelId, options) }

    /** [listRegistry] with per-request [options]; see [RequestOptions]. */
    public fun listRegistry(options: RequestOptions): ApiList<RegistryModel> =
        owner.blockingCall("models().listRegistry()") { models.listRegistry(options) }

    /** [listRegistryAsync] with per-request [options]; see [RequestOptions]. */
    public fun listRegistryAsync(
        options: RequestOptions
    ): CompletableFuture<ApiList<RegistryModel>> = owner.asyncCall { models.listRegistry(options) }

    /** [listProviders] with per-request [options]; see [RequestOptions]. */
    public fun listProviders(options: RequestOptions): ApiList<RegistryProvider> =
        owner.blockingCall("models().listProviders()") { models.listProviders(options) }

    /** [listProvidersAsync] with per-request [options]; see [RequestOptions]. */
    public fun listProvidersAsync(
        options: RequestOptions
    ): CompletableFuture<ApiList<RegistryProvider>> =
        owner.asyncCall { models.listProviders(options) }

    /** [listDirectory] with per-request [options]; see [RequestOptions]. */
    public fun listDirectory(options: RequestOptions): ApiList<DirectoryModel> =
        owner.blockingCall("models().listDirectory()") { models.listDirectory(options) }

    /** [listDirectoryAsync] with per-request [options]; see [RequestOptions]. */
    public fun listDirectoryAsync(
        options: RequestOptions
    ): CompletableFuture<ApiList<DirectoryModel>> =
        owner.asyncCall { models.listDirectory(options) }
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

    /** [balance] with per-request [options]; see [RequestOptions]. */
    public fun balance(workspaceId: String, options: RequestOptions): Balance =
        owner.blockingCall("billing().balance()") { billing.balance(workspaceId, options) }

    /** [balanceAsync] with per-request [options]; see [RequestOptions]. */
    public fun balanceAsync(
        workspaceId: String,
        options: RequestOptions,
    ): CompletableFuture<Balance> = owner.asyncCall { billing.balance(workspaceId, options) }
}
