package ai.auriko.client.blocking;

import static ai.auriko.client.blocking.AsyncStreamLifecycleJavaTest.assertOnlyJavaOrSdk;
import static ai.auriko.client.blocking.AsyncStreamLifecycleJavaTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.responses.Response;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.AurikoInterruptedException;
import ai.auriko.errors.AurikoTimeoutException;
import ai.auriko.errors.StreamInterruptedException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.request.responses.ResponseRequest;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every way a call can end early, as a Java caller sees it: the exact exception class, and no
 * kotlinx.coroutines type anywhere in its cause chain. Futures (close, cancel, timeout), blocking
 * calls (close, interrupt, timeout) and iterators (close, timeout); async streams are in {@link
 * AsyncStreamLifecycleJavaTest}.
 */
class JavaExceptionPathsJavaTest {
  private static final ChatCompletionRequest CHAT =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi")).build();
  private static final ResponseRequest RESPONSES =
      ResponseRequest.builder().model("gpt-4.1").input("Hi").build();

  /** A server that reads the request and never answers (until the client goes, at most 30 s). */
  private static LoopbackServer silent(CountDownLatch arrived) {
    return JavaTestSupport.server(
        exchange -> {
          arrived.countDown();
          exchange.awaitClientClose(30_000);
        });
  }

  private static AurikoBlockingClient.Builder builder(LoopbackServer server) {
    return JavaTestSupport.clientBuilder(server);
  }

  @Test
  void closingTheClientFailsPendingCreateAsyncFuturesWithIllegalStateException() throws Exception {
    CountDownLatch arrived = new CountDownLatch(2);
    try (LoopbackServer server = silent(arrived)) {
      AurikoBlockingClient client = builder(server).build();
      CompletableFuture<ChatCompletion> chat = client.chat().completions().createAsync(CHAT);
      CompletableFuture<Response> responses = client.responses().createAsync(RESPONSES);
      assertTrue(arrived.await(5, TimeUnit.SECONDS));
      client.close();
      for (CompletableFuture<?> future : new CompletableFuture<?>[] {chat, responses}) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        assertEquals(IllegalStateException.class, e.getCause().getClass());
        assertOnlyJavaOrSdk(e.getCause());
        assertFalse(future.isCancelled(), "a failure, not a cancellation");
        CompletionException joined = assertThrows(CompletionException.class, future::join);
        assertEquals(IllegalStateException.class, joined.getCause().getClass());
      }
      await(2_000, "both sockets closed", () -> server.getClientClosedAt().size() == 2);
      assertThrows(
          IllegalStateException.class, () -> client.chat().completions().createAsync(CHAT));
    }
  }

  @Test
  void cancellingACreateAsyncFutureIsJavasCancellationAndClosesTheConnection() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    try (LoopbackServer server = silent(arrived);
        AurikoBlockingClient client = builder(server).build()) {
      CompletableFuture<ChatCompletion> future = client.chat().completions().createAsync(CHAT);
      assertTrue(arrived.await(5, TimeUnit.SECONDS));
      assertTrue(future.cancel(true));
      CancellationException e = assertThrows(CancellationException.class, future::join);
      assertEquals(CancellationException.class, e.getClass());
      await(1_000, "socket closed", () -> server.getClientClosedAt().get(1) != null);
      await(2_000, "no coroutine left", () -> JavaTestSupport.activeCoroutines(client) == 0);
    }
  }

  @Test
  void aRequestTimeoutIsAurikoTimeoutExceptionBlockingAndAsync() throws Exception {
    CountDownLatch arrived = new CountDownLatch(2);
    try (LoopbackServer server = silent(arrived);
        AurikoBlockingClient client =
            builder(server).requestTimeout(Duration.ofMillis(300)).build()) {
      AurikoTimeoutException blocking =
          assertThrows(
              AurikoTimeoutException.class, () -> client.chat().completions().create(CHAT));
      assertEquals(AurikoTimeoutException.Kind.REQUEST, blocking.kind());
      assertOnlyJavaOrSdk(blocking);
      ExecutionException async =
          assertThrows(
              ExecutionException.class,
              () -> client.chat().completions().createAsync(CHAT).get(10, TimeUnit.SECONDS));
      AurikoTimeoutException e = assertInstanceOf(AurikoTimeoutException.class, async.getCause());
      assertEquals(AurikoTimeoutException.Kind.REQUEST, e.kind());
      assertOnlyJavaOrSdk(e);
    }
  }

  @Test
  void interruptingABlockingCreateIsAurikoInterruptedException() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    try (LoopbackServer server = silent(arrived);
        AurikoBlockingClient client = builder(server).build()) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  client.chat().completions().create(CHAT);
                } catch (Throwable t) {
                  thrown.set(t);
                }
                flag.set(Thread.currentThread().isInterrupted());
              });
      caller.start();
      assertTrue(arrived.await(5, TimeUnit.SECONDS));
      caller.interrupt();
      caller.join(5_000);
      assertFalse(caller.isAlive());
      assertEquals(AurikoInterruptedException.class, thrown.get().getClass());
      assertInstanceOf(InterruptedException.class, thrown.get().getCause());
      assertOnlyJavaOrSdk(thrown.get().getCause());
      assertEquals(Boolean.TRUE, flag.get(), "the interrupt flag is set again");
      await(1_000, "socket closed", () -> server.getClientClosedAt().get(1) != null);
    }
  }

  @Test
  void closingTheClientDuringABlockingCreateIsIllegalStateException() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    try (LoopbackServer server = silent(arrived)) {
      AurikoBlockingClient client = builder(server).build();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  client.chat().completions().create(CHAT);
                } catch (Throwable t) {
                  thrown.set(t);
                }
              });
      caller.start();
      assertTrue(arrived.await(5, TimeUnit.SECONDS));
      client.close();
      caller.join(5_000);
      assertFalse(caller.isAlive());
      assertEquals(IllegalStateException.class, thrown.get().getClass(), thrown.get().toString());
      assertOnlyJavaOrSdk(thrown.get());
    }
  }

  @Test
  void closingTheClientDuringIterationIsStreamInterruptedWithThePartial() throws Exception {
    try (LoopbackServer server =
        JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall)) {
      AurikoBlockingClient client = builder(server).build();
      try (BlockingChatCompletionStream stream = client.chat().completions().stream(CHAT)) {
        assertTrue(stream.hasNext());
        stream.next();
        client.close();
        StreamInterruptedException e =
            assertThrows(StreamInterruptedException.class, stream::hasNext);
        assertOnlyJavaOrSdk(e);
        assertEquals("first", e.partialResult(ChatCompletion.class).getContent());
        assertEquals("req_stall", e.requestId());
      }
      await(1_000, "socket closed", () -> server.getClientClosedAt().get(1) != null);
    }
  }

  @Test
  void anIdleIteratorIsAurikoTimeoutExceptionWithThePartial() throws Exception {
    try (LoopbackServer server =
            JavaTestSupport.server(AsyncStreamLifecycleJavaTest::oneChunkThenStall);
        AurikoBlockingClient client = builder(server).idleTimeout(Duration.ofMillis(300)).build();
        BlockingChatCompletionStream stream = client.chat().completions().stream(CHAT)) {
      assertTrue(stream.hasNext());
      stream.next();
      AurikoTimeoutException e = assertThrows(AurikoTimeoutException.class, stream::hasNext);
      assertEquals(AurikoTimeoutException.Kind.IDLE, e.kind());
      assertOnlyJavaOrSdk(e);
      assertEquals("first", e.partialResult(ChatCompletion.class).getContent());
    }
  }
}
