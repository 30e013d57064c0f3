package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.chat.ChatCompletionToolCall;
import ai.auriko.client.chat.stream.ChatCompletionAccumulator;
import ai.auriko.client.chat.stream.StreamEvent;
import ai.auriko.client.stream.StreamMetrics;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import io.ktor.client.engine.HttpClientEngine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import kotlinx.serialization.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stream helpers — toCompletion, contentDeltas, events with a visitor, metrics, the accumulator
 * — as Java code uses them.
 */
class StreamHelpersJavaTest {
  private static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hello")).build();

  private HttpClientEngine engine;

  private AurikoBlockingClient client(String fixture) {
    engine = JavaTestSupport.fixtureEngine(JavaTestSupport.fixture(fixture), false);
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-test")
        .baseUrl("https://gateway.test/v1")
        .engine(engine)
        .maxRetries(0)
        .build();
  }

  @AfterEach
  void closeEngine() throws Exception {
    if (engine != null) engine.close();
  }

  @Test
  void toCompletionReadsTheWholeStream() {
    try (AurikoBlockingClient client = client("auriko-basic");
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      ChatCompletion completion = stream.toCompletion();

      assertEquals("Hello!", completion.getContent());
      assertEquals("stop", completion.getChoices().get(0).getFinishReason());
      assertEquals("end_turn", completion.getChoices().get(0).getNativeFinishReason());
      assertEquals(Long.valueOf(10), completion.getUsage().getTotalTokens());
      assertEquals("openai", completion.getRoutingMetadata().getProvider());
      assertEquals("req_basic_1", completion.getResponseHeaders().requestId());
      assertNotNull(completion.getStreamMetrics());
      assertEquals(completion, stream.completion());
      // the one iteration is used up
      assertThrows(IllegalStateException.class, stream::contentDeltas);
    }
  }

  @Test
  void contentDeltasIterateTheAnswerText() {
    List<String> deltas = new ArrayList<>();
    try (AurikoBlockingClient client = client("auriko-basic");
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      Iterator<String> text = stream.contentDeltas();
      while (text.hasNext()) {
        deltas.add(text.next());
      }
      assertFalse(text.hasNext());
      assertThrows(NoSuchElementException.class, text::next);
      assertEquals("Hello!", stream.completion().getContent());
    }
    assertEquals(List.of("Hello", "!"), deltas);
  }

  @Test
  void eventsVisitedWithAVisitor() {
    StringBuilder reasoning = new StringBuilder();
    StringBuilder answer = new StringBuilder();
    List<String> order = new ArrayList<>();
    List<String> unhandled = new ArrayList<>();
    StreamEvent.Visitor<Void> visitor =
        new StreamEvent.Visitor<Void>() {
          @Override
          public Void otherwise(StreamEvent event) {
            unhandled.add(event.getClass().getSimpleName());
            return null;
          }

          @Override
          public Void visitReasoning(StreamEvent.ReasoningDelta event) {
            reasoning.append(event.getText());
            order.add("reasoning");
            return null;
          }

          @Override
          public Void visitContent(StreamEvent.ContentDelta event) {
            answer.append(event.getText());
            order.add("content");
            return null;
          }

          @Override
          public Void visitChoiceFinished(StreamEvent.ChoiceFinished event) {
            order.add(
                "finished "
                    + event.getChoiceIndex()
                    + " "
                    + event.getReason()
                    + " "
                    + event.getNativeReason());
            return null;
          }
        };

    try (AurikoBlockingClient client = client("auriko-reasoning");
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      Iterator<StreamEvent> events = stream.events();
      while (events.hasNext()) {
        events.next().accept(visitor);
      }
      assertEquals(Long.valueOf(55), stream.usage().getTotalTokens());
    }

    assertEquals("Let me compute 23*22*21.", reasoning.toString());
    assertEquals("10626", answer.toString());
    assertEquals(List.of("reasoning", "reasoning", "content", "finished 0 stop end_turn"), order);
    assertEquals(List.of("UsageReported"), unhandled);
  }

