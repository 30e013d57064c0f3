package ai.auriko.client.logging

/**
 * How important a line given to an [AurikoLogger] is. The SDK currently writes HTTP traffic at
 * [INFO] and warnings at [WARN]; the other levels are reserved.
 */
public enum class LogLevel {
    /** Detail useful while debugging. */
    DEBUG,

    /** HTTP traffic at the [HttpLogLevel] the client was configured with. */
    INFO,

    /** Something the application should fix or know, for example an insecure base URL. */
    WARN,

    /** A failure. */
    ERROR,
}
