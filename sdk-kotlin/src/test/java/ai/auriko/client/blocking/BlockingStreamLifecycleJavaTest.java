package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.testing.Exchange;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.AurikoInterruptedException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing, interrupting, cancelling and dropping blocking streams against a real loopback server.
 */
class BlockingStreamLifecycleJavaTest {
  private static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build();

  /** One chunk, then silence until the client goes away (at most 30 s). */
  private static void oneChunkThenStall(Exchange exchange) {
    exchange.startStream(
        200, Map.of("Content-Type", "text/event-stream", "x-request-id", "req_stall"));
    exchange.chunk(JavaTestSupport.contentChunk("first"));
    exchange.awaitClientClose(30_000);
  }

  private static AurikoBlockingClient client(LoopbackServer server) {
    return client(server, false);
  }

  /**
   * With {@code onIteratingThread}, every iterator reads on its own thread (the caller-thread
   * engine, as with more iterators open than cores); else one iterator is read by the engine's.
   */
  private static AurikoBlockingClient client(LoopbackServer server, boolean onIteratingThread) {
    AurikoBlockingClient client =
        new AurikoBlockingClient.Builder().apiKey("sk-test").baseUrl(server.getBaseUrl()).build();
    return onIteratingThread ? JavaTestSupport.readOnIteratingThreads(client) : client;
  }

