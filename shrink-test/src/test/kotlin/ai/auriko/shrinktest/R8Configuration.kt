package ai.auriko.shrinktest

import java.io.File

/**
 * R8's own print of every rule it applied (what `--pg-conf-output` writes), each rule file headed
 * by where R8 found it: for the rules it read from a jar, `<jar>:<entry>`.
 */
internal class R8Configuration(val text: String) {
    /** Where each rule file came from, in R8's order. */
    val sources: List<String> =
        text
            .lineSequence()
            .filter { it.startsWith(HEADER) }
            .map { it.removePrefix(HEADER).trim() }
            .toList()

    /** [sources], a jar's path shortened to its file name: `sdk-java-….jar:META-INF/proguard/…`. */
    val sourceNames: List<String> =
        sources.map {
            if (".jar:" in it)
                File(it.substringBefore(".jar:")).name + ".jar:" + it.substringAfter(".jar:")
            else it
        }

    private val options: List<String> =
        text
            .lineSequence()
            .map { it.substringBefore('#').trim() }
            .filter { it.isNotEmpty() }
            .toList()

    /** The class filter of each `-dontwarn`, as ProGuard syntax: `a.B, c.**, !d.*`. */
    private val dontwarns: List<List<String>> =
        options
            .filter { it == "-dontwarn" || it.startsWith("-dontwarn ") }
            .map { option ->
                option
                    .removePrefix("-dontwarn")
                    .split(',')
                    .map(String::trim)
                    .filter(String::isNotEmpty)
            }

    /**
     * Options that silence R8's missing-class errors wholesale: `-ignorewarnings`, or a `-dontwarn`
     * with no filter or one that matches every class.
     */
    val blanketSilencing: List<String> =
        options.filter { it == "-ignorewarnings" || it.startsWith("-ignorewarnings ") } +
            dontwarns
                .filter { filter -> filter.isEmpty() || filter.any { it.trimStart('!') in ANY } }
                .map { "-dontwarn " + it.joinToString(", ") }

    /**
     * Whether a `-dontwarn` covers [className]: in each filter the first entry that matches
     * decides, and a `!` entry excludes.
     */
    fun dontwarns(className: String): Boolean =
        dontwarns.any { filter ->
            filter
                .firstOrNull { glob(it.removePrefix("!")).matches(className) }
                ?.let { !it.startsWith("!") } ?: false
        }

    private companion object {
        const val HEADER = "# The proguard configuration file for the following section is "
        val ANY = setOf("*", "**", "***")

        /** ProGuard's class name wildcards: `?` and `*` within a package name, `**` across them. */
        fun glob(pattern: String): Regex =
            Regex(
                Regex("""\*\*\*?|\*|\?|[^*?]+""").findAll(pattern).joinToString("") {
                    when (it.value) {
                        "**",
                        "***" -> ".*"
                        "*" -> "[^.]*"
                        "?" -> "[^.]"
                        else -> Regex.escape(it.value)
                    }
                }
            )
    }
}
