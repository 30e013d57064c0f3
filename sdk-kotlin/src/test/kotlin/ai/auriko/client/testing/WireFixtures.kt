package ai.auriko.client.testing

import ai.auriko.fixtures.WireRecordings
import java.nio.file.Files
import java.nio.file.Path
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive

/**
 * One of the project's wire recordings (`test-support`, [WireRecordings]) and the result a correct
 * client produces.
 */
class WireFixture(val name: String, val spec: JsonObject, val body: ByteArray) {
    val status: Int
        get() = spec["response"]!!.jsonObject["status"]!!.jsonPrimitive.content.toInt()

    val headers: Map<String, String>
        get() =
            spec["response"]!!.jsonObject["headers"]!!.jsonObject.mapValues {
                it.value.jsonPrimitive.content
            }

    val expect: JsonObject
        get() = spec["expect"]!!.jsonObject

    override fun toString(): String = name
}

/** Loads the chat wire recordings; fails, never skips, when they are missing. */
object WireFixtures {
    val dir: Path by lazy { WireRecordings.sseDirectory() }

    val all: List<WireFixture> by lazy { load(dir) }

    /** Every case in [dir], sorted by name; at least one. */
    fun load(dir: Path): List<WireFixture> {
        val jsonFiles: List<Path> =
            Files.list(dir).use { files ->
                files
                    .filter { it.toString().endsWith(".json") }
                    .sorted()
                    .collect(java.util.stream.Collectors.toList())
            }
        return jsonFiles
            .map { json ->
                val spec =
                    Json.parseToJsonElement(String(Files.readAllBytes(json), Charsets.UTF_8))
                        .jsonObject
                val body =
                    Files.readAllBytes(dir.resolve(spec["body_file"]!!.jsonPrimitive.content))
                WireFixture(json.fileName.toString().removeSuffix(".json"), spec, body)
            }
            .also { check(it.isNotEmpty()) { "no fixtures in $dir" } }
    }
}

/** Loads the Responses API wire recordings (`responses/`); fails, never skips, when missing. */
object ResponseWireFixtures {
    val dir: Path by lazy { WireRecordings.responsesDirectory() }

    val all: List<WireFixture> by lazy { WireFixtures.load(dir) }
}
