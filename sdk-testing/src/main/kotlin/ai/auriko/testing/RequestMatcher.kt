package ai.auriko.testing

/**
 * Decides whether a script answers a request. Write one as a lambda (Kotlin or Java), or take a
 * ready one from [RequestMatchers].
 */
public fun interface RequestMatcher {
    /** True when the script registered with this matcher should answer [request]. */
    public fun matches(request: RecordedRequest): Boolean
}
