package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the SDK throws. Unchecked, so Java callers are not forced into {@code
 * throws} clauses and Kotlin callers see no difference.
 *
 * <p>When the failure happened while a response was being read, {@link #requestId()} names the
 * request for support tickets and {@link #partialResult()} holds everything that had arrived, so
 * nothing the gateway sent is lost. Messages never contain the API key.
 *
 * <p>The SDK's exceptions deliberately have no {@code (String)} or {@code (String, Throwable)}
 * constructors: kotlinx.coroutines' debug-mode stack-trace recovery copies exceptions through such
 * constructors, and a copy would lose the request id and partial completion.
 */
public class AurikoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The request id, when a response had started. */
  private final @Nullable String requestId;

  /** What had arrived; not serialized. */
  private final transient @Nullable PartialResult partialResult;

  /** Attempts made before giving up; set by the client just before it throws. */
  private volatile int attempts = 1;

  /** Created by the SDK only (see {@link SdkExceptions}); applications catch, never construct. */
  AurikoException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(message, cause);
    this.requestId = requestId;
    this.partialResult = partialResult;
  }

  /**
   * The gateway's request id ({@code x-request-id}) of the response this failure belongs to.
   *
   * @return the request id, or {@code null} when no response had started or it carried none
   */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * Everything of the result that had arrived before a stream failed: for a chat stream, content,
   * reasoning and tool calls per choice, usage and routing metadata as far as they came. Read it
   * typed with {@link #partialResult(Class)}, or in Kotlin with sdk-kotlin's {@code
   * partialCompletion} extension.
   *
   * @return the partial result, or {@code null} when the failure came before any of the response or
   *     outside a stream
   */
  public @Nullable PartialResult partialResult() {
    return partialResult;
  }

  /**
   * The partial result as the type the caller expects: {@code ChatCompletion partial =
   * e.partialResult(ChatCompletion.class);}. A checked read, not a cast: another type reads as
   * {@code null}.
   *
   * @param type the result type of the call that failed
   * @param <T> that type
   * @return the partial result, or {@code null} when there is none or it is of another type
   */
  public <T extends PartialResult> @Nullable T partialResult(Class<T> type) {
    return type.isInstance(partialResult) ? type.cast(partialResult) : null;
  }

  /**
   * How many attempts the client made before giving up with this exception: 1 when the first
   * attempt failed in a way that is not retried, {@code 1 + retries} after retries.
   *
   * @return the number of attempts, at least 1
   */
  public final int attempts() {
    return attempts;
  }

  /** Set through {@link SdkExceptions#recordAttempts}, by the client's retry loop only. */
  final void recordAttempts(int attempts) {
    if (attempts < 1) throw new IllegalArgumentException("attempts < 1: " + attempts);
    this.attempts = attempts;
  }
}
