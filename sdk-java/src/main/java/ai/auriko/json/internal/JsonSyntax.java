package ai.auriko.json.internal;

import org.jspecify.annotations.Nullable;

/**
 * A strict syntax checker for one JSON text (RFC 8259): it answers "is this exactly one valid JSON
 * value, optionally surrounded by whitespace?" without building a tree.
 *
 * <p>Why strict: the text is embedded verbatim into a request body, so anything a lenient parser
 * would forgive (a trailing comma, {@code NaN}, a leading zero, a second value after the first)
 * would corrupt the body or be read differently by the gateway.
 *
 * <p>Why iterative: a recursive checker can be driven into {@link StackOverflowError} by a text of
 * a few thousand {@code [}. Here nesting is tracked in a fixed array and capped at {@link
 * #MAX_DEPTH}, so the worst case is bounded time and 512 bytes of state.
 *
 * <p>Beyond the grammar, unpaired UTF-16 surrogates inside strings are rejected: a Java string that
 * contains one cannot be encoded as UTF-8, so the body would not match what the caller gave.
 * Escaped surrogates ({@code \ud800}) are accepted, as the grammar allows.
 *
 * <p>Not public API; may change without notice.
 */
public final class JsonSyntax {
  /** The deepest nesting of arrays and objects accepted; one more is rejected. */
  public static final int MAX_DEPTH = 512;

  private final String s;
  private final int n;
  private int pos;
  private int errorOffset = -1;
  private String errorReason = "";

  private JsonSyntax(String s) {
    this.s = s;
    this.n = s.length();
  }

  /**
   * Checks a text.
   *
   * @param text the text to check
   * @return {@code null} when the text is one valid JSON value, otherwise what is wrong and where
   */
  public static @Nullable Problem check(String text) {
    JsonSyntax p = new JsonSyntax(text);
    return p.run() ? null : new Problem(p.errorOffset, p.errorReason);
  }

  /**
   * Whether a text is one valid JSON value.
   *
   * @param text the text to check
   * @return {@code true} when valid
   */
  public static boolean isValid(String text) {
    return check(text) == null;
  }

  /**
   * Whether a text that is already known to be valid JSON is an object, judged by its first
   * non-whitespace character.
   *
   * @param validJson a valid JSON text
   * @return {@code true} when the value is an object
   */
  public static boolean isObject(String validJson) {
    for (int i = 0; i < validJson.length(); i++) {
      char c = validJson.charAt(i);
      if (!isWhitespace(c)) return c == '{';
    }
    return false;
  }

