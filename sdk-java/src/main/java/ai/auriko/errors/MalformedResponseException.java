package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * A successful response's body could not be read: a stream data line that is not a JSON chunk, a
 * line or event over the size cap, an HTML page where an event stream or JSON was expected, or a
 * completion body that does not parse. Thrown instead of guessing, with what had arrived in {@link
 * #partialResult()}. Not retried: a server that sent it once will likely send it again.
 */
public class MalformedResponseException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /** Created by the SDK only; see {@link SdkExceptions}. */
  MalformedResponseException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(message, cause, requestId, partialResult);
  }
}
