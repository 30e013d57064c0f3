package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the SDK throws. Unchecked, so Java callers are not forced into {@code
 * throws} clauses and Kotlin callers see no difference.
 *
 * <p>When the failure happened while a response was being read, {@link #requestId()} names the
 * request for support tickets and {@link #partialCompletion()} holds everything that had arrived,
 * so nothing the gateway sent is lost. Messages never contain the API key.
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
  private final transient @Nullable Object partialCompletion;

  /** Attempts made before giving up. */
  private volatile int attempts = 1;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, for people; never contains a secret
   * @param cause the underlying failure, if any
   * @param requestId the gateway's request id, when a response had started
   * @param partialCompletion the partial result assembled before the failure (in sdk-kotlin a
   *     {@code ChatCompletion}), or {@code null}
   */
  public AurikoException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable Object partialCompletion) {
    super(message, cause);
    this.requestId = requestId;
    this.partialCompletion = partialCompletion;
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
   * Everything of the completion that had arrived before a stream failed: content, reasoning and
   * tool calls per choice, usage and routing metadata as far as they came. The client that threw
   * the exception decides the type; in sdk-kotlin and its Java facade it is always a {@code
   * ChatCompletion}, so the call reads {@code ChatCompletion partial = e.partialCompletion();}.
   *
   * @param <T> the type the caller expects; a mismatch fails with {@link ClassCastException} at the
   *     assignment
   * @return the partial completion, or {@code null} when the failure came before any chunk or
   *     outside a stream
   */
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  public <T> @Nullable T partialCompletion() {
    return (T) partialCompletion;
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

  /**
   * Records how many attempts were made; called by the client just before it throws. Not meant for
   * application code.
   *
   * @param attempts the number of attempts, at least 1
   * @return this exception
   */
  public final AurikoException recordAttempts(int attempts) {
    if (attempts < 1) throw new IllegalArgumentException("attempts < 1: " + attempts);
    this.attempts = attempts;
    return this;
  }

  /**
   * Whether a partial completion is attached, without committing to its type.
   *
   * @return {@code true} when {@link #partialCompletion()} is non-null
   */
  public boolean hasPartialCompletion() {
    return partialCompletion != null;
  }
}
