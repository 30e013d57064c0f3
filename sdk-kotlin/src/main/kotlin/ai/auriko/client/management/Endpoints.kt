package ai.auriko.client.management

import ai.auriko.client.RequestOptions
import ai.auriko.client.management.ManagementApi.Companion.segment

// Every read has a form taking RequestOptions last (timeouts, headers, query parameters, retries
// for that call only; per-request values win), the same shape as the chat and Responses calls.

/** `GET /me`: who the API key belongs to. */
public class Me internal constructor(private val api: ManagementApi) {
    /** The key's identity: at least its workspace id. */
    public suspend fun get(): Identity = get(RequestOptions.NONE)

    /** [get] with per-request [options]; a per-call `Authorization` asks who that key is. */
    public suspend fun get(options: RequestOptions): Identity =
        api.getObject("/me", Identity.serializer(), options)
}

/** `/workspaces`: the workspaces the key can see. */
public class Workspaces internal constructor(private val api: ManagementApi) {
    /** All workspaces. */
    public suspend fun list(): ApiList<Workspace> = list(RequestOptions.NONE)

    /** [list] with per-request [options]. */
    public suspend fun list(options: RequestOptions): ApiList<Workspace> =
        api.getList("/workspaces", Workspace.serializer(), options)

    /**
     * One workspace.
     *
     * @throws ai.auriko.errors.InvalidRequestException before any I/O when [workspaceId] is blank
     * @throws ai.auriko.errors.NotFoundException when it does not exist
     */
    public suspend fun get(workspaceId: String): Workspace = get(workspaceId, RequestOptions.NONE)

    /** [get] with per-request [options]. */
    public suspend fun get(workspaceId: String, options: RequestOptions): Workspace =
        api.getObject(
            "/workspaces/${segment("workspace_id", workspaceId)}",
            Workspace.serializer(),
            options,
        )
}

/** `/workspaces/{id}/budgets`: a workspace's spending budgets. */
public class Budgets internal constructor(private val api: ManagementApi) {
    /** The budgets of [workspaceId]. */
    public suspend fun list(workspaceId: String): ApiList<Budget> =
        list(workspaceId, RequestOptions.NONE)

    /** [list] with per-request [options]. */
    public suspend fun list(workspaceId: String, options: RequestOptions): ApiList<Budget> =
        api.getList(
            "/workspaces/${segment("workspace_id", workspaceId)}/budgets",
            Budget.serializer(),
            options,
        )

    /** One budget. */
    public suspend fun get(workspaceId: String, budgetId: String): Budget =
        get(workspaceId, budgetId, RequestOptions.NONE)

    /** [get] with per-request [options]. */
    public suspend fun get(workspaceId: String, budgetId: String, options: RequestOptions): Budget =
        api.getObject(
            "/workspaces/${segment("workspace_id", workspaceId)}/budgets/${segment("budget_id", budgetId)}",
            Budget.serializer(),
            options,
        )
}

/** Model discovery: the OpenAI-compatible list, the gateway's registry and its model directory. */
public class Models internal constructor(private val api: ManagementApi) {
    /** `GET /models`: the models requests may name. */
    public suspend fun list(): ApiList<Model> = list(RequestOptions.NONE)

    /** [list] with per-request [options]. */
    public suspend fun list(options: RequestOptions): ApiList<Model> =
        api.getList("/models", Model.serializer(), options)

    /** `GET /models/{id}`: one model. */
    public suspend fun retrieve(modelId: String): Model = retrieve(modelId, RequestOptions.NONE)

    /** [retrieve] with per-request [options]. */
    public suspend fun retrieve(modelId: String, options: RequestOptions): Model =
        api.getObject("/models/${segment("model", modelId)}", Model.serializer(), options)

    /** `GET /registry/models`: the registry's models with family and display name. */
    public suspend fun listRegistry(): ApiList<RegistryModel> = listRegistry(RequestOptions.NONE)

    /** [listRegistry] with per-request [options]. */
    public suspend fun listRegistry(options: RequestOptions): ApiList<RegistryModel> =
        api.getList("/registry/models", RegistryModel.serializer(), options)

    /** `GET /registry/providers`: providers with description and data policy. */
    public suspend fun listProviders(): ApiList<RegistryProvider> =
        listProviders(RequestOptions.NONE)

    /** [listProviders] with per-request [options]. */
    public suspend fun listProviders(options: RequestOptions): ApiList<RegistryProvider> =
        api.getList("/registry/providers", RegistryProvider.serializer(), options)

    /**
     * `GET /directory/models`: each model's provider entries, context windows, capabilities and
     * pricing.
     */
    public suspend fun listDirectory(): ApiList<DirectoryModel> = listDirectory(RequestOptions.NONE)

    /** [listDirectory] with per-request [options]. */
    public suspend fun listDirectory(options: RequestOptions): ApiList<DirectoryModel> =
        api.getList("/directory/models", DirectoryModel.serializer(), options)
}

/** Billing: `/workspaces/{id}/billing/balance`. */
public class Billing internal constructor(private val api: ManagementApi) {
    /** The credit balance of [workspaceId]. */
    public suspend fun balance(workspaceId: String): Balance =
        balance(workspaceId, RequestOptions.NONE)

    /** [balance] with per-request [options]. */
    public suspend fun balance(workspaceId: String, options: RequestOptions): Balance =
        api.getObject(
            "/workspaces/${segment("workspace_id", workspaceId)}/billing/balance",
            Balance.serializer(),
            options,
        )
}
