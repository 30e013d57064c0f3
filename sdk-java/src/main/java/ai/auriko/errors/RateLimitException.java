package ai.auriko.errors;

/**
 * Too many requests (HTTP 429 or code {@code rate_limit_exceeded}). Retried before a stream starts,
 * waiting as long as {@link #retryAfter()} asks; when it is thrown, the retries were used up or the
 * server asked for a longer wait than the client's cap.
 */
public class RateLimitException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  RateLimitException(ErrorDetails details) {
    super(details);
  }
}