  private static void await(long millis, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError(what + " not within " + millis + " ms");
      Thread.sleep(5);
    }
  }

  @ParameterizedTest(name = "on the iterating thread: {0}")
  @ValueSource(booleans = {false, true})
  void closeFromAnotherThreadUnblocksHasNextWithinOneSecond(boolean onIteratingThread)
      throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(BlockingStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client = client(server, onIteratingThread)) {
      BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST);
      assertTrue(stream.hasNext());
      assertEquals("first", stream.next().getChoices().get(0).getDelta().getContent());

      CountDownLatch blocked = new CountDownLatch(1);
      AtomicReference<Object> outcome = new AtomicReference<>();
      Thread consumer =
          new Thread(
              () -> {
                blocked.countDown();
                try {
                  outcome.set(stream.hasNext());
                } catch (Throwable t) {
                  outcome.set(t);
                }
              });
      consumer.start();
      blocked.await();
      Thread.sleep(100); // let it block on the network
      long closedAt = System.nanoTime();
      stream.close();
      consumer.join(1_000);
      assertFalse(consumer.isAlive(), "hasNext() still blocked 1 s after close()");
      assertEquals(Boolean.FALSE, outcome.get());
      await(
          1_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
      assertTrue(server.getClientClosedAt().get(1) - closedAt < TimeUnit.SECONDS.toNanos(1));
      stream.close(); // idempotent
    }
  }

  @ParameterizedTest(name = "on the iterating thread: {0}")
  @ValueSource(booleans = {false, true})
  void interruptingTheConsumerCancelsTheStreamAndKeepsTheFlag(boolean onIteratingThread)
      throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(BlockingStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client = client(server, onIteratingThread)) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> flagAfter = new AtomicReference<>();
      CountDownLatch gotFirst = new CountDownLatch(1);
      Thread consumer =
          new Thread(
              () -> {
                try (BlockingChatCompletionStream stream =
                    client.chat().completions().stream(REQUEST)) {
                  stream.next();
                  gotFirst.countDown();
                  stream.hasNext(); // blocks: the server stalls
                } catch (Throwable t) {
                  thrown.set(t);
                }
                flagAfter.set(Thread.currentThread().isInterrupted());
              });
      consumer.start();
      assertTrue(gotFirst.await(5, TimeUnit.SECONDS));
      Thread.sleep(100);
      consumer.interrupt();
      consumer.join(2_000);
      assertFalse(consumer.isAlive());
      assertTrue(thrown.get() instanceof AurikoInterruptedException, String.valueOf(thrown.get()));
      assertTrue(thrown.get().getCause() instanceof InterruptedException);
      ChatCompletion partial =
          ((AurikoInterruptedException) thrown.get()).partialResult(ChatCompletion.class);
      assertNotNull(partial);
      assertEquals("first", partial.getContent());
      assertEquals(
          "req_stall",
          thrown.get() instanceof AurikoInterruptedException
              ? ((AurikoInterruptedException) thrown.get()).requestId()
              : null);
      assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt flag is restored");
      await(
          1_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
    }
  }

  @Test
  void cancellingTheFutureClosesTheConnection() throws Exception {
    CountDownLatch requestArrived = new CountDownLatch(1);
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  requestArrived.countDown();
                  exchange.awaitClientClose(30_000); // never answers
                });
        AurikoBlockingClient client = client(server)) {
      CompletableFuture<ChatCompletion> future = client.chat().completions().createAsync(REQUEST);
      assertTrue(requestArrived.await(5, TimeUnit.SECONDS));
      long cancelledAt = System.nanoTime();
      assertTrue(future.cancel(true));
      await(
          1_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
      assertTrue(server.getClientClosedAt().get(1) - cancelledAt < TimeUnit.SECONDS.toNanos(1));
      assertTrue(future.isCancelled());
    }
  }

  @ParameterizedTest(name = "on the iterating thread: {0}")
  @ValueSource(booleans = {false, true})
  void aThousandStreamsClosedEarlyLeaveNoThreadsConnectionsOrCoroutines(boolean onIteratingThread)
      throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                  for (int i = 0; i < 1000 && !exchange.awaitClientClose(10); i++) {
                    exchange.chunk(JavaTestSupport.contentChunk("t" + i));
                  }
                });
        AurikoBlockingClient client = client(server, onIteratingThread)) {
      // Warm up the engine so its threads exist before the baseline is taken.
      try (BlockingChatCompletionStream warm = client.chat().completions().stream(REQUEST)) {
        warm.next();
      }
      await(5_000, "warm-up connection closed", () -> server.getOpenConnections().get() == 0);
      int baseline = clientThreads();
      long baselineWorkers = pooledThreads();

      for (int i = 0; i < 1000; i++) {
        try (BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
          assertTrue(stream.hasNext());
          stream.next();
        }
      }

      await(10_000, "all connections closed", () -> server.getOpenConnections().get() == 0);
      assertEquals(1001, server.getConnectionsAccepted().get());
      await(2_000, "no coroutine left", () -> JavaTestSupport.activeCoroutines(client) == 0);
      int after = clientThreads();
      long workers = pooledThreads();
      // No thread per stream: everything but the shared, bounded pools — the coroutine workers and
      // OkHttp's task runner and dispatcher, whose idle threads linger for a minute by design and
      // grow on demand
      // (one more TaskRunner thread after a burst of closes is not a leak) — is back to the
      // baseline, and the pools stay bounded: a thread per stream would be a thousand.
      assertTrue(
          after - workers <= baseline - baselineWorkers,
          "threads grew from " + baseline + " to " + after + ": " + threadNames());
      // Counted from the baseline: Dispatchers.IO threads that earlier tests in this JVM started
      // linger for a minute, and are not this test's.
      assertTrue(
          workers - baselineWorkers <= 64 + 16 + 2 + Runtime.getRuntime().availableProcessors(),
          "pools stay bounded: " + baselineWorkers + " before, " + workers + " after");
    }
  }

  @ParameterizedTest(name = "on the iterating thread: {0}")
  @ValueSource(booleans = {false, true})
  void aStreamDroppedWithoutCloseIsReleasedByTheSafetyNet(boolean onIteratingThread)
      throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(BlockingStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client = client(server, onIteratingThread)) {
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

  /**
   * Reads one chunk and forgets the stream without closing it — what close() is documented to
   * prevent.
   */
  private static void openAndDrop(AurikoBlockingClient client) {
    BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST);
    assertTrue(stream.hasNext());
    stream.next();
  }

  private static String threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.getName().startsWith("loopback-"))
        .map(Thread::getName)
        .sorted()
        .collect(java.util.stream.Collectors.joining(","));
  }

  /** Live threads that are not the test server's own. */
  private static int clientThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && !t.getName().startsWith("loopback-"))
            .count();
  }

  /**
   * Threads of the shared pools that grow on demand and shrink after a minute idle, and the
   * libraries' one-per-JVM helpers that start on demand and end when idle (kotlinx.coroutines'
   * DefaultExecutor after a second, Okio's watchdog after a minute): whether one of those is alive
   * at the baseline depends on what ran just before, not on this test's streams.
   */
  private static long pooledThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            t ->
                t.isAlive()
                    && (t.getName().startsWith("DefaultDispatcher-worker")
                        || t.getName().equals("kotlinx.coroutines.DefaultExecutor")
                        || t.getName().equals("Okio Watchdog")
                        || t.getName().startsWith("OkHttp TaskRunner")
                        // OkHttp's Dispatcher runs async calls on a cached pool (idle threads
                        // live 60 s): a call that starts while the previous one's thread is still
                        // finishing its cancellation gets a second thread, under load.
                        || t.getName().startsWith("OkHttp Dispatcher")))
        .count();
  }
}
