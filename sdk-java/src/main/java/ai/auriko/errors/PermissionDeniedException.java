package ai.auriko.errors;

/** The key may not use this model, provider or endpoint (HTTP 403). Not retried. */
public class PermissionDeniedException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  PermissionDeniedException(ErrorDetails details) {
    super(details);
  }
}
