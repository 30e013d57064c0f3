package ai.auriko.testing.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.structured.JsonSchema;
import ai.auriko.client.tools.FunctionTool;
import ai.auriko.client.tools.ToolCallStatus;
import ai.auriko.client.tools.ToolErrorPolicy;
import ai.auriko.client.tools.ToolExecutionException;
import ai.auriko.client.tools.ToolLoopLimitException;
import ai.auriko.client.tools.ToolRunEvent;
import ai.auriko.client.tools.ToolRunOptions;
import ai.auriko.client.tools.ToolRunResult;
import ai.auriko.json.RawJson;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.testing.GatewayScript;
import ai.auriko.testing.LoopbackGateway;
import ai.auriko.testing.RecordedMessage;
import ai.auriko.testing.RecordedRequest;
import ai.auriko.testing.RequestMatchers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The tool loop from Java, written as a Java user would: {@code FunctionTool.of(name, description,
 * schema, Function<String, String>)}, the blocking {@code runTools} with a listener and the async
 * {@code runToolsAsync}, on the loopback fake gateway. Parallel calls run on separate threads at
 * once; cancelling the future interrupts a running tool.
 */
class ToolLoopJavaTest {
  private static final JsonSchema CITY =
      JsonSchema.of(
          "get_weather",
          RawJson.of(
              "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                  + "\"required\":[\"city\"],\"additionalProperties\":false}"));

  private static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder()
          .model("gpt-4o")
          .addMessage(ChatMessage.user("Oslo or Rome?"))
          .build();

