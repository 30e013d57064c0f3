package ai.auriko.errors;

/**
 * An error status the SDK has no more specific type for (for example 405, 408, 409 or 418); see
 * {@link #statusCode()}.
 */
public class UnexpectedStatusException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  UnexpectedStatusException(ErrorDetails details) {
    super(details);
  }
}
