package ai.auriko.client.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.errors.InvalidRequestException;
import ai.auriko.json.RawJson;
import ai.auriko.request.chat.ResponseFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schemas from Java: a map built the Java way (kept in order, sent as JSON), JSON text, or a Kotlin
 * type's descriptor; strict unless asked otherwise.
 */
class SchemaJavaTest {

  private static Map<String, Object> weatherSchema() {
    Map<String, Object> city = new LinkedHashMap<>();
    city.put("type", "string");
    Map<String, Object> temperature = new LinkedHashMap<>();
    temperature.put("type", Arrays.asList("number", "null"));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("city", city);
    properties.put("temperature", temperature);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", Arrays.asList("city", "temperature"));
    schema.put("additionalProperties", false);
    return schema;
  }

  @Test
  void aMapBecomesTheSchemaJsonStrictByDefault() {
    Map<String, Object> map = weatherSchema();
    JsonSchema schema = JsonSchema.of("weather", map);
    assertEquals("weather", schema.getName());
    assertTrue(schema.getStrict());
    assertNull(schema.getDescription());
    assertEquals(
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"temperature\":{\"type\":[\"number\",\"null\"]}},"
            + "\"required\":[\"city\",\"temperature\"],\"additionalProperties\":false}",
        schema.getSchema().json());
    map.put("type", "array"); // copied: a later change to the caller's map does not leak in
    assertTrue(schema.getSchema().json().startsWith("{\"type\":\"object\""));
  }

  @Test
  void aMapWithTheOptionalFieldsAndItsResponseFormat() {
    JsonSchema schema = JsonSchema.of("weather", weatherSchema(), false, "today's weather");
    assertFalse(schema.getStrict());
    ResponseFormat format = schema.toResponseFormat();
    assertEquals(ResponseFormat.Type.JSON_SCHEMA, format.type());
    assertEquals("weather", format.schemaName());
    assertEquals(Boolean.FALSE, format.strict());
    assertEquals("today's weather", format.description());
    assertSame(schema.getSchema(), format.schema());
  }

  @Test
  void aMapThatIsNotJsonOrABadNameIsTheTypedError() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("type", new Object());
    assertThrows(InvalidRequestException.class, () -> JsonSchema.of("weather", bad));
    assertThrows(InvalidRequestException.class, () -> JsonSchema.of("no spaces", weatherSchema()));
  }

  @Test
  void jsonTextAndAKotlinTypeDescriptor() {
    JsonSchema fromText = JsonSchema.of("w", RawJson.of("{\"type\":\"object\"}"));
    assertEquals("{\"type\":\"object\"}", fromText.getSchema().json());

    JsonSchema generated =
        JsonSchema.of(Weather.Companion.serializer().getDescriptor(), null, null);
    assertEquals("Weather", generated.getName());
    assertTrue(generated.getStrict());
    List<String> expectedStart =
        Arrays.asList("{\"type\":\"object\"", "\"description\":\"Today's weather in one city\"");
    assertTrue(generated.getSchema().json().startsWith(String.join(",", expectedStart)));
  }
}
