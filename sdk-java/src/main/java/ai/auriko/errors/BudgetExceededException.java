package ai.auriko.errors;

/**
 * A workspace or key budget set in the gateway is exhausted (code {@code budget_exceeded}, usually
 * with HTTP 402). Not retried.
 */
public class BudgetExceededException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  BudgetExceededException(ErrorDetails details) {
    super(details);
  }
}
