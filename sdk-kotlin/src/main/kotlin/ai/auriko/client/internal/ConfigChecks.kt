package ai.auriko.client.internal

/**
 * Checks configuration that reaches the wire — header names and values, the API key, the base URL —
 * before any I/O, so that an engine never gets the chance to reject it with a message that quotes
 * it (OkHttp's `Unexpected char 0x200b at 26 in x-api-key value: <the value>`). Every message names
 * the header, or the part of the URL, and what is wrong; none repeats a value.
 */
internal object ConfigChecks {
    private const val TOKEN_CHARS =
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    /** Whether [name] is an HTTP token (RFC 9110 §5.6.2), the only legal header name. */
    fun isToken(name: String): Boolean = name.isNotEmpty() && name.all { it in TOKEN_CHARS }

    /**
     * What is wrong with [value] as a header value, worded without the value, or `null`: HTTP
     * allows visible ASCII, space and tab (engines reject the rest, quoting the value).
     */
    fun valueProblem(value: String): String? {
        for (c in value) {
            when {
                c == '\t' -> continue
                c < ' ' || c == '\u007f' -> return "a control character (a pasted line break?)"
                c > '\u007e' ->
                    return "a non-ASCII character (a pasted zero-width or non-breaking space, a curly quote?)"
            }
        }
        return null
    }

    /** Throws when [name]/[value] cannot be sent as a header; [what] says where it was set. */
    fun checkHeader(what: String, name: String, value: String) {
        // An invalid name is not quoted either: it may be a value pasted in the wrong place.
        require(isToken(name)) { "a $what name is not an HTTP token (name not shown)" }
        valueProblem(value)?.let {
            throw IllegalArgumentException(
                "the value of $what '$name' contains $it (value not shown)"
            )
        }
    }

    /** The parts of an http(s) URL this SDK accepts as a base URL. */
    class BaseUrlParts(val scheme: String, val host: String, val port: Int?, val path: String)

    /**
     * [url] split into its parts, or an [IllegalArgumentException] naming the part that is wrong
     * (never the URL: a user-info part holds a password, and a value in the wrong place may be a
     * key). User info (`user:password@host`) is rejected, not redacted: credentials in a URL end up
     * in every log line, proxy log and `toString()` that shows the URL.
     */
    fun parseBaseUrl(url: String): BaseUrlParts {
        val schemeEnd = url.indexOf("://")
        val scheme = if (schemeEnd > 0) url.substring(0, schemeEnd).lowercase() else ""
        require(scheme == "http" || scheme == "https") {
            "baseUrl must start with http:// or https:// (value not shown)"
        }
        val rest = url.substring(schemeEnd + 3)
        var authorityEnd = rest.length
        for ((i, c) in rest.withIndex()) if (c == '/' || c == '?' || c == '#' || c == '\\') {
            authorityEnd = i
            break
        }
        val authority = rest.substring(0, authorityEnd)
        require('@' !in authority) {
            "baseUrl must not contain user information (user:password@ before the host): send " +
                "credentials with apiKey or a default header (value not shown)"
        }
        require(authority.isNotEmpty()) { "baseUrl has no host (value not shown)" }
        val host: String
        val portText: String?
        if (authority.startsWith("[")) {
            val close = authority.indexOf(']')
            require(close > 1) { "the IPv6 host of baseUrl has no closing ']' (value not shown)" }
            host = authority.substring(1, close)
            require(host.all { it.isLetterOrDigitAscii() || it == ':' || it == '.' }) {
                "the IPv6 host of baseUrl contains a character not allowed there (value not shown)"
            }
            val after = authority.substring(close + 1)
            require(after.isEmpty() || after.startsWith(":")) {
                "the host of baseUrl is followed by something other than a port (value not shown)"
            }
            portText = after.takeIf { it.isNotEmpty() }?.substring(1)
        } else {
            val colon = authority.lastIndexOf(':')
            host = if (colon >= 0) authority.substring(0, colon) else authority
            portText = if (colon >= 0) authority.substring(colon + 1) else null
            require(host.isNotEmpty()) { "baseUrl has no host (value not shown)" }
            // Underscores are not legal in DNS host names but resolve in docker-compose networks,
            // and every engine connects to them.
            require(host.all { it.isLetterOrDigitAscii() || it in "-._~" }) {
                "the host of baseUrl contains a character not allowed in a host name (value not shown)"
            }
        }
        val port =
            portText?.let {
                val n = it.takeIf { p -> p.length in 1..5 && p.all(Char::isDigit) }?.toInt()
                require(n != null && n in 1..65535) {
                    "the port of baseUrl is not a number from 1 to 65535 (value not shown)"
                }
                n
            }
        val path = rest.substring(authorityEnd)
        require('?' !in path && '#' !in path) {
            "baseUrl must not have a query (?…) or a fragment (#…): the SDK appends paths to it (value not shown)"
        }
        require(path.all { it > ' ' && it < '\u007f' && it != '\\' }) {
            "the path of baseUrl contains a space, a backslash, a control or a non-ASCII character (value not shown)"
        }
        return BaseUrlParts(scheme, host.lowercase(), port, path)
    }

    private fun Char.isLetterOrDigitAscii(): Boolean =
        this in 'a'..'z' || this in 'A'..'Z' || this in '0'..'9'
}
