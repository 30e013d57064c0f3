package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.AurikoClientOptions;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.errors.AurikoException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import io.ktor.client.engine.mock.MockEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code AurikoBlockingClient.Builder} takes its base URL from {@code AURIKO_BASE_URL} unless one
 * is set with {@code baseUrl(…)}. (The README's Java quick start runs with the real variable, on
 * the default engine, in the samples module's QuickStartRunTest.)
 */
class BaseUrlEnvironmentJavaTest {
  private static final String COMPLETION =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}";

  private final MockEngine engine =
      JavaTestSupport.jsonEngine(Map.of("/v1/chat/completions", COMPLETION));
  private final List<String> asked = new ArrayList<>();

  @AfterEach
  void closeEngine() {
    engine.close();
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
        Map.of("AURIKO_API_KEY", "sk-env", "AURIKO_BASE_URL", "http://localhost:8080/v1/");
    try (AurikoBlockingClient client =
        JavaTestSupport.builderWithEnvironment(env, asked).engine(engine).build()) {
      assertEquals("http://localhost:8080/v1", client.options().getBaseUrl());
      assertEquals("Hi", client.chat().completions().create(request()).getContent());
    }
    assertEquals(
        List.of("http://localhost:8080/v1/chat/completions"),
        JavaTestSupport.requestedUrls(engine));
    assertTrue(asked.contains("AURIKO_BASE_URL"), asked.toString());
  }

  @Test
  void anExplicitBaseUrlWinsAndTheVariableIsNotRead() {
    Map<String, String> env = Map.of("AURIKO_BASE_URL", "not a url");
    try (AurikoBlockingClient client =
        JavaTestSupport.builderWithEnvironment(env, asked)
            .apiKey("sk-test")
            .baseUrl("https://x.test/v1")
            .engine(engine)
            .build()) {
      assertEquals("https://x.test/v1", client.options().getBaseUrl());
      assertEquals("Hi", client.chat().completions().create(request()).getContent());
    }
    assertEquals(
        List.of("https://x.test/v1/chat/completions"), JavaTestSupport.requestedUrls(engine));
    assertFalse(asked.contains("AURIKO_BASE_URL"), asked.toString());
  }

  @Test
  void withoutEitherTheRootIsAuriko() {
    try (AurikoBlockingClient client =
        JavaTestSupport.builderWithEnvironment(Map.of("AURIKO_BASE_URL", " "), asked)
            .apiKey("sk-test")
            .engine(engine)
            .build()) {
      assertEquals(AurikoClientOptions.DEFAULT_BASE_URL, client.options().getBaseUrl());
      client.chat().completions().create(request());
    }
    assertEquals(
        List.of("https://api.auriko.ai/v1/chat/completions"),
        JavaTestSupport.requestedUrls(engine));
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
                    .engine(engine)
                    .build());
    assertTrue(e.getMessage().contains(AurikoClientOptions.BASE_URL_VARIABLE), e.getMessage());
    assertFalse(e.getMessage().contains(value), e.getMessage());
    assertNull(e.getCause());
    assertTrue(JavaTestSupport.requestedUrls(engine).isEmpty());
  }
}
