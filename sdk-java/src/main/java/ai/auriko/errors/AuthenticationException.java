package ai.auriko.errors;

/**
 * The API key is missing, malformed or revoked (HTTP 401, or codes such as {@code
 * invalid_api_key}). Not retried.
 */
public class AuthenticationException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  AuthenticationException(ErrorDetails details) {
    super(details);
  }
}
