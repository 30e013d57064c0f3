package ai.auriko.shrinktest

import java.io.File
import java.util.zip.ZipFile

/**
 * The shrinker rules a library ships inside its jar, read the way Android's build reads them for
 * ProGuard: `META-INF/com.android.tools/proguard/` when the jar has that folder, otherwise
 * `META-INF/proguard/`. A classes directory (the reactor's module output when only `test` ran) is
 * read the same way.
 */
internal class ConsumerRules(
    /** The jar or classes directory the rules came from. */
    val source: File,
    /** Entry name to rule text. */
    val files: Map<String, String>,
) {
    companion object {
        private const val TOOLS_DIR = "META-INF/com.android.tools/proguard/"
        private const val PLAIN_DIR = "META-INF/proguard/"

        fun of(entry: File): ConsumerRules {
            val all: Map<String, String> =
                if (entry.isDirectory) {
                    entry
                        .resolve("META-INF")
                        .walkTopDown()
                        .maxDepth(4)
                        .filter { it.isFile && it.name.endsWith(".pro") }
                        .associate { it.relativeTo(entry).invariantSeparatorsPath to it.readText() }
                } else {
                    ZipFile(entry).use { zip ->
                        zip.entries()
                            .asSequence()
                            .filter {
                                !it.isDirectory &&
                                    it.name.startsWith("META-INF/") &&
                                    it.name.endsWith(".pro")
                            }
                            .associate {
                                it.name to
                                    zip.getInputStream(it).use { s ->
                                        s.readBytes().decodeToString()
                                    }
                            }
                    }
                }
            val tools = all.filterKeys { it.startsWith(TOOLS_DIR) }
            val chosen =
                tools.ifEmpty {
                    all.filterKeys {
                        it.startsWith(PLAIN_DIR) && it.indexOf('/', PLAIN_DIR.length) < 0
                    }
                }
            return ConsumerRules(entry, chosen.toSortedMap())
        }
    }
}
