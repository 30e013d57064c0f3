package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * A successful response's body could not be read: a stream data line that is not a JSON chunk, a
 * line or event over the size cap, an HTML page where an event stream or JSON was expected, or a
 * completion body that does not parse. Thrown instead of guessing, with what had arrived in {@link
 * #partialCompletion()}. Not retried: a server that sent it once will likely send it again.
 */
public class MalformedResponseException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was malformed; may quote a short, truncated snippet of the body
   * @param cause the parse failure, if any
   * @param requestId the response's request id, if known
   * @param partialCompletion what had arrived before, or {@code null}
   */
  public MalformedResponseException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable Object partialCompletion) {
    super(message, cause, requestId, partialCompletion);
  }
}
