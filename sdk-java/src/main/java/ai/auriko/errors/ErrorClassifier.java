package ai.auriko.errors;

import ai.auriko.http.RetryAfter;
import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Maps what a server reported — HTTP status, error code, error type, message and headers — to the
 * one exception type that says what happened. Used for HTTP errors before a stream and for error
 * objects inside a stream, so both paths agree.
 *
 * <p>The order of evidence:
 *
 * <ol>
 *   <li><b>A specific error code wins over the status</b>, because gateways report one condition
 *       under several statuses: {@code budget_exceeded} → {@link BudgetExceededException}; {@code
 *       insufficient_credits} (also {@code insufficient_quota}, {@code insufficient_balance}) →
 *       {@link InsufficientCreditsException}; {@code model_not_found} → {@link
 *       ModelNotFoundException}; provider credential codes ({@code provider_auth*}, {@code
 *       invalid_provider_key}, {@code byok_*}) → {@link ProviderAuthException}; {@code
 *       rate_limit_exceeded} → {@link RateLimitException}; {@code server_error}/{@code
 *       internal_error} → {@link InternalException}; {@code overloaded}/{@code service_unavailable}
 *       → {@link ServiceUnavailableException}; {@code invalid_api_key} → {@link
 *       AuthenticationException}.
 *   <li><b>The status</b>: 400/422 invalid request, 401 authentication, 402 insufficient credits,
 *       403 permission denied, 404 not found, 429 rate limit, 500 internal, 502/504 provider, 503
 *       service unavailable. Inside a stream the HTTP status is 200, so a numeric {@code code}
 *       (such as {@code 503}) stands in for it.
 *   <li><b>The error type</b> ({@code rate_limit_error}, {@code authentication_error}, …), which
 *       matters mostly for in-stream errors.
 *   <li>Otherwise {@link UnexpectedStatusException}, or {@link StreamErrorException} in a stream.
 * </ol>
 *
 * <p>{@code Retry-After} and {@code retry-after-ms} are read into {@link
 * AurikoApiException#retryAfter()} with the classifier's clock. Thread-safe.
 */
public final class ErrorClassifier {
  private static final ErrorClassifier STANDARD = new ErrorClassifier(Clock.systemUTC());

  private final Clock clock;

  private ErrorClassifier(Clock clock) {
    this.clock = clock;
  }

  /**
   * The classifier on the system clock.
   *
   * @return the shared instance
   */
  public static ErrorClassifier standard() {
    return STANDARD;
  }

  /**
   * A classifier on a given clock, for HTTP-date {@code Retry-After} values in tests.
   *
   * @param clock the clock
   * @return a classifier
   */
  public static ErrorClassifier withClock(Clock clock) {
    return new ErrorClassifier(clock);
  }

  /**
   * Classifies what the server reported — read once by the client from the HTTP error body or the
   * stream event — into the exception to throw. When the details carry no {@code retryAfter}, it is
   * read from their headers. Also how an application's own tests build an SDK exception.
   *
   * @param details the status, code, type, message, headers and stream context
   * @return the exception to throw
   */
  public AurikoApiException classify(ErrorDetails details) {
    if (details.retryAfter() == null) {
      java.time.Duration asked = RetryAfter.parse(details.headers(), clock);
      if (asked != null) details = withRetryAfter(details, asked);
    }
    switch (kindOf(details.statusCode(), details.code(), details.type(), details.isStreamError())) {
      case BUDGET_EXCEEDED:
        return new BudgetExceededException(details);
      case INSUFFICIENT_CREDITS:
        return new InsufficientCreditsException(details);
      case MODEL_NOT_FOUND:
        return new ModelNotFoundException(details);
      case PROVIDER_AUTH:
        return new ProviderAuthException(details);
      case RATE_LIMIT:
        return new RateLimitException(details);
      case INTERNAL:
        return new InternalException(details);
      case SERVICE_UNAVAILABLE:
        return new ServiceUnavailableException(details);
      case PROVIDER:
        return new ProviderException(details);
      case AUTHENTICATION:
        return new AuthenticationException(details);
      case PERMISSION_DENIED:
        return new PermissionDeniedException(details);
      case NOT_FOUND:
        return new NotFoundException(details);
      case INVALID_REQUEST:
        return new InvalidRequestException(details);
      case STREAM_ERROR:
        return new StreamErrorException(details);
      default:
        return new UnexpectedStatusException(details);
    }
  }

  private static ErrorDetails withRetryAfter(ErrorDetails d, java.time.Duration retryAfter) {
    return ErrorDetails.builder()
        .statusCode(d.statusCode())
        .code(d.code())
        .type(d.type())
        .param(d.param())
        .message(d.message())
        .headers(d.headers())
        .requestId(d.requestId())
        .retryAfter(retryAfter)
        .streamError(d.isStreamError())
        .partialResult(d.partialResult())
        .body(d.body())
        .build();
  }

  enum Kind {
    BUDGET_EXCEEDED,
    INSUFFICIENT_CREDITS,
    MODEL_NOT_FOUND,
    PROVIDER_AUTH,
    RATE_LIMIT,
    INTERNAL,
    SERVICE_UNAVAILABLE,
    PROVIDER,
    AUTHENTICATION,
    PERMISSION_DENIED,
    NOT_FOUND,
    INVALID_REQUEST,
    STREAM_ERROR,
    UNEXPECTED
  }

  static Kind kindOf(int status, @Nullable String code, @Nullable String type, boolean inStream) {
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    Kind byCode = byCode(c);
    if (byCode != null) return byCode;

    int effectiveStatus = status;
    if ((inStream || status < 400) && isNumeric(c)) {
      int numeric = Integer.parseInt(c);
      if (numeric >= 400 && numeric <= 599) effectiveStatus = numeric;
    }
    Kind byStatus = byStatus(effectiveStatus);
    if (byStatus != null) return byStatus;

    Kind byType = byType(type == null ? "" : type.trim().toLowerCase(Locale.ROOT));
    if (byType != null) return byType;

    return inStream ? Kind.STREAM_ERROR : Kind.UNEXPECTED;
  }

  private static @Nullable Kind byCode(String c) {
    switch (c) {
      case "budget_exceeded":
        return Kind.BUDGET_EXCEEDED;
      case "insufficient_credits":
      case "insufficient_balance":
      case "insufficient_quota":
        return Kind.INSUFFICIENT_CREDITS;
      case "model_not_found":
        return Kind.MODEL_NOT_FOUND;
      case "rate_limit_exceeded":
      case "rate_limited":
        return Kind.RATE_LIMIT;
      case "server_error":
      case "internal_error":
        return Kind.INTERNAL;
      case "overloaded":
      case "service_unavailable":
      case "no_available_providers":
        return Kind.SERVICE_UNAVAILABLE;
      case "provider_error":
      case "upstream_error":
        return Kind.PROVIDER;
      case "invalid_api_key":
        return Kind.AUTHENTICATION;
      case "permission_denied":
        return Kind.PERMISSION_DENIED;
      default:
        if (c.startsWith("provider_auth")
            || c.equals("invalid_provider_key")
            || c.equals("invalid_provider_api_key")
            || c.startsWith("byok_")) {
          return Kind.PROVIDER_AUTH;
        }
        return null;
    }
  }

  private static @Nullable Kind byStatus(int status) {
    switch (status) {
      case 400:
      case 422:
        return Kind.INVALID_REQUEST;
      case 401:
        return Kind.AUTHENTICATION;
      case 402:
        return Kind.INSUFFICIENT_CREDITS;
      case 403:
        return Kind.PERMISSION_DENIED;
      case 404:
        return Kind.NOT_FOUND;
      case 429:
        return Kind.RATE_LIMIT;
      case 500:
        return Kind.INTERNAL;
      case 502:
      case 504:
        return Kind.PROVIDER;
      case 503:
        return Kind.SERVICE_UNAVAILABLE;
      default:
        return null;
    }
  }

  private static @Nullable Kind byType(String t) {
    switch (t) {
      case "authentication_error":
        return Kind.AUTHENTICATION;
      case "permission_error":
      case "permission_denied":
        return Kind.PERMISSION_DENIED;
      case "not_found_error":
        return Kind.NOT_FOUND;
      case "rate_limit_error":
        return Kind.RATE_LIMIT;
      case "invalid_request_error":
        return Kind.INVALID_REQUEST;
      case "budget_exceeded":
        return Kind.BUDGET_EXCEEDED;
      case "insufficient_credits":
        return Kind.INSUFFICIENT_CREDITS;
      case "server_error":
      case "internal_error":
      case "api_error":
        return Kind.INTERNAL;
      case "overloaded_error":
        return Kind.SERVICE_UNAVAILABLE;
      case "provider_error":
        return Kind.PROVIDER;
      default:
        return null;
    }
  }

  private static boolean isNumeric(String s) {
    if (s.isEmpty() || s.length() > 3) return false;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    return true;
  }
}
