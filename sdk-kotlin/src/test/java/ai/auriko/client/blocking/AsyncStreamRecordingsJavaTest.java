package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.FixtureStreamSpecKt;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.responses.Response;
import ai.auriko.client.responses.ResponseRecordingChecksKt;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.WireFixture;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.request.responses.ResponseRequest;
import io.ktor.client.engine.HttpClientEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every wire recording (chat and Responses) through {@code streamAsync}, the body delivered whole
 * and one byte per write, checked against each recording's expect block with the same checks the
 * iterator tests use: the items the handler got, the one ending (onComplete with the future's
 * result, or onError with the future's exception and its partial result), and the calling rules.
 */
class AsyncStreamRecordingsJavaTest {
  private static final ChatCompletionRequest CHAT =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hello")).build();
  private static final ResponseRequest RESPONSES =
      ResponseRequest.builder().model("gpt-4.1").input("Hello").build();

  @TestFactory
  Stream<DynamicTest> everyChatRecordingThroughStreamAsync() {
    List<DynamicTest> tests = new ArrayList<>();
    for (WireFixture fixture : JavaTestSupport.fixtures()) {
      for (boolean bytewise : new boolean[] {false, true}) {
        tests.add(
            DynamicTest.dynamicTest(
                fixture.getName() + (bytewise ? " (bytewise)" : " (whole)"),
                () -> chat(fixture, bytewise)));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyResponsesRecordingThroughStreamAsync() {
    List<DynamicTest> tests = new ArrayList<>();
    for (WireFixture fixture : JavaTestSupport.responseFixtures()) {
      for (boolean bytewise : new boolean[] {false, true}) {
        tests.add(
            DynamicTest.dynamicTest(
                fixture.getName() + (bytewise ? " (bytewise)" : " (whole)"),
                () -> responses(fixture, bytewise)));
      }
    }
    return tests.stream();
  }

  private static AurikoBlockingClient client(HttpClientEngine engine) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-test")
        .baseUrl("https://gateway.test/v1")
        .engine(engine)
        .maxRetries(0)
        .build();
  }

  private static void chat(WireFixture fixture, boolean bytewise) throws Exception {
    HttpClientEngine engine = JavaTestSupport.fixtureEngine(fixture, bytewise);
    String outcome = fixture.getExpect().get("outcome").toString().replace("\"", "");
    try (AurikoBlockingClient client = client(engine)) {
      AsyncRecorder.ChatHandler handler = AsyncRecorder.chat();
      AsyncStreamHandle<ChatCompletion> handle =
          client.chat().completions().streamAsync(CHAT, handler);
      Object ending = await(handle);
      AsyncRecorder<?> rec = handler.rec;
      assertEquals(List.of(), rec.violations);
      assertEquals(1, rec.endings.size(), "exactly one ending");
      assertSame(ending, rec.endings.get(0), "the handler saw what the future holds");
      assertTrue(handle.isDone());
      if (outcome.equals("complete")) {
        ChatCompletion completion = (ChatCompletion) ending;
        assertNotNull(handle.responseHeaders());
        FixtureStreamSpecKt.checkComplete(
            fixture, completion, handler.rec.items, handle.responseHeaders());
        assertNotNull(handle.metrics());
      } else {
        assertTrue(ending instanceof Throwable, () -> "expected a failure: " + ending);
        FixtureStreamSpecKt.checkError(fixture, (Throwable) ending);
      }
    } finally {
      engine.close();
    }
  }

  private static void responses(WireFixture fixture, boolean bytewise) throws Exception {
    HttpClientEngine engine = JavaTestSupport.fixtureEngine(fixture, bytewise);
    boolean complete = ResponseRecordingChecksKt.expectedOutcome(fixture).equals("complete");
    try (AurikoBlockingClient client = client(engine)) {
      AsyncRecorder.ResponsesHandler handler = AsyncRecorder.responses();
      AsyncStreamHandle<Response> handle = client.responses().streamAsync(RESPONSES, handler);
      Object ending = await(handle);
      AsyncRecorder<?> rec = handler.rec;
      assertEquals(List.of(), rec.violations);
      assertEquals(1, rec.endings.size(), "exactly one ending");
      assertSame(ending, rec.endings.get(0), "the handler saw what the future holds");
      if (complete) {
        Response response = (Response) ending;
        ResponseRecordingChecksKt.checkResponseComplete(
            fixture, response, handler.rec.items, handle.responseHeaders());
      } else {
        assertTrue(ending instanceof Throwable, () -> "expected a failure: " + ending);
        ResponseRecordingChecksKt.checkResponseError(
            fixture, (Throwable) ending, handler.rec.items);
      }
    } finally {
      engine.close();
    }
  }

  /** The future's result, or the exception it failed with (unwrapped). */
  private static Object await(AsyncStreamHandle<?> handle) throws Exception {
    try {
      return handle.completion().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
