package ai.auriko.testing.internal

/** One thing a script does while streaming, in order. */
internal sealed class ScriptStep {
    class Content(val text: String) : ScriptStep()

    class Reasoning(val text: String) : ScriptStep()

    class ReasoningSignature(val signature: String) : ScriptStep()

    class RedactedReasoning(val data: String) : ScriptStep()

    class ToolCallStart(val index: Int, val id: String, val name: String) : ScriptStep()

    class ToolArguments(val index: Int, val fragment: String) : ScriptStep()

    class Pause(val nanos: Long) : ScriptStep()

    class Comment(val text: String) : ScriptStep()

    class Raw(val event: String) : ScriptStep()

    class Error(val code: String, val message: String) : ScriptStep()

    object Truncate : ScriptStep()
}