  private static AurikoBlockingClient client(LoopbackGateway gateway) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-java-tools")
        .baseUrl(gateway.getBaseUrl())
        .maxRetries(0)
        .build();
  }

  private static FunctionTool weather(Function<String, String> function) {
    return FunctionTool.of("get_weather", "Current weather for a city", CITY, function);
  }

  private static void twoCalls(LoopbackGateway gateway) {
    gateway.enqueue(
        new GatewayScript.Builder()
            .parallelToolCalls(
                List.of("call_a", "get_weather", "{\"city\":\"Oslo\"}"),
                List.of("call_b", "get_weather", "{\"city\":\"Rome\"}"))
            .build());
  }

  @Test
  void blockingRunToolsRunsParallelCallsAtOnceAndReportsEachEvent() {
    try (LoopbackGateway gateway = new LoopbackGateway();
        AurikoBlockingClient client = client(gateway)) {
      twoCalls(gateway);
      gateway.enqueue(
          RequestMatchers.lastMessageIsToolResult(),
          new GatewayScript.Builder().content("Oslo is cold, Rome is warm.").build());
      // Each call waits for the other to have started: run one after the other, neither would.
      CountDownLatch bothStarted = new CountDownLatch(2);
      FunctionTool weather =
          weather(
              arguments -> {
                bothStarted.countDown();
                try {
                  boolean together = bothStarted.await(5, TimeUnit.SECONDS);
                  return (together ? "together: " : "alone: ") + arguments;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              });
      List<ToolRunEvent> events = new ArrayList<>();

      ToolRunResult result =
          client
              .chat()
              .completions()
              .runTools(REQUEST, List.of(weather), ToolRunOptions.DEFAULT, events::add);

      assertEquals("Oslo is cold, Rome is warm.", result.getContent());
      assertEquals(2, result.getTurns());
      assertEquals(5, result.getMessages().size());
      assertInstanceOf(ToolRunEvent.FinalAnswer.class, events.get(events.size() - 1));
      List<String> finished = new ArrayList<>();
      ToolRunEvent.Visitor<Void> visitor =
          new ToolRunEvent.Visitor<Void>() {
            @Override
            public Void otherwise(ToolRunEvent event) {
              return null;
            }

            @Override
            public Void visitToolFinished(ToolRunEvent.ToolFinished event) {
              assertEquals(ToolCallStatus.OK, event.getStatus());
              finished.add(event.getCallId());
              return null;
            }
          };
      events.forEach(event -> event.accept(visitor));
      assertEquals(2, finished.size());

      gateway.takeRequest();
      RecordedRequest second = gateway.takeRequest();
      List<RecordedMessage> sent = second.getMessages();
      assertEquals("assistant", sent.get(1).getRole());
      assertEquals("call_a", sent.get(2).getToolCallId());
      assertEquals("together: {\"city\":\"Oslo\"}", sent.get(2).getContent());
      assertEquals("call_b", sent.get(3).getToolCallId());
      assertEquals("together: {\"city\":\"Rome\"}", sent.get(3).getContent());
    }
  }

  @Test
  void blockingRunToolsFailsWithTheToolsExceptionUnderFail() {
    try (LoopbackGateway gateway = new LoopbackGateway();
        AurikoBlockingClient client = client(gateway)) {
      gateway.enqueue(
          new GatewayScript.Builder()
              .toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}")
              .build());
      IllegalStateException failure = new IllegalStateException("station offline");
      ToolExecutionException e =
          assertThrows(
              ToolExecutionException.class,
              () ->
                  client
                      .chat()
                      .completions()
                      .runTools(
                          REQUEST,
                          List.of(
                              weather(
                                  arguments -> {
                                    throw failure;
                                  })),
                          ToolRunOptions.builder().onToolError(ToolErrorPolicy.FAIL).build(),
                          event -> {}));
      assertSame(failure, e.getCause());
      assertEquals("call_1", e.getCallId());
      assertEquals(1, gateway.getRequestCount());
    }
  }

  @Test
  void asyncRunToolsCompletesWithTheAnswerAndFailsAtTheTurnLimit() throws Exception {
    try (LoopbackGateway gateway = new LoopbackGateway();
        AurikoBlockingClient client = client(gateway)) {
      gateway.enqueue(
          new GatewayScript.Builder()
              .toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}")
              .build());
      gateway.enqueue(new GatewayScript.Builder().content("Cold.").build());
      List<ToolRunEvent> events = new CopyOnWriteArrayList<>();
      CompletableFuture<ToolRunResult> done =
          client
              .chat()
              .completions()
              .runToolsAsync(
                  REQUEST,
                  List.of(weather(arguments -> "cold")),
                  ToolRunOptions.DEFAULT,
                  events::add);
      assertEquals("Cold.", done.get(10, TimeUnit.SECONDS).getContent());
      assertInstanceOf(ToolRunEvent.FinalAnswer.class, events.get(events.size() - 1));

      gateway.enqueue(
          new GatewayScript.Builder()
              .toolCall("call_2", "get_weather", "{\"city\":\"Oslo\"}")
              .build());
      CompletableFuture<ToolRunResult> limited =
          client
              .chat()
              .completions()
              .runToolsAsync(
                  REQUEST,
                  List.of(weather(arguments -> "cold")),
                  ToolRunOptions.builder().maxTurns(1).build(),
                  event -> {});
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> limited.get(10, TimeUnit.SECONDS));
      ToolLoopLimitException limit = assertInstanceOf(ToolLoopLimitException.class, e.getCause());
      assertEquals(1, limit.getMaxTurns());
      assertEquals(2, limit.getMessages().size());
    }
  }

  @Test
  void cancellingTheFutureInterruptsTheRunningTool() throws Exception {
    try (LoopbackGateway gateway = new LoopbackGateway();
        AurikoBlockingClient client = client(gateway)) {
      gateway.enqueue(
          new GatewayScript.Builder()
              .toolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}")
              .build());
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      FunctionTool slow =
          weather(
              arguments -> {
                running.countDown();
                try {
                  Thread.sleep(60_000);
                  return "too late";
                } catch (InterruptedException e) {
                  interrupted.countDown();
                  throw new IllegalStateException("interrupted", e);
                }
              });
      CompletableFuture<ToolRunResult> future =
          client
              .chat()
              .completions()
              .runToolsAsync(REQUEST, List.of(slow), ToolRunOptions.DEFAULT, event -> {});
      assertTrue(running.await(10, TimeUnit.SECONDS));
      future.cancel(true);
      assertTrue(interrupted.await(5, TimeUnit.SECONDS));
      assertTrue(future.isCancelled());
      assertEquals(1, gateway.getRequestCount());
    }
  }
}
