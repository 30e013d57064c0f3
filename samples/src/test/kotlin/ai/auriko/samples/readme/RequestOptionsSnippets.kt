package ai.auriko.samples.readme

import ai.auriko.client.AurikoClient
import ai.auriko.client.requestOptions
import ai.auriko.request.chat.ChatCompletionRequest
import kotlin.time.Duration.Companion.seconds

// The README's per-request options fragment (see ReadmeSnippets.kt for how regions work). Compiled,
// never run.

@Suppress("UNUSED_VARIABLE")
suspend fun requestOptionsSnippet(
    client: AurikoClient,
    request: ChatCompletionRequest,
    tenantKey: String,
) {
    // README: kotlin-request-options
    val tenant = requestOptions {
        apiKey(tenantKey) // this call's Authorization; redacted like the client's key
        header("X-Tenant", "acme") // replaces a client default header of the same name
        queryParam("api-version", "2026-01-01")
        requestTimeout = 10.seconds // create and management calls
        firstEventTimeout = 20.seconds // streams
        idleTimeout = 5.seconds
        maxRetries = 0
    }
    val answer = client.chat.completions.create(request, tenant)
    client.chat.completions
        .stream(tenant) {
            model = "gpt-4o"
            messages { user("Hi") }
        }
        .collect { print(it.choices.firstOrNull()?.delta?.content ?: "") }
    val models = client.models.list(tenant)
    // README: end
}
