package ai.auriko.errors;

/**
 * The workspace has no credits left (HTTP 402 or code {@code insufficient_credits}). Not retried;
 * top up the balance.
 */
public class InsufficientCreditsException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  InsufficientCreditsException(ErrorDetails details) {
    super(details);
  }
}
