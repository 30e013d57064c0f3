package ai.auriko.errors;

import org.jspecify.annotations.Nullable;

/**
 * A tool loop failed, or a tool call's arguments could not be read as the type asked for.
 * sdk-kotlin's typed tools ({@code ai.auriko.client.tools}) throw its subclasses: the arguments did
 * not match ({@code ToolArgumentsException}), a tool threw and the loop was set to fail ({@code
 * ToolExecutionException}), the model still asked for tools after the last allowed turn ({@code
 * ToolLoopLimitException}). An {@link AurikoException}, so one {@code catch} still covers every
 * failure of a call; {@link #partialResult()} holds the last completion, when there was one.
 */
public class ToolException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /**
   * For the SDK's own subclasses (in another module, hence protected); not API.
   *
   * @param message what happened
   * @param cause the underlying failure, if any
   * @param requestId the request id of the last response, if any
   * @param partialResult the last completion, if any
   */
  @InternalAurikoApi
  protected ToolException(
      String message,
      @Nullable Throwable cause,
      @Nullable String requestId,
      @Nullable PartialResult partialResult) {
    super(message, cause, requestId, partialResult);
  }
}
