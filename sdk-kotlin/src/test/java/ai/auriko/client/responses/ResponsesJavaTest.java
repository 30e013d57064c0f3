package ai.auriko.client.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingResponseStream;
import ai.auriko.client.testing.Exchange;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.client.testing.ResponsesWire;
import ai.auriko.errors.AurikoInterruptedException;
import ai.auriko.errors.InternalException;
import ai.auriko.request.chat.Tool;
import ai.auriko.request.responses.ResponseInputItem;
import ai.auriko.request.responses.ResponseRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Responses API from Java, against a real loopback server: create, async, stream, tools. */
class ResponsesJavaTest {
  private static final ResponseRequest REQUEST =
      ResponseRequest.builder().model("gpt-4o").input("Hi").build();

  private static AurikoBlockingClient client(LoopbackServer server) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-test")
        .baseUrl(server.getBaseUrl())
        .build();
  }

  private static void textStream(Exchange exchange) {
    exchange.startStream(
        200, Map.of("Content-Type", "text/event-stream", "x-request-id", "req_java"));
    exchange.chunk(new ResponsesWire().textStream("Hello", ", ", "Java"));
    exchange.endStream();
  }

  private static String body(Exchange exchange) {
    return new String(exchange.getRequest().getBody(), StandardCharsets.UTF_8);
  }

  @Test
  void streamIsAnIteratorOfTypedEventsWithAVisitorAndTheResultAfterwards() {
    try (LoopbackServer server = JavaTestSupport.server(ResponsesJavaTest::textStream);
        AurikoBlockingClient client = client(server)) {
      StringBuilder text = new StringBuilder();
      List<String> others = new ArrayList<>();
      try (BlockingResponseStream stream = client.responses().stream(REQUEST)) {
        for (ResponseStreamEvent event : stream) {
          event.accept(
              new ResponseStreamEvent.Visitor<Void>() {
                @Override
                public Void visitOutputTextDelta(ResponseStreamEvent.OutputTextDelta e) {
                  text.append(e.getDelta());
                  return null;
                }

                @Override
                public Void otherwise(ResponseStreamEvent e) {
                  others.add(e.getType());
                  return null;
                }
              });
        }
        assertEquals("Hello, Java", text.toString());
        assertEquals("response.created", others.get(0));
        assertEquals("response.completed", others.get(others.size() - 1));
        Response response = stream.response();
        assertNotNull(response);
        assertEquals("Hello, Java", response.getOutputText());
        assertEquals(Long.valueOf(8), stream.usage().getTotalTokens());
        assertEquals("openai", stream.routingMetadata().getProvider());
        assertEquals("req_java", stream.responseHeaders().requestId());
        assertNotNull(stream.metrics());
        assertEquals(1, stream.attempts());
        assertThrows(IllegalStateException.class, stream::iterator); // one iteration only
      }
    }
  }

  @Test
  void toResponseTextDeltasForEachEventAndJavaStreams() {
    try (LoopbackServer server = JavaTestSupport.server(ResponsesJavaTest::textStream);
        AurikoBlockingClient client = client(server)) {
      try (BlockingResponseStream stream = client.responses().stream(REQUEST)) {
        assertEquals("Hello, Java", stream.toResponse().getOutputText());
      }
      List<String> deltas = new ArrayList<>();
      try (BlockingResponseStream stream = client.responses().stream(REQUEST)) {
        stream.textDeltas().forEachRemaining(deltas::add);
      }
      assertEquals(List.of("Hello", ", ", "Java"), deltas);
      List<ResponseStreamEvent> visited = new ArrayList<>();
      try (BlockingResponseStream stream = client.responses().stream(REQUEST)) {
        stream.forEachEvent(
            new ResponseStreamEvent.Visitor<Void>() {
              @Override
              public Void otherwise(ResponseStreamEvent e) {
                visited.add(e);
                return null;
              }
            });
      }
      assertTrue(visited.get(visited.size() - 1) instanceof ResponseStreamEvent.Completed);
      try (BlockingResponseStream stream = client.responses().stream(REQUEST);
          java.util.stream.Stream<ResponseStreamEvent> events = stream.stream()) {
        assertEquals(
            3, events.filter(e -> e instanceof ResponseStreamEvent.OutputTextDelta).count());
      }
    }
  }

  @Test
  void createAndCreateAsyncRunAToolRoundTrip() throws Exception {
    ResponsesWire wire = new ResponsesWire();
    String call =
        "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get_weather\","
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\",\"status\":\"completed\"}";
    List<String> bodies = new CopyOnWriteArrayList<>();
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  bodies.add(body(exchange));
                  String output =
                      bodies.size() == 1
                          ? "[" + call + "]"
                          : "[" + wire.message("18 °C", "completed") + "]";
                  exchange.respond(
                      200,
                      wire.response("completed", output, ""),
                      Map.of("Content-Type", "application/json"));
                });
        AurikoBlockingClient client = client(server)) {
      ResponseRequest first =
          ResponseRequest.builder()
              .model("gpt-4o")
              .input(ResponseInputItem.user("Weather in Paris?"))
              .addTool(Tool.builder("get_weather").parameters(Map.of("type", "object")).build())
              .build();
      Response answer = client.responses().create(first);
      assertEquals(1, answer.getFunctionCalls().size());
      ResponseOutputItem.FunctionCall fc = answer.getFunctionCalls().get(0);
      assertEquals("get_weather", fc.getName());

      List<ResponseInputItem> input = new ArrayList<>(first.inputItems());
      input.addAll(answer.outputAsInput());
      input.add(ResponseInputItem.functionCallOutput(fc.getCallId(), "{\"celsius\":18}"));
      CompletableFuture<Response> second =
          client.responses().createAsync(first.toBuilder().input(input).build());
      assertEquals("18 °C", second.get(10, TimeUnit.SECONDS).getOutputText());

      String sent = bodies.get(1);
      assertTrue(
          sent.contains("{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\""),
          sent);
      assertTrue(
          sent.contains(
              "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"{\\\"celsius\\\":18}\"}"),
          sent);
      assertTrue(sent.contains("\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\""), sent);
    }
  }

  @Test
  void aFailedResponseIsThrownFromHasNextAfterTheEventsBeforeIt() {
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  ResponsesWire wire = new ResponsesWire();
                  exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  exchange.chunk(
                      wire.created()
                          + wire.textStart()
                          + wire.delta("Half")
                          + wire.failed("Half", "server_error", "boom"));
                  exchange.endStream();
                });
        AurikoBlockingClient client = client(server);
        BlockingResponseStream stream = client.responses().stream(REQUEST)) {
      List<String> types = new ArrayList<>();
      InternalException e =
          assertThrows(
              InternalException.class,
              () -> {
                while (stream.hasNext()) types.add(stream.next().getType());
              });
      assertEquals("response.output_text.delta", types.get(types.size() - 1));
      Response partial = e.partialResult(Response.class);
      assertNotNull(partial);
      assertEquals("Half", partial.getOutputText());
      assertEquals("failed", partial.getStatus());
      assertNull(stream.response());
    }
  }

  @Test
  void closeFromAnotherThreadEndsAWaitingHasNextAndClosesTheConnection() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  ResponsesWire wire = new ResponsesWire();
                  exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  exchange.chunk(wire.created());
                  exchange.awaitClientClose(30_000);
                });
        AurikoBlockingClient client = client(server)) {
      BlockingResponseStream stream = client.responses().stream(REQUEST);
      assertTrue(stream.next() instanceof ResponseStreamEvent.Created);
      AtomicReference<Object> outcome = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      Thread consumer =
          new Thread(
              () -> {
                try {
                  outcome.set(stream.hasNext());
                } catch (Throwable t) {
                  outcome.set(t);
                }
                done.countDown();
              });
      consumer.start();
      // close() only once the consumer is blocked waiting for the network, the case under test
      long blockedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!JavaTestSupport.waitsForTheNetwork(consumer) && System.nanoTime() < blockedBy) {
        Thread.sleep(1);
      }
      assertTrue(JavaTestSupport.waitsForTheNetwork(consumer), "the consumer never blocked");
      stream.close();
      assertTrue(done.await(10, TimeUnit.SECONDS), "hasNext() still blocked after close()");
      assertEquals(Boolean.FALSE, outcome.get());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.getClientClosedAt().get(1) == null && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertNotNull(server.getClientClosedAt().get(1), "the connection was not closed");
      assertFalse(stream.hasNext());
    }
  }

  @Test
  void anInterruptWhileWaitingCancelsTheStreamAndKeepsTheFlag() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  ResponsesWire wire = new ResponsesWire();
                  exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  exchange.chunk(wire.created() + wire.textStart() + wire.delta("so far"));
                  exchange.awaitClientClose(30_000);
                });
        AurikoBlockingClient client = client(server);
        BlockingResponseStream stream = client.responses().stream(REQUEST)) {
      for (int i = 0; i < 4; i++) stream.next();
      Thread.currentThread().interrupt();
      AurikoInterruptedException e =
          assertThrows(AurikoInterruptedException.class, stream::hasNext);
      assertTrue(Thread.interrupted(), "the interrupt flag was not set again");
      assertEquals("so far", e.partialResult(Response.class).getOutputText());
    }
  }

  @Test
  void aStreamDroppedWithoutCloseIsReleasedByTheSafetyNet() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  exchange.chunk(new ResponsesWire().created());
                  exchange.awaitClientClose(30_000);
                });
        AurikoBlockingClient client = client(server)) {
      openAndDrop(client);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (server.getClientClosedAt().get(1) == null && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(20);
      }
      assertNotNull(
          server.getClientClosedAt().get(1), "the dropped stream's connection was never closed");
    }
  }

  /** Reads one event and forgets the stream without closing it. */
  private static void openAndDrop(AurikoBlockingClient client) {
    BlockingResponseStream stream = client.responses().stream(REQUEST);
    assertTrue(stream.next() instanceof ResponseStreamEvent.Created);
  }
}
