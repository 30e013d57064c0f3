package ai.auriko.client.internal

/**
 * Detects a base URL that would send the API key in clear text over a network: `http://` to a host
 * that is not loopback. Loopback is decided from the literal host only (no DNS lookup while a
 * client is being built): `localhost`, `*.localhost` (RFC 6761 §6.3), `127.0.0.0/8` and `::1`. The
 * host is read by the SDK's own parser ([ConfigChecks.parseBaseUrl]), not `java.net.URI`, which
 * finds no host in a name with an underscore (a docker-compose service) and so skipped the warning
 * while the engines still connected there.
 */
internal object InsecureBaseUrl {
    fun warnIfInsecure(baseUrl: String, warn: (String) -> Unit) {
        if (!baseUrl.startsWith("http://", ignoreCase = true)) return
        val host = hostOf(baseUrl)
        if (host != null && isLoopback(host)) return
        warn(
            "The base URL $baseUrl is not HTTPS: the API key and every prompt will travel unencrypted to " +
                "${host ?: "its host"}. Use https:// (plain http:// is meant for a gateway on this machine)."
        )
    }

    /** The host of [url], lower case, IPv6 without brackets; `null` when it has none. */
    fun hostOf(url: String): String? =
        try {
            ConfigChecks.parseBaseUrl(url).host
        } catch (_: IllegalArgumentException) {
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
