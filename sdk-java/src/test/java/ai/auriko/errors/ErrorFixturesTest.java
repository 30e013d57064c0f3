package ai.auriko.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.errors.internal.TolerantJson;
import ai.auriko.sse.SseDecoder;
import ai.auriko.sse.SseListener;
import ai.auriko.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded error goes through the classifier to the exception its fixture expects. */
class ErrorFixturesTest {
  static Stream<Fixtures.Case> httpErrors() {
    return Fixtures.httpErrors().stream();
  }

  static Stream<Fixtures.Case> midStreamErrors() {
    return Fixtures.eventStreams().stream()
        .filter(
            c -> {
              Object error = c.expect().get("error");
              return error instanceof Map && "mid_stream".equals(((Map<?, ?>) error).get("kind"));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpErrors")
  void httpErrorMapsToTheExpectedException(Fixtures.Case fixture) {
    Map<?, ?> expected = (Map<?, ?>) fixture.expect().get("error");
    String body = new String(fixture.body, StandardCharsets.UTF_8);

    AurikoApiException e =
        ErrorClassifier.standard().fromHttpResponse(fixture.status(), fixture.headers(), body);

    assertEquals(expected.get("type") + "Exception", e.getClass().getSimpleName(), e.getMessage());
    assertEquals(Integer.parseInt(String.valueOf(expected.get("status"))), e.statusCode());
    assertEquals(expected.get("request_id"), e.requestId());
    Object retryAfter = expected.get("retry_after_seconds");
    if (retryAfter == null) {
      assertNull(e.retryAfter());
    } else {
      assertEquals(Duration.ofSeconds(Long.parseLong(String.valueOf(retryAfter))), e.retryAfter());
    }
    assertFalse(e.isStreamError());
    assertFalse(e.errorMessage().isEmpty(), "a message, even for an HTML page");
    assertTrue(e.getMessage().startsWith(String.valueOf(fixture.status())), e.getMessage());
    assertFalse(e.getMessage().contains("<"), "HTML is reduced to a snippet: " + e.getMessage());
    if (e.requestId() != null) assertTrue(e.getMessage().contains(e.requestId()));
    assertEquals(fixture.headers(), e.headers());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("midStreamErrors")
  void inStreamErrorCarriesCodeMessageAndRequestId(Fixtures.Case fixture) {
    Map<?, ?> expected = (Map<?, ?>) fixture.expect().get("error");
    // Find the error the way a client does: an `event: error`, or a data event with a top-level
    // error.
    AtomicReference<String> errorData = new AtomicReference<>();
    SseDecoder decoder =
        new SseDecoder(
            new SseListener() {
              @Override
              public void onEvent(@Nullable String id, @Nullable String type, String data) {
                Object parsed = TolerantJson.parse(data);
                boolean hasError =
                    parsed instanceof Map && ((Map<?, ?>) parsed).get("error") != null;
                if ("error".equals(type) || hasError) errorData.compareAndSet(null, data);
              }
            });
    decoder.feed(fixture.body, 0, fixture.body.length);
    decoder.finish();
    assertNotNull(errorData.get(), "the fixture holds an error event");

    Object partial = new Object();
    AurikoApiException e =
        ErrorClassifier.standard().fromStreamEvent(errorData.get(), fixture.headers(), partial);

    assertEquals(expected.get("code"), e.code());
    assertEquals(expected.get("message"), e.errorMessage());
    assertEquals(expected.get("request_id"), e.requestId());
    assertTrue(e.isStreamError());
    assertEquals(200, e.statusCode());
    assertTrue(e.getMessage().contains((String) expected.get("message")), e.getMessage());
    Object attached = e.partialCompletion();
    assertEquals(partial, attached);
  }
}
