package ai.auriko.json;

import ai.auriko.json.internal.Checks;
import ai.auriko.json.internal.JsonSyntax;
import org.jspecify.annotations.Nullable;

/**
 * A JSON text that the request encoder writes into the body verbatim, for values the caller already
 * has as JSON (a tool's parameter schema loaded from a file, a provider option copied from the
 * provider's documentation).
 *
 * <p>{@link #of} checks that the text is exactly one syntactically valid JSON value (RFC 8259),
 * optionally surrounded by whitespace, so a typo fails at the call site rather than as a 400 from
 * the gateway or, worse, a body that means something else. The text is kept as given; it is not
 * reformatted. Immutable.
 */
public final class RawJson {
  private final String json;

  private RawJson(String json) {
    this.json = json;
  }

  /**
   * Wraps a JSON text after checking its syntax. Nesting deeper than 512 arrays or objects is
   * rejected.
   *
   * @param json one JSON value, such as {@code {"type": "object"}}
   * @return the wrapped text
   * @throws ai.auriko.errors.InvalidRequestException with param {@code json} when the text is
   *     {@code null} or not one valid JSON value; the message gives the offset (in UTF-16 units) of
   *     the first offending character and never quotes the text
   */
  public static RawJson of(String json) {
    Checks.nonNull("json", json);
    JsonSyntax.Problem problem = JsonSyntax.check(json);
    if (problem != null) {
      throw Checks.invalid(
          "json", "not valid JSON at offset " + problem.offset() + " (" + problem.reason() + ")");
    }
    return new RawJson(json);
  }

  /**
   * The JSON text, exactly as given to {@link #of}.
   *
   * @return the text
   */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o || (o instanceof RawJson && json.equals(((RawJson) o).json));
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Gives the length only: the text may be a schema, a prompt or a credential-bearing option. */
  @Override
  public String toString() {
    return "RawJson{length=" + json.length() + "}";
  }
}
