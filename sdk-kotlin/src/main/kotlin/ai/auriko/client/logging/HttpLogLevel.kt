package ai.auriko.client.logging

/**
 * How much of each HTTP exchange the client logs to its [AurikoLogger], in the spirit of OkHttp's
 * `HttpLoggingInterceptor`. Each level includes the ones before it. Whatever the level, secrets are
 * redacted and a stream is never buffered in order to log it.
 */
public enum class HttpLogLevel {
    /** Nothing (the default). */
    NONE,

    /**
     * One line per request and per response: method, URL, body size; status, time to headers and
     * request id; retries; and how the call ended (chunks, duration, or the failure). Every HTTP
     * line is written at [LogLevel.INFO].
     */
    BASIC,

    /** Adds request and response headers, with credentials and cookies replaced by `██`. */
    HEADERS,

    /**
     * Adds request bodies, non-streaming response bodies (error bodies up to the SDK's cap), and
     * each stream event's data as it is decoded. Bodies hold the user's prompts and the model's
     * answers: enable this only where those may be logged.
     */
    BODY,
}
