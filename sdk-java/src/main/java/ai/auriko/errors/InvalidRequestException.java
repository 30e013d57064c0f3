package ai.auriko.errors;

/**
 * The request is invalid: rejected by the server (HTTP 400 or 422) or by the SDK's own validation
 * in a builder's {@code build()}, before any I/O ({@link #statusCode()} is then 0 and {@link
 * #param()} names the field). Never retried.
 */
public class InvalidRequestException extends AurikoApiException {
  private static final long serialVersionUID = 1L;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  InvalidRequestException(ErrorDetails details) {
    super(details);
  }

  /**
   * A client-side validation failure, raised before any I/O.
   *
   * @param param the field, as it is named on the wire (for example {@code gateway.metadata.tags})
   * @param message what is wrong, naming the field and the limit
   * @return the exception, to be thrown by the caller
   */
  public static InvalidRequestException ofField(String param, String message) {
    return new InvalidRequestException(
        ErrorDetails.builder()
            .statusCode(0)
            .type("invalid_request_error")
            .param(param)
            .message(message)
            .build());
  }
}
