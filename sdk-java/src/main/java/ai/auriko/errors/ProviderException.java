package ai.auriko.errors;

/**
 * The upstream provider failed or timed out (HTTP 502 and 504, code {@code provider_error}).
 * Retried before a stream starts.
 */
public class ProviderException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  ProviderException(ErrorDetails details) {
    super(details);
  }
}
