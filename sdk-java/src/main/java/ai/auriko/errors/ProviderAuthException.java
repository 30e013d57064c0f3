package ai.auriko.errors;

/**
 * The gateway could not authenticate to the provider, usually a bring-your-own-key credential that
 * is wrong or revoked (codes such as {@code provider_auth_error}). Not retried.
 */
public class ProviderAuthException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  ProviderAuthException(ErrorDetails details) {
    super(details);
  }
}
