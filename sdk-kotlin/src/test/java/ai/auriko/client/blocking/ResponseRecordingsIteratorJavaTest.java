package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.auriko.client.responses.Response;
import ai.auriko.client.responses.ResponseRecordingChecksKt;
import ai.auriko.client.responses.ResponseStreamEvent;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.WireFixture;
import ai.auriko.request.responses.ResponseRequest;
import io.ktor.client.engine.HttpClientEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Responses wire recording through the blocking iterator ({@code
 * client.responses().stream(request)}), the body delivered whole and one byte per write: the events
 * iterated, then {@code response()}, {@code usage()}, {@code routingMetadata()} and {@code
 * responseHeaders()}; and {@code toResponse()} on a second stream. Checked against each recording's
 * expect block.
 */
class ResponseRecordingsIteratorJavaTest {
  private static final ResponseRequest REQUEST =
      ResponseRequest.builder().model("gpt-4.1").input("Hello").build();

  @TestFactory
  Stream<DynamicTest> everyResponsesRecordingThroughTheIterator() {
    List<DynamicTest> tests = new ArrayList<>();
    for (WireFixture fixture : JavaTestSupport.responseFixtures()) {
      for (boolean bytewise : new boolean[] {false, true}) {
        tests.add(
            DynamicTest.dynamicTest(
                fixture.getName() + (bytewise ? " (bytewise)" : " (whole)"),
                () -> run(fixture, bytewise)));
      }
    }
    return tests.stream();
  }

  private static AurikoBlockingClient client(HttpClientEngine engine) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-test")
        .baseUrl("https://gateway.test/v1")
        .engine(engine)
        .maxRetries(0)
        .build();
  }

  private static void run(WireFixture fixture, boolean bytewise) throws Exception {
    HttpClientEngine engine = JavaTestSupport.fixtureEngine(fixture, bytewise);
    boolean complete = ResponseRecordingChecksKt.expectedOutcome(fixture).equals("complete");
    try (AurikoBlockingClient client = client(engine)) {
      try (BlockingResponseStream stream = client.responses().stream(REQUEST)) {
        List<ResponseStreamEvent> events = new ArrayList<>();
        Throwable failure = null;
        try {
          for (ResponseStreamEvent event : stream) events.add(event);
        } catch (RuntimeException e) {
          failure = e;
        }
        if (complete) {
          assertNull(failure, () -> "stream failed: " + fixture.getName());
          Response response = stream.response();
          assertNotNull(response, "response() after the end");
          assertNotNull(stream.responseHeaders());
          ResponseRecordingChecksKt.checkResponseComplete(
              fixture, response, events, stream.responseHeaders());
          ResponseRecordingChecksKt.checkUsageAndRouting(
              fixture, stream.usage(), stream.routingMetadata());
          assertNotNull(stream.metrics());
        } else {
          assertNotNull(failure, () -> "expected a failure: " + fixture.getName());
          ResponseRecordingChecksKt.checkResponseError(fixture, failure, events);
          assertNull(stream.response(), "no response() after a failure");
        }
      }
      // toResponse(): a second stream, read to its end in one call.
      try (BlockingResponseStream stream = client.responses().stream(REQUEST)) {
        if (complete) {
          Response response = stream.toResponse();
          assertEquals(response, stream.response());
          ResponseRecordingChecksKt.checkResponseComplete(
              fixture, response, null, stream.responseHeaders());
        } else {
          Throwable failure = null;
          try {
            stream.toResponse();
          } catch (RuntimeException e) {
            failure = e;
          }
          assertNotNull(failure, () -> "toResponse() should fail: " + fixture.getName());
          ResponseRecordingChecksKt.checkResponseError(fixture, failure, null);
        }
      }
    } finally {
      engine.close();
    }
  }
}
