package ai.auriko.json.internal;

import ai.auriko.errors.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The validation every request-model builder runs in {@code build()}, so that all of them word
 * their messages the same way: {@code "<param>: <rule>, got <value or size>"}.
 *
 * <p>Messages name the field, the limit and the offending number or size, never the offending text:
 * a rejected string may be message content, a user id or a secret, and exception messages end up in
 * logs. Lengths are counted in Unicode code points, as the gateway counts them, so an emoji is one
 * character and not two UTF-16 units.
 *
 * <p>Not public API; may change without notice.
 */
public final class Checks {
  private Checks() {}

  /**
   * The rule every request with Auriko's model fallback shares: exactly one of {@code model} and
   * {@code models}; a model not blank; 1 to {@code maxModels} models, none blank.
   *
   * @param model the single model, or {@code null}
   * @param models the fallback list, or {@code null}
   * @param maxModels the most models allowed
   * @return the models, unmodifiable; empty when {@code model} is set
   * @throws InvalidRequestException with param {@code model} or {@code models} when the rule is
   *     broken
   */
  public static List<String> modelChoice(
      @Nullable String model, @Nullable List<String> models, int maxModels) {
    // The message does not start with the param here: the rule is about the pair of fields.
    if (model != null && models != null) {
      throw InvalidRequestException.ofField(
          "model", "model/models: exactly one of model or models must be set, got both");
    }
    if (model == null && models == null) {
      throw InvalidRequestException.ofField(
          "model", "model/models: exactly one of model or models must be set, got neither");
    }
    nonBlankIfSet("model", model);
    if (models != null && (models.isEmpty() || models.size() > maxModels)) {
      throw invalid("models", "must list 1 to " + maxModels + " models, got " + models.size());
    }
    return nonBlankEntries("models", models);
  }

  /**
   * Appends {@code , name=value} to a {@code toString()} when the value is set.
   *
   * @param sb the text so far
   * @param name the field's name
   * @param value the value, or {@code null} to append nothing
   */
  public static void field(StringBuilder sb, String name, @Nullable Object value) {
    if (value != null) sb.append(", ").append(name).append('=').append(value);
  }

  /**
   * The exception for a field that fails validation; the message starts with the param so it reads
   * on its own in a log line.
   *
   * @param param the wire path of the field, such as {@code gateway.metadata.tags[3]}
   * @param problem the rule that was broken and what was given, such as {@code "at most 50
   *     characters, got 51"}
   * @return the exception, to be thrown by the caller
   */
  public static InvalidRequestException invalid(String param, String problem) {
    return InvalidRequestException.ofField(param, param + ": " + problem);
  }

  /**
   * Requires a value to be present.
   *
   * @param <T> the value type
   * @param param the wire path of the field
   * @param value the value
   * @return the value, now known to be non-null
   * @throws InvalidRequestException when it is {@code null}
   */
  public static <T> T nonNull(String param, @Nullable T value) {
    if (value == null) throw invalid(param, "must not be null");
    return value;
  }

  /**
   * Requires a string that is present and not only whitespace.
   *
   * @param param the wire path of the field
   * @param value the value
   * @return the value, unchanged
   * @throws InvalidRequestException when it is {@code null} or blank
   */
  public static String nonBlank(String param, @Nullable String value) {
    if (value == null) throw invalid(param, "must not be null");
    if (value.isBlank()) throw invalid(param, "must not be blank, got " + describeLength(value));
    return value;
  }

  /**
   * Like {@link #nonBlank} but lets an unset field through.
   *
   * @param param the wire path of the field
   * @param value the value, or {@code null} when unset
   * @return the value, unchanged
   * @throws InvalidRequestException when it is set and blank
   */
  public static @Nullable String nonBlankIfSet(String param, @Nullable String value) {
    return value == null ? null : nonBlank(param, value);
  }

  /**
   * The length of a string in Unicode code points, the unit every length limit is stated in.
   *
   * @param value the string
   * @return the number of code points
   */
  public static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  /**
   * Requires a string of at most {@code max} code points.
   *
   * @param param the wire path of the field
   * @param value the value, or {@code null} when unset (accepted)
   * @param max the largest accepted length
   * @throws InvalidRequestException when it is longer
   */
  public static void maxLength(String param, @Nullable String value, int max) {
    if (value == null) return;
    int len = length(value);
    if (len > max) throw invalid(param, "at most " + max + " characters, got " + len);
  }

  /**
   * Requires a string of {@code min} to {@code max} code points.
   *
   * @param param the wire path of the field
   * @param value the value
   * @param min the smallest accepted length
   * @param max the largest accepted length
   * @throws InvalidRequestException when it is {@code null}, shorter or longer
   */
  public static void length(String param, @Nullable String value, int min, int max) {
    if (value == null) throw invalid(param, "must not be null");
    int len = length(value);
    if (len < min) {
      throw invalid(
          param, "at least " + min + (min == 1 ? " character" : " characters") + ", got " + len);
    }
    if (len > max) throw invalid(param, "at most " + max + " characters, got " + len);
  }

  /**
   * Requires a finite number in {@code [min, max]}. NaN and the infinities are rejected by the
   * range test itself, since every comparison with NaN is false.
   *
   * @param param the wire path of the field
   * @param value the value, or {@code null} when unset (accepted)
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @throws InvalidRequestException when it is outside the range or not finite
   */
  public static void range(String param, @Nullable Double value, double min, double max) {
    if (value == null) return;
    double v = value;
    if (!(v >= min && v <= max)) {
      throw invalid(
          param, "must be between " + number(min) + " and " + number(max) + ", got " + number(v));
    }
  }

