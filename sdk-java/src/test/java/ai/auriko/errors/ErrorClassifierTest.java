package ai.auriko.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.http.ResponseHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassifierTest {
  private static final ErrorClassifier CLASSIFIER = ErrorClassifier.standard();

  static Stream<Arguments> table() {
    return Stream.of(
        // status alone
        row(400, null, null, false, InvalidRequestException.class),
        row(422, null, null, false, InvalidRequestException.class),
        row(401, null, null, false, AuthenticationException.class),
        row(402, null, null, false, InsufficientCreditsException.class),
        row(403, null, null, false, PermissionDeniedException.class),
        row(404, null, null, false, NotFoundException.class),
        row(429, null, null, false, RateLimitException.class),
        row(500, null, null, false, InternalException.class),
        row(502, null, null, false, ProviderException.class),
        row(504, null, null, false, ProviderException.class),
        row(503, null, null, false, ServiceUnavailableException.class),
        row(405, null, null, false, UnexpectedStatusException.class),
        row(418, null, null, false, UnexpectedStatusException.class),
        row(507, null, null, false, UnexpectedStatusException.class),
        // a specific code wins over the status
        row(402, "budget_exceeded", "budget_exceeded", false, BudgetExceededException.class),
        row(403, "budget_exceeded", null, false, BudgetExceededException.class),
        row(402, "insufficient_credits", null, false, InsufficientCreditsException.class),
        row(
            429,
            "insufficient_quota",
            "insufficient_quota",
            false,
            InsufficientCreditsException.class),
        row(404, "model_not_found", "invalid_request_error", false, ModelNotFoundException.class),
        row(400, "model_not_found", null, false, ModelNotFoundException.class),
        row(502, "provider_auth_error", null, false, ProviderAuthException.class),
        row(401, "invalid_provider_key", null, false, ProviderAuthException.class),
        row(400, "byok_key_invalid", null, false, ProviderAuthException.class),
        row(503, "rate_limit_exceeded", null, false, RateLimitException.class),
        row(502, "server_error", null, false, InternalException.class),
        row(500, "overloaded", null, false, ServiceUnavailableException.class),
        row(400, "invalid_api_key", null, false, AuthenticationException.class),
        row(500, "PROVIDER_ERROR", null, false, ProviderException.class),
        // an unspecific or numeric code leaves the status in charge
        row(400, "400", null, false, InvalidRequestException.class),
        row(503, "503", null, false, ServiceUnavailableException.class),
        row(401, "some_new_code", "authentication_error", false, AuthenticationException.class),
        // inside a stream: code, then numeric code as status, then type
        row(200, "overloaded", "server_error", true, ServiceUnavailableException.class),
        row(200, "server_error", null, true, InternalException.class),
        row(200, "503", null, true, ServiceUnavailableException.class),
        row(200, "429", null, true, RateLimitException.class),
        row(200, null, "rate_limit_error", true, RateLimitException.class),
        row(200, null, "authentication_error", true, AuthenticationException.class),
        row(200, null, "overloaded_error", true, ServiceUnavailableException.class),
        row(200, null, "api_error", true, InternalException.class),
        row(200, null, null, true, StreamErrorException.class),
        row(200, "mystery", "mystery", true, StreamErrorException.class));
  }

  private static Arguments row(
      int status, String code, String type, boolean inStream, Class<?> expected) {
    return Arguments.of(status, code, type, inStream, expected);
  }

  @ParameterizedTest(name = "{0} code={1} type={2} inStream={3} -> {4}")
  @MethodSource("table")
  void classifies(int status, String code, String type, boolean inStream, Class<?> expected) {
    AurikoApiException e =
        CLASSIFIER.classify(
            ErrorDetails.builder()
                .statusCode(status)
                .code(code)
                .type(type)
                .message("m")
                .streamError(inStream)
                .build());
    assertEquals(expected, e.getClass());
    assertEquals(status, e.statusCode());
    assertEquals(code, e.code());
    assertEquals(inStream, e.isStreamError());
  }

  @Test
  void modelNotFoundIsAlsoANotFound() {
    AurikoApiException e =
        CLASSIFIER.classify(
            ErrorDetails.builder().statusCode(404).code("model_not_found").message("no").build());
    assertInstanceOf(NotFoundException.class, e);
    assertInstanceOf(
        ProviderException.class,
        CLASSIFIER.classify(
            ErrorDetails.builder().statusCode(502).code("provider_auth_failed").build()));
  }

  @Test
  void retryAfterIsReadFromEitherHeaderWithTheClassifiersClock() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    ErrorClassifier classifier = ErrorClassifier.withClock(clock);
    AurikoApiException date =
        classifier.classify(
            ErrorDetails.builder()
                .statusCode(503)
                .headers(
                    ResponseHeaders.ofSingle(
                        Collections.singletonMap("Retry-After", "Sun, 22 Nov 2026 10:00:30 GMT")))
                .build());
    assertEquals(Duration.ofSeconds(30), date.retryAfter());
    AurikoApiException ms =
        classifier.classify(
            ErrorDetails.builder()
                .statusCode(429)
                .headers(
                    ResponseHeaders.ofSingle(Collections.singletonMap("retry-after-ms", "250")))
                .build());
    assertEquals(Duration.ofMillis(250), ms.retryAfter());
    assertNull(classifier.classify(ErrorDetails.builder().statusCode(429).build()).retryAfter());
  }

  @Test
  void theRawBodyIsKeptBoundedAndThePartialResultTyped() {
    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < ErrorDetails.MAX_BODY_CHARS + 10; i++) huge.append('x');
    PartialResult partial = new PartialResult() {};
    AurikoApiException e =
        CLASSIFIER.classify(
            ErrorDetails.builder()
                .statusCode(200)
                .code("overloaded")
                .streamError(true)
                .body(huge.toString())
                .partialResult(partial)
                .build());
    assertEquals(ErrorDetails.MAX_BODY_CHARS, e.body().length());
    assertSame(partial, e.partialResult());
    assertSame(partial, e.partialResult(PartialResult.class));
    assertNull(e.partialResult(OtherResult.class), "another type reads as null, no cast");
    assertNull(CLASSIFIER.classify(ErrorDetails.builder().statusCode(500).build()).body());
  }

  /** A result type of another API. */
  private interface OtherResult extends PartialResult {}

  @Test
  void clientSideValidationErrorsHaveNoStatus() {
    InvalidRequestException e =
        InvalidRequestException.ofField(
            "temperature", "temperature: must be between 0 and 2, got 3.0");
    assertEquals(0, e.statusCode());
    assertEquals("temperature", e.param());
    assertEquals("invalid request: temperature: must be between 0 and 2, got 3.0", e.getMessage());
    assertTrue(e.headers().isEmpty());
  }
}
