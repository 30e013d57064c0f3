package ai.auriko.errors;

import ai.auriko.http.ResponseHeaders;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The gateway (or an OpenAI-compatible server) reported an error: an HTTP error status before any
 * chunk, or an error object inside a 200 event stream ({@link #isStreamError()}). The subclass says
 * what kind of error it is; {@link ErrorClassifier} picks it.
 *
 * <p>The message reads like {@code "429 rate_limit_exceeded: Rate limit exceeded (request req_1)"};
 * the raw fields are available through the accessors.
 */
public class AurikoApiException extends AurikoException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status (200 in a stream, 0 before I/O). */
  private final int statusCode;

  /** The error code, as text. */
  private final @Nullable String code;

  /** The error type. */
  private final @Nullable String type;

  /** The parameter the error is about. */
  private final @Nullable String param;

  /** The server's message. */
  private final String errorMessage;

  /** The response headers; not serialized. */
  private final transient ResponseHeaders headers;

  /** The delay the server asked for. */
  private final @Nullable Duration retryAfter;

  /** Whether the error arrived inside a stream. */
  private final boolean streamError;

  /** The raw error text, bounded; see {@link #body()}. */
  private final @Nullable String body;

  /** Built by {@link ErrorClassifier#classify(ErrorDetails)}. */
  AurikoApiException(ErrorDetails details) {
    super(describe(details), null, details.requestId(), details.partialResult());
    this.statusCode = details.statusCode();
    this.code = details.code();
    this.type = details.type();
    this.param = details.param();
    this.errorMessage = details.message();
    this.headers = details.headers();
    this.retryAfter = details.retryAfter();
    this.streamError = details.isStreamError();
    this.body = details.body();
  }

  private static String describe(ErrorDetails d) {
    StringBuilder sb = new StringBuilder();
    if (d.isStreamError()) sb.append("error in stream");
    else if (d.statusCode() == 0) sb.append("invalid request");
    else sb.append(d.statusCode());
    if (d.code() != null && !String.valueOf(d.statusCode()).equals(d.code())) {
      sb.append(' ').append(d.code());
    }
    if (!d.message().isEmpty()) sb.append(": ").append(d.message());
    if (d.requestId() != null) sb.append(" (request ").append(d.requestId()).append(')');
    return sb.toString();
  }

  /**
   * The HTTP status of the response: the error status before a stream; 200 when the error arrived
   * inside a stream; 0 when the client rejected the request before any I/O.
   *
   * @return the status
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The error code from the body, as text ({@code "model_not_found"}, or {@code "400"} when the
   * server sent a number).
   *
   * @return the code, or {@code null}
   */
  public @Nullable String code() {
    return code;
  }

  /**
   * The error type from the body, such as {@code invalid_request_error}.
   *
   * @return the type, or {@code null}
   */
  public @Nullable String type() {
    return type;
  }

  /**
   * The request parameter the error is about.
   *
   * @return the parameter, or {@code null}
   */
  public @Nullable String param() {
    return param;
  }

  /**
   * The server's own message (or a short snippet of an HTML or text body), without the status and
   * request id that {@link #getMessage()} adds.
   *
   * @return the message; may be empty
   */
  public String errorMessage() {
    return errorMessage;
  }

  /**
   * The typed response headers of the failed response; empty when the request was rejected before
   * any I/O.
   *
   * @return the headers
   */
  public ResponseHeaders headers() {
    return headers == null ? ResponseHeaders.empty() : headers;
  }

  /**
   * How long the server asked the client to wait ({@code retry-after-ms} or {@code Retry-After}).
   *
   * @return the delay, or {@code null} when it asked nothing
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Whether the error arrived inside a 200 event stream rather than as an HTTP status; if so,
   * {@link #partialResult()} holds what had arrived before it.
   *
   * @return {@code true} for in-stream errors
   */
  public boolean isStreamError() {
    return streamError;
  }

  /**
   * The error's raw text as the server sent it — the HTTP error body, or the stream event's data —
   * at most {@link ErrorDetails#MAX_BODY_CHARS} characters, without the API key. For what this SDK
   * does not model: a provider's own error fields, a proxy's page.
   *
   * @return the raw text, or {@code null} for an error the client raised itself
   */
  public @Nullable String body() {
    return body;
  }
}
