package ai.auriko.errors;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the SDK's clients create the exceptions that are not classified server errors (those come
 * from {@link ErrorClassifier#classify(ErrorDetails)}). The exceptions' constructors are
 * package-private so that no application depends on them; this one class is the door the SDK's
 * Kotlin client uses. Not API: {@link InternalAurikoApi}.
 */
@InternalAurikoApi
public final class SdkExceptions {
  private SdkExceptions() {}

  /**
   * A failure with no more specific type.
   *
   * @param message what went wrong; never contains a secret
   * @param cause the underlying failure
   * @param requestId the request id, when a response had started
   * @param partial what had arrived
   * @return the exception
   */
  public static AurikoException unexpected(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partial) {
    return new AurikoException(message, cause, requestId, partial);
  }

  /**
   * No response could be had.
   *
   * @param message what went wrong
   * @param cause the transport's failure
   * @param requestId the request id, when known
   * @param partial what had arrived
   * @return the exception
   */
  public static AurikoConnectionException connection(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partial) {
    return new AurikoConnectionException(message, cause, requestId, partial);
  }

  /**
   * A timeout of one of the client's clocks.
   *
   * @param kind which timeout
   * @param timeout its configured length, or {@code null} when infinite
   * @param cause the engine's own timeout exception, if any
   * @param requestId the request id, when a response had started
   * @param partial what had arrived
   * @return the exception
   */
  public static AurikoTimeoutException timeout(
      AurikoTimeoutException.Kind kind,
      @Nullable Duration timeout,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partial) {
    return new AurikoTimeoutException(kind, timeout, cause, requestId, partial);
  }

  /**
   * A stream that ended or broke before it was complete.
   *
   * @param message what happened
   * @param cause the underlying failure, if any
   * @param requestId the request id
   * @param partial what had arrived
   * @return the exception
   */
  public static StreamInterruptedException interrupted(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partial) {
    return new StreamInterruptedException(message, cause, requestId, partial);
  }

  /**
   * A successful response whose body could not be read.
   *
   * @param message what was wrong, with a short redacted snippet
   * @param cause the parser's failure, if any
   * @param requestId the request id
   * @param partial what had arrived
   * @return the exception
   */
  public static MalformedResponseException malformed(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partial) {
    return new MalformedResponseException(message, cause, requestId, partial);
  }

  /**
   * A structured answer that could not be turned into the requested type.
   *
   * @param kind why
   * @param message what was wrong, with at most a short excerpt of the text
   * @param rawText the model's text
   * @param cause the parser's failure, if any
   * @param requestId the request id
   * @param partial the whole answer
   * @return the exception
   */
  public static StructuredOutputException structuredOutput(
      StructuredOutputException.Kind kind,
      String message,
      @Nullable String rawText,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partial) {
    return new StructuredOutputException(kind, message, rawText, cause, requestId, partial);
  }

  /**
   * A decoder's size cap, re-thrown with the stream's context.
   *
   * @param limit the decoder's exception, which names the cap
   * @param requestId the request id
   * @param partial what had arrived
   * @return the exception
   */
  public static StreamLimitExceededException limitExceeded(
      StreamLimitExceededException limit,
      @Nullable String requestId,
      @Nullable PartialResult partial) {
    String message = limit.getMessage();
    return new StreamLimitExceededException(
        message == null ? "limit exceeded" : message,
        limit.limitBytes(),
        limit,
        requestId,
        partial);
  }

  /**
   * A line or event over a decoder's size cap, before the stream's context is known.
   *
   * @param message which cap, and by how much
   * @param limitBytes the cap
   * @return the exception
   */
  public static StreamLimitExceededException limitExceeded(String message, long limitBytes) {
    return new StreamLimitExceededException(message, limitBytes, null, null, null);
  }

  /**
   * A blocking call's thread was interrupted; the call was cancelled.
   *
   * @param message what was interrupted
   * @param cause the {@link InterruptedException}
   * @param requestId the request id
   * @param partial what had arrived
   * @return the exception
   */
  public static AurikoInterruptedException threadInterrupted(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partial) {
    return new AurikoInterruptedException(message, cause, requestId, partial);
  }

  /**
   * Records on {@code e} how many attempts were made; the retry loop calls it just before it
   * throws.
   *
   * @param e the exception about to be thrown
   * @param attempts the number of attempts, at least 1
   * @param <E> its type
   * @return {@code e}
   */
  public static <E extends AurikoException> E recordAttempts(E e, int attempts) {
    e.recordAttempts(attempts);
    return e;
  }
}
