package ai.auriko.shrinktest

import com.android.tools.r8.ClassFileConsumer
import com.android.tools.r8.CompilationMode
import com.android.tools.r8.D8
import com.android.tools.r8.D8Command
import com.android.tools.r8.DataDirectoryResource
import com.android.tools.r8.DataEntryResource
import com.android.tools.r8.DataResourceConsumer
import com.android.tools.r8.Diagnostic
import com.android.tools.r8.DiagnosticsHandler
import com.android.tools.r8.OutputMode
import com.android.tools.r8.R8
import com.android.tools.r8.R8Command
import com.android.tools.r8.origin.Origin
import com.sun.management.OperatingSystemMXBean
import java.io.File
import java.lang.management.ManagementFactory
import java.net.URI
import java.nio.file.FileSystems
import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import java.util.zip.Deflater
import kotlin.streams.asSequence

/**
 * An Android release build of an app, done with Android's own tools in this JVM:
 * - **R8** in full mode shrinks, optimizes and obfuscates the app and its whole runtime classpath.
 *   The only rule the app adds is a keep of its main; every other rule is one R8 reads by itself
 *   from its program jars, as in an Android build: from `META-INF/com.android.tools/r8*` (the
 *   version-matching directories) when a jar has them, otherwise from `META-INF/proguard/`;
 *   `META-INF/com.android.tools/proguard/` is ProGuard's and R8 ignores it. R8 writes class files,
 *   so that the result can run on this JVM: R8 has no `--min-api` for class-file output.
 * - **D8** dexes R8's output for API 21 with core library desugaring (`desugar.json` of
 *   `desugar_jdk_libs_configuration`): lambdas, default methods, API backports, and `java.time`,
 *   `java.util.stream`, … rewritten to the desugared library's `j$` classes. That is the Android
 *   half, which a second R8 run in dex mode would repeat at twice the cost; the dex is not run, as
 *   there is no Android runtime here, and the JVM run of R8's class files is the behavioural check.
 *
 * The library is the running JDK's `java.base` and `java.logging`, the nearest a JVM has to
 * Android's platform jar, which has `java.util.logging` but no `java.management`, `java.instrument`
 * or `java.desktop`: a reference into those is a missing class, as on a device.
 */
internal class AndroidBuild(private val workDir: File) {
    private val library: List<Path> by lazy {
        listOf("java.base", "java.logging").map { jdkModule(it).toPath() }
    }

    /** What R8 did: its class-file output, the rules it applied, what it reported. */
    class Shrunk(
        val jar: File,
        /** R8's own print of every rule it applied, each file headed by where it came from. */
        val configuration: R8Configuration,
        val diagnostics: Diagnostics,
        val time: Timed,
    )

    /** What D8 did: the dex archive and what it reported. */
    class Dexed(val zip: File, val diagnostics: Diagnostics, val time: Timed)

    /** Wall-clock and this process's CPU time of one run, in ms. */
    class Timed(val millis: Long, val cpuMillis: Long) {
        override fun toString() = "$millis ms (CPU $cpuMillis ms)"
    }

    /**
     * R8 in full mode on [inputs] (jars or class directories, the app first), keeping [mainClass]'s
     * `main`; [classpath] is resolved against but not part of the output (the negative check uses
     * it). Throws [com.android.tools.r8.CompilationFailedException] on an error, such as a missing
     * class or a rule R8 rejects.
     */
    fun shrink(
        inputs: List<File>,
        mainClass: String,
        diagnostics: Diagnostics = Diagnostics("R8"),
        classpath: List<File> = emptyList(),
        output: File? = workDir.resolve("app-shrunk.jar"),
    ): Shrunk {
        workDir.mkdirs()
        output?.delete()
        val configuration = StringBuilder()
        val builder =
            R8Command.builder(diagnostics)
                .setProguardCompatibility(false) // full mode (the default), as Android builds use
                .setMode(CompilationMode.RELEASE)
                .addProgramFiles(inputs.map { jarOf(it).toPath() })
                .addClasspathFiles(classpath.map(File::toPath))
                .addLibraryFiles(library)
                .addProguardConfiguration(
                    listOf(
                        "-keep public class $mainClass { public static void main(java.lang.String[]); }"
                    ),
                    Label("shrink test: keep of the app's main"),
                )
                .setProguardConfigurationConsumer { text, _ -> configuration.append(text) }
                .setProgramConsumer(
                    if (output == null) ClassFileConsumer.emptyConsumer()
                    else
                        JavaResourcesFiltered(
                            ClassFileConsumer.ArchiveConsumer(output.toPath(), true)
                        )
                )
        if (output != null)
            builder.setProguardMapOutputPath(workDir.resolve("mapping.txt").toPath())
        val time = timed { R8.run(builder.build()) }
        workDir.resolve("r8-configuration.txt").writeText(configuration.toString())
        return Shrunk(
            output ?: File("/dev/null"),
            R8Configuration(configuration.toString()),
            diagnostics,
            time,
        )
    }

