package ai.auriko.client.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingObjectStream;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.StructuredOutputException;
import ai.auriko.request.chat.ChatCompletionRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A structured answer streamed to Java ({@code streamObject}) over a real loopback server: the
 * partial JSON grows item by item, the last item carries the value the parser validated, a mismatch
 * is thrown from {@code hasNext()} with the raw text, and {@code close()} mid-answer closes the
 * connection.
 */
class StructuredStreamJavaTest {
  // The application type, its schema and parser, and the request of the non-streamed test.
  private static final StructuredOutput<StructuredOutputJavaTest.Weather> WEATHER =
      StructuredOutputJavaTest.WEATHER;
  private static final ChatCompletionRequest REQUEST = StructuredOutputJavaTest.REQUEST;

  /** One SSE chunk whose content delta is {@code text} (JSON-escaped here). */
  private static String delta(String text, String finishReason) {
    String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + escaped
        + "\"},\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"")
        + "}]}\n\n";
  }

  private static LoopbackServer streaming(List<String> pieces, AtomicReference<String> sent) {
    return JavaTestSupport.server(
        exchange -> {
          sent.set(new String(exchange.getRequest().getBody(), StandardCharsets.UTF_8));
          exchange.startStream(
              200, Map.of("Content-Type", "text/event-stream", "x-request-id", "req_so"));
          for (int i = 0; i < pieces.size(); i++) {
            exchange.chunk(delta(pieces.get(i), i == pieces.size() - 1 ? "stop" : null));
          }
          exchange.chunk("data: [DONE]\n\n");
          exchange.endStream();
        });
  }

  private static AurikoBlockingClient client(LoopbackServer server) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-structured-stream-java")
        .baseUrl(server.getBaseUrl())
        .maxRetries(0)
        .build();
  }

  @Test
  void thePartialJsonGrowsThenTheLastItemCarriesTheParsedValue() {
    AtomicReference<String> sent = new AtomicReference<>();
    List<String> pieces = List.of("{\"ci", "ty\":\"Os", "lo\",\"cel", "sius\":-3", ".5}");
    try (LoopbackServer server = streaming(pieces, sent);
        AurikoBlockingClient client = client(server);
        BlockingObjectStream<StructuredOutputJavaTest.Weather> stream =
            client.chat().completions().streamObject(REQUEST, WEATHER)) {
      List<String> jsons = new ArrayList<>();
      PartialObject<StructuredOutputJavaTest.Weather> last = null;
      for (PartialObject<StructuredOutputJavaTest.Weather> item : stream) {
        jsons.add(item.getJson().toString());
        last = item;
      }
      // The object shows as soon as it opened (a key still being written is left out); the city
      // grows while its string is open; the number appears only once it ended.
      assertEquals(
          List.of(
              "{}",
              "{\"city\":\"Os\"}",
              "{\"city\":\"Oslo\"}",
              "{\"city\":\"Oslo\",\"celsius\":-3.5}",
              "{\"city\":\"Oslo\",\"celsius\":-3.5}"),
          jsons);
      assertNotNull(last);
      assertTrue(last.isComplete());
      assertEquals("Oslo", last.getValue().city);
      StructuredCompletion<StructuredOutputJavaTest.Weather> result = stream.result();
      assertEquals(-3.5, result.valueOrThrow().celsius);
      assertEquals("req_so", stream.responseHeaders().requestId());
      assertTrue(sent.get().contains("\"response_format\":{\"type\":\"json_schema\""), sent.get());
      assertTrue(sent.get().contains("\"stream\":true"), sent.get());
    }
  }

  @Test
  void resultReadsTheWholeStreamWhenCalledFirst() {
    AtomicReference<String> sent = new AtomicReference<>();
    try (LoopbackServer server =
            streaming(List.of("{\"city\":\"Rome\",", "\"celsius\":21}"), sent);
        AurikoBlockingClient client = client(server);
        BlockingObjectStream<StructuredOutputJavaTest.Weather> stream =
            client.chat().completions().streamObject(REQUEST, WEATHER)) {
      assertEquals("Rome", stream.result().valueOrThrow().city);
      assertThrows(IllegalStateException.class, stream::iterator); // the one iteration was used
    }
  }

  @Test
  void anAnswerTheParserRejectsIsThrownFromHasNextWithTheRawTextAndTheCompletion() {
    AtomicReference<String> sent = new AtomicReference<>();
    try (LoopbackServer server = streaming(List.of("{\"town\":", "\"Oslo\"}"), sent);
        AurikoBlockingClient client = client(server);
        BlockingObjectStream<StructuredOutputJavaTest.Weather> stream =
            client.chat().completions().streamObject(REQUEST, WEATHER)) {
      List<String> seen =
          assertThrows(
                  StructuredOutputException.class,
                  () -> {
                    List<String> jsons = new ArrayList<>();
                    while (stream.hasNext()) jsons.add(stream.next().getJson().toString());
                    throw new AssertionError("no exception after " + jsons);
                  })
              .rawText()
              .lines()
              .collect(Collectors.toList());
      assertEquals(List.of("{\"town\":\"Oslo\"}"), seen);
    }
  }

  @Test
  void closingMidAnswerClosesTheConnection() throws Exception {
    CountDownLatch serverSawClose = new CountDownLatch(1);
    CountDownLatch firstSent = new CountDownLatch(1);
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  exchange.chunk(delta("{\"city\":\"Os", null));
                  firstSent.countDown();
                  // Keep writing until the client's close breaks the socket (bounded: 20 s).
                  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                  try {
                    while (System.nanoTime() < deadline) {
                      exchange.chunk(": keep-alive\n\n");
                      Thread.sleep(20);
                    }
                  } catch (Exception closed) {
                    serverSawClose.countDown();
                  }
                });
        AurikoBlockingClient client = client(server)) {
      BlockingObjectStream<StructuredOutputJavaTest.Weather> stream =
          client.chat().completions().streamObject(REQUEST, WEATHER);
      assertTrue(stream.hasNext());
      assertEquals("{\"city\":\"Os\"}", stream.next().getJson().toString());
      assertTrue(firstSent.await(10, TimeUnit.SECONDS));
      stream.close();
      assertFalse(stream.hasNext());
      assertTrue(serverSawClose.await(15, TimeUnit.SECONDS), "the server saw no close");
      assertThrows(IllegalStateException.class, stream::result);
    }
  }

  @Test
  void aRefusalIsACompleteItemWithoutAValue() {
    AtomicReference<String> sent = new AtomicReference<>();
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  exchange.chunk(
                      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
                          + "\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't help\"},"
                          + "\"finish_reason\":\"stop\"}]}\n\n");
                  exchange.chunk("data: [DONE]\n\n");
                  exchange.endStream();
                });
        AurikoBlockingClient client = client(server);
        BlockingObjectStream<StructuredOutputJavaTest.Weather> stream =
            client.chat().completions().streamObject(REQUEST, WEATHER)) {
      StructuredCompletion<StructuredOutputJavaTest.Weather> result = stream.result();
      assertTrue(result.isRefusal());
      assertEquals("I can't help", result.getRefusal());
      assertNull(result.getValue());
      ChatCompletion completion = result.getCompletion();
      assertInstanceOf(ChatCompletion.class, completion);
      assertThrows(StructuredOutputException.class, result::valueOrThrow);
    }
  }
}
