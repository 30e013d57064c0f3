package ai.auriko.client.internal

import ai.auriko.client.AurikoClientOptions
import ai.auriko.client.RequestOptions
import ai.auriko.http.RetryPolicy
import kotlin.time.Duration

/**
 * What one call runs with: the client's [AurikoClientOptions] merged with the call's
 * [RequestOptions], the per-request value winning (see [RequestOptions] for the rules). Resolved
 * once per call, before any I/O; every attempt of the call (retries included) uses the same.
 */
internal class CallSettings
private constructor(
    val requestTimeout: Duration,
    val firstEventTimeout: Duration,
    val idleTimeout: Duration,
    val retryPolicy: RetryPolicy,
    /** Sent after the client's headers, each replacing one of the same name. */
    val headers: Map<String, String>,
    /** Added to the URL, each replacing one of the same name. */
    val queryParams: Map<String, String>,
    /**
     * Credentials this call sends that the client does not know (a per-call `Authorization`):
     * redacted like the client's key while the call runs.
     */
    val secrets: List<String>,
) {
    companion object {
        /** The client's own settings: what a call without options runs with. */
        fun of(options: AurikoClientOptions): CallSettings =
            CallSettings(
                options.requestTimeout,
                options.firstEventTimeout,
                options.idleTimeout,
                options.retryPolicy,
                emptyMap(),
                emptyMap(),
                emptyList(),
            )

        /** [client] with [request] applied on top. */
        fun merge(
            client: CallSettings,
            request: RequestOptions,
            isSensitive: (String) -> Boolean = Redactor::isSecretHeader,
        ): CallSettings {
            if (request === RequestOptions.NONE) return client
            val retryPolicy =
                request.maxRetries?.let { n ->
                    if (n == client.retryPolicy.maxRetries()) client.retryPolicy
                    else client.retryPolicy.toBuilder().maxRetries(n).build()
                } ?: client.retryPolicy
            val headers = request.headersToSend()
            return CallSettings(
                request.requestTimeout ?: client.requestTimeout,
                request.firstEventTimeout ?: client.firstEventTimeout,
                request.idleTimeout ?: client.idleTimeout,
                retryPolicy,
                headers,
                request.queryParams,
                secretsOf(headers, isSensitive),
            )
        }

        /**
         * The values of credential headers, and the token of a `Bearer`/`Basic`-style
         * `Authorization`, so that a server echoing only the token is redacted too.
         */
        private fun secretsOf(
            headers: Map<String, String>,
            isSensitive: (String) -> Boolean,
        ): List<String> {
            val secrets = ArrayList<String>()
            for ((name, value) in headers) {
                if (isSensitive(name)) secrets += Redactor.formsOf(value)
            }
            return secrets
        }
    }
}
