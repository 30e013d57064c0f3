package ai.auriko.client.tools

import ai.auriko.client.RequestOptions

/**
 * How a [runTools] loop runs: the most model turns it makes ([maxTurns]), what a tool's exception
 * does ([onToolError]), and the [RequestOptions] every request of the loop is sent with.
 *
 * Immutable; Kotlin sets the builder's properties in `runTools(request, tools) { maxTurns = 8 }`,
 * Java chains `ToolRunOptions.builder().maxTurns(8).build()`.
 */
public class ToolRunOptions private constructor(builder: Builder) {
    /** The most requests the loop sends; default 10. */
    public val maxTurns: Int = builder.maxTurns

    /** What a tool that throws does; default [ToolErrorPolicy.SEND_TO_MODEL]. */
    public val onToolError: ToolErrorPolicy = builder.onToolError

    /** Options of each request (timeouts, headers, retries); default none. */
    public val requestOptions: RequestOptions = builder.requestOptions

    /** A builder holding these settings. */
    public fun toBuilder(): Builder =
        Builder().maxTurns(maxTurns).onToolError(onToolError).requestOptions(requestOptions)

    /** The settings, for logs (request options show header names only). */
    override fun toString(): String =
        "ToolRunOptions(maxTurns=$maxTurns, onToolError=$onToolError, requestOptions=$requestOptions)"

    /** Collects settings; not thread-safe. */
    public class Builder internal constructor() {
        /** The most requests the loop sends (Kotlin), at least 1; default 10. */
        @get:JvmSynthetic
        @set:JvmSynthetic
        public var maxTurns: Int = DEFAULT_MAX_TURNS
            set(value) {
                require(value >= 1) { "maxTurns must be >= 1, was $value" }
                field = value
            }

        /** What a tool that throws does (Kotlin); default [ToolErrorPolicy.SEND_TO_MODEL]. */
        @get:JvmSynthetic
        @set:JvmSynthetic
        public var onToolError: ToolErrorPolicy = ToolErrorPolicy.SEND_TO_MODEL

        /** Options of each request of the loop (Kotlin); default [RequestOptions.NONE]. */
        @get:JvmSynthetic
        @set:JvmSynthetic
        public var requestOptions: RequestOptions = RequestOptions.NONE

        /**
         * The most requests the loop sends, at least 1.
         *
         * @throws IllegalArgumentException when below 1
         */
        public fun maxTurns(maxTurns: Int): Builder = apply { this.maxTurns = maxTurns }

        /** What a tool that throws does. */
        public fun onToolError(policy: ToolErrorPolicy): Builder = apply { onToolError = policy }

        /** Options of each request of the loop. */
        public fun requestOptions(options: RequestOptions): Builder = apply {
            requestOptions = options
        }

        /** The options; the builder can go on being changed without affecting them. */
        public fun build(): ToolRunOptions = ToolRunOptions(this)
    }

    /** Factories. */
    public companion object {
        private const val DEFAULT_MAX_TURNS = 10

        /** 10 turns, errors sent to the model, no request options. */
        @JvmField public val DEFAULT: ToolRunOptions = Builder().build()

        /** A builder with the defaults. */
        @JvmStatic public fun builder(): Builder = Builder()
    }
}
