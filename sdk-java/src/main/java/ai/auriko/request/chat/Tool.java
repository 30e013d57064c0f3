package ai.auriko.request.chat;

import ai.auriko.json.RawJson;
import ai.auriko.json.internal.Checks;
import ai.auriko.json.internal.JsonSyntax;
import ai.auriko.json.internal.JsonValues;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A function the model may call (wire {@code tools[i]}, with {@code type: "function"}).
 *
 * <p>The parameter schema is a JSON Schema object, given either as a map (checked and deeply copied
 * with the JSON value rules of {@code ai.auriko.json.internal.JsonValues}) or as {@link RawJson}
 * text that must be an object. Immutable. {@link #toString()} shows the name and whether a schema
 * is set, never the schema or the description.
 */
public final class Tool {
  private static final String FUNCTION = "function";
  private static final String NAME_PARAM = "tools[].function.name";
  private static final String PARAMETERS_PARAM = "tools[].function.parameters";

  private final String name;
  private final @Nullable String description;
  private final @Nullable Object parameters;
  private final @Nullable Boolean strict;

  private Tool(Builder b) {
    this.name = Checks.identifier(NAME_PARAM, b.name);
    this.description = b.description;
    if (b.parametersJson != null) {
      if (!JsonSyntax.isObject(b.parametersJson.json())) {
        throw Checks.invalid(
            PARAMETERS_PARAM, "must be a JSON object (a JSON Schema), got another JSON value");
      }
      this.parameters = b.parametersJson;
    } else if (b.parametersMap != null) {
      this.parameters = JsonValues.copyOfObject(PARAMETERS_PARAM, b.parametersMap);
    } else {
      this.parameters = null;
    }
    this.strict = b.strict;
  }

  /**
   * A function tool.
   *
   * @param name the function name: 1 to 64 characters from {@code [A-Za-z0-9_-]}
   * @param description what the function does, for the model; or {@code null}
   * @param parameters the JSON Schema of the arguments, or {@code null} for a function without
   *     parameters
   * @return the tool
   * @throws ai.auriko.errors.InvalidRequestException with param {@code tools[].function.name} when
   *     the name does not match, or {@code tools[].function.parameters...} when the schema holds a
   *     value that is not JSON
   */
  public static Tool function(
      String name, @Nullable String description, @Nullable Map<String, ?> parameters) {
    return builder(name).description(description).parameters(parameters).build();
  }

  /**
   * A builder for a function tool.
   *
   * @param name the function name: 1 to 64 characters from {@code [A-Za-z0-9_-]}, checked in {@link
   *     Builder#build()}
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The tool type; wire {@code type}.
   *
   * @return always {@code "function"}
   */
  public String type() {
    return FUNCTION;
  }

  /**
   * The function name; wire {@code function.name}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * What the function does; wire {@code function.description}.
   *
   * @return the description, or {@code null}
   */
  public @Nullable String description() {
    return description;
  }

  /**
   * The JSON Schema of the arguments; wire {@code function.parameters}.
   *
   * @return an unmodifiable {@code Map<String, Object>} of JSON values, or a {@link RawJson}
   *     object, or {@code null} when unset
   */
  public @Nullable Object parameters() {
    return parameters;
  }

  /**
   * Whether the model must follow the schema exactly (OpenAI structured outputs); wire {@code
   * function.strict}.
   *
   * @return the flag, or {@code null} when unset
   */
  public @Nullable Boolean strict() {
    return strict;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof Tool)) return false;
    Tool t = (Tool) o;
    return name.equals(t.name)
        && Objects.equals(description, t.description)
        && Objects.equals(parameters, t.parameters)
        && Objects.equals(strict, t.strict);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, parameters, strict);
  }

  /** Shows the name, whether a schema is set and the strict flag; never the schema itself. */
  @Override
  public String toString() {
    return "Tool{type=function, name="
        + name
        + ", parameters="
        + (parameters == null ? "none" : "set")
        + (strict == null ? "" : ", strict=" + strict)
        + "}";
  }

  /** Builds a function tool; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private @Nullable String description;
    // At most one of the two is set: whichever parameters(...) was called last.
    private @Nullable Map<String, ?> parametersMap;
    private @Nullable RawJson parametersJson;
    private @Nullable Boolean strict;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets what the function does.
     *
     * @param description the description, or {@code null} to clear
     * @return this builder
     */
    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the JSON Schema of the arguments as a map; copied deeply in {@link #build()}.
     *
     * @param parameters the schema, or {@code null} to clear
     * @return this builder
     */
    public Builder parameters(@Nullable Map<String, ?> parameters) {
      this.parametersMap = parameters;
      this.parametersJson = null;
      return this;
    }

    /**
     * Sets the JSON Schema of the arguments as JSON text; it must be an object.
     *
     * @param parameters the schema, or {@code null} to clear
     * @return this builder
     */
    public Builder parameters(@Nullable RawJson parameters) {
      this.parametersJson = parameters;
      this.parametersMap = null;
      return this;
    }

    /**
     * Sets whether the model must follow the schema exactly.
     *
     * @param strict the flag, or {@code null} to clear
     * @return this builder
     */
    public Builder strict(@Nullable Boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the immutable tool
     * @throws ai.auriko.errors.InvalidRequestException with param {@code tools[].function.name}
     *     when the name does not match {@code [A-Za-z0-9_-]{1,64}}, or {@code
     *     tools[].function.parameters...} when the schema is not a JSON object
     */
    public Tool build() {
      return new Tool(this);
    }
  }
}
