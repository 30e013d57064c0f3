package ai.auriko.request.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.json.RawJson;
import ai.auriko.testing.Expect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatTypesTest {
  private static final String SECRET = "sk-secret-123";
  private static final String NAME_64 = "a".repeat(64);
  private static final String NAME_65 = "a".repeat(65);

  @Test
  void contentParts() {
    ContentPart text = ContentPart.text("hello");
    assertEquals(ContentPart.Type.TEXT, text.type());
    assertEquals("text", text.type().wireName());
    assertEquals("hello", text.text());
    assertNull(text.imageUrl());

    ContentPart image = ContentPart.imageUrl("https://example.com/a.png", ImageDetail.HIGH);
    assertEquals("image_url", image.type().wireName());
    assertEquals("https://example.com/a.png", image.imageUrl());
    assertEquals(ImageDetail.HIGH, image.imageDetail());
    assertEquals("high", ImageDetail.HIGH.wireName());
    assertNull(ContentPart.imageUrl("https://example.com/a.png").imageDetail());
    assertEquals(image, ContentPart.imageUrl("https://example.com/a.png", ImageDetail.HIGH));

    Expect.invalid("image_url.url", () -> ContentPart.imageUrl(" "), "blank");
    assertFalse(ContentPart.text(SECRET).toString().contains(SECRET));
    assertFalse(ContentPart.imageUrl("https://x/?sig=" + SECRET).toString().contains(SECRET));
  }

  @Test
  void toolCalls() {
    ToolCall c = ToolCall.function("call_1", "lookup", "{not json");
    assertEquals("function", c.type());
    assertEquals("{not json", c.arguments(), "arguments are kept as the model wrote them");
    Expect.invalid("id", () -> ToolCall.function("", "lookup", "{}"), "blank");
    Expect.invalid("function.name", () -> ToolCall.function("call_1", " ", "{}"), "blank");
    assertFalse(ToolCall.function("call_1", "f", SECRET).toString().contains(SECRET));
  }

  @Test
  void toolNames() {
    assertEquals(NAME_64, Tool.function(NAME_64, null, null).name());
    assertEquals("get_weather-2", Tool.builder("get_weather-2").build().name());
    Expect.invalid(
        "tools[].function.name",
        () -> Tool.function(NAME_65, null, null),
        "[A-Za-z0-9_-]",
        "64",
        "got 65");
    Expect.invalid("tools[].function.name", () -> Tool.function("", null, null), "64", "got 0");
    Expect.invalid(
        "tools[].function.name", () -> Tool.function("get weather", null, null), "index 3");
    Expect.invalid("tools[].function.name", () -> Tool.function("café", null, null), "index 3");
  }

  @Test
  void toolParameters() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("city", Map.of("type", "string"));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    Tool t = Tool.builder("lookup").description("Looks up").parameters(schema).strict(true).build();
    props.put("later", 1);
    assertEquals(1, ((Map<?, ?>) ((Map<?, ?>) t.parameters()).get("properties")).size());
    assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) t.parameters()).clear());
    assertEquals(Boolean.TRUE, t.strict());
    assertEquals("function", t.type());
    Tool same =
        Tool.builder("lookup").description("Looks up").parameters(schema).strict(true).build();
    assertFalse(t.equals(same), "schema changed in between: props now has \"later\"");
    props.remove("later");
    Tool again =
        Tool.builder("lookup").description("Looks up").parameters(schema).strict(true).build();
    assertEquals(t, again);
    assertEquals(t.hashCode(), again.hashCode());

    RawJson raw = RawJson.of("{\"type\":\"object\"}");
    assertSame(raw, Tool.builder("lookup").parameters(raw).build().parameters());
    Expect.invalid(
        "tools[].function.parameters",
        () -> Tool.builder("lookup").parameters(RawJson.of("[1]")).build(),
        "must be a JSON object");
    Expect.invalid(
        "tools[].function.parameters.bad",
        () -> Tool.function("lookup", null, Map.of("bad", new Object())),
        "unsupported value type java.lang.Object");

    Tool secret = Tool.function("lookup", SECRET, Map.of("description", SECRET));
    assertFalse(secret.toString().contains(SECRET), secret.toString());
    assertEquals("Tool{type=function, name=lookup, parameters=set}", secret.toString());
  }

  @Test
  void toolChoice() {
    assertEquals(ToolChoice.Mode.AUTO, ToolChoice.auto().mode());
    assertEquals("none", ToolChoice.none().mode().wireName());
    assertEquals("required", ToolChoice.required().mode().wireName());
    ToolChoice f = ToolChoice.function("lookup");
    assertEquals(ToolChoice.Mode.FUNCTION, f.mode());
    assertEquals("function", f.mode().wireName());
    assertEquals("lookup", f.functionName());
    assertNull(ToolChoice.auto().functionName());
    assertEquals(f, ToolChoice.function("lookup"));
    Expect.invalid("tool_choice.function.name", () -> ToolChoice.function(NAME_65), "64", "got 65");
  }

  @Test
  void responseFormats() {
    assertEquals("text", ResponseFormat.text().type().wireName());
    assertEquals("json_object", ResponseFormat.jsonObject().type().wireName());
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    ResponseFormat f = ResponseFormat.jsonSchema(NAME_64, schema, true, "An answer");
    schema.put("later", 1);
    assertEquals(ResponseFormat.Type.JSON_SCHEMA, f.type());
    assertEquals("json_schema", f.type().wireName());
    assertEquals(NAME_64, f.schemaName());
    assertEquals(Map.of("type", "object"), f.schema());
    assertEquals(Boolean.TRUE, f.strict());
    assertEquals("An answer", f.description());
    assertNull(ResponseFormat.text().schemaName());

    RawJson raw = RawJson.of("{\"type\":\"object\"}");
    assertSame(raw, ResponseFormat.jsonSchema("a", raw).schema());
    Expect.invalid(
        "response_format.json_schema.name",
        () -> ResponseFormat.jsonSchema(NAME_65, Map.of()),
        "64",
        "got 65");
    Expect.invalid(
        "response_format.json_schema.schema",
        () -> ResponseFormat.jsonSchema("a", RawJson.of("\"x\"")),
        "must be a JSON object");
    ResponseFormat secret = ResponseFormat.jsonSchema("a", Map.of("title", SECRET));
    assertFalse(secret.toString().contains(SECRET));
    assertEquals(secret, ResponseFormat.jsonSchema("a", Map.of("title", SECRET)));
  }

  @Test
  void streamOptions() {
    assertTrue(StreamOptions.of(true).includeUsage());
    assertFalse(StreamOptions.of(false).includeUsage());
    assertEquals(StreamOptions.of(true), StreamOptions.of(true));
  }

  @Test
  void varargsFactoriesCopy() {
    List<ContentPart> parts = new ArrayList<>(Arrays.asList(ContentPart.text("a")));
    ContentPart[] array = parts.toArray(new ContentPart[0]);
    ChatMessage m = ChatMessage.user(array);
    array[0] = ContentPart.text("changed");
    assertEquals("a", m.contentParts().get(0).text());
  }
}
