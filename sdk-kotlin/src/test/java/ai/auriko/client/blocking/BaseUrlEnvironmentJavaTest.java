package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.chat.ChatCompletionRequest;
import ai.auriko.chat.ChatMessage;
import ai.auriko.client.AurikoClientOptions;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.AurikoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code AurikoBlockingClient.Builder} takes its base URL from {@code AURIKO_BASE_URL} unless one
 * is set with {@code baseUrl(…)}, on the default engine against a real loopback server.
 */
class BaseUrlEnvironmentJavaTest {
  private static final String COMPLETION_BODY =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}";

  private LoopbackServer server;
  private final List<String> asked = new ArrayList<>();

  @BeforeEach
  void startServer() {
    server =
        JavaTestSupport.server(
            exchange ->
                exchange.respond(200, COMPLETION_BODY, Map.of("Content-Type", "application/json")));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static ChatCompletionRequest request() {
    return ChatCompletionRequest.builder()
        .model("gpt-4o")
        .addMessage(ChatMessage.user("Hi"))
        .build();
  }

  @Test
  void withoutBaseUrlTheClientTalksToAurikoBaseUrl() {
    Map<String, String> env =
        Map.of("AURIKO_API_KEY", "sk-env", "AURIKO_BASE_URL", server.getBaseUrl() + "/");
    try (AurikoBlockingClient client = JavaTestSupport.builderWithEnvironment(env, asked).build()) {
      assertEquals(server.getBaseUrl(), client.options().getBaseUrl());
      assertEquals("Hi", client.chat().completions().create(request()).getContent());
    }
    assertEquals(1, server.getRequests().size());
    assertEquals("/v1/chat/completions", server.getRequests().get(0).getPath());
    assertTrue(asked.contains("AURIKO_BASE_URL"), asked.toString());
  }

  @Test
  void anExplicitBaseUrlWinsAndTheVariableIsNotRead() {
    Map<String, String> env = Map.of("AURIKO_BASE_URL", "http://127.0.0.1:9/nowhere");
    try (AurikoBlockingClient client =
        JavaTestSupport.builderWithEnvironment(env, asked)
            .apiKey("sk-test")
            .baseUrl(server.getBaseUrl())
            .build()) {
      assertEquals(server.getBaseUrl(), client.options().getBaseUrl());
      assertEquals("Hi", client.chat().completions().create(request()).getContent());
    }
    assertEquals(1, server.getRequests().size());
    assertFalse(asked.contains("AURIKO_BASE_URL"), asked.toString());
  }

  @Test
  void withoutEitherTheRootIsAuriko() {
    try (AurikoBlockingClient client =
        JavaTestSupport.builderWithEnvironment(Map.of("AURIKO_BASE_URL", " "), asked)
            .apiKey("sk-test")
            .build()) {
      assertEquals("https://api.auriko.ai/v1", client.options().getBaseUrl());
      assertEquals(AurikoClientOptions.DEFAULT_BASE_URL, client.options().getBaseUrl());
    }
  }

  @Test
  void anInvalidVariableFailsTheBuildNamingItButNotItsValue() {
    String value = "sk-live-0123456789abcdef"; // a key pasted into the wrong variable
    AurikoException e =
        assertThrows(
            AurikoException.class,
            () ->
                JavaTestSupport.builderWithEnvironment(Map.of("AURIKO_BASE_URL", value), asked)
                    .apiKey("sk-test")
                    .build());
    assertTrue(e.getMessage().contains(AurikoClientOptions.BASE_URL_VARIABLE), e.getMessage());
    assertFalse(e.getMessage().contains(value), e.getMessage());
    assertEquals(null, e.getCause());
    assertEquals(0, server.getRequests().size());
  }
}
