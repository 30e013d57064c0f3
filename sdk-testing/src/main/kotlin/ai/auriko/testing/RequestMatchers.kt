package ai.auriko.testing

/** Ready-made [RequestMatcher]s; combine them with [allOf]. */
public object RequestMatchers {
    /** Any request. */
    @JvmStatic public fun any(): RequestMatcher = Described("any request") { true }

    /** Requests whose `model` is [model], or whose `models` list contains it. */
    @JvmStatic
    public fun model(model: String): RequestMatcher =
        Described("model $model") { it.model == model || model in it.models }

    /** Requests whose last user message contains [text] (ignoring case). */
    @JvmStatic
    public fun lastUserMessageContains(text: String): RequestMatcher =
        Described("last user message containing \"$text\"") {
            it.lastUserMessage?.contains(text, ignoreCase = true) == true
        }

    /** Requests that offer tools ([present] true) or offer none ([present] false). */
    @JvmStatic
    public fun toolsPresent(present: Boolean): RequestMatcher =
        Described(if (present) "tools offered" else "no tools offered") { it.hasTools == present }

    /** Requests that offer a function called [name]. */
    @JvmStatic
    public fun toolOffered(name: String): RequestMatcher =
        Described("tool $name offered") { name in it.toolNames }

    /**
     * Requests whose last message is a tool result (the second turn of a tool loop): a chat `tool`
     * message or a Responses `function_call_output` item.
     */
    @JvmStatic
    public fun lastMessageIsToolResult(): RequestMatcher =
        Described("last message is a tool result") { it.messages.lastOrNull()?.role == "tool" }

    /** Streaming requests ([stream] true) or non-streaming ones. */
    @JvmStatic
    public fun stream(stream: Boolean): RequestMatcher =
        Described(if (stream) "streaming" else "not streaming") { it.stream == stream }

    /** Requests to [path] (for example `/v1/chat/completions`), ignoring the query. */
    @JvmStatic
    public fun path(path: String): RequestMatcher =
        Described("path $path") { it.path.substringBefore('?') == path }

    /** Requests that every one of [matchers] accepts. */
    @JvmStatic
    public fun allOf(vararg matchers: RequestMatcher): RequestMatcher {
        val all = matchers.toList()
        return Described(all.joinToString(" and ")) { request -> all.all { it.matches(request) } }
    }

    /** A matcher that shows [description] in assertion messages. */
    @JvmStatic
    public fun described(description: String, matcher: RequestMatcher): RequestMatcher =
        Described(description, matcher::matches)

    private class Described(
        private val description: String,
        private val test: (RecordedRequest) -> Boolean,
    ) : RequestMatcher {
        override fun matches(request: RecordedRequest): Boolean = test(request)

        override fun toString(): String = description
    }
}
