package ai.auriko.request.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.errors.InvalidRequestException;
import ai.auriko.gateway.Extensions;
import ai.auriko.gateway.Optimize;
import ai.auriko.gateway.RequestMetadata;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.gateway.ThinkingOptions;
import ai.auriko.json.RawJson;
import ai.auriko.testing.Expect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChatCompletionRequestTest {
  private static final String SECRET = "sk-secret-123";

  private static ChatCompletionRequest.Builder base() {
    return ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("hi"));
  }

  private static ChatCompletionRequest build(Consumer<ChatCompletionRequest.Builder> setup) {
    ChatCompletionRequest.Builder b = base();
    setup.accept(b);
    return b.build();
  }

  private static List<String> models(int count) {
    List<String> m = new ArrayList<>();
    for (int i = 0; i < count; i++) m.add("model-" + i);
    return m;
  }

  @Test
  void minimalRequest() {
    ChatCompletionRequest r = base().build();
    assertEquals("gpt-4o", r.model());
    assertEquals(Collections.emptyList(), r.models());
    assertEquals(1, r.messages().size());
    assertEquals(Collections.emptyList(), r.tools());
    assertEquals(Collections.emptyList(), r.stop());
    assertEquals(Collections.emptyMap(), r.logitBias());
    assertEquals(Collections.emptyMap(), r.extraBody());
    assertNull(r.temperature());
    assertNull(r.routing());
  }

  @Test
  void exactlyOneOfModelAndModels() {
    InvalidRequestException both =
        Expect.invalid("model", () -> build(b -> b.models("a", "b")), "got both");
    assertTrue(
        both.getMessage()
            .endsWith("model/models: exactly one of model or models must be set, got both"),
        both.getMessage());
    InvalidRequestException neither =
        Expect.invalid("model", () -> build(b -> b.model(null)), "got neither");
    assertTrue(
        neither
            .getMessage()
            .endsWith("model/models: exactly one of model or models must be set, got neither"),
        neither.getMessage());
    ChatCompletionRequest r = build(b -> b.model(null).models("a", "b"));
    assertNull(r.model());
    assertEquals(Arrays.asList("a", "b"), r.models());
  }

  @Test
  void modelAndModelsEntriesMustNotBeBlank() {
    Expect.invalid("model", () -> build(b -> b.model(" ")), "blank");
    Expect.invalid("models[1]", () -> build(b -> b.model(null).models("a", "")), "blank");
    Expect.invalid(
        "models[0]", () -> build(b -> b.model(null).models(Arrays.asList((String) null))), "null");
  }

  @Test
  void modelsCountIsOneToTen() {
    assertEquals(10, build(b -> b.model(null).models(models(10))).models().size());
    assertEquals(1, build(b -> b.model(null).models(models(1))).models().size());
    Expect.invalid(
        "models", () -> build(b -> b.model(null).models(models(11))), "1 to 10", "got 11");
    Expect.invalid("models", () -> build(b -> b.model(null).models(models(0))), "1 to 10", "got 0");
  }

  @Test
  void messagesAreRequired() {
    Expect.invalid(
        "messages",
        () -> ChatCompletionRequest.builder().model("m").build(),
        "at least 1",
        "got 0");
    Expect.invalid(
        "messages", () -> build(b -> b.messages(Collections.emptyList())), "at least 1", "got 0");
    Expect.invalid(
        "messages[1]",
        () -> build(b -> b.messages(Arrays.asList(ChatMessage.user("a"), null))),
        "must not be null");
    Expect.invalid(
        "tools[0]", () -> build(b -> b.tools(Arrays.asList((Tool) null))), "must not be null");
  }

  // setter, param, accepted values at the limits, rejected values, limit fragments
  static Stream<Arguments> doubleBounds() {
    return Stream.of(
        Arguments.of(
            "temperature",
            new double[] {0, 2},
            new double[] {-0.01, 2.01, 2.5, Double.NaN, Double.POSITIVE_INFINITY},
            "between 0 and 2"),
        Arguments.of(
            "top_p",
            new double[] {0, 1},
            new double[] {-0.01, 1.01, Double.NaN},
            "between 0 and 1"),
        Arguments.of(
            "presence_penalty",
            new double[] {-2, 2},
            new double[] {-2.01, 2.01, Double.NaN},
            "between -2 and 2"),
        Arguments.of(
            "frequency_penalty",
            new double[] {-2, 2},
            new double[] {-2.01, 2.01, Double.NEGATIVE_INFINITY},
            "between -2 and 2"));
  }

  @ParameterizedTest
  @MethodSource("doubleBounds")
  void doubleBoundsAreInclusive(String param, double[] accepted, double[] rejected, String rule) {
    for (double v : accepted) {
      ChatCompletionRequest r = build(b -> setDouble(b, param, v));
      assertEquals(v, getDouble(r, param), param);
    }
    for (double v : rejected) {
      Expect.invalid(param, () -> build(b -> setDouble(b, param, v)), rule, "got " + v);
    }
  }

  @Test
  void temperatureMessageIsExact() {
    InvalidRequestException e = Expect.invalid("temperature", () -> build(b -> b.temperature(2.5)));
    assertTrue(
        e.getMessage().endsWith("temperature: must be between 0 and 2, got 2.5"), e.getMessage());
  }

  @Test
  void integerBounds() {
    assertEquals(1, build(b -> b.n(1)).n());
    Expect.invalid("n", () -> build(b -> b.n(0)), "at least 1", "got 0");
    assertEquals(1, build(b -> b.maxTokens(1)).maxTokens());
    Expect.invalid("max_tokens", () -> build(b -> b.maxTokens(0)), "at least 1", "got 0");
    assertEquals(1, build(b -> b.maxCompletionTokens(1)).maxCompletionTokens());
    Expect.invalid(
        "max_completion_tokens", () -> build(b -> b.maxCompletionTokens(0)), "at least 1", "got 0");
    assertEquals(0, build(b -> b.topLogprobs(0)).topLogprobs());
    assertEquals(20, build(b -> b.topLogprobs(20)).topLogprobs());
    Expect.invalid(
        "top_logprobs", () -> build(b -> b.topLogprobs(-1)), "between 0 and 20", "got -1");
    Expect.invalid(
        "top_logprobs", () -> build(b -> b.topLogprobs(21)), "between 0 and 20", "got 21");
  }

  @Test
  void logitBiasBounds() {
    Map<String, Integer> ok = new LinkedHashMap<>();
    ok.put("50256", -100);
    ok.put("13", 100);
    assertEquals(ok, build(b -> b.logitBias(ok)).logitBias());
    Expect.invalid(
        "logit_bias.50256",
        () -> build(b -> b.logitBias(Map.of("50256", -101))),
        "between -100 and 100",
        "got -101");
    Expect.invalid(
        "logit_bias.13",
        () -> build(b -> b.logitBias(Map.of("13", 101))),
        "between -100 and 100",
        "got 101");
    Expect.invalid("logit_bias", () -> build(b -> b.logitBias(Map.of(" ", 1))), "blank");
  }

  @Test
  void stopEntriesMustNotBeEmpty() {
    assertEquals(Arrays.asList("\n", " END"), build(b -> b.stop("\n", " END")).stop());
    Expect.invalid("stop[1]", () -> build(b -> b.stop("a", "")), "at least 1 character", "got 0");
    Expect.invalid(
        "stop[0]", () -> build(b -> b.stop(Arrays.asList((String) null))), "must not be null");
  }

  @Test
  void reasoningEffortMustNotBeBlank() {
    assertEquals("high", build(b -> b.reasoningEffort("high")).reasoningEffort());
    Expect.invalid("reasoning_effort", () -> build(b -> b.reasoningEffort("")), "blank");
  }

  @Test
  void extraBodyIsValidated() {
    Map<String, Object> foo = new LinkedHashMap<>();
    foo.put("bar", Arrays.asList(1, 2, new Date()));
    Expect.invalid(
        "extra_body.foo.bar[2]",
        () -> build(b -> b.putExtraBody("foo", foo)),
        "unsupported value type java.util.Date");
    Expect.invalid("extra_body.x", () -> build(b -> b.putExtraBody("x", Double.NaN)), "finite");
    Expect.invalid("extra_body", () -> build(b -> b.putExtraBody(" ", 1)), "blank");
    ChatCompletionRequest r =
        build(b -> b.putExtraBody("nulled", null).putExtraBody("raw", RawJson.of("[1]")));
    assertTrue(r.extraBody().containsKey("nulled"));
    assertNull(r.extraBody().get("nulled"));
    assertEquals(
        Collections.emptyMap(), build(b -> b.putExtraBody("a", 1).extraBody(null)).extraBody());
  }

  @Test
  void builtRequestIsImmutable() {
    List<ChatMessage> messages = new ArrayList<>(Arrays.asList(ChatMessage.user("a")));
    List<String> stop = new ArrayList<>(Arrays.asList("x"));
    List<String> models = new ArrayList<>(Arrays.asList("m1"));
    Map<String, Integer> bias = new LinkedHashMap<>();
    bias.put("1", 1);
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("k", new ArrayList<>(Arrays.asList(1)));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("foo", nested);
    List<Tool> tools = new ArrayList<>(Arrays.asList(Tool.function("f", null, null)));

    ChatCompletionRequest.Builder b =
        ChatCompletionRequest.builder()
            .models(models)
            .messages(messages)
            .stop(stop)
            .logitBias(bias)
            .extraBody(extra)
            .tools(tools);
    ChatCompletionRequest r = b.build();
    messages.add(ChatMessage.user("b"));
    stop.add("y");
    models.add("m2");
    bias.put("2", 2);
    nested.put("k2", 2);
    extra.put("bar", 1);
    tools.clear();
    b.addMessage(ChatMessage.user("c")).putExtraBody("baz", 1);

    assertEquals(1, r.messages().size());
    assertEquals(Arrays.asList("x"), r.stop());
    assertEquals(Arrays.asList("m1"), r.models());
    assertEquals(1, r.logitBias().size());
    assertEquals(Collections.singleton("foo"), r.extraBody().keySet());
    assertEquals(1, ((Map<?, ?>) r.extraBody().get("foo")).size());
    assertEquals(1, r.tools().size());

    assertThrows(
        UnsupportedOperationException.class, () -> r.messages().add(ChatMessage.user("x")));
    assertThrows(UnsupportedOperationException.class, () -> r.stop().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> r.models().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> r.tools().clear());
    assertThrows(UnsupportedOperationException.class, () -> r.logitBias().put("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> r.extraBody().put("x", 1));
    assertThrows(
        UnsupportedOperationException.class, () -> ((Map<?, ?>) r.extraBody().get("foo")).clear());
    assertThrows(
        UnsupportedOperationException.class,
        () -> base().build().tools().add(Tool.function("g", null, null)));
  }

  @Test
  void toBuilderRoundTrip() {
    ChatCompletionRequest full = full();
    ChatCompletionRequest copy = full.toBuilder().build();
    assertEquals(full, copy);
    assertEquals(full.hashCode(), copy.hashCode());
    assertEquals(full.toString(), copy.toString());
    assertNotEquals(full, full.toBuilder().temperature(0.1).build());
    ChatCompletionRequest next = full.toBuilder().addMessage(ChatMessage.assistant("ok")).build();
    assertEquals(full.messages().size() + 1, next.messages().size());
    assertEquals(3, full.messages().size(), "the original is unchanged");
  }

  @Test
  void toStringShowsStructureNotContent() {
    ChatCompletionRequest r = full();
    String s = r.toString();
    assertFalse(s.contains(SECRET), s);
    assertTrue(s.startsWith("ChatCompletionRequest{model=gpt-4o, messages=3, tools=1, "), s);
    assertTrue(s.contains("routing=RoutingOptions{optimize=cost, maxCostPer1m=5.0}"), s);
    assertTrue(
        s.contains(
            "metadata=RequestMetadata{tags=2, userId=<set>, traceId=<set>, customFields=[k1]}"),
        s);
    assertTrue(
        s.contains(
            "extensions=Extensions{thinking=ThinkingOptions{enabled=true, budgetTokens=1024},"
                + " providerOptions=[anthropic]}"),
        s);
    assertTrue(s.endsWith("extraBody=[foo, bar]}"), s);
    assertTrue(s.contains("temperature=0.7"), s);
    assertTrue(s.contains("user=<set>"), s);
    assertTrue(s.contains("stop=1"), s);
  }

  private static ChatCompletionRequest full() {
    return ChatCompletionRequest.builder()
        .model("gpt-4o")
        .addMessage(ChatMessage.system("system " + SECRET))
        .addMessage(
            ChatMessage.user(
                ContentPart.text(SECRET), ContentPart.imageUrl("data:image/png;base64," + SECRET)))
        .addMessage(
            ChatMessage.builder(Role.ASSISTANT).content(SECRET).reasoningContent(SECRET).build())
        .addTool(
            Tool.builder("lookup")
                .description(SECRET)
                .parameters(Map.of("type", "object", "description", SECRET))
                .strict(true)
                .build())
        .toolChoice(ToolChoice.auto())
        .parallelToolCalls(false)
        .temperature(0.7)
        .topP(0.9)
        .maxTokens(100)
        .maxCompletionTokens(200)
        .stop(SECRET)
        .seed(42)
        .n(1)
        .presencePenalty(0.1)
        .frequencyPenalty(-0.1)
        .logitBias(Map.of("50256", -100))
        .logprobs(true)
        .topLogprobs(3)
        .user(SECRET)
        .reasoningEffort("low")
        .responseFormat(
            ResponseFormat.jsonSchema("answer", Map.of("type", "object", "title", SECRET)))
        .streamOptions(StreamOptions.of(true))
        .routing(RoutingOptions.builder().optimize(Optimize.COST).maxCostPer1m(5.0).build())
        .metadata(
            RequestMetadata.builder()
                .addTag(SECRET)
                .addTag("b")
                .userId(SECRET)
                .traceId(SECRET)
                .putCustomField("k1", SECRET)
                .build())
        .extensions(
            Extensions.builder()
                .thinking(ThinkingOptions.enabled(1024))
                .put("anthropic", Map.of("api_key", SECRET))
                .build())
        .putExtraBody("foo", SECRET)
        .putExtraBody("bar", Map.of("nested", SECRET))
        .build();
  }

  private static void setDouble(ChatCompletionRequest.Builder b, String param, double v) {
    switch (param) {
      case "temperature":
        b.temperature(v);
        break;
      case "top_p":
        b.topP(v);
        break;
      case "presence_penalty":
        b.presencePenalty(v);
        break;
      case "frequency_penalty":
        b.frequencyPenalty(v);
        break;
      default:
        throw new AssertionError(param);
    }
  }

  private static Double getDouble(ChatCompletionRequest r, String param) {
    switch (param) {
      case "temperature":
        return r.temperature();
      case "top_p":
        return r.topP();
      case "presence_penalty":
        return r.presencePenalty();
      case "frequency_penalty":
        return r.frequencyPenalty();
      default:
        throw new AssertionError(param);
    }
  }
}
