package ai.auriko.client.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.events.AurikoCall;
import ai.auriko.client.events.AurikoEventListener;
import ai.auriko.client.logging.AurikoLogger;
import ai.auriko.client.logging.HttpLogLevel;
import ai.auriko.client.logging.LogLevel;
import ai.auriko.client.stream.StreamMetrics;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import io.ktor.client.engine.HttpClientEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The logger and the event listener as Java code installs them: a lambda and an anonymous subclass.
 */
class ObservabilityJavaTest {
  private static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hello")).build();

  private HttpClientEngine engine;

  @AfterEach
  void closeEngine() throws Exception {
    if (engine != null) engine.close();
  }

  @Test
  void aLambdaLoggerAndAnAnonymousListenerObserveAStream() throws InterruptedException {
    List<String> lines = new CopyOnWriteArrayList<>();
    List<String> events = new CopyOnWriteArrayList<>();
    AurikoLogger logger = (level, message, error) -> lines.add(level + " " + message);
    AurikoEventListener listener =
        new AurikoEventListener() {
          @Override
          public void callStarted(AurikoCall call) {
            events.add("start " + call.getModel());
          }

          @Override
          public void firstChunk(AurikoCall call, Duration sinceStart) {
            events.add("first");
          }

          @Override
          public void callSucceeded(AurikoCall call, Duration duration, StreamMetrics metrics) {
            events.add("done " + metrics.getChunkCount());
          }

          @Override
          public void callCancelled(AurikoCall call, Duration duration, StreamMetrics metrics) {
            events.add("cancelled " + metrics.getChunkCount());
          }
        };
    engine = JavaTestSupport.fixtureEngine(JavaTestSupport.fixture("auriko-basic"), false);
    try (AurikoBlockingClient client =
        new AurikoBlockingClient.Builder()
            .apiKey("sk-java-secret-key")
            .baseUrl("https://gateway.test/v1")
            .engine(engine)
            .logger(logger)
            .httpLogLevel(HttpLogLevel.HEADERS)
            .eventListener(listener)
            .build()) {
      int count = 0;
      try (BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
        for (ChatCompletionChunk ignored : stream) count++;
      }
      assertEquals(List.of("start gpt-4o", "first", "done " + count), events);
    }
    // Closing a Java stream early is a cancellation, not a failure (the server holds the stream
    // open).
    events.clear();
    try (LoopbackServer server =
            JavaTestSupport.server(
                ex -> {
                  ex.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  ex.chunk(JavaTestSupport.contentChunk("first"));
                  ex.awaitClientClose(5_000);
                });
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-java-secret-key")
                .baseUrl(server.getBaseUrl())
                .logger(logger)
                .eventListener(listener)
                .build();
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      stream.next();
      stream.close();
      // The call's coroutine reports the cancellation as it unwinds: wait for it, bounded.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (events.size() < 3 && System.nanoTime() < deadline) Thread.sleep(1);
      assertEquals(List.of("start gpt-4o", "first", "cancelled 1"), events);
    }
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        LogLevel.INFO + " --> POST https://gateway.test/v1/chat/completions")));
    assertTrue(lines.contains(LogLevel.INFO + " Authorization: ██"));
    assertFalse(String.join("\n", lines).contains("sk-java-secret-key"));
  }

  @Test
  void theNoneConstantsAreStaticFields() {
    engine = JavaTestSupport.fixtureEngine(JavaTestSupport.fixture("auriko-basic"), false);
    try (AurikoBlockingClient client =
        new AurikoBlockingClient.Builder()
            .apiKey("sk-test")
            .baseUrl("http://gateway.example.com/v1") // insecure, but the warning goes nowhere
            .engine(engine)
            .logger(AurikoLogger.NONE)
            .eventListener(AurikoEventListener.NONE)
            .build()) {
      assertEquals(HttpLogLevel.NONE, client.options().getHttpLogLevel());
      assertEquals(AurikoLogger.NONE, client.options().getLogger());
    }
  }
}
