package ai.auriko.errors;

/** The endpoint or resource does not exist (HTTP 404). Not retried. */
public class NotFoundException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details what the server reported
   */
  public NotFoundException(ErrorDetails details) {
    super(details);
  }
}
