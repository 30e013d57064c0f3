package ai.auriko.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small JSON reader for the tests' fixture specs (sdk-java has no JSON library; the product reads
 * JSON with kotlinx.serialization, in sdk-kotlin): objects become {@code Map}, arrays {@code List},
 * numbers {@code String} (their literal text, because codes may be {@code 400} or {@code "400"}),
 * and it gives up (returns {@link #FAILED}) instead of throwing on anything it does not like. Error
 * bodies come from proxies and load balancers as often as from the gateway, so failure to parse is
 * an expected outcome, not an error. Nesting is capped so hostile input cannot overflow the stack.
 */
public final class TestJson {
  /** Returned when the text is not one JSON value. */
  public static final Object FAILED = new Object();

  private static final int MAX_DEPTH = 32;

  private final String s;
  private int i;

  private TestJson(String s) {
    this.s = s;
  }

  /**
   * Parses one JSON value.
   *
   * @param text the text
   * @return a {@code Map}, {@code List}, {@code String} (also for numbers), {@code Boolean}, {@code
   *     null} for JSON null, or {@link #FAILED}
   */
  public static @Nullable Object parse(String text) {
    TestJson p = new TestJson(text);
    try {
      p.skipWs();
      Object v = p.value(0);
      p.skipWs();
      return p.i == p.s.length() ? v : FAILED;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return FAILED;
    }
  }

  private @Nullable Object value(int depth) {
    if (depth > MAX_DEPTH) throw new IllegalArgumentException("too deep");
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, @Nullable Object> object(int depth) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    i++;
    skipWs();
    if (s.charAt(i) == '}') {
      i++;
      return map;
    }
    while (true) {
      skipWs();
      if (s.charAt(i) != '"') throw new IllegalArgumentException("key");
      String key = string();
      skipWs();
      expect(':');
      skipWs();
      map.put(key, value(depth + 1));
      skipWs();
      char c = s.charAt(i++);
      if (c == '}') return map;
      if (c != ',') throw new IllegalArgumentException("object");
    }
  }

  private List<@Nullable Object> array(int depth) {
    List<@Nullable Object> list = new ArrayList<>();
    i++;
    skipWs();
    if (s.charAt(i) == ']') {
      i++;
      return list;
    }
    while (true) {
      skipWs();
      list.add(value(depth + 1));
      skipWs();
      char c = s.charAt(i++);
      if (c == ']') return list;
      if (c != ',') throw new IllegalArgumentException("array");
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = null;
    int start = i;
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') return sb == null ? s.substring(start, i - 1) : sb.toString();
      if (c == '\\') {
        if (sb == null) sb = new StringBuilder().append(s, start, i - 1);
        char e = s.charAt(i++);
        switch (e) {
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'u':
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
            break;
          default:
            sb.append(e);
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
  }

  private String number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
    if (start == i) throw new IllegalArgumentException("number");
    return s.substring(start, i);
  }

  private @Nullable Object literal(String word, @Nullable Object value) {
    if (!s.startsWith(word, i)) throw new IllegalArgumentException("literal");
    i += word.length();
    return value;
  }

  private void expect(char c) {
    if (s.charAt(i++) != c) throw new IllegalArgumentException("expected " + c);
  }

  private void skipWs() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      i++;
    }
  }
}
