package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import io.ktor.client.engine.mock.MockEngine;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * From Java: {@code sensitiveHeader(name)} marks a default header as a credential — sent as set,
 * read back from the options only as {@code ██} — and configuration an engine would reject (a
 * zero-width space in a header value, user info in the base URL) fails at {@code build()} with a
 * message naming the header or the URL part, never the value.
 */
class SecretConfigJavaTest {
  private static final String TOKEN = "tenant-token-0123456789";
  private static final String COMPLETION =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}";

  private final MockEngine engine =
      JavaTestSupport.jsonEngine(Map.of("/v1/chat/completions", COMPLETION));

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void aMarkedHeaderIsSentButNeverReadBack() {
    try (AurikoBlockingClient client =
        new AurikoBlockingClient.Builder()
            .apiKey("sk-java-secret-config")
            .baseUrl("https://gateway.test/v1")
            .engine(engine)
            .defaultHeader("X-Tenant-Token", TOKEN)
            .defaultHeader("X-Team", "ml")
            .sensitiveHeader("x-tenant-token")
            .build()) {
      Map<String, String> shown = client.options().getDefaultHeaders();
      assertEquals("██", shown.get("X-Tenant-Token"));
      assertEquals("ml", shown.get("X-Team"));
      assertTrue(client.options().getSensitiveHeaders().contains("x-tenant-token"));
      assertTrue(client.options().getSensitiveHeaders().contains("x-api-key"));
      assertFalse(client.options().toString().contains(TOKEN));
      client
          .chat()
          .completions()
          .create(
              ChatCompletionRequest.builder()
                  .model("gpt-4o")
                  .addMessage(ChatMessage.user("Hi"))
                  .build());
      assertEquals(TOKEN, engine.getRequestHistory().get(0).getHeaders().get("X-Tenant-Token"));
    }
  }

  @Test
  void aHeaderValueAnEngineWouldRejectFailsAtBuildWithoutTheValue() {
    String pasted = "sk-pasted\u200b-" + TOKEN;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new AurikoBlockingClient.Builder()
                    .apiKey("sk-java-secret-config")
                    .baseUrl("https://gateway.test/v1")
                    .engine(engine)
                    .defaultHeader("x-api-key", pasted)
                    .build());
    assertTrue(e.getMessage().contains("'x-api-key'"), e.getMessage());
    assertTrue(e.getMessage().contains("non-ASCII"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
  }

  @Test
  void userInfoInTheBaseUrlIsRejectedWithoutShowingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new AurikoBlockingClient.Builder()
                    .apiKey("sk-java-secret-config")
                    .baseUrl("https://user:" + TOKEN + "@gateway.test/v1")
                    .engine(engine)
                    .build());
    assertTrue(e.getMessage().contains("user information"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
  }
}
