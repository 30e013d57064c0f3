package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * No usable response: the connection could not be made or broke before the response started
 * (refused, reset, DNS or TLS failure). Retried by the client's retry policy. The cause holds the
 * transport's own exception.
 */
public class AurikoConnectionException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; never contains the API key
   * @param cause the transport failure
   * @param requestId the request id, if a response had started
   * @param partialCompletion what had arrived, or {@code null}
   */
  public AurikoConnectionException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable Object partialCompletion) {
    super(message, cause, requestId, partialCompletion);
  }
}
