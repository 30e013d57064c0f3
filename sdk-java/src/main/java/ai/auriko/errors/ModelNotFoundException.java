package ai.auriko.errors;

/**
 * The requested model is unknown to the gateway (code {@code model_not_found}, usually HTTP 404).
 * Not retried.
 */
public class ModelNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details what the server reported
   */
  public ModelNotFoundException(ErrorDetails details) {
    super(details);
  }
}
