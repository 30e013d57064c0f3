package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * The stream ended before it was complete: the body ended, or the connection broke, without a
 * {@code [DONE]} and before every started choice had a finish reason. A stream is never reported as
 * a silent success in that state. {@link #partialCompletion()} holds what had arrived and {@link
 * #getCause()} the transport failure, if there was one.
 */
public class StreamInterruptedException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message how the stream ended
   * @param cause the transport failure, or {@code null} for a clean but premature end of body
   * @param requestId the response's request id, if known
   * @param partialCompletion what had arrived, or {@code null}
   */
  public StreamInterruptedException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable Object partialCompletion) {
    super(message, cause, requestId, partialCompletion);
  }
}