  // One value at depth 0; containers push onto inObject[] and the loop resumes with their first
  // element, so the Java stack never grows with the input.
  private boolean run() {
    boolean[] inObject = new boolean[MAX_DEPTH];
    int depth = 0;
    skipWhitespace();
    value:
    while (true) {
      if (pos >= n) return fail(pos, "expected a value, got the end of the text");
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          if (depth == MAX_DEPTH) return fail(pos, "nesting deeper than " + MAX_DEPTH);
          inObject[depth++] = true;
          pos++;
          skipWhitespace();
          if (pos < n && s.charAt(pos) == '}') {
            pos++;
            depth--;
            break;
          }
          if (!memberName()) return false;
          continue value;
        case '[':
          if (depth == MAX_DEPTH) return fail(pos, "nesting deeper than " + MAX_DEPTH);
          inObject[depth++] = false;
          pos++;
          skipWhitespace();
          if (pos < n && s.charAt(pos) == ']') {
            pos++;
            depth--;
            break;
          }
          continue value;
        case '"':
          if (!string()) return false;
          break;
        case 't':
          if (!literal("true")) return false;
          break;
        case 'f':
          if (!literal("false")) return false;
          break;
        case 'n':
          if (!literal("null")) return false;
          break;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            if (!number()) return false;
            break;
          }
          return fail(pos, "unexpected character, expected a value");
      }
      // A value just ended: close containers until one continues with ',' or the text ends.
      while (true) {
        skipWhitespace();
        if (depth == 0) return pos == n || fail(pos, "unexpected text after the value");
        boolean obj = inObject[depth - 1];
        if (pos >= n) {
          return fail(pos, "unexpected end of the text inside " + (obj ? "an object" : "an array"));
        }
        char d = s.charAt(pos);
        if (d == ',') {
          pos++;
          skipWhitespace();
          if (obj && !memberName()) return false;
          continue value;
        }
        if (d == (obj ? '}' : ']')) {
          pos++;
          depth--;
          continue;
        }
        return fail(pos, obj ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

  // "name" ws ':' ws, leaving pos at the member's value.
  private boolean memberName() {
    if (pos >= n || s.charAt(pos) != '"')
      return fail(pos, "expected a member name in double quotes");
    if (!string()) return false;
    skipWhitespace();
    if (pos >= n || s.charAt(pos) != ':') return fail(pos, "expected ':'");
    pos++;
    skipWhitespace();
    return true;
  }

  private boolean string() {
    int start = pos;
    pos++; // opening quote
    while (true) {
      if (pos >= n) return fail(start, "unterminated string");
      char c = s.charAt(pos);
      if (c == '"') {
        pos++;
        return true;
      }
      if (c == '\\') {
        if (pos + 1 >= n) return fail(start, "unterminated string");
        switch (s.charAt(pos + 1)) {
          case '"':
          case '\\':
          case '/':
          case 'b':
          case 'f':
          case 'n':
          case 'r':
          case 't':
            pos += 2;
            break;
          case 'u':
            for (int k = pos + 2; k < pos + 6; k++) {
              if (k >= n || !isHexDigit(s.charAt(k))) {
                return fail(pos, "bad \\u escape, expected four hex digits");
              }
            }
            pos += 6;
            break;
          default:
            return fail(pos, "bad escape");
        }
      } else if (c < 0x20) {
        return fail(pos, "unescaped control character in string");
      } else if (Character.isHighSurrogate(c)) {
        if (pos + 1 >= n || !Character.isLowSurrogate(s.charAt(pos + 1))) {
          return fail(pos, "unpaired surrogate in string");
        }
        pos += 2;
      } else if (Character.isLowSurrogate(c)) {
        return fail(pos, "unpaired surrogate in string");
      } else {
        pos++;
      }
    }
  }

  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  private boolean number() {
    if (s.charAt(pos) == '-') pos++;
    if (pos >= n || !isDigit(s.charAt(pos))) return fail(pos, "expected a digit");
    if (s.charAt(pos) == '0') {
      pos++;
      if (pos < n && isDigit(s.charAt(pos))) return fail(pos - 1, "leading zeros are not allowed");
    } else {
      digits();
    }
    if (pos < n && s.charAt(pos) == '.') {
      pos++;
      if (pos >= n || !isDigit(s.charAt(pos))) return fail(pos, "expected a digit after '.'");
      digits();
    }
    if (pos < n && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
      if (pos >= n || !isDigit(s.charAt(pos))) return fail(pos, "expected a digit in the exponent");
      digits();
    }
    return true;
  }

  private void digits() {
    while (pos < n && isDigit(s.charAt(pos))) pos++;
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private boolean literal(String word) {
    if (!s.startsWith(word, pos)) return fail(pos, "unexpected character, expected a value");
    pos += word.length();
    return true;
  }

  private void skipWhitespace() {
    while (pos < n && isWhitespace(s.charAt(pos))) pos++;
  }

  // RFC 8259 whitespace only: no BOM, no Unicode spaces.
  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  // ASCII digits only: Character.isDigit would also accept Arabic-Indic and other digits.
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private boolean fail(int offset, String reason) {
    errorOffset = offset;
    errorReason = reason;
    return false;
  }

  /** Where a text stops being valid JSON, and why. Immutable. */
  public static final class Problem {
    private final int offset;
    private final String reason;

    private Problem(int offset, String reason) {
      this.offset = offset;
      this.reason = reason;
    }

    /**
     * The offset of the offending character, in UTF-16 units from the start of the text (the text
     * length when it ended too early).
     *
     * @return the offset
     */
    public int offset() {
      return offset;
    }

    /**
     * What is wrong, in words; never quotes the text.
     *
     * @return the reason
     */
    public String reason() {
      return reason;
    }

    @Override
    public String toString() {
      return "offset " + offset + ": " + reason;
    }
  }
}
