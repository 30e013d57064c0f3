package ai.auriko.request.responses;

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
import ai.auriko.request.chat.ResponseFormat;
import ai.auriko.request.chat.Tool;
import ai.auriko.request.chat.ToolChoice;
import ai.auriko.testing.Expect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseRequestTest {
  private static final String SECRET = "sk-secret-123";

  private static ResponseRequest.Builder base() {
    return ResponseRequest.builder().model("gpt-4o").input("hi");
  }

  private static ResponseRequest build(Consumer<ResponseRequest.Builder> setup) {
    ResponseRequest.Builder b = base();
    setup.accept(b);
    return b.build();
  }

  private static List<String> models(int count) {
    List<String> m = new ArrayList<>();
    for (int i = 0; i < count; i++) m.add("model-" + i);
    return m;
  }

  private static String repeat(char c, int n) {
    char[] a = new char[n];
    Arrays.fill(a, c);
    return new String(a);
  }

  @Test
  void minimalRequest() {
    ResponseRequest r = base().build();
    assertEquals("gpt-4o", r.model());
    assertEquals(Collections.emptyList(), r.models());
    assertEquals("hi", r.inputText());
    assertEquals(Collections.emptyList(), r.inputItems());
    assertEquals(Collections.emptyList(), r.tools());
    assertEquals(Collections.emptyMap(), r.responseMetadata());
    assertEquals(Collections.emptyMap(), r.extraBody());
    assertNull(r.instructions());
    assertNull(r.toolChoice());
    assertNull(r.parallelToolCalls());
    assertNull(r.temperature());
    assertNull(r.topP());
    assertNull(r.maxOutputTokens());
    assertNull(r.reasoning());
    assertNull(r.textFormat());
    assertNull(r.previousResponseId());
    assertNull(r.store());
    assertNull(r.user());
    assertNull(r.routing());
    assertNull(r.metadata());
    assertNull(r.extensions());
  }

  @Test
  void exactlyOneOfModelAndModels() {
    InvalidRequestException both =
        Expect.invalid("model", () -> build(b -> b.models("a", "b")), "got both");
    assertTrue(
        both.getMessage()
            .endsWith("model/models: exactly one of model or models must be set, got both"),
        both.getMessage());
    Expect.invalid("model", () -> build(b -> b.model(null)), "got neither");
    ResponseRequest r = build(b -> b.model(null).models("a", "b"));
    assertNull(r.model());
    assertEquals(Arrays.asList("a", "b"), r.models());
  }

  @Test
  void modelMustNotBeBlank() {
    Expect.invalid("model", () -> build(b -> b.model(" ")), "must not be blank");
  }

  @Test
  void modelsCountAndEntries() {
    Expect.invalid("models", () -> build(b -> b.model(null).models(models(0))), "1 to 10", "got 0");
    Expect.invalid(
        "models", () -> build(b -> b.model(null).models(models(11))), "1 to 10", "got 11");
    assertEquals(10, build(b -> b.model(null).models(models(10))).models().size());
    Expect.invalid("models[1]", () -> build(b -> b.model(null).models("a", " ")), "blank");
    Expect.invalid(
        "models[0]", () -> build(b -> b.model(null).models(Arrays.asList((String) null))), "null");
  }

  @Test
  void inputIsRequired() {
    Expect.invalid(
        "input",
        () -> ResponseRequest.builder().model("m").build(),
        "a string or at least 1 input item is required, got none");
    Expect.invalid("input", () -> build(b -> b.input((String) null)), "got none");
    Expect.invalid("input", () -> build(b -> b.input(Collections.emptyList())), "got none");
    // An empty string is a valid input.
    assertEquals("", build(b -> b.input("")).inputText());
  }

  @Test
  void inputItemsMustNotBeNull() {
    List<ResponseInputItem> items = new ArrayList<>();
    items.add(ResponseInputItem.user("a"));
    items.add(null);
    Expect.invalid("input[1]", () -> build(b -> b.input(items)), "must not be null");
  }

  @Test
  void inputTextAndItemsReplaceEachOther() {
    ResponseRequest items = build(b -> b.input(ResponseInputItem.user("a")));
    assertNull(items.inputText());
    assertEquals(1, items.inputItems().size());

    ResponseRequest text = build(b -> b.addInput(ResponseInputItem.user("a")).input("b"));
    assertEquals("b", text.inputText());
    assertEquals(Collections.emptyList(), text.inputItems());

    ResponseRequest added =
        build(b -> b.addInput(ResponseInputItem.user("a")).addInput(ResponseInputItem.user("b")));
    assertNull(added.inputText());
    assertEquals(2, added.inputItems().size());
  }

  @ParameterizedTest
  @CsvSource({
    "temperature, -0.01, 0, 2",
    "temperature, 2.01, 0, 2",
    "temperature, NaN, 0, 2",
    "temperature, Infinity, 0, 2",
    "top_p, -0.01, 0, 1",
    "top_p, 1.01, 0, 1",
    "top_p, NaN, 0, 1"
  })
  void doubleRanges(String param, double value, String min, String max) {
    Expect.invalid(
        param,
        () ->
            build(
                b -> {
                  if (param.equals("temperature")) b.temperature(value);
                  else b.topP(value);
                }),
        "between " + min + " and " + max);
  }

  @Test
  void doubleRangeBoundsAreAccepted() {
    assertEquals(0.0, build(b -> b.temperature(0.0)).temperature());
    assertEquals(2.0, build(b -> b.temperature(2.0)).temperature());
    assertEquals(0.0, build(b -> b.topP(0.0)).topP());
    assertEquals(1.0, build(b -> b.topP(1.0)).topP());
  }

  @Test
  void maxOutputTokensIsPositive() {
    Expect.invalid(
        "max_output_tokens", () -> build(b -> b.maxOutputTokens(0)), "at least 1", "got 0");
    Expect.invalid("max_output_tokens", () -> build(b -> b.maxOutputTokens(-5)), "got -5");
    assertEquals(1, build(b -> b.maxOutputTokens(1)).maxOutputTokens());
  }

  @Test
  void previousResponseIdMustNotBeBlank() {
    Expect.invalid(
        "previous_response_id", () -> build(b -> b.previousResponseId("  ")), "must not be blank");
    assertEquals("resp_1", build(b -> b.previousResponseId("resp_1")).previousResponseId());
  }

  @Test
  void toolsMustNotHoldNull() {
    List<Tool> tools = new ArrayList<>();
    tools.add(null);
    Expect.invalid("tools[0]", () -> build(b -> b.tools(tools)), "must not be null");
  }

  @Test
  void metadataPairCount() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < 16; i++) m.put("k" + i, "v");
    assertEquals(16, build(b -> b.responseMetadata(m)).responseMetadata().size());
    m.put("k16", "v");
    Expect.invalid("metadata", () -> build(b -> b.responseMetadata(m)), "at most 16", "got 17");
  }

  @Test
  void metadataKeyLength() {
    String ok = repeat('k', 64);
    assertEquals("v", build(b -> b.putResponseMetadata(ok, "v")).responseMetadata().get(ok));
    Expect.invalid(
        "metadata",
        () -> build(b -> b.putResponseMetadata(ok + "k", "v")),
        "1 to 64 characters",
        "got 65");
    Expect.invalid("metadata", () -> build(b -> b.putResponseMetadata("", "v")), "got 0");
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    Expect.invalid(
        "metadata", () -> build(b -> b.responseMetadata(nullKey)), "keys must not be null");
  }

  @Test
  void metadataValueLength() {
    String ok = repeat('v', 512);
    assertEquals(ok, build(b -> b.putResponseMetadata("k", ok)).responseMetadata().get("k"));
    Expect.invalid(
        "metadata.k",
        () -> build(b -> b.putResponseMetadata("k", ok + "v")),
        "at most 512 characters",
        "got 513");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    Expect.invalid(
        "metadata.k", () -> build(b -> b.responseMetadata(nullValue)), "must not be null");
  }

  @Test
  void metadataKeepsOrderAndIsUnmodifiable() {
    ResponseRequest r = build(b -> b.putResponseMetadata("b", "1").putResponseMetadata("a", "2"));
    assertEquals(Arrays.asList("b", "a"), new ArrayList<>(r.responseMetadata().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> r.responseMetadata().put("c", "3"));
    ResponseRequest cleared = r.toBuilder().responseMetadata(null).build();
    assertEquals(Collections.emptyMap(), cleared.responseMetadata());
  }

  @Test
  void extraBodyIsChecked() {
    Expect.invalid("extra_body", () -> build(b -> b.putExtraBody(" ", 1)), "blank");
    Expect.invalid("extra_body.when", () -> build(b -> b.putExtraBody("when", new Date())), "when");
    ResponseRequest r = build(b -> b.putExtraBody("x", null).putExtraBody("y", List.of(1)));
    assertTrue(r.extraBody().containsKey("x"));
    assertNull(r.extraBody().get("x"));
    assertEquals(List.of(1), r.extraBody().get("y"));
    assertEquals(Collections.emptyMap(), r.toBuilder().extraBody(null).build().extraBody());
  }

  @Test
  void builderCopiesLists() {
    List<ResponseInputItem> items = new ArrayList<>();
    items.add(ResponseInputItem.user("a"));
    List<Tool> tools = new ArrayList<>();
    tools.add(Tool.function("f", null, null));
    ResponseRequest.Builder b = base().input(items).tools(tools);
    items.add(ResponseInputItem.user("b"));
    tools.clear();
    ResponseRequest r = b.build();
    assertEquals(1, r.inputItems().size());
    assertEquals(1, r.tools().size());
    assertThrows(
        UnsupportedOperationException.class, () -> r.inputItems().add(ResponseInputItem.user("c")));
    assertThrows(UnsupportedOperationException.class, () -> r.tools().clear());
  }

  @Test
  void fullRequestKeepsEveryField() {
    ResponseRequest r = full();
    assertEquals("gpt-4o", r.model());
    assertEquals(4, r.inputItems().size());
    assertEquals("be brief", r.instructions());
    assertEquals("get_weather", r.tools().get(0).name());
    assertEquals(ToolChoice.function("get_weather"), r.toolChoice());
    assertEquals(false, r.parallelToolCalls());
    assertEquals(0.5, r.temperature());
    assertEquals(0.9, r.topP());
    assertEquals(256, r.maxOutputTokens());
    assertEquals(Reasoning.of("high", "auto"), r.reasoning());
    assertEquals(ResponseFormat.Type.JSON_SCHEMA, r.textFormat().type());
    assertEquals("resp_1", r.previousResponseId());
    assertEquals(false, r.store());
    assertEquals(SECRET, r.user());
    assertEquals(Map.of("k", SECRET), r.responseMetadata());
    assertEquals(Optimize.COST, r.routing().optimize());
    assertEquals(SECRET, r.metadata().userId());
    assertFalse(r.extensions().isEmpty());
    assertEquals(SECRET, r.extraBody().get("foo"));
  }

  @Test
  void toBuilderRoundTripsAndEqualityIsByValue() {
    ResponseRequest r = full();
    ResponseRequest copy = r.toBuilder().build();
    assertEquals(r, copy);
    assertEquals(r.hashCode(), copy.hashCode());
    assertNotEquals(r, r.toBuilder().temperature(0.6).build());
    assertNotEquals(r, r.toBuilder().putResponseMetadata("k2", "v").build());
    assertNotEquals(r, r.toBuilder().input("text").build());
    assertEquals(base().build(), base().build());
    assertEquals(base().build(), base().build().toBuilder().build());
  }

  @Test
  void toStringShowsStructureOnly() {
    String s = full().toString();
    assertFalse(s.contains(SECRET), s);
    assertFalse(s.contains("be brief"), s);
    assertTrue(s.contains("model=gpt-4o"), s);
    assertTrue(s.contains("input=<4 items>"), s);
    assertTrue(s.contains("tools=1"), s);
    assertTrue(s.contains("maxOutputTokens=256"), s);
    assertTrue(s.contains("responseMetadata=[k]"), s);
    assertTrue(s.contains("extraBody=[foo, bar]"), s);
    String text = build(b -> b.input(SECRET)).toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("input=<text, 13 characters>"), text);
  }

  private static ResponseRequest full() {
    return base()
        .input(
            ResponseInputItem.user(SECRET),
            ResponseInputItem.functionCall(
                "call_1", "get_weather", "{\"city\":\"" + SECRET + "\"}"),
            ResponseInputItem.functionCallOutput("call_1", SECRET),
            ResponseInputItem.reasoning("rs_1", List.of(SECRET), SECRET))
        .instructions("be brief")
        .addTool(
            Tool.builder("get_weather")
                .description(SECRET)
                .parameters(Map.of("type", "object"))
                .strict(true)
                .build())
        .toolChoice(ToolChoice.function("get_weather"))
        .parallelToolCalls(false)
        .temperature(0.5)
        .topP(0.9)
        .maxOutputTokens(256)
        .reasoning(Reasoning.of("high", "auto"))
        .textFormat(ResponseFormat.jsonSchema("answer", Map.of("type", "object", "title", SECRET)))
        .previousResponseId("resp_1")
        .store(false)
        .user(SECRET)
        .putResponseMetadata("k", SECRET)
        .routing(RoutingOptions.builder().optimize(Optimize.COST).maxCostPer1m(5.0).build())
        .metadata(RequestMetadata.builder().addTag(SECRET).userId(SECRET).build())
        .extensions(
            Extensions.builder()
                .thinking(ThinkingOptions.enabled(1024))
                .put("anthropic", Map.of("api_key", SECRET))
                .build())
        .putExtraBody("foo", SECRET)
        .putExtraBody("bar", Map.of("nested", SECRET))
        .build();
  }
}
