package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.client.AurikoClientOptions
import ai.auriko.samples.gateway.LocalGateway

/** A client for [gateway], as the samples make one; [configure] adds test-specific settings. */
internal fun localClient(
    gateway: LocalGateway,
    configure: AurikoClientOptions.Builder.() -> Unit = {},
): AurikoClient = AurikoClient {
    apiKey = "sk-local-demo"
    baseUrl = gateway.baseUrl
    configure()
}
