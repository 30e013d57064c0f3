package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.AurikoException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockingStreamEdgeCasesJavaTest {
  private static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build();

  private static AurikoBlockingClient client(LoopbackServer server) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-test")
        .baseUrl(server.getBaseUrl())
        .maxRetries(0)
        .build();
  }

  /**
   * F2: a chunk that arrived in the same read as an error event never reaches the Java iterator.
   */
  @Test
  void chunkBeforeErrorInSameReadIsDelivered() throws Exception {
    String error =
        "event: error\ndata: {\"error\":{\"message\":\"boom\",\"code\":\"server_error\"}}\n\n";
    try (LoopbackServer server =
            JavaTestSupport.server(
                ex -> {
                  ex.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  ex.chunk(JavaTestSupport.contentChunk("first") + error);
                  ex.awaitClientClose(5_000);
                });
        AurikoBlockingClient client = client(server);
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      List<String> seen = new ArrayList<>();
      AurikoException e =
          assertThrows(
              AurikoException.class,
              () -> {
                for (var chunk : stream)
                  seen.add(chunk.getChoices().get(0).getDelta().getContent());
              });
      System.out.println("F2 exception: " + e + " seen=" + seen);
      assertEquals(List.of("first"), seen, "the chunk that arrived before the error was dropped");
    }
  }

  /**
   * F3: AurikoBlockingClient.close() mid-stream makes hasNext() return false: a silent, normal end.
   */
  @Test
  void clientCloseMidStreamIsNotASilentEnd() throws Exception {
    try (LoopbackServer server =
        JavaTestSupport.server(
            ex -> {
              ex.startStream(200, Map.of("Content-Type", "text/event-stream"));
              ex.chunk(JavaTestSupport.contentChunk("first"));
              ex.awaitClientClose(5_000);
            })) {
      AurikoBlockingClient client = client(server);
      BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST);
      assertTrue(stream.hasNext());
      stream.next();
      client.close();
      Object outcome;
      try {
        outcome = stream.hasNext();
      } catch (Throwable t) {
        outcome = t;
      }
      System.out.println(
          "F3 outcome after client.close(): " + outcome + ", completion=" + stream.completion());
      assertNotEquals(
          Boolean.FALSE,
          outcome,
          "incomplete stream ended normally (hasNext()==false) after client.close()");
    }
  }

  /** F4: after close(), hasNext() on the same thread keeps returning read-ahead chunks. */
  @Test
  void hasNextAfterCloseReturnsFalse() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(
                ex -> {
                  ex.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  for (int i = 0; i < 10; i++) {
                    ex.chunk(JavaTestSupport.contentChunk("c" + i));
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException ie) {
                      return;
                    }
                  }
                  ex.awaitClientClose(5_000);
                });
        AurikoBlockingClient client = client(server)) {
      BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST);
      Thread.sleep(500); // let the read-ahead fill
      stream.close();
      int after = 0;
      while (stream.hasNext()) {
        stream.next();
        after++;
      }
      assertEquals(0, after, "chunks delivered after close()");
    }
  }

  /** F5: the API key is reachable through a public, non-synthetic bean getter on the options. */
  @Test
  void apiKeyIsNotAPublicJavaGetter() throws Exception {
    try (AurikoBlockingClient client =
        new AurikoBlockingClient.Builder()
            .apiKey("sk-live-SECRET")
            .baseUrl("http://127.0.0.1:9/v1")
            .build()) {
      var props =
          java.beans.Introspector.getBeanInfo(client.options().getClass()).getPropertyDescriptors();
      boolean beanProperty = false;
      for (var p : props) if (p.getName().startsWith("apiKey")) beanProperty = true;
      assertFalse(beanProperty, "apiKey is a JavaBeans property of AurikoClientOptions");
    }
  }
}
