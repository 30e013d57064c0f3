package ai.auriko.errors;

/**
 * A workspace or key budget set in the gateway is exhausted (code {@code budget_exceeded}, usually
 * with HTTP 402). Not retried.
 */
public class BudgetExceededException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details what the server reported
   */
  public BudgetExceededException(ErrorDetails details) {
    super(details);
  }
}
