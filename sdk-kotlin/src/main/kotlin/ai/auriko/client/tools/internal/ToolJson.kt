package ai.auriko.client.tools.internal

import ai.auriko.client.tools.ToolArgumentsException
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.json.Json

/** How typed tools read arguments and write results. */
internal object ToolJson {
    /**
     * Unknown keys are ignored: a strict schema forbids them, so only a server without strict mode
     * sends them, and the fields the function needs are there. Defaults are written, so a result's
     * every field reaches the model.
     */
    val json: Json = Json {
        ignoreUnknownKeys = true
        encodeDefaults = true
    }

    /** [arguments] decoded with [deserializer], or a [ToolArgumentsException] naming the call. */
    fun <T> decodeArguments(
        name: String?,
        id: String?,
        arguments: String,
        deserializer: DeserializationStrategy<T>,
    ): T =
        try {
            json.decodeFromString(deserializer, arguments)
        } catch (e: IllegalArgumentException) {
            // a SerializationException (one kind), or a type's own init check rejecting a value
            throw ToolArgumentsException(name, id, arguments, deserializer.descriptor.serialName, e)
        }
}
