package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.events.AurikoCall;
import ai.auriko.client.events.AurikoEventListener;
import ai.auriko.client.testing.Exchange;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.AurikoTimeoutException;
import ai.auriko.errors.StreamInterruptedException;
import ai.auriko.http.ResponseHeaders;
import ai.auriko.http.RetryPolicy;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The iterator on the default engine, with more iterators open than cores (forced here with {@link
 * JavaTestSupport#readOnIteratingThreads}), runs its stream on the iterating thread (the
 * caller-thread engine): sent from {@code stream()}, read and decoded where {@code hasNext()}
 * waits, with the SDK's timeouts, retries and the client's close still in force. Against a real
 * loopback server (connection reuse: ConnectionReuseSpec).
 */
class CallerThreadStreamJavaTest {
  private static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build();

  private static void twoChunks(Exchange exchange) {
    exchange.startStream(200, Map.of("Content-Type", "text/event-stream", "x-request-id", "req_2"));
    exchange.chunk(JavaTestSupport.contentChunk("a"));
    exchange.chunk(JavaTestSupport.contentChunk("b"));
    exchange.chunk(JavaTestSupport.finishAndDone());
    exchange.endStream();
  }

  private static AurikoBlockingClient.Builder builder(LoopbackServer server) {
    return JavaTestSupport.clientBuilder(server);
  }

  private static void await(long millis, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(5);
    }
  }

  /** Records the thread each listener call ran on. */
  private static final class ThreadRecorder extends AurikoEventListener {
    final AtomicReference<Thread> headers = new AtomicReference<>();
    final AtomicReference<Thread> firstChunk = new AtomicReference<>();

    @Override
    public void responseHeaders(AurikoCall call, int status, ResponseHeaders responseHeaders) {
      headers.set(Thread.currentThread());
    }

    @Override
    public void firstChunk(AurikoCall call, Duration sinceStart) {
      firstChunk.set(Thread.currentThread());
    }
  }

  @Test
  void theRequestIsSentFromStreamAndReadOnTheIteratingThread() throws Exception {
    ThreadRecorder threads = new ThreadRecorder();
    try (LoopbackServer server = JavaTestSupport.server(CallerThreadStreamJavaTest::twoChunks);
        AurikoBlockingClient client =
            JavaTestSupport.readOnIteratingThreads(builder(server).eventListener(threads).build());
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      assertTrue(JavaTestSupport.readsOnItsThread(stream));
      // stream() returns once the response started: hot, as documented.
      assertNotNull(stream.responseHeaders(), "the response had started when stream() returned");
      assertSame(Thread.currentThread(), threads.headers.get(), "sent from stream()'s thread");
      StringBuilder text = new StringBuilder();
      for (ChatCompletionChunk chunk : stream) {
        String content = chunk.getChoices().get(0).getDelta().getContent();
        if (content != null) text.append(content);
      }
      assertEquals("ab", text.toString());
      assertSame(Thread.currentThread(), threads.firstChunk.get(), "read on hasNext()'s thread");
      assertEquals("req_2", stream.responseHeaders().requestId());
    }
  }

  @Test
  void withFewIteratorsOpenTheEngineReads() throws Exception {
    try (LoopbackServer server = JavaTestSupport.server(CallerThreadStreamJavaTest::twoChunks);
        AurikoBlockingClient client = builder(server).build();
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      assertFalse(
          JavaTestSupport.readsOnItsThread(stream),
          "one iterator (no more than the cores) is read by the engine's threads");
      assertEquals("ab", stream.toCompletion().getContent());
    }
  }

  @Test
  void anIdleTimeoutEndsARead() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client =
            JavaTestSupport.readOnIteratingThreads(
                builder(server).idleTimeout(Duration.ofMillis(300)).build());
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      assertEquals("first", stream.next().getChoices().get(0).getDelta().getContent());
      long start = System.nanoTime();
      AurikoTimeoutException e = assertThrows(AurikoTimeoutException.class, stream::hasNext);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the timeout fired");
      assertEquals(AurikoTimeoutException.Kind.IDLE, e.kind());
      assertEquals("first", e.partialResult(ChatCompletion.class).getContent());
      assertEquals("req_stall", e.requestId());
      await(
          5_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
    }
  }

  @Test
  void aFirstEventTimeoutEndsAWaitForHeaders() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(exchange -> exchange.awaitClientClose(30_000));
        AurikoBlockingClient client =
            JavaTestSupport.readOnIteratingThreads(
                builder(server).firstEventTimeout(Duration.ofMillis(300)).build())) {
      long start = System.nanoTime();
      BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST);
      AurikoTimeoutException e = assertThrows(AurikoTimeoutException.class, stream::hasNext);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the timeout fired");
      assertEquals(AurikoTimeoutException.Kind.FIRST_EVENT, e.kind());
      stream.close();
      await(
          5_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
    }
  }

  @Test
  void closingTheClientEndsAReadWithTheStreamInterrupted() throws Exception {
    try (LoopbackServer server =
        JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall)) {
      AurikoBlockingClient client = JavaTestSupport.readOnIteratingThreads(builder(server).build());
      BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST);
      stream.next();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      Thread consumer =
          new Thread(
              () -> {
                try {
                  stream.hasNext();
                } catch (Throwable t) {
                  thrown.set(t);
                }
                done.countDown();
              });
      consumer.start();
      await(10_000, "the consumer reads", () -> JavaTestSupport.waitsForTheNetwork(consumer));
      client.close();
      assertTrue(done.await(10, TimeUnit.SECONDS), "hasNext() still blocked after close()");
      StreamInterruptedException e =
          assertInstanceOf(StreamInterruptedException.class, thrown.get());
      assertEquals("first", e.partialResult(ChatCompletion.class).getContent());
      await(
          5_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
    }
  }

  @Test
  void aFailedAttemptIsRetriedAndTheWaitRunsOnTheIteratingThread() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (LoopbackServer server =
            JavaTestSupport.server(
                exchange -> {
                  if (attempts.incrementAndGet() == 1) {
                    exchange.respond(503, "{\"error\":{\"message\":\"busy\"}}", Map.of());
                  } else {
                    twoChunks(exchange);
                  }
                });
        AurikoBlockingClient client =
            JavaTestSupport.readOnIteratingThreads(
                new AurikoBlockingClient.Builder()
                    .apiKey("sk-test")
                    .baseUrl(server.getBaseUrl())
                    .retryPolicy(
                        RetryPolicy.builder()
                            .maxRetries(1)
                            .initialBackoff(Duration.ofMillis(20))
                            .jitter(0)
                            .build())
                    .build());
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      assertEquals("ab", stream.toCompletion().getContent());
      assertEquals(2, stream.attempts());
      assertEquals(2, attempts.get());
    }
  }

  @Test
  void aStreamNeverIteratedIsClosedWithItsConnection() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client =
            JavaTestSupport.readOnIteratingThreads(builder(server).build())) {
      BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST);
      stream.close();
      await(
          5_000, "server sees the socket closed", () -> server.getClientClosedAt().get(1) != null);
      assertFalse(stream.hasNext());
      await(5_000, "no coroutine left", () -> JavaTestSupport.activeCoroutines(client) == 0);
    }
  }
}
