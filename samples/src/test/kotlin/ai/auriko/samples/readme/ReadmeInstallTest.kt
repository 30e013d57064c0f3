package ai.auriko.samples.readme

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The README's coordinates are the build's: the Install section shows every artifact the build
 * publishes (the modules that turn `maven.deploy.skip` off) in Maven and in Gradle form, and every
 * `ai.auriko` coordinate anywhere in the README names one of them at the version the build makes
 * (`project.groupId` and `project.version` come from samples/pom.xml through surefire).
 */
class ReadmeInstallTest {
    private val groupId = property("project.groupId")
    private val version = property("project.version")

    private fun property(name: String): String =
        System.getProperty(name)?.takeIf { it.isNotBlank() && !it.contains("\${") }
            ?: error(
                "system property $name is not set: run this test through Maven (samples/pom.xml passes it)"
            )

    /** What a release publishes, from the build's poms. */
    private val published = Readme.published

    private class Coordinate(
        val groupId: String,
        val artifactId: String,
        val version: String?,
        val scope: String?,
        val type: String?,
        val where: String,
    ) {
        override fun toString() = "$groupId:$artifactId:${version ?: "(no version)"} ($where)"
    }

    /** The `<dependency>` elements of a Maven block. */
    private fun mavenCoordinates(block: Block): List<Coordinate> =
        Regex("<dependency>([\\s\\S]*?)</dependency>")
            .findAll(block.text)
            .map { m ->
                fun tag(name: String) =
                    Regex("<$name>([^<]*)</$name>")
                        .find(m.groupValues[1])
                        ?.groupValues
                        ?.get(1)
                        ?.trim()
                Coordinate(
                    tag("groupId") ?: "",
                    tag("artifactId") ?: "",
                    tag("version"),
                    tag("scope"),
                    tag("type"),
                    block.toString(),
                )
            }
            .toList()

    /**
     * The `"group:artifact[:version]"` strings of a Gradle block, with the configuration they are
     * in.
     */
    private fun gradleCoordinates(block: Block): List<Coordinate> =
        Regex("(\\w+)\\((platform\\()?\"([^\":]+):([^\":]+)(?::([^\"]+))?\"")
            .findAll(block.text)
            .map { m ->
                val configuration = m.groupValues[1]
                Coordinate(
                    m.groupValues[3],
                    m.groupValues[4],
                    m.groupValues[5].ifEmpty { null },
                    configuration,
                    if (m.groupValues[2].isNotEmpty()) "platform" else null,
                    block.toString(),
                )
            }
            .toList()

    private fun isMaven(block: Block) = block.language == "xml" && "<dependency>" in block.text

    private fun isGradle(block: Block) = block.info == "kotlin build.gradle.kts"

    @Test
    fun `the build publishes the client, the core, the test kit and a BOM that manages them`() {
        assertEquals(setOf("sdk-java", "sdk-kotlin", "sdk-testing", "auriko-bom"), published)
        val bom = Readme.pom("auriko-bom")
        val managed =
            Regex("<dependencyManagement>([\\s\\S]*?)</dependencyManagement>")
                .find(bom)!!
                .groupValues[1]
                .let { Regex("<artifactId>([^<]+)</artifactId>").findAll(it) }
                .map { it.groupValues[1] }
                .toSet()
        assertEquals(published - "auriko-bom", managed, "what the README says the BOM manages")
    }

    @Test
    fun `the Install section gives every published artifact for Maven and for Gradle`() {
        val install = Readme.blocks.filter { it.section == "Install" }
        val maven = install.filter(::isMaven).flatMap(::mavenCoordinates)
        val gradle = install.filter(::isGradle).flatMap(::gradleCoordinates)
        for (artifact in published) {
            assertTrue(
                maven.any { it.artifactId == artifact },
                "no Maven dependency on $artifact in Install: $maven",
            )
            assertTrue(
                gradle.any { it.artifactId == artifact },
                "no Gradle dependency on $artifact in Install: $gradle",
            )
        }
        // the BOM is imported, the test kit has test scope
        val bom = maven.single { it.artifactId == "auriko-bom" }
        assertEquals("pom", bom.type, "$bom")
        assertEquals("import", bom.scope, "$bom")
        assertEquals(version, bom.version, "$bom")
        assertTrue(
            gradle.any {
                it.artifactId == "auriko-bom" && it.type == "platform" && it.version == version
            },
            "$gradle",
        )
        for (c in maven.filter { it.artifactId == "sdk-testing" }) assertEquals(
            "test",
            c.scope,
            "$c",
        )
        for (c in gradle.filter { it.artifactId == "sdk-testing" }) assertEquals(
            "testImplementation",
            c.scope,
            "$c",
        )
        // without a BOM import in the same block, a dependency needs its version
        for (block in install.filter(::isMaven)) {
            val deps = mavenCoordinates(block)
            if (deps.none { it.scope == "import" })
                for (c in deps) assertEquals(
                    version,
                    c.version,
                    "$c needs <version>$version</version>",
                )
        }
        for (block in install.filter(::isGradle)) {
            val deps = gradleCoordinates(block)
            if (deps.none { it.type == "platform" })
                for (c in deps) assertEquals(version, c.version, "$c needs :$version")
        }
        // the coordinates table
        val section = Readme.section("Install")
        for (artifact in published) assertTrue(
            "`$groupId:$artifact:$version`" in section,
            "Install does not list `$groupId:$artifact:$version`",
        )
    }

    @Test
    fun `every ai-auriko coordinate in the README is a module of this build at its version`() {
        val known = published
        val coordinates =
            Readme.blocks.filter(::isMaven).flatMap(::mavenCoordinates) +
                Readme.blocks.filter(::isGradle).flatMap(::gradleCoordinates)
        val ours = coordinates.filter { it.groupId.startsWith("ai.auriko") }
        assertTrue(ours.size >= 10, "found too few to trust the parser: $ours")
        val wrong =
            ours.filter {
                it.groupId != groupId ||
                    it.artifactId !in known ||
                    (it.version != null && it.version != version)
            }
        assertTrue(
            wrong.isEmpty(),
            "coordinates that are not this build's ($groupId, $known, $version): $wrong",
        )
        // and anywhere in the text, as group:artifact:version
        val inText = Regex("ai\\.auriko:([\\w.-]+):([\\w.-]+)").findAll(Readme.text).toList()
        assertTrue(inText.isNotEmpty())
        for (m in inText) {
            assertTrue(m.groupValues[1] in known, "unknown artifact in `${m.value}`")
            assertEquals(version, m.groupValues[2], "wrong version in `${m.value}`")
        }
    }
}
