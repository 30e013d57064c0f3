package ai.auriko.samples.readme

import com.github.difflib.DiffUtils
import com.github.difflib.UnifiedDiffUtils
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlin.streams.toList

/** A fenced block of README.md: its info string (`kotlin`, `kotlin build.gradle.kts`, …). */
internal class Block(val info: String, val text: String, val line: Int, val section: String) {
    /** The language, the info string's first word. */
    val language: String
        get() = info.substringBefore(' ')

    override fun toString() = "README.md line $line (```$info, in \"$section\")"
}

/** A region of a source file between `// README: <name>` and `// README: end`, dedented. */
internal class Region(
    val name: String,
    val language: String,
    val text: String,
    val file: Path,
    val line: Int,
) {
    override fun toString() = "region '$name' ($file:$line)"
}

/** README.md and the sources of the build, read from the repository this test runs in. */
internal object Readme {
    val root: Path by lazy {
        generateSequence(Paths.get("").toAbsolutePath()) { it.parent }
            .firstOrNull {
                Files.exists(it.resolve("README.md")) && Files.exists(it.resolve("samples/pom.xml"))
            } ?: error("repository root not found")
    }

    val text: String by lazy {
        String(Files.readAllBytes(root.resolve("README.md")), Charsets.UTF_8)
    }

    /** Every fenced block (``` at the start of a line), in order. */
    val blocks: List<Block> by lazy {
        val result = mutableListOf<Block>()
        var section = "(top)"
        var open: Pair<String, Int>? = null
        val body = mutableListOf<String>()
        text.lines().forEachIndexed { i, line ->
            val start = open
            when {
                start == null && line.startsWith("## ") -> section = line.removePrefix("## ")
                start == null && line.startsWith("```") -> {
                    open = line.removePrefix("```").trim() to i + 1
                    body.clear()
                }
                start != null && line.trimEnd() == "```" -> {
                    result += Block(start.first, body.joinToString("\n"), start.second, section)
                    open = null
                }
                start != null -> body += line.trimEnd()
            }
        }
        check(open == null) { "README.md: the block opened at line ${open?.second} never closes" }
        result
    }

    /** The text of section `## [title]`, up to the next `## `. */
    fun section(title: String): String {
        val start = text.indexOf("\n## $title\n")
        check(start >= 0) { "README.md has no section \"## $title\"" }
        val end = text.indexOf("\n## ", start + 1).let { if (it < 0) text.length else it }
        return text.substring(start, end)
    }

    /** The build's modules, from the root pom's `<modules>`. */
    val modules: List<String> by lazy {
        val pom = String(Files.readAllBytes(root.resolve("pom.xml")), Charsets.UTF_8)
        val list = Regex("<modules>([\\s\\S]*?)</modules>").find(pom)!!.groupValues[1]
        Regex("<module>([^<]+)</module>").findAll(list).map { it.groupValues[1].trim() }.toList()
    }

    /** Each module's pom.xml without its `<parent>` element. */
    fun pom(module: String): String =
        String(Files.readAllBytes(root.resolve(module).resolve("pom.xml")), Charsets.UTF_8)
            .replace(Regex("<parent>[\\s\\S]*?</parent>"), "")

    /** Each module's artifactId (the first one outside its `<parent>`). */
    val artifactIds: Map<String, String> by lazy {
        modules.associateWith { module ->
            Regex("<artifactId>([^<]+)</artifactId>").find(pom(module))!!.groupValues[1].trim()
        }
    }

    /**
     * The artifactIds of the modules a release publishes: those that turn deployment on
     * (`maven.deploy.skip` false; the root pom skips it for every other module).
     */
    val published: Set<String> by lazy {
        modules
            .filter { "<maven.deploy.skip>false</maven.deploy.skip>" in pom(it) }
            .map { artifactIds.getValue(it) }
            .toSet()
    }

    /**
     * Every marked region in the Kotlin and Java sources the build compiles: `src/main` and
     * `src/test` of every module.
     */
    val regions: List<Region> by lazy {
        val problems = mutableListOf<String>()
        val result = mutableListOf<Region>()
        for (module in modules) {
            for (set in listOf("main", "test")) {
                for (language in listOf("kotlin", "java")) {
                    val dir = root.resolve(module).resolve("src/$set/$language")
                    if (!Files.isDirectory(dir)) continue
                    val files =
                        Files.walk(dir).use { paths ->
                            paths
                                .filter {
                                    it.toString().endsWith(".kt") || it.toString().endsWith(".java")
                                }
                                .sorted()
                                .toList()
                        }
                    for (file in files) result += regionsOf(file, problems)
                }
            }
        }
        check(problems.isEmpty()) { problems.joinToString("\n") }
        val duplicates = result.groupBy { it.name }.filterValues { it.size > 1 }
        check(duplicates.isEmpty()) { "region names used twice: $duplicates" }
        result
    }

    private val MARKER = Regex("^\\s*// README: (\\S+)\\s*$")

    private fun regionsOf(file: Path, problems: MutableList<String>): List<Region> {
        val relative = root.relativize(file)
        val language = if (file.toString().endsWith(".kt")) "kotlin" else "java"
        val lines = String(Files.readAllBytes(file), Charsets.UTF_8).lines()
        val result = mutableListOf<Region>()
        var open: Pair<String, Int>? = null
        lines.forEachIndexed { i, line ->
            val name = MARKER.find(line)?.groupValues?.get(1) ?: return@forEachIndexed
            val start = open
            when {
                name == "end" && start == null ->
                    problems += "$relative:${i + 1}: README: end without a start"
                name == "end" && start != null -> {
                    val body = lines.subList(start.second, i)
                    result +=
                        Region(start.first, language, dedent(body), relative, start.second + 1)
                    open = null
                }
                start != null ->
                    problems += "$relative:${i + 1}: region '$name' starts inside '${start.first}'"
                else -> open = name to i + 1
            }
        }
        open?.let { problems += "$relative:${it.second}: region '${it.first}' has no README: end" }
        return result
    }

    /**
     * The lines without their common indentation, trailing blanks and leading/trailing blank lines.
     */
    fun dedent(lines: List<String>): String {
        val trimmed =
            lines.map { it.trimEnd() }.dropWhile { it.isEmpty() }.dropLastWhile { it.isEmpty() }
        val indent =
            trimmed.filter { it.isNotEmpty() }.minOfOrNull { it.length - it.trimStart().length }
                ?: 0
        return trimmed.joinToString("\n") { if (it.isEmpty()) it else it.substring(indent) }
    }

    /** A unified line diff of [a] (`-`) against [b] (`+`), two lines of context. */
    fun diff(a: String, b: String): String {
        val x = a.lines()
        val y = b.lines()
        return UnifiedDiffUtils.generateUnifiedDiff("README", "source", x, DiffUtils.diff(x, y), 2)
            .drop(2) // the two file header lines
            .joinToString("\n", postfix = "\n")
    }

    /**
     * How alike [a] and [b] are, from 0 to 1: the share of words (identifiers, keywords, numbers)
     * they have in common, so formatting and blank lines do not count.
     */
    fun similarity(a: String, b: String): Double {
        fun words(s: String) = Regex("\\w+").findAll(s).map { it.value }.toSet()
        val x = words(a)
        val y = words(b)
        return if (x.isEmpty() && y.isEmpty()) 1.0
        else (x intersect y).size.toDouble() / (x union y).size
    }
}
