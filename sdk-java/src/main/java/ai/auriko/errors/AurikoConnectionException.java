package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * No usable response: the connection could not be made or broke before the response started
 * (refused, reset, DNS or TLS failure). Retried by the client's retry policy. The cause holds the
 * transport's own exception.
 */
public class AurikoConnectionException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /** Created by the SDK only; see {@link SdkExceptions}. */
  AurikoConnectionException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(message, cause, requestId, partialResult);
  }
}
