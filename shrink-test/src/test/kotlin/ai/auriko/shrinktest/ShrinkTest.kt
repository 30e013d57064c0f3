package ai.auriko.shrinktest

import ai.auriko.samples.gateway.LocalGateway
import java.io.File
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile
import kotlin.time.Duration.Companion.milliseconds
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout

/**
 * The SDK survives an Android-style release build: [ShrinkApp] and its whole runtime classpath are
 * shrunk, optimized and obfuscated by ProGuard with only the rules the jars ship, then run in a
 * separate JVM against the local gateway on 127.0.0.1. Its output must equal the un-shrunk app's,
 * line for line, and carry the streamed answer, the usage and routing metadata, and the typed
 * error.
 *
 * Bounded: the test has 5 minutes; each app run 90 s, after which its process is killed.
 */
class ShrinkTest {
    private val appClasses = File(requireProperty("shrink.appClasses"))
    private val runtimeClasspath =
        File(requireProperty("shrink.appClasspath"))
            .readText()
            .trim()
            .split(File.pathSeparatorChar)
            .filter { it.isNotBlank() }
            .map(::File)
    private val workDir = File(requireProperty("shrink.workDir"))

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    fun `the shrunk and obfuscated app streams, creates and fails exactly as the plain one`() {
        val inputs = listOf(appClasses) + runtimeClasspath
        val proguard = ProGuardRun(workDir)
        val started = System.nanoTime()
        val shrunk = proguard.shrink(inputs, ShrinkApp::class.java.name)
        val shrinkMillis = (System.nanoTime() - started) / 1_000_000

        // Our rules are in the artifacts themselves, where Android's build finds them.
        val shipped = proguard.rules.flatMap { r -> r.files.keys.map { r.source.name + "!" + it } }
        assertTrue(
            shipped.any {
                it.startsWith("sdk-kotlin") &&
                    it.endsWith("META-INF/proguard/auriko-sdk-kotlin.pro")
            },
            "rules used: $shipped",
        )
        assertTrue(
            shipped.any {
                it.startsWith("sdk-java") && it.endsWith("META-INF/proguard/auriko-sdk-java.pro")
            },
            "rules used: $shipped",
        )

        // Really shrunk and obfuscated: far smaller, and the SDK's internals renamed.
        val inputBytes =
            inputs.sumOf {
                if (it.isDirectory) it.walkTopDown().filter(File::isFile).sumOf(File::length)
                else it.length()
            }
        val shrunkEntries =
            ZipFile(shrunk).use { zip -> zip.entries().asSequence().map { it.name }.toSet() }
        assertTrue(shrunk.length() * 3 < inputBytes, "shrunk ${shrunk.length()} B of $inputBytes B")
        assertTrue(
            "ai/auriko/client/internal/Transport.class" !in shrunkEntries,
            "Transport kept its name",
        )
        assertTrue(
            shrunkEntries.none { it.startsWith("ai/auriko/client/internal/") },
            "internal classes kept their names",
        )

        val plain =
            LocalGateway(pacing = 1.milliseconds).use { gateway ->
                runApp(listOf(appClasses) + runtimeClasspath, gateway.baseUrl, "plain")
            }
        val shrunkRun =
            LocalGateway(pacing = 1.milliseconds).use { gateway ->
                runApp(listOf(shrunk), gateway.baseUrl, "shrunk")
            }
        println(
            "ProGuard: ${inputBytes / 1024} KiB in ${inputs.size} inputs -> ${shrunk.length() / 1024} KiB in $shrinkMillis ms"
        )
        println("shrunk app output:\n" + shrunkRun.joinToString("\n"))

        assertEquals(plain, shrunkRun, "the shrunk app's output differs from the plain app's")
        val values = shrunkRun.associate { it.substringBefore('=') to it.substringAfter('=') }
        assertTrue(
            values.getValue("stream.content").contains("What does a shrinker keep?"),
            "streamed answer: ${values["stream.content"]}",
        )
        assertTrue(
            values.getValue("stream.chunks").toInt() > 5,
            "the answer arrived in ${values["stream.chunks"]} chunks",
        )
        assertTrue(
            Regex("""\d+\+\d+=\d+""").matches(values.getValue("stream.usage")),
            "usage: ${values["stream.usage"]}",
        )
        assertNotNull(
            values.getValue("stream.provider").takeIf { it != "null" },
            "routing metadata",
        )
        assertTrue(
            values.getValue("stream.cost").toDouble() > 0.0,
            "cost: ${values["stream.cost"]}",
        )
        assertTrue(
            values.getValue("stream.requestId").startsWith("req_local_"),
            "typed headers: ${values["stream.requestId"]}",
        )
        assertEquals("stop", values["stream.finish"])
        assertTrue(
            values.getValue("create.content").contains("What does a shrinker keep?"),
            "created answer: ${values["create.content"]}",
        )
        assertEquals("stop", values["create.finish"])
        assertTrue(
            values
                .getValue("error")
                .startsWith("ModelNotFoundException status=404 code=model_not_found "),
            "typed error: ${values["error"]}",
        )
        assertTrue(
            values.getValue("blocking.content").contains("What does a shrinker keep?"),
            "Java facade: ${values["blocking.content"]}",
        )
    }

    /**
     * Runs [ShrinkApp] in a fresh JVM on [classpath]; its stdout lines, or a failure with both
     * streams.
     */
    private fun runApp(classpath: List<File>, baseUrl: String, name: String): List<String> {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val stdout = workDir.resolve("$name.out")
        val stderr = workDir.resolve("$name.err")
        val process =
            ProcessBuilder(
                    java,
                    "-cp",
                    classpath.joinToString(File.pathSeparator),
                    ShrinkApp::class.java.name,
                    baseUrl,
                )
                .redirectOutput(stdout)
                .redirectError(stderr)
                .start()
        val finished = process.waitFor(90, TimeUnit.SECONDS)
        if (!finished) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)
        val out = stdout.readText()
        assertTrue(
            finished && process.exitValue() == 0,
            "$name app: finished=$finished exit=${if (finished) process.exitValue() else "-"}\nstdout:\n$out\nstderr:\n${stderr.readText()}",
        )
        return out.lines().filter { it.isNotBlank() }
    }

    private fun requireProperty(name: String): String =
        checkNotNull(System.getProperty(name)) {
            "system property $name is not set: run this test through Maven"
        }
}
