package ai.auriko.client.tools

import ai.auriko.client.structured.JsonSchema
import ai.auriko.client.tools.internal.ToolJson
import ai.auriko.request.chat.Tool
import java.util.function.Function
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runInterruptible
import kotlinx.serialization.KSerializer

/**
 * A function the model may call, with what it needs to run it: the [name] and [description] the
 * model sees, the JSON [schema] of its arguments (strict mode unless the schema says otherwise),
 * and the code that runs a call. Hand a list of them to
 * [runTools][ai.auriko.client.tools.runTools], which sends them with the request ([toTool]) and
 * runs each call the model makes.
 *
 * Kotlin builds one from a `@Serializable` arguments type with [tool]: the schema comes from the
 * type's serializer and the arguments are decoded to it before the function runs. Java builds one
 * from a schema and a `Function<String, String>` with [of].
 *
 * Immutable and thread-safe: one tool may serve any number of loops at once.
 */
public class FunctionTool
internal constructor(
    /** The function name the model calls (`function.name`). */
    public val name: String,
    /** What the function does, for the model; `null` when not given. */
    public val description: String?,
    /** The JSON Schema of the arguments; its strictness is the tool's `strict`. */
    public val schema: JsonSchema,
    private val run: suspend (String) -> String,
) {
    /**
     * The request's view of this tool: `{"type":"function","function":{name, description,
     * parameters, strict}}`.
     */
    public fun toTool(): Tool =
        Tool.builder(name)
            .description(description)
            .parameters(schema.schema)
            .strict(schema.strict)
            .build()

    /**
     * Runs one call with the model's [arguments] (JSON text, as sent) and returns what goes back to
     * the model. The loop calls this; tests may too.
     *
     * @throws ToolArgumentsException when the arguments are not JSON of the tool's type (the
     *   function did not run)
     */
    @JvmSynthetic public suspend fun call(arguments: String): String = run(arguments)

    /** The name, description and schema name; never the function. */
    override fun toString(): String =
        "FunctionTool(name=$name, description=$description, schema=${schema.name})"

    /** Java factories. */
    public companion object {
        /**
         * A tool whose [function] receives the arguments as JSON text and returns the result text,
         * for Java. The function is blocking: the loop runs it on a thread of the I/O pool
         * (kotlinx.coroutines' `Dispatchers.IO`), parallel calls on separate threads, and
         * interrupts that thread when the loop is cancelled. An exception it throws is the tool's
         * error (see [ToolErrorPolicy]).
         *
         * @param name the function name, 1–64 characters of `[A-Za-z0-9_-]`
         * @param description what it does, for the model; `null` for none
         * @param schema the arguments' JSON Schema, e.g. `JsonSchema.of(name, RawJson.of(json))`
         * @throws ai.auriko.errors.InvalidRequestException when the name is not valid
         */
        @JvmStatic
        public fun of(
            name: String,
            description: String?,
            schema: JsonSchema,
            function: Function<String, String>,
        ): FunctionTool =
            create(name, description, schema) { arguments ->
                // The function's exception is carried out of the I/O thread as a value and thrown
                // here: thrown across the dispatcher change, coroutines' debug-mode stack-trace
                // recovery would hand the loop a copy instead of the caller's own exception.
                // InterruptedException stays thrown: runInterruptible turns it into the
                // cancellation it is.
                runInterruptible(Dispatchers.IO) {
                        try {
                            Result.success(function.apply(arguments))
                        } catch (e: InterruptedException) {
                            throw e
                        } catch (e: Exception) {
                            Result.failure(e)
                        }
                    }
                    .getOrThrow()
            }

        @JvmSynthetic
        internal fun create(
            name: String,
            description: String?,
            schema: JsonSchema,
            run: suspend (String) -> String,
        ): FunctionTool {
            Tool.builder(name).build() // validates the name, as the request would
            return FunctionTool(name, description, schema, run)
        }
    }
}

/**
 * A tool whose [function] receives the arguments decoded to [T] (a `@Serializable` type) and
 * returns the text sent back to the model. The schema is [T]'s strict-mode JSON Schema
 * ([ai.auriko.client.structured.jsonSchemaOf]); arguments that do not decode to [T] never reach the
 * function: the loop sends the decoding error back to the model as the call's result, so it can
 * correct itself (see [runTools]).
 *
 * ```
 * @Serializable class GetWeather(val city: String)
 * val weather = tool<GetWeather>("get_weather", "Current weather for a city") { "18°C in ${it.city}" }
 * ```
 */
public inline fun <reified T> tool(
    name: String,
    description: String,
    noinline function: suspend (T) -> String,
): FunctionTool = tool(name, description, kotlinx.serialization.serializer<T>(), function)

/**
 * A tool whose [function] receives the arguments decoded to [T] and returns an [R] (a
 * `@Serializable` type) that is sent back to the model as JSON (defaults included):
 * `tool<GetWeather, Weather>("get_weather", "…") { Weather(it.city, 18) }`. Otherwise as the [tool]
 * returning text.
 */
@JvmName("toolWithJsonResult")
public inline fun <reified T, reified R> tool(
    name: String,
    description: String,
    noinline function: suspend (T) -> R,
): FunctionTool =
    tool(
        name,
        description,
        kotlinx.serialization.serializer<T>(),
        kotlinx.serialization.serializer<R>(),
        function,
    )

/**
 * A tool whose [function] receives the arguments decoded with [arguments]; see the reified [tool].
 * Its schema is generated from [arguments]' descriptor.
 */
public fun <T> tool(
    name: String,
    description: String,
    arguments: KSerializer<T>,
    function: suspend (T) -> String,
): FunctionTool =
    FunctionTool.create(
        name,
        description,
        JsonSchema.of(arguments.descriptor, name, description),
    ) { json ->
        function(ToolJson.decodeArguments(name, null, json, arguments))
    }

/**
 * A tool whose [function] receives the arguments decoded with [arguments] and returns a value
 * encoded with [result] as the JSON text sent back; see the reified [tool].
 */
public fun <T, R> tool(
    name: String,
    description: String,
    arguments: KSerializer<T>,
    result: KSerializer<R>,
    function: suspend (T) -> R,
): FunctionTool =
    FunctionTool.create(
        name,
        description,
        JsonSchema.of(arguments.descriptor, name, description),
    ) { json ->
        ToolJson.json.encodeToString(
            result,
            function(ToolJson.decodeArguments(name, null, json, arguments)),
        )
    }

/**
 * A tool with a hand-written [schema] whose [function] receives the arguments as JSON text: for
 * schemas no Kotlin type describes. Arguments are passed as the model wrote them, unchecked.
 */
public fun tool(
    name: String,
    description: String?,
    schema: JsonSchema,
    function: suspend (String) -> String,
): FunctionTool = FunctionTool.create(name, description, schema, function)
