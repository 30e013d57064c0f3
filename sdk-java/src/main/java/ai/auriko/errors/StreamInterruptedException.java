package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * The stream ended before it was complete: the body ended, or the connection broke, without a
 * {@code [DONE]} and before every started choice had a finish reason. A stream is never reported as
 * a silent success in that state. {@link #partialResult()} holds what had arrived and {@link
 * #getCause()} the transport failure, if there was one.
 */
public class StreamInterruptedException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /** Created by the SDK only; see {@link SdkExceptions}. */
  StreamInterruptedException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(message, cause, requestId, partialResult);
  }
}
