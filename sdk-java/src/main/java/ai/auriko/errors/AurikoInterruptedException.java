package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * The thread waiting in a blocking call (a Java {@code create}, or {@code hasNext()}/{@code next()}
 * of a blocking stream) was interrupted. The call was cancelled — its connection closed — and the
 * thread's interrupt flag was set again before this was thrown, so code further up still sees the
 * interruption. The cause is the {@link InterruptedException}; a stream's partial completion is
 * attached.
 */
public class AurikoInterruptedException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /** Created by the SDK only; see {@link SdkExceptions}. */
  AurikoInterruptedException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(message, cause, requestId, partialResult);
  }
}