  @Test
  void toolCallsVisitedOnceEachWithCompleteArguments() {
    List<String> started = new ArrayList<>();
    List<String> done = new ArrayList<>();
    StreamEvent.Visitor<Void> visitor =
        new StreamEvent.Visitor<Void>() {
          @Override
          public Void otherwise(StreamEvent event) {
            return null;
          }

          @Override
          public Void visitToolCallStarted(StreamEvent.ToolCallStarted event) {
            started.add(event.getToolIndex() + " " + event.getId() + " " + event.getName());
            return null;
          }

          @Override
          public Void visitToolCallDone(StreamEvent.ToolCallDone event) {
            done.add(
                event.getToolIndex()
                    + " "
                    + event.getName()
                    + " "
                    + event.getArguments()
                    + (event.getParsedArguments() instanceof JsonObject
                        ? " (object)"
                        : " (not JSON)"));
            return null;
          }
        };

    try (AurikoBlockingClient client = client("auriko-tool-calls");
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      for (Iterator<StreamEvent> events = stream.events(); events.hasNext(); ) {
        events.next().accept(visitor);
      }
    }

    assertEquals(List.of("0 call_1 get_weather", "1 call_2 get_time"), started);
    assertEquals(
        List.of(
            "0 get_weather {\"city\":\"Paris\"} (object)",
            "1 get_time {\"tz\":\"Europe/Paris\"} (object)"),
        done);
  }

  @Test
  void metricsAfterTheStreamEnded() {
    try (AurikoBlockingClient client = client("auriko-basic");
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      for (ChatCompletionChunk ignored : stream) {
        // read to the end
      }
      StreamMetrics metrics = stream.metrics();
      assertNotNull(metrics);
      assertEquals(6, metrics.getChunkCount());
      assertEquals(2, metrics.getContentChunkCount());
      assertEquals(0, metrics.getKeepAliveComments());
      assertEquals(0, metrics.getRetries());
      assertNotNull(metrics.getTimeToResponseHeaders());
      assertNotNull(metrics.getTimeToFirstChunk());
      assertNotNull(metrics.getTimeToFirstToken());
      assertTrue(metrics.getTimeToFirstChunk().compareTo(metrics.getTotalDuration()) <= 0);
      assertEquals(1, stream.attempts());
    }
  }

  @Test
  void anAccumulatorFedFromTheIterator() {
    ChatCompletionAccumulator accumulator = new ChatCompletionAccumulator();
    ChatCompletion midway = null;
    try (AurikoBlockingClient client = client("auriko-tool-calls");
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      for (ChatCompletionChunk chunk : stream) {
        accumulator.add(chunk);
        if (accumulator.getChunkCount() == 2) midway = accumulator.snapshot();
      }
    }

    ChatCompletion completion = accumulator.snapshot();
    assertTrue(accumulator.isComplete());
    assertEquals(8, accumulator.getChunkCount());
    assertEquals(Map.of(0, "tool_calls"), accumulator.getFinishReasons());
    List<ChatCompletionToolCall> calls = completion.getChoices().get(0).getMessage().getToolCalls();
    assertEquals(2, calls.size());
    assertEquals("call_1", calls.get(0).getId());
    assertEquals("get_weather", calls.get(0).getFunction().getName());
    assertEquals("{\"city\":\"Paris\"}", calls.get(0).getFunction().getArguments());
    assertEquals("call_2", calls.get(1).getId());
    assertEquals("{\"tz\":\"Europe/Paris\"}", calls.get(1).getFunction().getArguments());
    assertEquals(Long.valueOf(55), completion.getUsage().getTotalTokens());
    assertEquals(Long.valueOf(55), accumulator.getUsage().getTotalTokens());

    // a snapshot taken midway keeps what it had
    assertNotNull(midway);
    assertEquals(
        "{\"ci",
        midway.getChoices().get(0).getMessage().getToolCalls().get(0).getFunction().getArguments());
    assertNull(midway.getChoices().get(0).getFinishReason());
    assertNull(midway.getUsage());
  }
}