    /**
     * D8 on [classes] for `--release --min-api 21` with the core library desugaring configuration
     * [desugaredLibrary] (JSON). Throws [com.android.tools.r8.CompilationFailedException] on an
     * error.
     */
    fun dex(classes: File, desugaredLibrary: String): Dexed {
        val zip = workDir.resolve("app-shrunk-dex.zip").also { it.delete() }
        val diagnostics = Diagnostics("D8")
        val command =
            D8Command.builder(diagnostics)
                .setMode(CompilationMode.RELEASE)
                .setMinApiLevel(MIN_API)
                .addDesugaredLibraryConfiguration(desugaredLibrary)
                .addProgramFiles(classes.toPath())
                .addLibraryFiles(library)
                .setOutput(zip.toPath(), OutputMode.DexIndexed)
                .build()
        return Dexed(zip, diagnostics, timed { D8.run(command) })
    }

    private fun timed(run: () -> Unit): Timed {
        val os = ManagementFactory.getOperatingSystemMXBean() as OperatingSystemMXBean
        val (wall, cpu) = System.nanoTime() to os.processCpuTime
        run()
        return Timed((System.nanoTime() - wall) / 1_000_000, (os.processCpuTime - cpu) / 1_000_000)
    }

    /**
     * [input] itself if it is a jar; a class directory written as one, named after its module
     * (`sdk-kotlin-classes.jar` for `sdk-kotlin/target/classes`, as a reactor's `mvn test` gives).
     */
    private fun jarOf(input: File): File {
        if (!input.isDirectory) return input
        val module = if (input.name == "classes") input.parentFile.parentFile.name else input.name
        val jar = workDir.resolve("$module-classes.jar")
        JarOutputStream(jar.outputStream().buffered()).use { out ->
            input
                .walkTopDown()
                .filter(File::isFile)
                .sortedBy { it.path }
                .forEach { file ->
                    out.putNextEntry(JarEntry(file.relativeTo(input).invariantSeparatorsPath))
                    file.inputStream().use { it.copyTo(out) }
                    out.closeEntry()
                }
        }
        return jar
    }

    /**
     * A module of the running JDK as a jar of its class files, written afresh from `jrt:/` (a JDK
     * need not ship jmods, and target/ may hold another JDK's copy); stored, not compressed, as it
     * is read once: ~0.5 s for java.base.
     */
    private fun jdkModule(name: String): File {
        val jar = workDir.resolve("$name.jar").also { it.parentFile.mkdirs() }
        val root = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/$name")
        JarOutputStream(jar.outputStream().buffered()).use { out ->
            out.setLevel(Deflater.NO_COMPRESSION)
            Files.walk(root).use { paths ->
                paths
                    .asSequence()
                    .filter {
                        it.toString().endsWith(".class") && !it.endsWith("module-info.class")
                    }
                    .forEach { path ->
                        out.putNextEntry(JarEntry(root.relativize(path).toString()))
                        Files.copy(path, out)
                        out.closeEntry()
                    }
            }
        }
        return jar
    }

    companion object {
        const val MIN_API = 21
    }
}

/**
 * Every diagnostic of one R8 or D8 run, printed as it comes and kept for the test's checks. Nothing
 * is downgraded: an error stays an error and fails the run.
 */
internal class Diagnostics(private val tool: String) : DiagnosticsHandler {
    val errors = mutableListOf<Diagnostic>()
    val warnings = mutableListOf<Diagnostic>()
    val infos = mutableListOf<Diagnostic>()

    override fun error(diagnostic: Diagnostic) {
        errors += diagnostic
        println("$tool error: ${describe(diagnostic)}")
    }

    override fun warning(diagnostic: Diagnostic) {
        warnings += diagnostic
        println("$tool warning: ${describe(diagnostic)}")
    }

    override fun info(diagnostic: Diagnostic) {
        infos += diagnostic
        println("$tool info: ${describe(diagnostic)}")
    }

    companion object {
        fun describe(diagnostic: Diagnostic): String =
            (if (diagnostic.origin == Origin.unknown()) "" else "${diagnostic.origin}: ") +
                diagnostic.diagnosticMessage
    }
}

/**
 * R8's class-file output with the inputs' Java resources, less the shrinker rules and those that
 * are one per jar and would only collide in the merged jar (manifests, Maven metadata,
 * multi-release module descriptors); Android's packaging leaves them out too.
 */
private class JavaResourcesFiltered(private val archive: ClassFileConsumer.ArchiveConsumer) :
    ClassFileConsumer.ForwardingConsumer(archive) {
    override fun getDataResourceConsumer(): DataResourceConsumer =
        object : DataResourceConsumer {
            override fun accept(directory: DataDirectoryResource, handler: DiagnosticsHandler) {
                if (kept(directory.name + "/")) archive.accept(directory, handler)
            }

            override fun accept(file: DataEntryResource, handler: DiagnosticsHandler) {
                if (kept(file.name)) archive.accept(file, handler)
            }

            // The archive is written once both its class side and its resource side finished.
            override fun finished(handler: DiagnosticsHandler) = archive.finished(handler)
        }

    private fun kept(name: String) =
        !name.startsWith("META-INF/proguard/") && // rules are for the shrinker, not the app
            !name.startsWith("META-INF/com.android.tools/") &&
            name != "META-INF/MANIFEST.MF" &&
            name != "META-INF/INDEX.LIST" &&
            !name.startsWith("META-INF/versions/") &&
            !name.startsWith("META-INF/maven/") &&
            !name.endsWith("module-info.class")
}

private class Label(private val text: String) : Origin(root()) {
    override fun part() = text
}
