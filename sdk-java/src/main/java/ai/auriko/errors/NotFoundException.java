package ai.auriko.errors;

/** The endpoint or resource does not exist (HTTP 404). Not retried. */
public class NotFoundException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  NotFoundException(ErrorDetails details) {
    super(details);
  }
}
