package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.testing.Exchange;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.AurikoTimeoutException;
import ai.auriko.errors.StreamInterruptedException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code streamAsync} against a real loopback server: cancel, a cancelled future, a handler that
 * throws, the client closed mid-stream, a timeout, a slow handler (backpressure), the caller's
 * executor, and an executor that refuses work. The stalling script is the iterator lifecycle tests'
 * ({@link BlockingStreamLifecycleJavaTest}).
 */
class AsyncStreamLifecycleJavaTest {
  private static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build();

  /** One chunk, then silence until the client goes away (at most 30 s). */
  static void oneChunkThenStall(Exchange exchange) {
    exchange.startStream(
        200, Map.of("Content-Type", "text/event-stream", "x-request-id", "req_stall"));
    exchange.chunk(JavaTestSupport.contentChunk("first"));
    exchange.awaitClientClose(30_000);
  }

  /** [count] chunks of "x", then the end; stops early when the client goes away. */
  static void manyChunks(Exchange exchange, int count) {
    exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
    for (int i = 0; i < count; i++) exchange.chunk(JavaTestSupport.contentChunk("x"));
    exchange.chunk(JavaTestSupport.finishAndDone());
    exchange.endStream();
  }

  static AurikoBlockingClient client(LoopbackServer server) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-test")
        .baseUrl(server.getBaseUrl())
        .maxRetries(0)
        .build();
  }

  static void await(long millis, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError(what + " not within " + millis + " ms");
      Thread.sleep(5);
    }
  }

  /** No kotlinx.coroutines (or other Kotlin runtime) exception anywhere in the chain. */
  static void assertOnlyJavaOrSdk(Throwable t) {
    try {
      assertOnlyJavaOrSdkIn(t);
    } catch (AssertionError e) {
      java.io.StringWriter trace = new java.io.StringWriter();
      t.printStackTrace(new java.io.PrintWriter(trace));
      throw new AssertionError(e.getMessage() + "\nthe whole exception:\n" + trace, e);
    }
  }

  private static void assertOnlyJavaOrSdkIn(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
      String name = c.getClass().getName();
      assertFalse(
          name.startsWith("kotlinx.coroutines") || name.startsWith("kotlin."),
          () -> "the caller sees " + name + " in " + t);
      for (Throwable s : c.getSuppressed()) assertOnlyJavaOrSdkIn(s);
    }
  }

  private static ChatCompletionStreamHandler afterFirst(
      AsyncRecorder<ChatCompletionChunk> rec, CountDownLatch first) {
    return new ChatCompletionStreamHandler() {
      @Override
      public void onChunk(ChatCompletionChunk chunk) {
        rec.item(chunk);
        first.countDown();
      }

      @Override
      public void onComplete(ChatCompletion completion) {
        rec.end(completion);
      }

      @Override
      public void onError(Throwable error) {
        rec.end(error);
      }
    };
  }

  @Test
  void cancelClosesTheConnectionAtOnceAndNoHandlerMethodRunsAfterIt() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client = client(server)) {
      AsyncRecorder<ChatCompletionChunk> rec = new AsyncRecorder<>();
      CountDownLatch first = new CountDownLatch(1);
      AsyncStreamHandle<ChatCompletion> handle =
          client.chat().completions().streamAsync(REQUEST, afterFirst(rec, first));
      assertTrue(first.await(5, TimeUnit.SECONDS));
      assertEquals("req_stall", handle.responseHeaders().requestId());
      long cancelledAt = System.nanoTime();
      handle.cancel();
      await(
          1_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
      assertTrue(server.getClientClosedAt().get(1) - cancelledAt < TimeUnit.SECONDS.toNanos(1));
      assertTrue(handle.isDone());
      assertTrue(handle.completion().isCancelled());
      CancellationException e =
          assertThrows(CancellationException.class, () -> handle.completion().join());
      assertEquals(CancellationException.class, e.getClass(), "java's own, not a coroutine's");
      handle.cancel(); // idempotent
      handle.close();
      Thread.sleep(100);
      assertEquals(List.of(), rec.endings, "onError is not called for a cancellation");
      assertEquals(1, rec.items.size());
      assertEquals("first", handle.partial().getContent(), "what had arrived");
      await(2_000, "no coroutine left", () -> JavaTestSupport.activeCoroutines(client) == 0);
    }
  }

  @Test
  void cancellingTheFutureCancelsTheStream() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client = client(server)) {
      AsyncRecorder<ChatCompletionChunk> rec = new AsyncRecorder<>();
      CountDownLatch first = new CountDownLatch(1);
      AsyncStreamHandle<ChatCompletion> handle =
          client.chat().completions().streamAsync(REQUEST, afterFirst(rec, first));
      assertTrue(first.await(5, TimeUnit.SECONDS));
      CompletableFuture<ChatCompletion> future = handle.completion();
      assertTrue(future.cancel(true));
      await(
          1_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
      assertTrue(handle.isDone());
      Thread.sleep(100);
      assertEquals(List.of(), rec.endings);
    }
  }

  @Test
  void aHandlerThatThrowsCancelsTheStreamAndTheFutureFailsWithItsException() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client = client(server)) {
      IllegalArgumentException boom = new IllegalArgumentException("handler bug");
      AtomicInteger errors = new AtomicInteger();
      AsyncStreamHandle<ChatCompletion> handle =
          client
              .chat()
              .completions()
              .streamAsync(
                  REQUEST,
                  new ChatCompletionStreamHandler() {
                    @Override
                    public void onChunk(ChatCompletionChunk chunk) {
                      throw boom;
                    }

                    @Override
                    public void onError(Throwable error) {
                      errors.incrementAndGet();
                    }
                  });
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> handle.completion().get(5, TimeUnit.SECONDS));
      assertSame(boom, e.getCause(), "the handler's own exception, unchanged");
      await(
          1_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
      assertEquals(0, errors.get(), "onError is not called for the handler's own exception");
      assertFalse(handle.completion().isCancelled());
    }
  }

  @Test
  void closingTheClientFailsTheStreamWithStreamInterruptedAndThePartial() throws Exception {
    try (LoopbackServer server =
        JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall)) {
      AurikoBlockingClient client = client(server);
      AsyncRecorder<ChatCompletionChunk> rec = new AsyncRecorder<>();
      CountDownLatch first = new CountDownLatch(1);
      AsyncStreamHandle<ChatCompletion> handle =
          client.chat().completions().streamAsync(REQUEST, afterFirst(rec, first));
      assertTrue(first.await(5, TimeUnit.SECONDS));
      client.close();
      CompletionException wrapped =
          assertThrows(CompletionException.class, () -> handle.completion().join());
      StreamInterruptedException e =
          assertInstanceOf(StreamInterruptedException.class, wrapped.getCause());
      assertOnlyJavaOrSdk(e);
      assertEquals("first", e.partialResult(ChatCompletion.class).getContent());
      assertEquals("req_stall", e.requestId());
      assertEquals(List.of(e), rec.endings, "onError got the same exception");
      assertEquals(List.of(), rec.violations);
      await(
          1_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
      assertThrows(
          IllegalStateException.class,
          () -> client.chat().completions().streamAsync(REQUEST, chunk -> {}));
    }
  }

  @Test
  void anIdleStreamFailsWithAurikoTimeoutExceptionAndThePartial() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-test")
                .baseUrl(server.getBaseUrl())
                .maxRetries(0)
                .idleTimeout(Duration.ofMillis(300))
                .build()) {
      AsyncRecorder<ChatCompletionChunk> rec = new AsyncRecorder<>();
      AsyncStreamHandle<ChatCompletion> handle =
          client.chat().completions().streamAsync(REQUEST, afterFirst(rec, new CountDownLatch(1)));
      ExecutionException wrapped =
          assertThrows(
              ExecutionException.class, () -> handle.completion().get(10, TimeUnit.SECONDS));
      AurikoTimeoutException e = assertInstanceOf(AurikoTimeoutException.class, wrapped.getCause());
      assertEquals(AurikoTimeoutException.Kind.IDLE, e.kind());
      assertOnlyJavaOrSdk(e);
      assertEquals("first", e.partialResult(ChatCompletion.class).getContent());
      assertEquals(List.of(e), rec.endings);
      assertEquals(1, rec.items.size(), "the chunk before the failure was delivered first");
    }
  }

  @Test
  void aSlowHandlerHoldsTheStreamBackWithABoundedReadAhead() throws Exception {
    int count = 3_000;
    ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "slow-handler"));
    try (LoopbackServer server = JavaTestSupport.server(ex -> manyChunks(ex, count));
        AurikoBlockingClient client = client(server)) {
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger handled = new AtomicInteger();
      AsyncStreamHandle<ChatCompletion> handle =
          client
              .chat()
              .completions()
              .streamAsync(
                  REQUEST,
                  chunk -> {
                    if (handled.getAndIncrement() == 0) {
                      try {
                        release.await(20, TimeUnit.SECONDS); // the first call stalls
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  },
                  executor);
      // Wait until reading stops (the read-ahead is full): the accumulated count stays put.
      int read = -1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        int before = readSoFar(handle);
        Thread.sleep(300);
        read = readSoFar(handle);
        if (read == before && read > 0) break;
      }
      // Handled 1 (stalled) + 256 buffered + 1 waiting to be sent: the connection is not read on.
      assertTrue(read > 0 && read <= 1 + 256 + 1, "read ahead of a stalled handler: " + read);
      assertEquals(1, handled.get());
      release.countDown();
      ChatCompletion completion = handle.completion().get(20, TimeUnit.SECONDS);
      assertEquals(count, completion.getContent().length());
      assertEquals(count + 1, handled.get(), "every chunk, and the finishing one");
    } finally {
      executor.shutdownNow();
    }
  }

  private static int readSoFar(AsyncStreamHandle<ChatCompletion> handle) {
    ChatCompletion partial = handle.partial();
    String content = partial == null ? null : partial.getContent();
    return content == null ? 0 : content.length();
  }

  @Test
  void callsRunOnTheCallersExecutorOneAtATimeInOrder() throws Exception {
    int count = 500;
    ExecutorService executor =
        Executors.newFixedThreadPool(4, r -> new Thread(r, "caller-pool-" + System.nanoTime()));
    try (LoopbackServer server = JavaTestSupport.server(ex -> manyChunks(ex, count));
        AurikoBlockingClient client = client(server)) {
      AsyncRecorder.ChatHandler handler = AsyncRecorder.chat();
      ChatCompletion completion =
          client
              .chat()
              .completions()
              .streamAsync(REQUEST, handler, executor)
              .completion()
              .get(20, TimeUnit.SECONDS);
      assertEquals(List.of(), handler.rec.violations);
      assertEquals(count + 1, handler.rec.items.size());
      assertEquals(List.of(completion), handler.rec.endings);
      assertFalse(handler.rec.threads.isEmpty());
      for (String thread : handler.rec.threads)
        assertTrue(thread.startsWith("caller-pool-"), "a callback ran on " + thread);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void anExecutorThatRefusesWorkCancelsTheStream() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client = client(server)) {
      RejectedExecutionException refusal = new RejectedExecutionException("shut down");
      AsyncStreamHandle<ChatCompletion> handle =
          client
              .chat()
              .completions()
              .streamAsync(
                  REQUEST,
                  chunk -> {},
                  task -> {
                    throw refusal;
                  });
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> handle.completion().get(5, TimeUnit.SECONDS));
      assertInstanceOf(RejectedExecutionException.class, e.getCause());
      assertOnlyJavaOrSdk(e.getCause());
      // The request may be cancelled before it connects: what matters is that nothing stays open.
      await(2_000, "no connection open", () -> server.getOpenConnections().get() == 0);
      await(2_000, "no coroutine left", () -> JavaTestSupport.activeCoroutines(client) == 0);
    }
  }
}
