package ai.auriko.errors;

/**
 * The workspace has no credits left (HTTP 402 or code {@code insufficient_credits}). Not retried;
 * top up the balance.
 */
public class InsufficientCreditsException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details what the server reported
   */
  public InsufficientCreditsException(ErrorDetails details) {
    super(details);
  }
}
