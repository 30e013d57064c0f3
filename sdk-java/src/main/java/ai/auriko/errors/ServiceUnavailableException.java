package ai.auriko.errors;

/**
 * No provider could take the request now (HTTP 503, or codes {@code overloaded} / {@code
 * service_unavailable}). Retried before a stream starts, honouring {@code Retry-After}.
 */
public class ServiceUnavailableException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  ServiceUnavailableException(ErrorDetails details) {
    super(details);
  }
}
