package ai.auriko.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        CLASSIFIER.fromHttpResponse(
            404,
            ResponseHeaders.empty(),
            "{\"error\":{\"code\":\"model_not_found\",\"message\":\"no\"}}");
    assertInstanceOf(NotFoundException.class, e);
    assertInstanceOf(
        ProviderException.class,
        CLASSIFIER.fromHttpResponse(
            502, ResponseHeaders.empty(), "{\"error\":{\"code\":\"provider_auth_failed\"}}"));
  }

  @Test
  void readsEveryBodyShape() {
    ResponseHeaders none = ResponseHeaders.empty();
    AurikoApiException numeric =
        CLASSIFIER.fromHttpResponse(
            400,
            none,
            "{\"error\": {\"code\": 400, \"message\": \"Invalid model specified\", \"param\": \"model\"}}");
    assertEquals("400", numeric.code());
    assertEquals("model", numeric.param());
    assertEquals("Invalid model specified", numeric.errorMessage());

    AurikoApiException plainError =
        CLASSIFIER.fromHttpResponse(500, none, "{\"error\":\"database on fire\"}");
    assertEquals("database on fire", plainError.errorMessage());

    AurikoApiException topLevel =
        CLASSIFIER.fromHttpResponse(
            429, none, "{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}");
    assertEquals("slow down", topLevel.errorMessage());
    assertEquals("rate_limit_exceeded", topLevel.code());

    AurikoApiException fastApi =
        CLASSIFIER.fromHttpResponse(422, none, "{\"detail\":\"field required\"}");
    assertInstanceOf(InvalidRequestException.class, fastApi);
    assertEquals("field required", fastApi.errorMessage());

    AurikoApiException html =
        CLASSIFIER.fromHttpResponse(
            502,
            none,
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>");
    assertEquals("502 Bad Gateway", html.errorMessage());

    AurikoApiException untitled =
        CLASSIFIER.fromHttpResponse(
            504, none, "<html><body>\n  <h1>Gateway\n Timeout</h1>\n</body></html>");
    assertEquals("Gateway Timeout", untitled.errorMessage());

    AurikoApiException empty = CLASSIFIER.fromHttpResponse(503, none, "");
    assertEquals("HTTP 503 with no error message", empty.errorMessage());
    assertInstanceOf(ServiceUnavailableException.class, empty);

    AurikoApiException nullBody = CLASSIFIER.fromHttpResponse(500, none, null);
    assertEquals("HTTP 500 with no error message", nullBody.errorMessage());
  }

  @Test
  void hostileBodiesGiveATypedErrorWithAShortMessage() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 100_000; i++) deep.append('[');
    AurikoApiException nested =
        CLASSIFIER.fromHttpResponse(500, ResponseHeaders.empty(), deep.toString());
    assertInstanceOf(InternalException.class, nested);
    assertTrue(nested.errorMessage().length() <= 201, "snippet is capped");

    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < 200_000; i++) huge.append("word ");
    AurikoApiException big =
        CLASSIFIER.fromHttpResponse(502, ResponseHeaders.empty(), huge.toString());
    assertTrue(big.errorMessage().length() <= 201);
    assertTrue(big.errorMessage().endsWith("…"));

    String binary =
        new String(
            new byte[] {0, 1, 2, (byte) 0xFF, 127, 10, 13},
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertInstanceOf(
        ProviderException.class, CLASSIFIER.fromHttpResponse(502, ResponseHeaders.empty(), binary));

    AurikoApiException truncatedJson =
        CLASSIFIER.fromHttpResponse(
            400, ResponseHeaders.empty(), "{\"error\": {\"message\": \"cut");
    assertInstanceOf(InvalidRequestException.class, truncatedJson);
    assertEquals("{\"error\": {\"message\": \"cut", truncatedJson.errorMessage());
  }

  @Test
  void retryAfterIsReadFromEitherHeaderWithTheClassifiersClock() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    ErrorClassifier classifier = ErrorClassifier.withClock(clock);
    AurikoApiException date =
        classifier.fromHttpResponse(
            503,
            ResponseHeaders.ofSingle(
                Collections.singletonMap("Retry-After", "Sun, 22 Nov 2026 10:00:30 GMT")),
            "");
    assertEquals(Duration.ofSeconds(30), date.retryAfter());
    AurikoApiException ms =
        classifier.fromHttpResponse(
            429, ResponseHeaders.ofSingle(Collections.singletonMap("retry-after-ms", "250")), "");
    assertEquals(Duration.ofMillis(250), ms.retryAfter());
    assertNull(classifier.fromHttpResponse(429, ResponseHeaders.empty(), "").retryAfter());
  }

  @Test
  void messageNamesStatusCodeAndRequestIdButNeverTheBodyMarkup() {
    ResponseHeaders headers =
        ResponseHeaders.ofSingle(Collections.singletonMap("x-request-id", "req_42"));
    AurikoApiException e =
        CLASSIFIER.fromHttpResponse(
            429,
            headers,
            "{\"error\":{\"message\":\"Rate limit exceeded\",\"code\":\"rate_limit_exceeded\"}}");
    assertEquals("429 rate_limit_exceeded: Rate limit exceeded (request req_42)", e.getMessage());
    assertEquals("req_42", e.requestId());

    AurikoApiException inStream =
        CLASSIFIER.fromStreamEvent(
            "{\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}", headers, null);
    assertEquals("error in stream overloaded: busy (request req_42)", inStream.getMessage());
    assertNull(inStream.partialCompletion());
  }

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
