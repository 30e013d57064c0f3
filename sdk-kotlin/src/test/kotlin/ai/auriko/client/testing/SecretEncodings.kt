package ai.auriko.client.testing

import java.net.URLEncoder

/**
 * The forms in which servers, proxies and error pages echo a credential, written independently of
 * the SDK's matcher: the leak hunt searches every captured text for each of them, and its echo
 * server sends each of them back.
 */
object SecretEncodings {
    /** Name → encoder. Every form is ASCII when the secret is. */
    val all: List<Pair<String, (String) -> String>> =
        listOf(
            "raw" to { s -> s },
            "json" to ::jsonStandard,
            "json-php-slash" to { s -> jsonStandard(s).replace("/", "\\/") },
            "json-dotnet" to ::jsonDotNet,
            "json-u-lower-all" to { s -> s.map { "\\u%04x".format(it.code) }.joinToString("") },
            "json-u-upper-all" to { s -> s.map { "\\u%04X".format(it.code) }.joinToString("") },
            "url-form" to { s -> URLEncoder.encode(s, Charsets.UTF_8) },
            "url-form-lower" to { s -> lowerHex(URLEncoder.encode(s, Charsets.UTF_8)) },
            "url-rfc3986" to { s -> URLEncoder.encode(s, Charsets.UTF_8).replace("+", "%20") },
            "url-every-byte" to { s -> s.toByteArray().joinToString("") { "%%%02X".format(it) } },
            "url-every-byte-lower" to
                { s ->
                    s.toByteArray().joinToString("") { "%%%02x".format(it) }
                },
            "html-named" to ::htmlNamed,
            "html-decimal" to { s -> codePoints(s).joinToString("") { "&#$it;" } },
            "html-hex" to { s -> codePoints(s).joinToString("") { "&#x%X;".format(it) } },
            "html-hex-lower" to { s -> codePoints(s).joinToString("") { "&#x%x;".format(it) } },
            "upper-case" to { s -> s.uppercase() },
            "lower-case" to { s -> s.lowercase() },
        )

    /** Every distinct form of [secret]. */
    fun forms(secret: String): List<Pair<String, String>> =
        all.map { (name, encode) -> name to encode(secret) }.distinctBy { it.second }

    private fun jsonStandard(s: String): String =
        kotlinx.serialization.json.JsonPrimitive(s).toString().removeSurrounding("\"")

    /** As .NET's default encoder: HTML-sensitive and non-ASCII characters as `\uXXXX`. */
    private fun jsonDotNet(s: String): String =
        s.map { c ->
                when {
                    c == '"' -> "\\u0022"
                    c == '\\' -> "\\\\"
                    c in "+<>&'`" || c.code > 0x7e || c < ' ' -> "\\u%04X".format(c.code)
                    else -> c.toString()
                }
            }
            .joinToString("")

    private fun htmlNamed(s: String): String =
        s.map { c ->
                when (c) {
                    '&' -> "&amp;"
                    '"' -> "&quot;"
                    '<' -> "&lt;"
                    '>' -> "&gt;"
                    '\'' -> "&apos;"
                    '+' -> "&plus;"
                    '/' -> "&sol;"
                    '=' -> "&equals;"
                    '\\' -> "&bsol;"
                    else -> c.toString()
                }
            }
            .joinToString("")

    private fun lowerHex(s: String): String =
        Regex("%[0-9A-F]{2}").replace(s) { it.value.lowercase() }

    private fun codePoints(s: String): List<Int> = s.codePoints().toArray().toList()
}
