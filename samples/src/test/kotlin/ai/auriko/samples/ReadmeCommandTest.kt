package ai.auriko.samples

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * Runs the README's main command, as written, in a subprocess on a copy of the repository, with
 * `--prompt`, and checks that the answer streamed through — so the README cannot rot.
 */
class ReadmeCommandTest {
    private fun repoRoot(): Path {
        var p: Path? = Paths.get("").toAbsolutePath()
        while (p != null) {
            if (Files.exists(p.resolve("README.md")) && Files.exists(p.resolve("samples/pom.xml")))
                return p
            p = p.parent
        }
        error("repository root not found")
    }

    @Test
    fun `the README's main command streams an answer from the embedded gateway`() {
        assumeTrue(
            System.getenv("AURIKO_API_KEY") == null,
            "the command talks to Auriko when a key is set",
        )
        val root = repoRoot()
        val readme = String(Files.readAllBytes(root.resolve("README.md")))
        val command =
            Regex("Run the main sample:\\s*```sh\\s*\\n(.+?)\\n```")
                .find(readme)
                ?.groupValues
                ?.get(1)
                ?.trim() ?: error("README has no main command block")
        assertTrue(command.startsWith("mvn "), command)

        // A copy, so the inner build cannot touch the classes this build is running.
        val copy = Files.createTempDirectory("readme-command")
        try {
            copyTree(root, copy)
            val args =
                command.split(' ').filter { it.isNotEmpty() } + "-Dexec.args=--prompt Hello_README"
            val process =
                ProcessBuilder(args)
                    .directory(copy.toFile())
                    .redirectErrorStream(true)
                    .apply {
                        // Keep the caller's Maven settings (repository, proxy); no long-lived
                        // compile daemon; the quick JIT tier only, which serves a cold JVM's
                        // one-off compile best (about 15 % faster, a third less CPU, beside the
                        // other test JVM).
                        environment()["MAVEN_OPTS"] =
                            ((System.getenv("MAVEN_OPTS") ?: "") +
                                    " -Dkotlin.compiler.daemon=false -XX:TieredStopAtLevel=1")
                                .trim()
                    }
                    .start()
            process.outputStream.close()
            val output = StringBuilder()
            val reader =
                Thread {
                        process.inputStream.bufferedReader().forEachLine { output.appendLine(it) }
                    }
                    .apply { start() }
            val finished = process.waitFor(420, TimeUnit.SECONDS)
            if (!finished) process.destroyForcibly()
            reader.join(5_000)
            val text = output.toString().replace(Regex("\u001b\\[[0-9;]*m"), "")
            assertTrue(finished, "the command did not finish in 7 minutes:\n$text")
            assertEquals(0, process.exitValue(), text)
            assertTrue(text.contains("Talking to the embedded local gateway"), text)
            assertTrue(text.contains("assistant> You asked: \u201cHello_README\u201d."), text)
            assertTrue(text.contains("— provider "), text)
        } finally {
            copy.toFile().deleteRecursively()
        }
    }

    private fun copyTree(from: Path, to: Path) {
        Files.walk(from).use { paths ->
            paths
                .filter { p ->
                    val rel = from.relativize(p).toString()
                    !rel.split('/').any { it == "target" || it == ".git" || it == ".idea" }
                }
                .forEach { p ->
                    val dest = to.resolve(from.relativize(p).toString())
                    if (Files.isDirectory(p)) Files.createDirectories(dest) else Files.copy(p, dest)
                }
        }
    }
}
