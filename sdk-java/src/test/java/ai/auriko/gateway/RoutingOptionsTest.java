package ai.auriko.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.testing.Expect;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingOptionsTest {

  private static RoutingOptions build(Consumer<RoutingOptions.Builder> setup) {
    RoutingOptions.Builder b = RoutingOptions.builder();
    setup.accept(b);
    return b.build();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5, 1.0})
  void minSuccessRateAcceptsZeroToOne(double v) {
    assertEquals(v, build(b -> b.minSuccessRate(v)).minSuccessRate());
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void minSuccessRateRejectsOutOfRange(double v) {
    Expect.invalid(
        "gateway.routing.min_success_rate",
        () -> build(b -> b.minSuccessRate(v)),
        "between 0 and 1",
        "got " + v);
  }

  @Test
  void minSuccessRateMessageIsExact() {
    String message =
        Expect.invalid("gateway.routing.min_success_rate", () -> build(b -> b.minSuccessRate(1.01)))
            .getMessage();
    assertTrue(
        message.endsWith("gateway.routing.min_success_rate: must be between 0 and 1, got 1.01"),
        message);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.25, 1.0})
  void weightsAcceptZeroToOne(double v) {
    RoutingOptions r = build(b -> b.putWeight("cost", v).putWeight("ttft", 1.0 - v));
    assertEquals(v, r.weights().get("cost"));
    assertEquals(Arrays.asList("cost", "ttft"), new ArrayList<>(r.weights().keySet()));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
  void weightsRejectOutOfRange(double v) {
    Expect.invalid(
        "gateway.routing.weights.cost",
        () -> build(b -> b.putWeight("ttft", 0.5).putWeight("cost", v)),
        "between 0 and 1",
        "got " + v);
  }

  @Test
  void weightsRejectBlankKeysAndNullValues() {
    Expect.invalid("gateway.routing.weights", () -> build(b -> b.putWeight(" ", 0.5)), "blank");
    Map<String, Double> withNull = new LinkedHashMap<>();
    withNull.put("cost", null);
    Expect.invalid("gateway.routing.weights.cost", () -> build(b -> b.weights(withNull)), "null");
  }

  @Test
  void nonNegativeBudgetsAcceptZero() {
    RoutingOptions r =
        build(b -> b.maxCostPer1m(0.0).maxTtftMs(0).minThroughputTps(0.0).maxFallbackAttempts(0));
    assertEquals(0.0, r.maxCostPer1m());
    assertEquals(0, r.maxTtftMs());
    assertEquals(0.0, r.minThroughputTps());
    assertEquals(0, r.maxFallbackAttempts());
  }

  @Test
  void nonNegativeBudgetsRejectMinusOne() {
    Expect.invalid(
        "gateway.routing.max_cost_per_1m",
        () -> build(b -> b.maxCostPer1m(-1.0)),
        "at least 0",
        "got -1");
    Expect.invalid(
        "gateway.routing.max_ttft_ms", () -> build(b -> b.maxTtftMs(-1)), "at least 0", "got -1");
    Expect.invalid(
        "gateway.routing.min_throughput_tps",
        () -> build(b -> b.minThroughputTps(-1.0)),
        "at least 0",
        "got -1");
    Expect.invalid(
        "gateway.routing.max_fallback_attempts",
        () -> build(b -> b.maxFallbackAttempts(-1)),
        "at least 0",
        "got -1");
  }

  @Test
  void nonNegativeBudgetsRejectNonFinite() {
    Expect.invalid(
        "gateway.routing.max_cost_per_1m",
        () -> build(b -> b.maxCostPer1m(Double.POSITIVE_INFINITY)),
        "finite",
        "0");
    Expect.invalid(
        "gateway.routing.max_cost_per_1m",
        () -> build(b -> b.maxCostPer1m(Double.NaN)),
        "at least 0",
        "NaN");
    Expect.invalid(
        "gateway.routing.min_throughput_tps",
        () -> build(b -> b.minThroughputTps(Double.NaN)),
        "at least 0",
        "NaN");
  }

  @Test
  void onlyByokAndOnlyPlatformCannotBothBeTrue() {
    build(b -> b.onlyByok(true).onlyPlatform(false));
    build(b -> b.onlyByok(false).onlyPlatform(true));
    Expect.invalid(
        "gateway.routing.only_platform",
        () -> build(b -> b.onlyByok(true).onlyPlatform(true)),
        "only_byok",
        "both");
  }

  @Test
  void providerListsAreCheckedAndDisjoint() {
    RoutingOptions r = build(b -> b.providers("openai", "anthropic").excludeProviders("groq"));
    assertEquals(Arrays.asList("openai", "anthropic"), r.providers());
    Expect.invalid(
        "gateway.routing.providers[1]", () -> build(b -> b.providers("openai", " ")), "blank");
    Expect.invalid(
        "gateway.routing.exclude_providers[0]",
        () -> build(b -> b.excludeProviders(Arrays.asList((String) null))),
        "null");
    Expect.invalid(
        "gateway.routing.exclude_providers[1]",
        () -> build(b -> b.providers("openai", "anthropic").excludeProviders("groq", "anthropic")),
        "both in providers and exclude_providers",
        "anthropic");
    Expect.invalid("gateway.routing.prefer", () -> build(b -> b.prefer("")), "blank");
  }

  @Test
  void wireNamesListEveryFieldInOrder() {
    assertEquals(
        Arrays.asList(
            "optimize",
            "weights",
            "max_cost_per_1m",
            "max_ttft_ms",
            "min_throughput_tps",
            "min_success_rate",
            "providers",
            "exclude_providers",
            "prefer",
            "mode",
            "allow_fallbacks",
            "max_fallback_attempts",
            "data_policy",
            "only_byok",
            "only_platform"),
        RoutingOptions.WIRE_NAMES);
    assertThrows(UnsupportedOperationException.class, () -> RoutingOptions.WIRE_NAMES.add("x"));
    // Every wire name has an accessor of the same name in camel case, and nothing else does.
    List<String> accessors = new ArrayList<>();
    for (Method m : RoutingOptions.class.getDeclaredMethods()) {
      if (java.lang.reflect.Modifier.isPublic(m.getModifiers())
          && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() == 0) {
        accessors.add(m.getName());
      }
    }
    accessors.removeAll(Arrays.asList("toBuilder", "isEmpty", "hashCode", "toString"));
    List<String> expected = new ArrayList<>();
    for (String w : RoutingOptions.WIRE_NAMES) expected.add(camel(w));
    assertEquals(new HashSet<>(expected), new HashSet<>(accessors));
  }

  @Test
  void builtObjectIsImmutable() {
    List<String> providers = new ArrayList<>(Arrays.asList("openai"));
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("cost", 0.5);
    RoutingOptions r = build(b -> b.providers(providers).weights(weights));
    providers.add("anthropic");
    weights.put("ttft", 0.5);
    assertEquals(Arrays.asList("openai"), r.providers());
    assertEquals(1, r.weights().size());
    assertThrows(UnsupportedOperationException.class, () -> r.providers().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> r.excludeProviders().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> r.weights().put("x", 0.1));
  }

  @Test
  void toBuilderRoundTripAndEquality() {
    RoutingOptions full = full();
    assertEquals(full, full.toBuilder().build());
    assertEquals(full.hashCode(), full.toBuilder().build().hashCode());
    assertNotEquals(full, full.toBuilder().prefer("other").build());
    assertFalse(full.isEmpty());
    assertTrue(RoutingOptions.builder().build().isEmpty());
  }

  @Test
  void toStringShowsTheSetValues() {
    String s = full().toString();
    assertTrue(s.startsWith("RoutingOptions{optimize=cost-focus, weights={cost=0.7}"), s);
    assertTrue(s.contains("minSuccessRate=0.99"), s);
    assertTrue(s.contains("excludeProviders=[groq]"), s);
    assertTrue(s.contains("mode=fallback"), s);
    assertEquals("RoutingOptions{}", RoutingOptions.builder().build().toString());
  }

  private static RoutingOptions full() {
    return RoutingOptions.builder()
        .optimize(Optimize.COST_FOCUS)
        .putWeight("cost", 0.7)
        .maxCostPer1m(5.0)
        .maxTtftMs(800)
        .minThroughputTps(40.0)
        .minSuccessRate(0.99)
        .providers("openai", "anthropic")
        .excludeProviders("groq")
        .prefer("openai")
        .mode(RoutingMode.FALLBACK)
        .allowFallbacks(true)
        .maxFallbackAttempts(2)
        .dataPolicy(DataPolicy.of("zdr"))
        .onlyByok(false)
        .onlyPlatform(true)
        .build();
  }

  private static String camel(String wire) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : wire.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }
}
