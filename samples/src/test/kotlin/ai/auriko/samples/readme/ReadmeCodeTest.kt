package ai.auriko.samples.readme

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * README.md is executable documentation: every ```kotlin and ```java block is, word for word, a
 * region of a source file the build compiles, marked `// README: <name>` … `// README: end` (the
 * region dedented), and every such region is in the README. Blocks that are not Kotlin or Java
 * program code use another language (```xml, ```sh) or say what they are (```kotlin
 * build.gradle.kts is a Gradle script); those are not compiled.
 */
class ReadmeCodeTest {
    private val codeLanguages = setOf("kotlin", "java")

    /** Info strings of blocks that are written in a code language but are not program code. */
    private val notProgramCode = setOf("kotlin build.gradle.kts")

    private fun isProgramCode(block: Block) =
        block.language in codeLanguages && block.info !in notProgramCode

    @Test
    fun `every kotlin and java block of the README is a region of a compiled source file`() {
        val regions = Readme.regions
        val failures =
            Readme.blocks.filter(::isProgramCode).mapNotNull { block ->
                if (regions.any { it.language == block.language && it.text == block.text }) null
                else {
                    val nearest =
                        regions
                            .filter { it.language == block.language }
                            .maxByOrNull { Readme.similarity(block.text, it.text) }
                    buildString {
                        append("$block is not a region of any compiled source file.\n")
                        append("--- the README block:\n").append(block.text).append('\n')
                        if (nearest == null) append("--- no ${block.language} region at all\n")
                        else {
                            append("--- the nearest, $nearest:\n").append(nearest.text).append('\n')
                            append("--- diff (- README, + source):\n")
                            append(Readme.diff(block.text, nearest.text))
                        }
                    }
                }
            }
        assertTrue(failures.isEmpty(), failures.joinToString("\n\n"))
    }

    @Test
    fun `every marked region of the sources is a block of the README`() {
        val blocks = Readme.blocks.filter(::isProgramCode)
        val failures =
            Readme.regions.mapNotNull { region ->
                if (blocks.any { it.language == region.language && it.text == region.text }) null
                else {
                    val nearest =
                        blocks
                            .filter { it.language == region.language }
                            .maxByOrNull { Readme.similarity(region.text, it.text) }
                    buildString {
                        append("$region is in no ```${region.language} block of README.md: ")
                        append("copy it there, or remove its markers.\n")
                        if (nearest != null) {
                            append("--- the nearest block, $nearest; diff (- README, + source):\n")
                            append(Readme.diff(nearest.text, region.text))
                        }
                    }
                }
            }
        assertTrue(failures.isEmpty(), failures.joinToString("\n\n"))
    }

    @Test
    fun `the check sees the README's blocks and the sources' regions`() {
        // guards against a parser that finds nothing and so checks nothing
        val code = Readme.blocks.filter(::isProgramCode)
        assertTrue(code.count { it.language == "kotlin" } >= 5, code.toString())
        assertTrue(code.count { it.language == "java" } >= 5, code.toString())
        val names = Readme.regions.map { it.name }
        for (expected in
            listOf(
                "kotlin-quick-start",
                "java-quick-start",
                "test-kit-kotlin",
                "test-kit-java",
            )) assertTrue(expected in names, "no region '$expected' among $names")
        // the same blocks, found in the text as fences
        assertTrue(Readme.blocks.size == Regex("(?m)^```").findAll(Readme.text).count() / 2)
    }

    @Test
    fun `code-language blocks that are not compiled say what they are`() {
        val unknown =
            Readme.blocks.filter {
                it.language in codeLanguages && it.info != it.language && it.info !in notProgramCode
            }
        assertTrue(unknown.isEmpty(), "unknown info strings (known: $notProgramCode): $unknown")
    }
}
