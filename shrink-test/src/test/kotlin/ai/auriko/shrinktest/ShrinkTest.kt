package ai.auriko.shrinktest

import ai.auriko.samples.gateway.LocalGateway
import com.android.tools.r8.CompilationFailedException
import com.android.tools.r8.Version
import com.android.tools.r8.diagnostic.DefinitionContext
import com.android.tools.r8.diagnostic.MissingDefinitionsDiagnostic
import com.android.tools.r8.errors.InterfaceDesugarMissingTypeDiagnostic
import java.io.File
import java.util.concurrent.TimeUnit
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import java.util.zip.ZipFile
import kotlin.time.Duration.Companion.milliseconds
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows

/**
 * The SDK survives an Android release build done with Android's own tools ([AndroidBuild]):
 * [ShrinkApp] and its whole runtime classpath are shrunk, optimized and obfuscated by R8 in full
 * mode with only the rules the jars ship, and R8's output is dexed by D8 for API 21 with core
 * library desugaring. Both must finish without an error or an unexplained warning. There is no
 * Android runtime here to run the dex, so R8's class-file output runs in a separate JVM against the
 * local gateway on 127.0.0.1: its output must equal the plain app's, line for line, and carry the
 * streamed answer, the usage and routing metadata, and the typed error.
 *
 * Bounded: the build-and-run test has 5 minutes, each app run 90 s (then its process is killed),
 * each check of a failure 2 minutes.
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
    private val mainClass = ShrinkApp::class.java.name
    private val rulesBuild by lazy { AndroidBuild(workDir.resolve("rules")) }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    fun `the app shrunk by R8 and dexed by D8 streams, creates and fails exactly as the plain one`() {
        val build = AndroidBuild(workDir.resolve("app"))
        val inputs = listOf(appClasses) + runtimeClasspath
        val shrunk = build.shrink(inputs, mainClass)
        val configuration = shrunk.configuration

        // Our rules are in the artifacts themselves, where R8 found them by itself.
        val sources = configuration.sourceNames
        println("R8 applied the rules of:\n  " + sources.joinToString("\n  "))
        assertTrue(
            sources.any {
                it.startsWith("sdk-kotlin") &&
                    it.endsWith(":META-INF/proguard/auriko-sdk-kotlin.pro")
            },
            "rules applied: $sources",
        )
        assertTrue(
            sources.any {
                it.startsWith("sdk-java") && it.endsWith(":META-INF/proguard/auriko-sdk-java.pro")
            },
            "rules applied: $sources",
        )
        // Nothing silences R8's missing-class errors wholesale, and R8 had nothing to warn of but
        // the Java resources that every jar has one of (the output leaves them out).
        assertEquals(emptyList<String>(), configuration.blanketSilencing)
        assertEquals(
            emptyList<String>(),
            shrunk.diagnostics.warnings.map(Diagnostics::describe).filterNot {
                it in PER_JAR_RESOURCES.map { name -> "Resource '$name' already exists." }
            },
        )

        // Really shrunk and obfuscated: far smaller, and the SDK's internals renamed.
        val inputBytes =
            inputs.sumOf {
                if (it.isDirectory) it.walkTopDown().filter(File::isFile).sumOf(File::length)
                else it.length()
            }
        val shrunkEntries =
            ZipFile(shrunk.jar).use { zip -> zip.entries().asSequence().map { it.name }.toSet() }
        assertTrue(
            shrunk.jar.length() * 3 < inputBytes,
            "shrunk ${shrunk.jar.length()} B of $inputBytes B",
        )
        assertTrue(
            "ai/auriko/client/internal/ClientRuntime.class" !in shrunkEntries,
            "ClientRuntime kept its name",
        )
        assertTrue(
            shrunkEntries.none { it.startsWith("ai/auriko/client/internal/") },
            "internal classes kept their names",
        )

        // D8 dexes it for API 21. Its only warnings may be about classes that a shipped -dontwarn
        // already declared optional to R8 (OkHttp's optional TLS providers): D8 reads no rules.
        val dexed = build.dex(shrunk.jar, desugaredLibrary())
        val unexplained =
            dexed.diagnostics.warnings.filterNot {
                it is InterfaceDesugarMissingTypeDiagnostic &&
                    configuration.dontwarns(it.missingType.typeName)
            }
        assertEquals(emptyList<String>(), unexplained.map(Diagnostics::describe))
        // Core library desugaring happened: java.time (API 26) became the desugared library's.
        val dexStrings =
            ZipFile(dexed.zip).use { zip ->
                zip.entries()
                    .asSequence()
                    .filter { Regex("""classes\d*\.dex""").matches(it.name) }
                    .joinToString("\n") {
                        String(zip.getInputStream(it).readBytes(), Charsets.ISO_8859_1)
                    }
            }
        assertTrue(dexStrings.startsWith("dex\n"), "no dex in ${dexed.zip}")
        assertTrue("Lj\$/time/Duration;" in dexStrings, "java.time.Duration was not desugared")
        assertFalse("Ljava/time/" in dexStrings, "java.time left in the dex")

        val plain =
            LocalGateway(pacing = 1.milliseconds).use { gateway ->
                runApp(listOf(appClasses) + runtimeClasspath, gateway.baseUrl, "plain")
            }
        val shrunkRun =
            LocalGateway(pacing = 1.milliseconds).use { gateway ->
                runApp(listOf(shrunk.jar), gateway.baseUrl, "shrunk")
            }
        println(
            "R8 ${Version.LABEL}: ${inputBytes / 1024} KiB in ${inputs.size} inputs -> ${shrunk.jar.length() / 1024} KiB of class files in ${shrunk.time}; " +
                "D8: -> ${dexed.zip.length() / 1024} KiB of dex (API ${AndroidBuild.MIN_API}, desugared library) in ${dexed.time}"
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
     * Without kotlinx-serialization-json, a jar the SDK needs, R8 fails on the missing class though
     * the SDK's rules are applied. Kept cheap: only the app and the SDK are R8's program; the rest
     * of the runtime classpath is its classpath, resolved against but not traced.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    fun `R8 fails on a missing class the SDK needs`() {
        val sdk = runtimeClasspath.filter { moduleName(it).startsWith("sdk-") }
        val dropped = runtimeClasspath.single { it.name.startsWith("kotlinx-serialization-json") }
        assertEquals(2, sdk.size, "the SDK's jars in $runtimeClasspath")
        val diagnostics = Diagnostics("R8 without ${dropped.name}")
        assertThrows<CompilationFailedException> {
            AndroidBuild(workDir.resolve("missing-class"))
                .shrink(
                    listOf(appClasses) + sdk,
                    mainClass,
                    diagnostics,
                    classpath = runtimeClasspath - sdk.toSet() - dropped,
                    output = null,
                )
        }
        val missing =
            diagnostics.errors
                .filterIsInstance<MissingDefinitionsDiagnostic>()
                .flatMap { it.missingDefinitions }
                .filter { it.isMissingClass }
        assertTrue(
            missing.any { info ->
                info
                    .asMissingClass()
                    .classReference
                    .typeName
                    .startsWith("kotlinx.serialization.json.") &&
                    info.referencedFromContexts.any { className(it).startsWith("ai.auriko.") }
            },
            "missing classes: " + missing.map { it.diagnosticMessage },
        )
    }

    /**
     * R8 reads the rules a jar ships the way Android's build does, and a rule it rejects fails the
     * build: `META-INF/proguard/` is read, unless the jar has R8's own directory
     * `META-INF/com.android.tools/r8/`, which then wins; `META-INF/com.android.tools/proguard/` is
     * ProGuard's and R8 ignores it. Each jar carries a rule that R8 rejects (an unknown option) or
     * a good one, and is R8's only program, so each run takes a moment.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    fun `R8 reads a jar's rules from the directory Android's build uses and rejects a broken rule`() {
        val broken = "-keepunknownoption class ai.auriko.**"
        val good = "-keepattributes Signature"

        // Rejected, and the error names the rule file inside the jar.
        val rejected = Diagnostics("R8 with a broken rule")
        assertThrows<CompilationFailedException> {
            shrinkWithRules(
                "plain-broken",
                mapOf("META-INF/proguard/broken.pro" to broken),
                rejected,
            )
        }
        assertTrue(
            rejected.errors.any {
                it.origin.toString().endsWith("plain-broken.jar:META-INF/proguard/broken.pro") &&
                    "-keepunknownoption" in it.diagnosticMessage
            },
            "errors: " + rejected.errors.map(Diagnostics::describe),
        )

        // R8's own directory wins over META-INF/proguard/: the broken rule there is not read.
        val both =
            shrinkWithRules(
                "r8-wins",
                mapOf(
                    "META-INF/proguard/broken.pro" to broken,
                    "META-INF/com.android.tools/r8/good.pro" to good,
                ),
            )
        assertEquals(
            listOf("r8-wins.jar:META-INF/com.android.tools/r8/good.pro"),
            both.sourceNames.filter { it.startsWith("r8-wins.jar") },
        )

        // ProGuard's directory is not R8's.
        val proguardOnly =
            shrinkWithRules(
                "proguard-dir",
                mapOf("META-INF/com.android.tools/proguard/broken.pro" to broken),
            )
        assertEquals(
            emptyList<String>(),
            proguardOnly.sourceNames.filter { it.startsWith("proguard-dir.jar") },
        )
    }

    /**
     * R8 on nothing but a jar of [rules] (entry name to text): the configuration R8 applied, or
     * [CompilationFailedException].
     */
    private fun shrinkWithRules(
        name: String,
        rules: Map<String, String>,
        diagnostics: Diagnostics = Diagnostics("R8 with $name.jar"),
    ): R8Configuration {
        val jar = workDir.resolve("rules/$name.jar").also { it.parentFile.mkdirs() }
        JarOutputStream(jar.outputStream().buffered()).use { out ->
            for ((entry, text) in rules) {
                out.putNextEntry(JarEntry(entry))
                out.write(text.toByteArray())
                out.closeEntry()
            }
        }
        return rulesBuild.shrink(listOf(jar), mainClass, diagnostics, output = null).configuration
    }

    /** The desugared library configuration that Android's build passes to R8 and D8. */
    private fun desugaredLibrary(): String =
        checkNotNull(javaClass.classLoader.getResource("META-INF/desugar/d8/desugar.json")) {
                "desugar_jdk_libs_configuration is not on the test classpath"
            }
            .readText()

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
                    mainClass,
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

    /** `sdk-kotlin-….jar`, or `sdk-kotlin` for a reactor module's `sdk-kotlin/target/classes`. */
    private fun moduleName(entry: File): String =
        if (entry.isDirectory && entry.name == "classes") entry.parentFile.parentFile.name
        else entry.name

    private fun className(context: DefinitionContext): String =
        when {
            context.isClassContext -> context.asClassContext().classReference.typeName
            context.isMethodContext ->
                context.asMethodContext().methodReference.holderClass.typeName
            context.isFieldContext -> context.asFieldContext().fieldReference.holderClass.typeName
            else -> ""
        }

    private companion object {
        /** Java resources of which each jar has its own copy: only the first one reaches R8. */
        val PER_JAR_RESOURCES =
            listOf("META-INF/MANIFEST.MF", "META-INF/versions/9/module-info.class")
    }

    private fun requireProperty(name: String): String =
        checkNotNull(System.getProperty(name)) {
            "system property $name is not set: run this test through Maven"
        }
}
