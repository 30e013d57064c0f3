package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * A line or an event of the stream grew past the configured size cap. The decoder stops instead of
 * buffering without bound, so a hostile or broken server cannot exhaust memory.
 */
public class StreamLimitExceededException extends MalformedResponseException {
  private static final long serialVersionUID = 1L;

  /** The limit that was exceeded, in bytes. */
  private final long limitBytes;

  /** Created by the SDK only; see {@link SdkExceptions}. */
  StreamLimitExceededException(
      String message,
      long limitBytes,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(message, cause, requestId, partialResult);
    this.limitBytes = limitBytes;
  }

  /**
   * The limit that was exceeded.
   *
   * @return the limit, in bytes
   */
  public long limitBytes() {
    return limitBytes;
  }
}
