package ai.auriko.errors;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A configured time limit ran out. {@link #kind()} says which one, so a caller can tell a slow
 * connect from a stream that stalled mid-answer; a stall after the stream started carries the
 * partial completion.
 */
public class AurikoTimeoutException extends AurikoConnectionException {
  private static final long serialVersionUID = 1L;

  /** Which time limit ran out. */
  public enum Kind {
    /** Establishing the TCP/TLS connection. */
    CONNECT,
    /** A whole non-streaming request, from sending to the end of the body. */
    REQUEST,
    /** A stream's response headers or first event did not arrive in time. */
    FIRST_EVENT,
    /** Nothing (no event, no keep-alive comment) arrived on a started stream for too long. */
    IDLE
  }

  /** Which limit ran out. */
  private final Kind kind;

  /** The configured limit. */
  private final @Nullable Duration timeout;

  /** Created by the SDK only; see {@link SdkExceptions}. */
  AurikoTimeoutException(
      Kind kind,
      @Nullable Duration timeout,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(describe(kind, timeout), cause, requestId, partialResult);
    this.kind = kind;
    this.timeout = timeout;
  }

  private static String describe(Kind kind, @Nullable Duration timeout) {
    String what;
    switch (kind) {
      case CONNECT:
        what = "connect timed out";
        break;
      case REQUEST:
        what = "request timed out";
        break;
      case FIRST_EVENT:
        what = "no first event before the timeout";
        break;
      default:
        what = "stream idle for longer than the timeout";
        break;
    }
    return timeout == null ? what : what + " (" + timeout.toMillis() + " ms)";
  }

  /**
   * Which limit ran out.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The configured limit that ran out.
   *
   * @return the limit, or {@code null} when unknown
   */
  public @Nullable Duration timeout() {
    return timeout;
  }
}
