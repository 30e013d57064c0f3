package ai.auriko.errors.internal;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an error body, read from every shape seen in the wild:
 *
 * <ul>
 *   <li>{@code {"error":{"code":..., "type":..., "message":..., "param":...}}}, code a string or a
 *       number (OpenAI, Auriko, most gateways);
 *   <li>{@code {"error":"text"}} and {@code {"message":"text", "code":...}} (simpler proxies);
 *   <li>{@code {"detail":"text"}} (FastAPI servers);
 *   <li>HTML or plain text from a proxy or load balancer: the {@code <title>} or the first words of
 *       the text, whitespace collapsed, as a short snippet.
 * </ul>
 */
public final class ParsedErrorBody {
  /** The longest snippet of a non-JSON body kept in a message. */
  public static final int MAX_SNIPPET = 200;

  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private final @Nullable String code;
  private final @Nullable String type;
  private final @Nullable String message;
  private final @Nullable String param;
  private final boolean json;

  private ParsedErrorBody(
      @Nullable String code,
      @Nullable String type,
      @Nullable String message,
      @Nullable String param,
      boolean json) {
    this.code = code;
    this.type = type;
    this.message = message;
    this.param = param;
    this.json = json;
  }

  /**
   * Reads an error body. Never throws.
   *
   * @param body the body text, possibly empty; the caller caps how much it reads
   * @return the fields found
   */
  public static ParsedErrorBody parse(@Nullable String body) {
    if (body == null || body.trim().isEmpty())
      return new ParsedErrorBody(null, null, null, null, false);
    Object root = TolerantJson.parse(body);
    if (root instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) root;
      Object error = map.get("error");
      if (error instanceof Map) return fromObject((Map<?, ?>) error, true);
      if (error instanceof String) {
        return new ParsedErrorBody(
            text(map.get("code")), text(map.get("type")), (String) error, null, true);
      }
      if (map.containsKey("message") || map.containsKey("code")) return fromObject(map, true);
      Object detail = map.get("detail");
      if (detail instanceof String)
        return new ParsedErrorBody(null, null, (String) detail, null, true);
      return new ParsedErrorBody(null, null, snippet(body), null, true);
    }
    if (root != TolerantJson.FAILED && root != null && !(root instanceof Map)) {
      return new ParsedErrorBody(null, null, snippet(body), null, true);
    }
    return new ParsedErrorBody(null, null, snippet(body), null, false);
  }

  /**
   * Reads the fields of an error object that is already parsed (an in-stream {@code error}).
   *
   * @param error the object's members; values may be strings, numbers or anything else
   * @param json whether the object came from a JSON body (always, for in-stream errors)
   * @return the fields found
   */
  public static ParsedErrorBody fromObject(Map<?, ?> error, boolean json) {
    Object message = error.get("message");
    String messageText = message instanceof String ? (String) message : text(message);
    return new ParsedErrorBody(
        text(error.get("code")),
        text(error.get("type")),
        messageText,
        text(error.get("param")),
        json);
  }

  private static @Nullable String text(@Nullable Object v) {
    if (v == null || v instanceof Map || v instanceof Iterable) return null;
    String s = v.toString();
    // A numeric code may arrive as 400.0 from some serialisers; keep it as the integer it means.
    if (s.endsWith(".0")
        && s.length() > 2
        && s.chars().limit(s.length() - 2).allMatch(Character::isDigit)) {
      s = s.substring(0, s.length() - 2);
    }
    return s;
  }

  /**
   * A short, single-line rendering of a non-JSON body: an HTML page's title (or its text without
   * tags), whitespace collapsed, cut to {@link #MAX_SNIPPET} characters.
   *
   * @param body the body
   * @return the snippet
   */
  public static String snippet(String body) {
    String text = body;
    if (text.length() > 64 * 1024) text = text.substring(0, 64 * 1024);
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("<html") || lower.contains("<!doctype") || lower.contains("<title")) {
      Matcher m = TITLE.matcher(text);
      text = m.find() ? m.group(1) : TAG.matcher(text).replaceAll(" ");
    }
    text = SPACE.matcher(text).replaceAll(" ").trim();
    if (text.length() > MAX_SNIPPET) text = text.substring(0, MAX_SNIPPET) + "…";
    return text;
  }

  /**
   * The error code.
   *
   * @return the error code as text, or {@code null}
   */
  public @Nullable String code() {
    return code;
  }

  /**
   * The error type.
   *
   * @return the error type, or {@code null}
   */
  public @Nullable String type() {
    return type;
  }

  /**
   * The error message, or a snippet of a body that is not JSON.
   *
   * @return the message or snippet, or {@code null} for an empty body
   */
  public @Nullable String message() {
    return message;
  }

  /**
   * The request parameter the error is about.
   *
   * @return the parameter the error is about, or {@code null}
   */
  public @Nullable String param() {
    return param;
  }

  /**
   * Whether the body parsed as JSON.
   *
   * @return whether the body was JSON
   */
  public boolean isJson() {
    return json;
  }
}
