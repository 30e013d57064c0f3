package ai.auriko.shrinktest

import java.io.File
import java.net.URI
import java.nio.file.FileSystems
import java.nio.file.Files
import java.util.Properties
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import proguard.Configuration
import proguard.ConfigurationParser
import proguard.ProGuard

/**
 * Shrinks, optimizes and obfuscates an app with ProGuard the way an Android release build treats a
 * library: the app's own rule is only a keep of its main class; everything else comes from the
 * rules the input jars ship ([ConsumerRules]). The JDK's `java.base` and `java.logging` are the
 * library, the closest a JVM has to Android's platform jar, which has `java.util.logging` but no
 * `java.management`, `java.instrument` or `java.desktop`.
 */
internal class ProGuardRun(private val workDir: File) {
    /** The rules of every input, in the order of [inputs]. */
    lateinit var rules: List<ConsumerRules>
        private set

    /** The configuration text handed to ProGuard. */
    lateinit var configuration: String
        private set

    /** Runs ProGuard on [inputs] (the app's classes first) and returns the shrunk jar. */
    fun shrink(inputs: List<File>, mainClass: String): File {
        workDir.mkdirs()
        val out = workDir.resolve("app-shrunk.jar").also { it.delete() }
        rules = inputs.map(ConsumerRules::of)
        val ruleDir =
            workDir.resolve("rules").also {
                it.deleteRecursively()
                it.mkdirs()
            }
        val includes =
            rules.flatMapIndexed { i, r ->
                r.files.map { (name, text) ->
                    ruleDir.resolve("$i-${r.source.name}-${name.substringAfterLast('/')}").also {
                        it.writeText(text)
                    }
                }
            }
        // Multi-release and module descriptors are dropped as D8 drops them; each jar's manifest
        // and Maven metadata would only collide in the merged jar.
        val inputFilter =
            "(!META-INF/MANIFEST.MF,!META-INF/versions/**,!META-INF/maven/**,!module-info.class,!META-INF/INDEX.LIST)"
        configuration = buildString {
            for (input in inputs) appendLine("-injars ${quote(input)}$inputFilter")
            appendLine("-outjars ${quote(out)}")
            for (module in LIBRARY_MODULES) {
                val library = platformModule(module)
                appendLine(
                    "-libraryjars ${quote(library)}${if (library.name.endsWith(".jmod")) "(!**.jar;!module-info.class)" else ""}"
                )
            }
            appendLine(
                "-keep public class $mainClass { public static void main(java.lang.String[]); }"
            )
            for (file in includes) appendLine("-include ${quote(file)}")
            // The one stand-in for Android's platform jar, which is not on this library path:
            // android.* classes (kotlinx-coroutines' agent refers to
            // android.annotation.SuppressLint)
            // exist on every Android device. Nothing else is added to the shipped rules.
            appendLine("-dontwarn android.**")
            // A ProGuard optimizer defect, not a missing rule: it narrows the declared return type
            // of Okio's `Source.buffer()` (in the multi-file facade Okio__OkioKt) to the class it
            // returns without changing the method body's checkcast, and the JVM rejects the result
            // (VerifyError). R8, which Android builds use, has no such pass; its
            // `-optimizations` filters are ignored by R8, so this setting exists only here.
            appendLine("-optimizations !method/specialization/returntype")
            appendLine("-printmapping ${quote(workDir.resolve("mapping.txt"))}")
        }
        workDir.resolve("proguard.pro").writeText(configuration)
        val config = Configuration()
        ConfigurationParser(configuration, "shrink test", workDir, Properties()).use {
            it.parse(config)
        }
        ProGuard(config).execute()
        return out
    }

    /**
     * A module of the running JDK: its jmod, or a jar written from `jrt:/` where the JDK ships no
     * jmods.
     */
    private fun platformModule(name: String): File {
        val jmod = File(System.getProperty("java.home"), "jmods/$name.jmod")
        if (jmod.isFile) return jmod
        val jar =
            workDir.resolve("$name.jar") // written afresh: target/ may hold another JDK's copy
        val modules = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/$name")
        JarOutputStream(jar.outputStream().buffered()).use { out ->
            Files.walk(modules).use { paths ->
                paths
                    .filter {
                        Files.isRegularFile(it) &&
                            it.toString().endsWith(".class") &&
                            !it.endsWith("module-info.class")
                    }
                    .forEach { path ->
                        out.putNextEntry(JarEntry(modules.relativize(path).toString()))
                        Files.copy(path, out)
                        out.closeEntry()
                    }
            }
        }
        return jar
    }

    private fun quote(file: File) = "'" + file.absolutePath + "'"

    private companion object {
        val LIBRARY_MODULES = listOf("java.base", "java.logging")
    }
}