  /**
   * Requires a finite number of at least {@code min}.
   *
   * @param param the wire path of the field
   * @param value the value, or {@code null} when unset (accepted)
   * @param min the smallest accepted value
   * @throws InvalidRequestException when it is smaller or not finite
   */
  public static void atLeast(String param, @Nullable Double value, double min) {
    if (value == null) return;
    double v = value;
    // Positive infinity passes v >= min, but it has no JSON spelling: reject it by name.
    if (Double.isInfinite(v) && v > 0) {
      throw invalid(
          param, "must be a finite number of at least " + number(min) + ", got " + number(v));
    }
    if (!(v >= min)) throw invalid(param, "must be at least " + number(min) + ", got " + number(v));
  }

  /**
   * Requires an integer in {@code [min, max]}.
   *
   * @param param the wire path of the field
   * @param value the value, or {@code null} when unset (accepted)
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @throws InvalidRequestException when it is outside the range
   */
  public static void range(String param, @Nullable Integer value, int min, int max) {
    if (value == null) return;
    int v = value;
    if (v < min || v > max)
      throw invalid(param, "must be between " + min + " and " + max + ", got " + v);
  }

  /**
   * Requires an integer of at least {@code min}.
   *
   * @param param the wire path of the field
   * @param value the value, or {@code null} when unset (accepted)
   * @param min the smallest accepted value
   * @throws InvalidRequestException when it is smaller
   */
  public static void atLeast(String param, @Nullable Integer value, int min) {
    if (value == null) return;
    int v = value;
    if (v < min) throw invalid(param, "must be at least " + min + ", got " + v);
  }

  /**
   * Requires a name of 1 to 64 characters from {@code [A-Za-z0-9_-]}, the rule OpenAI applies to
   * function and schema names. The message gives the length or the position of the first bad
   * character rather than the name, so nothing the caller typed is echoed.
   *
   * @param param the wire path of the field
   * @param value the name
   * @return the name, unchanged
   * @throws InvalidRequestException when it does not match
   */
  public static String identifier(String param, @Nullable String value) {
    String rule = "must be 1 to 64 characters from [A-Za-z0-9_-]";
    if (value == null) throw invalid(param, "must not be null");
    int len = value.length();
    if (len == 0 || len > 64) throw invalid(param, rule + ", got " + length(value) + " characters");
    for (int i = 0; i < len; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) throw invalid(param, rule + ", got a character outside that set at index " + i);
    }
    return value;
  }

  /**
   * Copies a list, rejecting {@code null} entries; the copy is unmodifiable.
   *
   * @param <T> the element type
   * @param param the wire path of the list; entries are reported as {@code param[i]}
   * @param list the list, or {@code null} for an empty result
   * @return an unmodifiable copy
   * @throws InvalidRequestException when an entry is {@code null}
   */
  public static <T> List<T> nonNullEntries(
      String param, @Nullable List<? extends @Nullable T> list) {
    if (list == null || list.isEmpty()) return Collections.emptyList();
    List<T> copy = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) copy.add(nonNull(param + "[" + i + "]", list.get(i)));
    return Collections.unmodifiableList(copy);
  }

  /**
   * Copies a list of strings, rejecting {@code null} and blank entries; the copy is unmodifiable.
   *
   * @param param the wire path of the list; entries are reported as {@code param[i]}
   * @param list the list, or {@code null} for an empty result
   * @return an unmodifiable copy
   * @throws InvalidRequestException when an entry is {@code null} or blank
   */
  public static List<String> nonBlankEntries(
      String param, @Nullable List<? extends @Nullable String> list) {
    if (list == null || list.isEmpty()) return Collections.emptyList();
    List<String> copy = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) copy.add(nonBlank(param + "[" + i + "]", list.get(i)));
    return Collections.unmodifiableList(copy);
  }

  /**
   * Copies a map into an unmodifiable map that keeps the caller's order.
   *
   * @param <V> the value type
   * @param map the map, or {@code null} for an empty result
   * @return an unmodifiable copy
   */
  public static <V> Map<String, V> copy(@Nullable Map<String, V> map) {
    if (map == null || map.isEmpty()) return Collections.emptyMap();
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * Copies free-form JSON fields (extra body, provider options) after checking their keys and
   * values.
   *
   * @param prefix the wire path the fields live under; each is reported as {@code prefix.key}
   * @param fields the fields, or {@code null} for none
   * @return an unmodifiable, deeply immutable copy in the caller's order
   * @throws InvalidRequestException when a key is {@code null} or blank or a value is not
   *     JSON-representable
   */
  public static Map<String, @Nullable Object> jsonFields(
      String prefix, @Nullable Map<String, ? extends @Nullable Object> fields) {
    if (fields == null || fields.isEmpty()) return Collections.emptyMap();
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends @Nullable Object> e : fields.entrySet()) {
      String key = e.getKey();
      // Checked even though the type says String: raw maps from Java callers can hold anything.
      if (key == null) throw invalid(prefix, "keys must not be null");
      if (key.isBlank())
        throw invalid(prefix, "keys must not be blank, got " + describeLength(key));
      copy.put(key, JsonValues.copyOf(prefix + "." + key, e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Writes a number the way people read it in a message: {@code 2} rather than {@code 2.0}, {@code
   * 0.5}, {@code NaN}, {@code Infinity}.
   *
   * @param value the number
   * @return its text
   */
  public static String number(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * Describes a string by its length only, for messages and {@code toString()}.
   *
   * @param value the string
   * @return for example {@code "3 characters"}
   */
  public static String describeLength(String value) {
    int len = length(value);
    return len + (len == 1 ? " character" : " characters");
  }
}
