package ai.auriko.testing

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeTrue
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

/** The README's two sdk-testing examples are verbatim copies of tests this module runs. */
class ReadmeExamplesSpec :
    FunSpec({
        val root: Path =
            generateSequence(Paths.get("").toAbsolutePath()) { it.parent }
                .firstOrNull {
                    Files.exists(it.resolve("README.md")) &&
                        Files.isDirectory(it.resolve("sdk-testing"))
                } ?: error("repository root not found")
        val readme = String(Files.readAllBytes(root.resolve("README.md")), Charsets.UTF_8)

        /** The file without its package line and the blank line after it. */
        fun example(relative: String): String {
            val lines = String(Files.readAllBytes(root.resolve(relative)), Charsets.UTF_8).lines()
            check(lines[0].startsWith("package ") && lines[1].isEmpty()) {
                "$relative starts with its package and a blank line"
            }
            return lines.drop(2).joinToString("\n").trimEnd()
        }

        test("the Kotlin example is WeatherAssistantSpec") {
            val code =
                example(
                    "sdk-testing/src/test/kotlin/ai/auriko/testing/examples/WeatherAssistantSpec.kt"
                )
            withClue("README must contain, in a kotlin block:\n$code") {
                readme.contains("## Testing your code with sdk-testing").shouldBeTrue()
                readme.contains("```kotlin\n$code\n```").shouldBeTrue()
            }
        }

        test("the Java example is WeatherDeskTest") {
            val code =
                example("sdk-testing/src/test/java/ai/auriko/testing/examples/WeatherDeskTest.java")
            withClue("README must contain, in a java block:\n$code") {
                readme.contains("```java\n$code\n```").shouldBeTrue()
            }
        }
    })
