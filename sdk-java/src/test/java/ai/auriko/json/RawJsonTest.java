package ai.auriko.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.auriko.errors.InvalidRequestException;
import ai.auriko.testing.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RawJsonTest {

  static Stream<String> valid() {
    return Stream.of(
        "0",
        "-0",
        "12",
        "-12.5",
        "1e10",
        "1E+2",
        "-0.5e-3",
        "true",
        "false",
        "null",
        "\"\"",
        "\"text\"",
        "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"",
        "\"😀 é\"",
        "\"\\ud800\"", // an escaped lone surrogate is grammatical
        "[]",
        "{}",
        "[1, 2, 3]",
        "{\"a\": 1, \"b\": [true, null, {\"c\": \"d\"}]}",
        " \t\r\n{ \"a\" : [ ] } \n",
        "[[[[]]]]",
        nested(512));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void acceptsValidJson(String json) {
    assertEquals(json, RawJson.of(json).json());
  }

  // text, offset of the first offending character
  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", 0),
        Arguments.of("   ", 3),
        Arguments.of("01", 0),
        Arguments.of("-01", 1),
        Arguments.of("1.", 2),
        Arguments.of(".5", 0),
        Arguments.of("+1", 0),
        Arguments.of("1e", 2),
        Arguments.of("1e+", 3),
        Arguments.of("--1", 1),
        Arguments.of("NaN", 0),
        Arguments.of("Infinity", 0),
        Arguments.of("-Infinity", 1),
        Arguments.of("tru", 0),
        Arguments.of("nul", 0),
        Arguments.of("True", 0),
        Arguments.of("[1,]", 3),
        Arguments.of("[,1]", 1),
        Arguments.of("{\"a\":1,}", 7),
        Arguments.of("{a:1}", 1),
        Arguments.of("{\"a\" 1}", 5),
        Arguments.of("{\"a\"}", 4),
        Arguments.of("[1 2]", 3),
        Arguments.of("[1}", 2),
        Arguments.of("{\"a\":1]", 6),
        Arguments.of("[", 1),
        Arguments.of("{", 1),
        Arguments.of("[1", 2),
        Arguments.of("{} {}", 3),
        Arguments.of("[1]]", 3),
        Arguments.of("true false", 5),
        Arguments.of("{\"a\":1}x", 7),
        Arguments.of("1 // comment", 2),
        Arguments.of("\"abc", 0),
        Arguments.of("\"\\x\"", 1),
        Arguments.of("\"\\u12\"", 1),
        Arguments.of("\"\\u12G4\"", 1),
        Arguments.of("\"a\u0001\"", 2),
        Arguments.of("\"a\nb\"", 2),
        Arguments.of("\"\uD800\"", 1),
        Arguments.of("\"\uDC00\"", 1),
        Arguments.of("\uFEFF{}", 0),
        Arguments.of("'a'", 0),
        Arguments.of("\u00a0{}", 0),
        Arguments.of("\u0661", 0), // ARABIC-INDIC DIGIT ONE is not a JSON digit
        Arguments.of(nested(513), 512));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsInvalidJsonWithOffset(String json, int offset) {
    Expect.invalid("json", () -> RawJson.of(json), "not valid JSON at offset " + offset + " ");
  }

  @Test
  void depthErrorNamesTheLimit() {
    Expect.invalid("json", () -> RawJson.of(nested(513)), "at offset 512", "512");
    String objects = "{\"a\":".repeat(512) + "1" + "}".repeat(512);
    RawJson.of(objects);
    String tooDeep = "{\"a\":".repeat(513) + "1" + "}".repeat(513);
    Expect.invalid("json", () -> RawJson.of(tooDeep), "512");
  }

  @Test
  void hugeNestingIsRejectedWithoutOverflowingTheStack() {
    String json = "[".repeat(1_000_000);
    Expect.invalid("json", () -> RawJson.of(json), "512");
  }

  @Test
  void longFlatInputIsAccepted() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 100_000; i++) sb.append(i == 0 ? "" : ",").append("{\"k\":\"v\"}");
    RawJson.of(sb.append(']').toString());
  }

  @Test
  void nullIsRejected() {
    Expect.invalid("json", () -> RawJson.of(nullString()), "must not be null");
  }

  @Test
  void errorMessageNeverQuotesTheText() {
    InvalidRequestException e =
        Expect.invalid("json", () -> RawJson.of("{\"api_key\": \"sk-secret-123\""), "offset");
    assertFalse(e.getMessage().contains("sk-secret-123"), e.getMessage());
  }

  @Test
  void equalityIsByTextAndToStringShowsOnlyTheLength() {
    RawJson a = RawJson.of("{\"key\":\"sk-secret-123\"}");
    assertEquals(a, RawJson.of("{\"key\":\"sk-secret-123\"}"));
    assertEquals(a.hashCode(), RawJson.of("{\"key\":\"sk-secret-123\"}").hashCode());
    assertNotEquals(a, RawJson.of("{ \"key\":\"sk-secret-123\"}"));
    assertEquals("RawJson{length=23}", a.toString());
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  // Breaks the non-null contract on purpose, as a Java caller can.
  private static String nullString() {
    return null;
  }
}
