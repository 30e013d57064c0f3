package ai.auriko.errors;

/**
 * The API key is missing, malformed or revoked (HTTP 401, or codes such as {@code
 * invalid_api_key}). Not retried.
 */
public class AuthenticationException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details what the server reported
   */
  public AuthenticationException(ErrorDetails details) {
    super(details);
  }
}
