package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * A line or an event of the stream grew past the configured size cap. The decoder stops instead of
 * buffering without bound, so a hostile or broken server cannot exhaust memory.
 */
public class StreamLimitExceededException extends MalformedResponseException {
  private static final long serialVersionUID = 1L;

  /** The limit that was exceeded, in bytes. */
  private final long limitBytes;

  /**
   * Creates the exception.
   *
   * @param message which limit was exceeded, with the limit
   * @param limitBytes the limit, in bytes
   * @param cause the original exception when the client re-throws with context, or {@code null}
   * @param requestId the response's request id, if known
   * @param partialCompletion what had arrived before, or {@code null}
   */
  public StreamLimitExceededException(
      String message,
      long limitBytes,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable Object partialCompletion) {
    super(message, cause, requestId, partialCompletion);
    this.limitBytes = limitBytes;
  }

  /**
   * The limit that was exceeded.
   *
   * @return the limit, in bytes
   */
  public long limitBytes() {
    return limitBytes;
  }
}
