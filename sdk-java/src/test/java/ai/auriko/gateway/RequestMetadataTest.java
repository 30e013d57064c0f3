package ai.auriko.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.testing.Expect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestMetadataTest {
  // One code point, two UTF-16 units: proves lengths are counted in code points.
  private static final String EMOJI = "😀";

  private static String ofLength(int codePoints) {
    return "a".repeat(codePoints - 1) + EMOJI;
  }

  private static List<String> tags(int count) {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) tags.add("t" + i);
    return tags;
  }

  private static Map<String, String> fields(int count) {
    Map<String, String> f = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) f.put("k" + i, "v");
    return f;
  }

  @Test
  void limitsMatchTheGateway() {
    assertEquals(100, RequestMetadata.MAX_TAGS);
    assertEquals(50, RequestMetadata.MAX_TAG_LENGTH);
    assertEquals(255, RequestMetadata.MAX_ID_LENGTH);
    assertEquals(10, RequestMetadata.MAX_CUSTOM_FIELDS);
    assertEquals(50, RequestMetadata.MAX_CUSTOM_FIELD_KEY_LENGTH);
    assertEquals(200, RequestMetadata.MAX_CUSTOM_FIELD_VALUE_LENGTH);
  }

  @Test
  void tagCount() {
    assertEquals(100, RequestMetadata.builder().tags(tags(100)).build().tags().size());
    Expect.invalid(
        "gateway.metadata.tags",
        () -> RequestMetadata.builder().tags(tags(100)).addTag("one-more").build(),
        "at most 100 tags, got 101");
  }

  @Test
  void tagLengthInCodePoints() {
    String fifty = ofLength(50);
    assertEquals(51, fifty.length(), "51 UTF-16 units");
    assertEquals(fifty, RequestMetadata.builder().addTag(fifty).build().tags().get(0));
    Expect.invalid(
        "gateway.metadata.tags[3]",
        () -> RequestMetadata.builder().tags(tags(3)).addTag(ofLength(51)).build(),
        "at most 50 characters, got 51");
    Expect.invalid(
        "gateway.metadata.tags[0]",
        () -> RequestMetadata.builder().addTag("").build(),
        "at least 1",
        "got 0");
    Expect.invalid(
        "gateway.metadata.tags[1]",
        () -> RequestMetadata.builder().tags(Arrays.asList("a", null)).build(),
        "must not be null");
  }

  @Test
  void idLengths() {
    RequestMetadata m =
        RequestMetadata.builder().userId(ofLength(255)).traceId(ofLength(255)).build();
    assertEquals(ofLength(255), m.userId());
    assertEquals(ofLength(255), m.traceId());
    Expect.invalid(
        "gateway.metadata.user_id",
        () -> RequestMetadata.builder().userId(ofLength(256)).build(),
        "at most 255 characters, got 256");
    Expect.invalid(
        "gateway.metadata.trace_id",
        () -> RequestMetadata.builder().traceId(ofLength(256)).build(),
        "at most 255 characters, got 256");
  }

  @Test
  void customFieldCount() {
    assertEquals(
        10, RequestMetadata.builder().customFields(fields(10)).build().customFields().size());
    Expect.invalid(
        "gateway.metadata.custom_fields",
        () ->
            RequestMetadata.builder().customFields(fields(10)).putCustomField("extra", "v").build(),
        "at most 10 custom fields, got 11");
  }

  @Test
  void customFieldKeyLength() {
    String key50 = ofLength(50);
    assertTrue(
        RequestMetadata.builder()
            .putCustomField(key50, "v")
            .build()
            .customFields()
            .containsKey(key50));
    Expect.invalid(
        "gateway.metadata.custom_fields",
        () -> RequestMetadata.builder().putCustomField(ofLength(51), "v").build(),
        "keys must be 1 to 50 characters, got 51");
    Expect.invalid(
        "gateway.metadata.custom_fields",
        () -> RequestMetadata.builder().putCustomField("", "v").build(),
        "1 to 50",
        "got 0");
  }

  @Test
  void customFieldValueLength() {
    assertEquals(
        ofLength(200),
        RequestMetadata.builder()
            .putCustomField("k", ofLength(200))
            .build()
            .customFields()
            .get("k"));
    Expect.invalid(
        "gateway.metadata.custom_fields.k",
        () -> RequestMetadata.builder().putCustomField("k", ofLength(201)).build(),
        "at most 200 characters, got 201");
    Map<String, String> nullValue = new LinkedHashMap<>();
    nullValue.put("k", null);
    Expect.invalid(
        "gateway.metadata.custom_fields.k",
        () -> RequestMetadata.builder().customFields(nullValue).build(),
        "must not be null");
  }

  @Test
  void builtObjectIsImmutable() {
    List<String> tags = new ArrayList<>(Arrays.asList("a", "b"));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("k", "v");
    RequestMetadata m = RequestMetadata.builder().tags(tags).customFields(fields).build();
    tags.add("c");
    fields.put("k2", "v2");
    assertEquals(Arrays.asList("a", "b"), m.tags());
    assertEquals(Collections.singletonMap("k", "v"), m.customFields());
    assertThrows(UnsupportedOperationException.class, () -> m.tags().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> m.customFields().put("x", "y"));
    assertThrows(
        UnsupportedOperationException.class,
        () -> RequestMetadata.builder().build().tags().add("x"));
  }

  @Test
  void toBuilderRoundTrip() {
    RequestMetadata m =
        RequestMetadata.builder()
            .addTag("a")
            .userId("u")
            .traceId("t")
            .putCustomField("k", "v")
            .build();
    assertEquals(m, m.toBuilder().build());
    assertEquals(m.hashCode(), m.toBuilder().build().hashCode());
    assertFalse(m.isEmpty());
    assertTrue(RequestMetadata.builder().build().isEmpty());
  }

  @Test
  void toStringShowsCountsAndKeysOnly() {
    String secret = "sk-secret-123";
    RequestMetadata m =
        RequestMetadata.builder()
            .addTag(secret)
            .addTag("other")
            .userId(secret)
            .traceId(secret)
            .putCustomField("k1", secret)
            .build();
    String s = m.toString();
    assertFalse(s.contains(secret), s);
    assertEquals("RequestMetadata{tags=2, userId=<set>, traceId=<set>, customFields=[k1]}", s);
  }
}
