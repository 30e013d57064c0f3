package ai.auriko.errors;

/**
 * An error object arrived inside a 200 stream with no code, type or status the classifier knows
 * more about. {@link #partialCompletion()} holds what arrived before it.
 */
public class StreamErrorException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param details what the server reported
   */
  public StreamErrorException(ErrorDetails details) {
    super(details);
  }
}
