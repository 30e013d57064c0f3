package ai.auriko.errors;

import ai.auriko.http.ResponseHeaders;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one error the gateway reported: the fields of its error object, the HTTP
 * status and headers of the response, and the partial completion when it arrived inside a stream.
 * The constructor argument of every {@link AurikoApiException}; immutable.
 */
public final class ErrorDetails {
  /** The most of an error's raw text that {@link #body()} keeps: 64 Ki characters. */
  public static final int MAX_BODY_CHARS = 64 * 1024;

  private final int statusCode;
  private final @Nullable String code;
  private final @Nullable String type;
  private final @Nullable String param;
  private final String message;
  private final ResponseHeaders headers;
  private final @Nullable String requestId;
  private final @Nullable Duration retryAfter;
  private final boolean streamError;
  private final @Nullable PartialResult partialResult;
  private final @Nullable String body;

  private ErrorDetails(Builder b) {
    this.statusCode = b.statusCode;
    this.code = b.code;
    this.type = b.type;
    this.param = b.param;
    this.message = b.message == null ? "" : b.message;
    this.headers = b.headers;
    this.requestId = b.requestId != null ? b.requestId : b.headers.requestId();
    this.retryAfter = b.retryAfter;
    this.streamError = b.streamError;
    this.partialResult = b.partialResult;
    this.body = b.body;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The HTTP status of the response; 200 for an error inside a stream, 0 for an error raised by the
   * client before any I/O (request validation).
   *
   * @return the status
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The error code, as text (a numeric code such as {@code 400} reads {@code "400"}).
   *
   * @return the code, or {@code null}
   */
  public @Nullable String code() {
    return code;
  }

  /**
   * The error type, such as {@code rate_limit_error}.
   *
   * @return the type, or {@code null}
   */
  public @Nullable String type() {
    return type;
  }

  /**
   * The request parameter the error is about, such as {@code model} or {@code
   * gateway.metadata.tags}.
   *
   * @return the parameter name, or {@code null}
   */
  public @Nullable String param() {
    return param;
  }

  /**
   * The server's message, or a short snippet of a non-JSON body; never null, may be empty.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * The response headers; empty when there was no response.
   *
   * @return the headers
   */
  public ResponseHeaders headers() {
    return headers;
  }

  /**
   * The request id, from the builder or else from {@code x-request-id}.
   *
   * @return the request id, or {@code null}
   */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * How long the server asked the client to wait before retrying.
   *
   * @return the delay, or {@code null} when it asked nothing
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Whether the error arrived as an error object inside a 200 event stream.
   *
   * @return {@code true} for in-stream errors
   */
  public boolean isStreamError() {
    return streamError;
  }

  /**
   * The partial result assembled before an in-stream error.
   *
   * @return the partial result, or {@code null}
   */
  public @Nullable PartialResult partialResult() {
    return partialResult;
  }

  /**
   * The error's raw text as the server sent it — the HTTP error body, or the stream event's data —
   * cut to at most {@link #MAX_BODY_CHARS} characters, with the API key removed should a proxy have
   * echoed it.
   *
   * @return the raw text, or {@code null} when the error did not come from a response
   */
  public @Nullable String body() {
    return body;
  }

  /** Builds {@link ErrorDetails}; not thread-safe. */
  public static final class Builder {
    private int statusCode;
    private @Nullable String code;
    private @Nullable String type;
    private @Nullable String param;
    private @Nullable String message;
    private ResponseHeaders headers = ResponseHeaders.empty();
    private @Nullable String requestId;
    private @Nullable Duration retryAfter;
    private boolean streamError;
    private @Nullable PartialResult partialResult;
    private @Nullable String body;

    private Builder() {}

    /**
     * Sets the HTTP status (200 inside a stream, 0 before any I/O).
     *
     * @param statusCode the status
     * @return this builder
     */
    public Builder statusCode(int statusCode) {
      this.statusCode = statusCode;
      return this;
    }

    /**
     * Sets the error code.
     *
     * @param code the code, or {@code null}
     * @return this builder
     */
    public Builder code(@Nullable String code) {
      this.code = code;
      return this;
    }

    /**
     * Sets the error type.
     *
     * @param type the type, or {@code null}
     * @return this builder
     */
    public Builder type(@Nullable String type) {
      this.type = type;
      return this;
    }

    /**
     * Sets the parameter the error is about.
     *
     * @param param the parameter, or {@code null}
     * @return this builder
     */
    public Builder param(@Nullable String param) {
      this.param = param;
      return this;
    }

    /**
     * Sets the server's message.
     *
     * @param message the message, or {@code null} for none
     * @return this builder
     */
    public Builder message(@Nullable String message) {
      this.message = message;
      return this;
    }

    /**
     * Sets the response headers.
     *
     * @param headers the headers
     * @return this builder
     */
    public Builder headers(ResponseHeaders headers) {
      this.headers = headers;
      return this;
    }

    /**
     * Sets the request id explicitly (otherwise taken from the headers).
     *
     * @param requestId the id, or {@code null}
     * @return this builder
     */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * Sets the delay the server asked for.
     *
     * @param retryAfter the delay, or {@code null}
     * @return this builder
     */
    public Builder retryAfter(@Nullable Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Marks the error as one that arrived inside a 200 stream.
     *
     * @param streamError whether it did
     * @return this builder
     */
    public Builder streamError(boolean streamError) {
      this.streamError = streamError;
      return this;
    }

    /**
     * Attaches the partial result assembled before the error.
     *
     * @param partialResult the partial result, or {@code null}
     * @return this builder
     */
    public Builder partialResult(@Nullable PartialResult partialResult) {
      this.partialResult = partialResult;
      return this;
    }

    /**
     * Keeps the error's raw text; longer text is cut to {@link #MAX_BODY_CHARS} characters.
     *
     * @param body the HTTP error body or the stream event's data, or {@code null}
     * @return this builder
     */
    public Builder body(@Nullable String body) {
      this.body =
          body == null || body.length() <= MAX_BODY_CHARS
              ? body
              : body.substring(0, MAX_BODY_CHARS);
      return this;
    }

    /**
     * Builds the details.
     *
     * @return the details
     */
    public ErrorDetails build() {
      return new ErrorDetails(this);
    }
  }
}
