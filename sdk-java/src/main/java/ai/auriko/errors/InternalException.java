package ai.auriko.errors;

/**
 * The gateway failed internally (HTTP 500, or codes {@code server_error} / {@code internal_error}).
 * Retried before a stream starts.
 */
public class InternalException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  InternalException(ErrorDetails details) {
    super(details);
  }
}
