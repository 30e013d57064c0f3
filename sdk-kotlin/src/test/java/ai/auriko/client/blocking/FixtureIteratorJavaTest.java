package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.auriko.client.FixtureStreamSpecKt;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.WireFixture;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import io.ktor.client.engine.HttpClientEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every wire recording through the blocking iterator, checked against its expect block. */
class FixtureIteratorJavaTest {
  @TestFactory
  Stream<DynamicTest> everyFixtureThroughTheIterator() {
    List<DynamicTest> tests = new ArrayList<>();
    for (WireFixture fixture : JavaTestSupport.fixtures()) {
      for (boolean bytewise : new boolean[] {false, true}) {
        tests.add(
            DynamicTest.dynamicTest(
                fixture.getName() + (bytewise ? " (bytewise)" : " (whole)"),
                () -> run(fixture, bytewise)));
      }
    }
    return tests.stream();
  }

  private static void run(WireFixture fixture, boolean bytewise) throws Exception {
    HttpClientEngine engine = JavaTestSupport.fixtureEngine(fixture, bytewise);
    ChatCompletionRequest request =
        ChatCompletionRequest.builder()
            .model("gpt-4o")
            .addMessage(ChatMessage.user("Hello"))
            .build();
    try (AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-test")
                .baseUrl("https://gateway.test/v1")
                .engine(engine)
                .maxRetries(0)
                .build();
        BlockingChatCompletionStream stream = client.chat().completions().stream(request)) {
      List<ChatCompletionChunk> chunks = new ArrayList<>();
      Throwable failure = null;
      try {
        for (ChatCompletionChunk chunk : stream) chunks.add(chunk);
      } catch (RuntimeException e) {
        failure = e;
      }
      String outcome = fixture.getExpect().get("outcome").toString().replace("\"", "");
      if (outcome.equals("complete")) {
        assertNull(failure, () -> "stream failed: " + fixture.getName());
        assertNotNull(stream.completion());
        FixtureStreamSpecKt.checkComplete(
            fixture, stream.completion(), chunks, stream.responseHeaders());
      } else {
        assertNotNull(failure, () -> "expected a failure: " + fixture.getName());
        FixtureStreamSpecKt.checkError(fixture, failure);
      }
    } finally {
      engine.close();
    }
  }
}
