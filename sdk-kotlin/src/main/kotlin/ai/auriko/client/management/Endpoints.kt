package ai.auriko.client.management

import ai.auriko.client.management.ManagementApi.Companion.segment

/** `GET /me`: who the API key belongs to. */
public class Me internal constructor(private val api: ManagementApi) {
    /** The key's identity: at least its workspace id. */
    public suspend fun get(): Identity = api.getObject("/me", Identity.serializer())
}

/** `/workspaces`: the workspaces the key can see. */
public class Workspaces internal constructor(private val api: ManagementApi) {
    /** All workspaces. */
    public suspend fun list(): ApiList<Workspace> =
        api.getList("/workspaces", Workspace.serializer())

    /**
     * One workspace.
     *
     * @throws ai.auriko.errors.InvalidRequestException before any I/O when [workspaceId] is blank
     * @throws ai.auriko.errors.NotFoundException when it does not exist
     */
    public suspend fun get(workspaceId: String): Workspace =
        api.getObject("/workspaces/${segment("workspace_id", workspaceId)}", Workspace.serializer())
}

/** `/workspaces/{id}/budgets`: a workspace's spending budgets. */
public class Budgets internal constructor(private val api: ManagementApi) {
    /** The budgets of [workspaceId]. */
    public suspend fun list(workspaceId: String): ApiList<Budget> =
        api.getList(
            "/workspaces/${segment("workspace_id", workspaceId)}/budgets",
            Budget.serializer(),
        )

    /** One budget. */
    public suspend fun get(workspaceId: String, budgetId: String): Budget =
        api.getObject(
            "/workspaces/${segment("workspace_id", workspaceId)}/budgets/${segment("budget_id", budgetId)}",
            Budget.serializer(),
        )
}

/** Model discovery: the OpenAI-compatible list, the gateway's registry and its model directory. */
public class Models internal constructor(private val api: ManagementApi) {
    /** `GET /models`: the models requests may name. */
    public suspend fun list(): ApiList<Model> = api.getList("/models", Model.serializer())

    /** `GET /models/{id}`: one model. */
    public suspend fun retrieve(modelId: String): Model =
        api.getObject("/models/${segment("model", modelId)}", Model.serializer())

    /** `GET /registry/models`: the registry's models with family and display name. */
    public suspend fun listRegistry(): ApiList<RegistryModel> =
        api.getList("/registry/models", RegistryModel.serializer())

    /** `GET /registry/providers`: providers with description and data policy. */
    public suspend fun listProviders(): ApiList<RegistryProvider> =
        api.getList("/registry/providers", RegistryProvider.serializer())

    /**
     * `GET /directory/models`: each model's provider entries, context windows, capabilities and
     * pricing.
     */
    public suspend fun listDirectory(): ApiList<DirectoryModel> =
        api.getList("/directory/models", DirectoryModel.serializer())
}

/** Billing: `/workspaces/{id}/billing/balance`. */
public class Billing internal constructor(private val api: ManagementApi) {
    /** The credit balance of [workspaceId]. */
    public suspend fun balance(workspaceId: String): Balance =
        api.getObject(
            "/workspaces/${segment("workspace_id", workspaceId)}/billing/balance",
            Balance.serializer(),
        )
}
