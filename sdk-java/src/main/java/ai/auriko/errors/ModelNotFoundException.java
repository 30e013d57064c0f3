package ai.auriko.errors;

/**
 * The requested model is unknown to the gateway (code {@code model_not_found}, usually HTTP 404).
 * Not retried.
 */
public class ModelNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  ModelNotFoundException(ErrorDetails details) {
    super(details);
  }
}
