package ai.auriko.client.internal

import java.net.URI

/**
 * Detects a base URL that would send the API key in clear text over a network: `http://` to a host
 * that is not loopback. Loopback is decided from the literal host only (no DNS lookup while a
 * client is being built): `localhost`, `*.localhost` (RFC 6761 §6.3), `127.0.0.0/8` and `::1`.
 */
internal object InsecureBaseUrl {
    fun warnIfInsecure(baseUrl: String, warn: (String) -> Unit) {
        if (!baseUrl.startsWith("http://", ignoreCase = true)) return
        val host = hostOf(baseUrl) ?: return
        if (isLoopback(host)) return
        warn(
            "The base URL $baseUrl is not HTTPS: the API key and every prompt will travel unencrypted to $host. " +
                "Use https:// (plain http:// is meant for a gateway on this machine)."
        )
    }

    fun hostOf(url: String): String? =
        try {
            URI(url).host?.removePrefix("[")?.removeSuffix("]")?.lowercase()
        } catch (_: Exception) {
            null
        }

    fun isLoopback(host: String): Boolean {
        if (host == "localhost" || host.endsWith(".localhost")) return true
        if (host == "::1" || host == "0:0:0:0:0:0:0:1") return true
        val parts = host.split('.')
        return parts.size == 4 &&
            parts[0] == "127" &&
            parts.all { p -> p.toIntOrNull()?.let { it in 0..255 } == true }
    }
}
