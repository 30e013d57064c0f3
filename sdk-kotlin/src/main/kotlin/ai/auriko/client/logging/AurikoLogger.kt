package ai.auriko.client.logging

import java.util.logging.Level
import java.util.logging.Logger

/**
 * Where the SDK writes its log lines: HTTP traffic when [HttpLogLevel] asks for it, and warnings
 * (for example an API key about to travel over plain HTTP). Plug in any logging library:
 * ```
 * AurikoClient { logger = AurikoLogger { level, message, error -> slf4j.atLevel(...).log(message, error) } }
 * ```
 * ```java
 * new AurikoBlockingClient.Builder().logger((level, message, error) -> log.info(message))
 * ```
 *
 * Lines never contain the API key: `Authorization`, `api-key`, `x-api-key`, `Proxy-Authorization`,
 * `Cookie` and `Set-Cookie` values are replaced by `██`, and the key is removed from any logged
 * body. Implementations must be thread-safe and should not block: they are called on the threads
 * that run the HTTP calls. An exception thrown by [log] is ignored.
 */
public fun interface AurikoLogger {
    /**
     * Writes one line.
     *
     * @param level how important the line is
     * @param message the line, already redacted
     * @param error the failure the line reports, if any
     */
    public fun log(level: LogLevel, message: String, error: Throwable?)

    /** Ready-made loggers. */
    public companion object {
        /** Drops every line, warnings included. */
        @JvmField public val NONE: AurikoLogger = AurikoLogger { _, _, _ -> }

        /**
         * Writes to `java.util.logging` under the logger name `ai.auriko` (on Android, JUL lines go
         * to logcat). This is the default: its stock configuration prints warnings and drops
         * nothing else the SDK writes unless [HttpLogLevel] is raised, so no logging back-end is
         * forced on an application.
         */
        @JvmStatic public fun javaUtilLogging(): AurikoLogger = JulLogger

        private object JulLogger : AurikoLogger {
            private val logger: Logger = Logger.getLogger("ai.auriko")

            override fun log(level: LogLevel, message: String, error: Throwable?) {
                val julLevel =
                    when (level) {
                        LogLevel.DEBUG -> Level.FINE
                        LogLevel.INFO -> Level.INFO
                        LogLevel.WARN -> Level.WARNING
                        LogLevel.ERROR -> Level.SEVERE
                    }
                if (logger.isLoggable(julLevel)) logger.log(julLevel, message, error)
            }

            override fun toString(): String = "AurikoLogger.javaUtilLogging()"
        }
    }
}
