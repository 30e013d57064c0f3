package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * A structured answer (JSON asked for with a JSON Schema) that could not be turned into the
 * requested type: the text did not parse or did not match, the answer was cut at the token limit
 * (finish reason {@code length}, or a Responses {@code incomplete} answer), or the caller asked for
 * the value of an answer the model refused. {@link #kind()} says which.
 *
 * <p>The model's raw text is in {@link #rawText()} and the whole answer (a chat {@code
 * ChatCompletion} or a Responses {@code Response}) in {@link #partialResult()}, so nothing the
 * gateway sent is lost. The message names the schema and the problem and shows at most a short
 * excerpt of the text, never all of it. Not retried: the server answered.
 */
public class StructuredOutputException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /** Why the answer could not be turned into the requested type. */
  public enum Kind {
    /** The text is not JSON, or not JSON the parser accepts for the type. */
    MISMATCH,
    /** The answer stopped at the token limit; the text is cut JSON. */
    TRUNCATED,
    /** The model refused; {@link #rawText()} is the refusal. */
    REFUSED
  }

  /** Why the answer could not be used. */
  private final Kind kind;

  /** The model's text, as it arrived; serialized with the exception, like the message. */
  private final @Nullable String rawText;

  /** Created by the SDK only; see {@link SdkExceptions}. */
  StructuredOutputException(
      Kind kind,
      String message,
      @Nullable String rawText,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(message, cause, requestId, partialResult);
    this.kind = kind;
    this.rawText = rawText;
  }

  /**
   * Why the answer could not be used.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The model's text as it arrived: the JSON that did not match, the cut JSON, or the refusal.
   *
   * @return the text, or {@code null} when the answer had none (for example a tool call instead)
   */
  public @Nullable String rawText() {
    return rawText;
  }
}
