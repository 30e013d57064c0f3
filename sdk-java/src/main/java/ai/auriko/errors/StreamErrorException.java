package ai.auriko.errors;

/**
 * An error object arrived inside a 200 stream with no code, type or status the classifier knows
 * more about. {@link #partialResult()} holds what arrived before it.
 */
public class StreamErrorException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  StreamErrorException(ErrorDetails details) {
    super(details);
  }
}
