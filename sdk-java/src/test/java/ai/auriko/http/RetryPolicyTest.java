package ai.auriko.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.errors.AurikoApiException;
import ai.auriko.errors.AurikoTimeoutException;
import ai.auriko.errors.ErrorClassifier;
import ai.auriko.errors.ErrorDetails;
import ai.auriko.errors.SdkExceptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  /** No jitter randomness: every backoff is exactly its base. */
  private static final RetryPolicy EXACT =
      RetryPolicy.builder().clock(NOW).random(() -> 0.0).maxRetries(10).build();

  private static AurikoApiException http(int status, String... headerPairs) {
    ResponseHeaders.Builder h = ResponseHeaders.builder();
    for (int i = 0; i < headerPairs.length; i += 2) h.add(headerPairs[i], headerPairs[i + 1]);
    return ErrorClassifier.withClock(NOW)
        .classify(ErrorDetails.builder().statusCode(status).headers(h.build()).build());
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 507, 599})
  void retryableStatuses(int status) {
    assertTrue(EXACT.isRetryableStatus(status, ResponseHeaders.empty()));
    assertTrue(EXACT.isRetryable(http(status)));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 402, 403, 404, 405, 410, 418, 422})
  void nonRetryableStatuses(int status) {
    assertFalse(EXACT.isRetryableStatus(status, ResponseHeaders.empty()));
    assertFalse(EXACT.isRetryable(http(status)));
    assertNull(EXACT.retryDelay(0, http(status)));
  }

  @Test
  void xShouldRetryOverridesBothWays() {
    assertFalse(EXACT.isRetryable(http(503, "x-should-retry", "false")));
    assertTrue(EXACT.isRetryable(http(400, "x-should-retry", "true")));
    assertTrue(EXACT.isRetryable(http(401, "X-Should-Retry", " TRUE ")), "even a permanent type");
    assertTrue(
        EXACT.isRetryable(http(503, "x-should-retry", "maybe")), "unknown values are ignored");
  }

  @Test
  void permanentErrorsAreNotRetriedWhateverTheirStatus() {
    ErrorClassifier c = ErrorClassifier.standard();
    assertFalse(
        EXACT.isRetryable(
            c.classify(
                ErrorDetails.builder().statusCode(502).code("provider_auth_error").build())));
    assertFalse(
        EXACT.isRetryable(
            c.classify(ErrorDetails.builder().statusCode(503).code("budget_exceeded").build())));
    assertFalse(
        EXACT.isRetryable(
            c.classify(ErrorDetails.builder().statusCode(500).code("model_not_found").build())));
  }

  @Test
  void transportFailuresAndStreamErrors() {
    assertTrue(
        EXACT.isRetryable(SdkExceptions.connection("refused", new IOException(), null, null)));
    assertTrue(
        EXACT.isRetryable(
            SdkExceptions.timeout(
                AurikoTimeoutException.Kind.CONNECT, Duration.ofSeconds(1), null, null, null)));
    assertTrue(EXACT.isRetryable(SdkExceptions.interrupted("cut", null, null, null)));
    assertFalse(EXACT.isRetryable(SdkExceptions.malformed("not json", null, null, null)));
    assertFalse(EXACT.isRetryable(new IllegalStateException("a bug is not retried")));
    AurikoApiException overloadedInStream =
        ErrorClassifier.standard()
            .classify(
                ErrorDetails.builder()
                    .statusCode(200)
                    .code("overloaded")
                    .streamError(true)
                    .build());
    assertTrue(EXACT.isRetryable(overloadedInStream));
    AurikoApiException authInStream =
        ErrorClassifier.standard()
            .classify(
                ErrorDetails.builder()
                    .statusCode(200)
                    .type("authentication_error")
                    .streamError(true)
                    .build());
    assertFalse(EXACT.isRetryable(authInStream));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2} ms")
  @CsvSource({
    "retry-after-ms, 1500, 1500",
    "retry-after-ms, 1500.5, 1500.5",
    "retry-after-ms, 0, 0",
    "Retry-After, 2, 2000",
    "Retry-After, 1.5, 1500",
    "retry-after, 0, 0",
    "Retry-After, 'Sun, 22 Nov 2026 10:00:30 GMT', 30000",
    "Retry-After, 'Sun, 22 Nov 2026 09:59:00 GMT', 0",
    "Retry-After, 60, 60000",
  })
  void honoursEveryHeaderForm(String header, String value, double expectedMillis) {
    Duration d = EXACT.retryDelay(0, http(429, header, value));
    assertEquals(Duration.ofNanos((long) (expectedMillis * 1_000_000)), d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-5", "", "NaN", "Infinity", "1e400", "Sun, 99 Foo 2026"})
  void malformedRetryAfterFallsBackToBackoff(String value) {
    assertEquals(Duration.ofMillis(500), EXACT.retryDelay(0, http(503, "Retry-After", value)));
  }

  @Test
  void millisecondsHeaderWinsOverSeconds() {
    assertEquals(
        Duration.ofMillis(100),
        EXACT.retryDelay(0, http(429, "Retry-After", "9", "retry-after-ms", "100")));
  }

  @Test
  void aServerDelayBeyondTheCapIsNotWaitedFor() {
    assertEquals(
        Duration.ofSeconds(60),
        EXACT.retryDelay(0, http(429, "Retry-After", "60")),
        "at the cap: waited");
    assertNull(
        EXACT.retryDelay(0, http(429, "Retry-After", "61")), "past the cap: handed to the caller");
    RetryPolicy shortCap = EXACT.toBuilder().maxRetryAfter(Duration.ofSeconds(1)).build();
    assertNull(shortCap.retryDelay(0, http(503, "retry-after-ms", "1001")));
    assertEquals(
        Duration.ofMillis(1000), shortCap.retryDelay(0, http(503, "retry-after-ms", "1000")));
  }

  @Test
  void exponentialBackoffDoublesUpToTheCap() {
    AurikoApiException e = http(503);
    long[] expectedMillis = {500, 1000, 2000, 4000, 8000, 8000, 8000};
    for (int i = 0; i < expectedMillis.length; i++) {
      assertEquals(
          Duration.ofMillis(expectedMillis[i]), EXACT.retryDelay(i, e), "retry " + (i + 1));
    }
    assertEquals(Duration.ofSeconds(8), EXACT.backoff(1000), "no overflow for huge retry numbers");
    assertThrows(IllegalArgumentException.class, () -> EXACT.backoff(0));
  }

  @Test
  void jitterStaysWithinItsBounds() {
    Random seeded = new Random(42);
    RetryPolicy jittered = RetryPolicy.builder().random(seeded::nextDouble).build();
    long lowest = Long.MAX_VALUE;
    long highest = 0;
    for (int i = 0; i < 1000; i++) {
      long ms = jittered.backoff(3).toMillis(); // base 2000 ms
      assertTrue(ms >= 1500 && ms <= 2000, ms + " ms");
      lowest = Math.min(lowest, ms);
      highest = Math.max(highest, ms);
    }
    assertTrue(
        lowest < 1550 && highest > 1950,
        "jitter spreads over its range: " + lowest + ".." + highest);
    RetryPolicy top = RetryPolicy.builder().random(() -> 0.999999).build();
    assertTrue(top.backoff(1).toMillis() >= 375);
    RetryPolicy broken = RetryPolicy.builder().random(() -> 7.0).build();
    assertEquals(
        Duration.ofMillis(500),
        broken.backoff(1),
        "a broken random source cannot make delays negative");
  }

  @Test
  void givesUpAfterMaxRetries() {
    RetryPolicy two = RetryPolicy.defaults();
    assertEquals(2, two.maxRetries());
    AurikoApiException e = http(503);
    assertTrue(two.retryDelay(0, e) != null);
    assertTrue(two.retryDelay(1, e) != null);
    assertNull(two.retryDelay(2, e));
    assertNull(RetryPolicy.none().retryDelay(0, e));
  }

  @Test
  void builderRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxRetries(-1));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().jitter(1.5));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().jitter(Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> RetryPolicy.builder().initialBackoff(Duration.ofMillis(-1)));
  }

  @Test
  void explicitRetryAfterOnTheExceptionIsUsed() {
    AurikoApiException e =
        ErrorClassifier.standard()
            .classify(
                ErrorDetails.builder().statusCode(429).retryAfter(Duration.ofMillis(1234)).build());
    assertEquals(Duration.ofMillis(1234), EXACT.retryDelay(0, e));
  }
}
