package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import io.ktor.client.engine.HttpClientEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A thousand async streams open at once through one client on a real loopback server (CIO, set up
 * as the README says for many streams): every stream gets all its chunks and completes, and the
 * client side never holds a thread per stream. The server holds every stream after its first chunk
 * until all thousand are open, so they are truly concurrent while the threads are counted.
 */
class ThousandAsyncStreamsJavaTest {
  private static final int STREAMS = 1_000;
  private static final int CHUNKS = 20;
  private static final int ENGINE_THREADS = 4;

  @Test
  void aThousandConcurrentAsyncStreamsCompleteOnABoundedNumberOfThreads() throws Exception {
    CountDownLatch allOpen = new CountDownLatch(STREAMS);
    AtomicInteger maxThreads = new AtomicInteger();
    AtomicLong elapsed = new AtomicLong();
    AtomicReference<String> peakNames = new AtomicReference<>("");
    // The engine's own pool, so that the figure is this client's and the JVM-wide Dispatchers.IO is
    // not left grown for the tests that run after this one.
    ExecutorService engineThreads =
        Executors.newFixedThreadPool(ENGINE_THREADS, r -> new Thread(r, "test-cio-engine"));
    HttpClientEngine engine = JavaTestSupport.cioEngine(engineThreads);
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  exchange.chunk(JavaTestSupport.contentChunk("c"));
                  allOpen.countDown();
                  try {
                    allOpen.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 1; i < CHUNKS; i++)
                    exchange.chunk(JavaTestSupport.contentChunk("c"));
                  exchange.chunk(JavaTestSupport.finishAndDone());
                  exchange.endStream();
                });
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-test")
                .baseUrl(server.getBaseUrl())
                .engine(engine)
                .maxRetries(0)
                .build()) {
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler =
          new Thread(
              () -> {
                while (sampling.get()) {
                  int now = clientThreads();
                  if (now > maxThreads.getAndAccumulate(now, Math::max))
                    peakNames.set(threadGroups());
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "loopback-test-sampler"); // counted with the server's, not the client's
      int before = clientThreads();
      sampler.start();
      long started = System.nanoTime();
      ChatCompletionRequest request =
          ChatCompletionRequest.builder()
              .model("gpt-4o")
              .addMessage(ChatMessage.user("Hi"))
              .build();
      AtomicInteger chunks = new AtomicInteger();
      List<CompletableFuture<ChatCompletion>> futures = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        futures.add(
            client
                .chat()
                .completions()
                .streamAsync(request, chunk -> chunks.incrementAndGet())
                .completion());
      }
      assertTrue(allOpen.await(30, TimeUnit.SECONDS), "all streams open at once");
      maxThreads.accumulateAndGet(clientThreads(), Math::max);
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(30, TimeUnit.SECONDS);
      elapsed.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      sampling.set(false);
      sampler.join(1_000);
      for (CompletableFuture<ChatCompletion> future : futures) {
        assertEquals("c".repeat(CHUNKS), future.join().getContent());
      }
      assertEquals(STREAMS * (CHUNKS + 1), chunks.get(), "every chunk reached its handler");
      System.out.println(
          "[ThousandAsyncStreams] "
              + STREAMS
              + " concurrent streams, "
              + (STREAMS * (CHUNKS + 1))
              + " callbacks in "
              + elapsed.get()
              + " ms; client-side live threads: "
              + before
              + " before, at most "
              + maxThreads.get()
              + " "
              + peakNames.get());
      // A thread per stream would be a thousand more: what grows are shared, bounded pools (the
      // engine's, kotlinx's Default/IO workers) and a few of the JVM's own. Counted from before:
      // Dispatchers.IO threads that earlier tests in this JVM started linger for a minute (169 of
      // them once, on JDK 17), and are not this test's.
      assertTrue(
          maxThreads.get() - before < 100,
          "client-side threads went from " + before + " to " + maxThreads.get() + " " + peakNames);
    } finally {
      engine.close();
      engineThreads.shutdownNow();
    }
  }

  /** The client-side live threads by name, digits dropped: {@code DefaultDispatcher-worker-=12}. */
  private static String threadGroups() {
    Map<String, Long> groups = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet())
      if (t.isAlive() && !t.getName().startsWith("loopback-"))
        groups.merge(t.getName().replaceAll("[0-9]+", ""), 1L, Long::sum);
    return groups.toString();
  }

  /** Live threads that are not the test server's own (two per connection, named loopback-…). */
  private static int clientThreads() {
    int count = 0;
    for (Thread t : Thread.getAllStackTraces().keySet())
      if (t.isAlive() && !t.getName().startsWith("loopback-")) count++;
    return count;
  }
}
