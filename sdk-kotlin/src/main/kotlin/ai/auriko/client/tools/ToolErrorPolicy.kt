package ai.auriko.client.tools

/** What [runTools] does when a tool's function throws (an exception, not a cancellation). */
public enum class ToolErrorPolicy {
    /**
     * The error goes back to the model as the call's result, `Error: <the exception's message>`,
     * and the loop goes on: the model can retry, or answer without the tool. The default.
     */
    SEND_TO_MODEL,

    /** The loop fails with a [ToolExecutionException] whose cause is the tool's exception. */
    FAIL,
}
