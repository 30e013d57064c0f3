package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.errors.AurikoApiException;
import ai.auriko.errors.AurikoException;
import ai.auriko.errors.PartialResult;
import ai.auriko.errors.ServiceUnavailableException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import io.ktor.client.engine.HttpClientEngine;
import io.ktor.client.engine.mock.MockEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a failure's partial result typed from Java: {@code e.partialResult(Class)}. */
class PartialResultJavaTest {
  private static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hello")).build();

  /** A partial result of some other API: not what a chat stream produces. */
  static final class OtherResult implements PartialResult {}

  private static AurikoBlockingClient client(HttpClientEngine engine) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-test")
        .baseUrl("https://gateway.test/v1")
        .engine(engine)
        .maxRetries(0)
        .build();
  }

  @Test
  void anErrorEventMidStreamCarriesThePartialCompletionTyped() throws Exception {
    // event-error: a chunk with "Partial", then `event: error` (code overloaded).
    HttpClientEngine engine =
        JavaTestSupport.fixtureEngine(JavaTestSupport.fixture("event-error"), false);
    try (AurikoBlockingClient client = client(engine);
        BlockingChatCompletionStream stream = client.chat().completions().stream(REQUEST)) {
      List<String> seen = new ArrayList<>();
      AurikoException e =
          assertThrows(
              AurikoException.class,
              () -> {
                for (ChatCompletionChunk chunk : stream)
                  seen.add(chunk.getChoices().get(0).getDelta().getContent());
              });
      assertEquals(List.of("Partial"), seen);
      ServiceUnavailableException api = assertInstanceOf(ServiceUnavailableException.class, e);
      assertTrue(api.isStreamError());
      assertEquals(200, api.statusCode());

      ChatCompletion partial = e.partialResult(ChatCompletion.class);
      assertNotNull(partial);
      assertEquals("Partial", partial.getContent());
      assertSame(e.partialResult(), partial);

      // Another type reads as null: a checked read, no ClassCastException.
      OtherResult other = e.partialResult(OtherResult.class);
      assertNull(other);
      // The interface itself, and the exception's own view, are the same object.
      assertSame(partial, e.partialResult(PartialResult.class));
      assertNull(stream.completion());
    } finally {
      engine.close();
    }
  }

  @Test
  void aCreateFailureHasNoPartialResultOfAnyType() throws Exception {
    MockEngine engine =
        JavaTestSupport.jsonEngine(
            Map.of(
                "/v1/chat/completions",
                "{\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}"));
    try (AurikoBlockingClient client = client(engine)) {
      AurikoApiException e =
          assertThrows(AurikoApiException.class, () -> client.chat().completions().create(REQUEST));
      assertInstanceOf(ServiceUnavailableException.class, e);
      assertFalse(e.isStreamError());
      assertEquals(200, e.statusCode());
      assertEquals("{\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}", e.body());
      assertNull(e.partialResult());
      assertNull(e.partialResult(ChatCompletion.class));
      assertNull(e.partialResult(OtherResult.class));
    } finally {
      engine.close();
    }
  }
}
