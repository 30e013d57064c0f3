package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * The response body could not be read as an event stream of chunks: a data line that is not JSON,
 * an event over the size cap, or a body that is neither an event stream nor a recognisable error.
 * Thrown instead of guessing, with what had arrived in {@link #partialCompletion()}. Not retried
 * once a chunk has reached the caller.
 */
public class MalformedStreamException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was malformed; may quote a short, truncated snippet of the body
   * @param cause the parse failure, if any
   * @param requestId the response's request id, if known
   * @param partialCompletion what had arrived before, or {@code null}
   */
  public MalformedStreamException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable Object partialCompletion) {
    super(message, cause, requestId, partialCompletion);
  }

  /**
   * Creates the exception with a message only, as the decoder raises it before the client adds
   * context.
   *
   * @param message what was malformed
   */
  public MalformedStreamException(String message) {
    this(message, null, null, null);
  }
}
