package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code maxRequestsAwaitingHeaders} from Java: with one slot, a second request is sent only once
 * the first has its response headers, on a real loopback server.
 */
class AwaitingHeadersJavaTest {
  @Test
  void aSecondRequestWaitsForTheOnlySlot() throws Exception {
    AtomicInteger arrived = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  arrived.incrementAndGet();
                  try {
                    release.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    return;
                  }
                  JavaTestSupport.completeStream(exchange, "ok");
                });
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-test")
                .baseUrl(server.getBaseUrl())
                .maxRetries(0)
                .maxRequestsAwaitingHeaders(1)
                .build()) {
      ChatCompletionRequest request =
          ChatCompletionRequest.builder()
              .model("gpt-4o")
              .addMessage(ChatMessage.user("Hi"))
              .build();
      List<Future<String>> streams;
      try {
        Future<String> first =
            callers.submit(
                () -> client.chat().completions().stream(request).toCompletion().getContent());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (arrived.get() < 1 && System.nanoTime() < deadline) Thread.sleep(10);
        Future<String> second =
            callers.submit(
                () -> client.chat().completions().stream(request).toCompletion().getContent());
        streams = List.of(first, second);
        // The second request, were it sent, would arrive meanwhile.
        Thread.sleep(500);
        assertEquals(1, arrived.get());
      } finally {
        release.countDown();
      }
      for (Future<String> stream : streams) assertEquals("ok", stream.get(20, TimeUnit.SECONDS));
      assertEquals(2, arrived.get());
    } finally {
      callers.shutdownNow();
    }
  }
}
