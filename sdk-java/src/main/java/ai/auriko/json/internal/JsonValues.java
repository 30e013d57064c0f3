package ai.auriko.json.internal;

import ai.auriko.json.RawJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validates free-form values (extra body fields, provider options, tool schemas given as maps) and
 * copies them into deeply immutable JSON values.
 *
 * <p>The copy contains only these types, which is the contract encoders rely on (the Kotlin encoder
 * walks them with an exhaustive {@code when}):
 *
 * <ul>
 *   <li>{@code null} (JSON null), {@link String}, {@link Boolean}, {@link RawJson};
 *   <li>{@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger}, {@link
 *       BigDecimal} (subclasses of the last two are converted to the plain class, since a subclass
 *       could be mutable), and finite {@link Double} and {@link Float};
 *   <li>an unmodifiable {@code Map<String, Object>} with insertion order kept (from any {@link Map}
 *       whose keys are all non-null strings; values may be null);
 *   <li>an unmodifiable {@code List<Object>} (from any {@link Collection} or object array; entries
 *       may be null).
 * </ul>
 *
 * <p>Anything else is rejected with an {@link ai.auriko.errors.InvalidRequestException} whose param
 * is the path to the offending value, such as {@code extra_body.foo.bar[2]}. Nesting is capped at
 * {@link #MAX_DEPTH} containers, which bounds the recursion and also catches a map or list that
 * contains itself.
 *
 * <p>Not public API; may change without notice.
 */
public final class JsonValues {
  /** The deepest nesting of maps and lists accepted; one more is rejected. */
  public static final int MAX_DEPTH = 128;

  private JsonValues() {}

  /**
   * Validates a value and returns a deeply immutable copy of it.
   *
   * @param param the wire path of the value, used as the root of error paths (for example {@code
   *     extra_body.foo})
   * @param value the value
   * @return the copy; {@code null} for {@code null}
   * @throws ai.auriko.errors.InvalidRequestException when the value, or anything inside it, is not
   *     one of the supported types, is a non-finite number, has a key that is not a string, or is
   *     nested deeper than {@link #MAX_DEPTH}
   */
  public static @Nullable Object copyOf(String param, @Nullable Object value) {
    return copy(param, Path.root(param), value, 0);
  }

  /**
   * Validates a JSON object given as a map and returns a deeply immutable copy of it.
   *
   * @param param the wire path of the object
   * @param map the object's members, in the order they should be written
   * @return an unmodifiable map in the same order; values may be {@code null} (JSON null)
   * @throws ai.auriko.errors.InvalidRequestException as for {@link #copyOf}, and when {@code map}
   *     is {@code null}
   */
  public static Map<String, @Nullable Object> copyOfObject(String param, Map<String, ?> map) {
    Checks.nonNull(param, map);
    return copyMap(param, Path.root(param), map, 0);
  }

  private static @Nullable Object copy(String root, Path path, @Nullable Object value, int depth) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof RawJson
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw Checks.invalid(path.toString(), "must be a finite number, got " + Checks.number(d));
      }
      return value;
    }
    if (value instanceof BigInteger) {
      BigInteger b = (BigInteger) value;
      return b.getClass() == BigInteger.class ? b : new BigInteger(b.toByteArray());
    }
    if (value instanceof BigDecimal) {
      BigDecimal b = (BigDecimal) value;
      if (b.getClass() == BigDecimal.class) return b;
      return new BigDecimal(new BigInteger(b.unscaledValue().toByteArray()), b.scale());
    }
    if (value instanceof Map) return copyMap(root, path, (Map<?, ?>) value, depth);
    if (value instanceof Collection) return copyList(root, path, (Collection<?>) value, depth);
    if (value instanceof Object[])
      return copyList(root, path, Arrays.asList((Object[]) value), depth);
    throw Checks.invalid(path.toString(), "unsupported value type " + typeName(value.getClass()));
  }

  /** {@code int[]} rather than {@code [I}; Class.getTypeName would do it but is Android API 26. */
  private static String typeName(Class<?> type) {
    StringBuilder brackets = new StringBuilder();
    Class<?> t = type;
    for (int depth = 0;
        t.isArray() && depth < 256;
        depth++) { // a JVM array has at most 255 dimensions
      brackets.append("[]");
      t = t.getComponentType();
    }
    return t.getName() + brackets;
  }

  private static Map<String, @Nullable Object> copyMap(
      String root, Path path, Map<?, ?> map, int depth) {
    enter(root, depth);
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object key = e.getKey();
      if (!(key instanceof String)) {
        String got = key == null ? "null" : typeName(key.getClass());
        throw Checks.invalid(path.toString(), "map keys must be strings, got " + got);
      }
      String k = (String) key;
      copy.put(k, copy(root, new Path(path, k, -1), e.getValue(), depth + 1));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static List<@Nullable Object> copyList(
      String root, Path path, Collection<?> list, int depth) {
    enter(root, depth);
    List<@Nullable Object> copy = new ArrayList<>(list.size());
    int i = 0;
    for (Object item : list) {
      copy.add(copy(root, new Path(path, null, i), item, depth + 1));
      i++;
    }
    return Collections.unmodifiableList(copy);
  }

  // The error names the root rather than the full path: at this depth the path is 128 segments
  // long, and for a self-referencing value it is the same key repeated.
  private static void enter(String root, int depth) {
    if (depth >= MAX_DEPTH) {
      throw Checks.invalid(
          root,
          "nesting deeper than " + MAX_DEPTH + " levels (does a map or list contain itself?)");
    }
  }

  // The path is built as a linked list and joined only on error, so valid values (large tool
  // schemas) cost no string building.
  private static final class Path {
    private final @Nullable Path parent;
    private final @Nullable String key; // a member name, or null for a list index
    private final int index;

    Path(@Nullable Path parent, @Nullable String key, int index) {
      this.parent = parent;
      this.key = key;
      this.index = index;
    }

    static Path root(String param) {
      return new Path(null, param, -1);
    }

    @Override
    public String toString() {
      // Iterative: the path can be MAX_DEPTH long.
      List<Path> chain = new ArrayList<>();
      for (Path q = this; q != null; q = q.parent) chain.add(q);
      StringBuilder sb = new StringBuilder();
      for (int i = chain.size() - 1; i >= 0; i--) {
        Path q = chain.get(i);
        if (q.key == null) sb.append('[').append(q.index).append(']');
        else if (q.parent == null) sb.append(q.key);
        else sb.append('.').append(q.key);
      }
      return sb.toString();
    }
  }
}
