package ai.auriko.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.json.RawJson;
import ai.auriko.testing.Expect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionsTest {

  @Test
  void thinkingOptions() {
    assertTrue(ThinkingOptions.enabled().isEnabled());
    assertNull(ThinkingOptions.enabled().budgetTokens());
    assertFalse(ThinkingOptions.disabled().isEnabled());
    assertEquals(10000, ThinkingOptions.enabled(10000).budgetTokens());
    assertEquals(0, ThinkingOptions.enabled(0).budgetTokens());
    assertEquals(ThinkingOptions.enabled(5), ThinkingOptions.enabled(5));
    Expect.invalid(
        "extensions.thinking.budget_tokens",
        () -> ThinkingOptions.enabled(-1),
        "at least 0",
        "got -1");
  }

  @Test
  void providerOptionsAreCopiedDeeply() {
    List<Object> stops = new ArrayList<>(Arrays.asList("a"));
    Map<String, Object> anthropic = new LinkedHashMap<>();
    anthropic.put("top_k", 5);
    anthropic.put("stops", stops);
    Extensions e =
        Extensions.builder()
            .thinking(ThinkingOptions.enabled(1000))
            .put("anthropic", anthropic)
            .put("raw", RawJson.of("{\"x\":1}"))
            .put("nothing", null)
            .build();
    stops.add("b");
    anthropic.put("later", true);
    Map<?, ?> copy = (Map<?, ?>) e.providerOptions().get("anthropic");
    assertEquals(2, copy.size());
    assertEquals(Arrays.asList("a"), copy.get("stops"));
    assertTrue(e.providerOptions().containsKey("nothing"));
    assertThrows(UnsupportedOperationException.class, () -> e.providerOptions().remove("raw"));
    assertEquals(e, e.toBuilder().build());
    assertEquals(e.hashCode(), e.toBuilder().build().hashCode());
  }

  @Test
  void rejectsBadProviderOptions() {
    Expect.invalid(
        "extensions.thinking",
        () -> Extensions.builder().put("thinking", Map.of("enabled", true)).build(),
        "thinking(ThinkingOptions)");
    Expect.invalid(
        "extensions.anthropic.when",
        () -> Extensions.builder().put("anthropic", Map.of("when", new Date())).build(),
        "unsupported value type java.util.Date");
    Expect.invalid("extensions", () -> Extensions.builder().put(" ", 1).build(), "blank");
  }

  @Test
  void toStringShowsKeysOnly() {
    Extensions e =
        Extensions.builder()
            .thinking(ThinkingOptions.enabled(2048))
            .put("anthropic", Map.of("api_key", "sk-secret-123"))
            .build();
    String s = e.toString();
    assertFalse(s.contains("sk-secret-123"), s);
    assertEquals(
        "Extensions{thinking=ThinkingOptions{enabled=true, budgetTokens=2048}, providerOptions=[anthropic]}",
        s);
    assertTrue(Extensions.builder().build().isEmpty());
  }
}
