package ai.auriko.client.tools

/**
 * How one tool call of a [runTools] loop ended ([ToolRunEvent.ToolFinished.status]). Every status
 * sends a tool message back; the model's own mistakes ([INVALID_ARGUMENTS], [UNKNOWN_TOOL]) always
 * go back to it, whatever the [ToolErrorPolicy], because it can correct them.
 */
public enum class ToolCallStatus {
    /** The tool returned a result. */
    OK,

    /** The tool threw; its error was sent back ([ToolErrorPolicy.SEND_TO_MODEL]). */
    TOOL_FAILED,

    /** The arguments did not decode to the tool's type; the tool did not run. */
    INVALID_ARGUMENTS,

    /** The model called a function that is not among the loop's tools. */
    UNKNOWN_TOOL,
}
