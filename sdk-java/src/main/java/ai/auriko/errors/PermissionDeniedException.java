package ai.auriko.errors;

/** The key may not use this model, provider or endpoint (HTTP 403). Not retried. */
public class PermissionDeniedException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details what the server reported
   */
  public PermissionDeniedException(ErrorDetails details) {
    super(details);
  }
}
