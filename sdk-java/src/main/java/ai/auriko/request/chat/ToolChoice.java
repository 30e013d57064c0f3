package ai.auriko.request.chat;

import ai.auriko.json.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call (wire {@code tool_choice}): {@code "auto"}, {@code
 * "none"}, {@code "required"}, or a specific function ({@code {"type": "function", "function":
 * {"name": ...}}}). Immutable.
 */
public final class ToolChoice {
  /** The kind of choice. */
  public enum Mode {
    /** The model decides whether to call a tool. */
    AUTO("auto"),
    /** The model must not call a tool. */
    NONE("none"),
    /** The model must call at least one tool. */
    REQUIRED("required"),
    /** The model must call the function named by {@link ToolChoice#functionName()}. */
    FUNCTION("function");

    private final String wireName;

    Mode(String wireName) {
      this.wireName = wireName;
    }

    /**
     * The name used in the JSON body: the string value for {@link #AUTO}, {@link #NONE} and {@link
     * #REQUIRED}, the {@code type} of the object for {@link #FUNCTION}.
     *
     * @return for example {@code "required"}
     */
    public String wireName() {
      return wireName;
    }
  }

  private static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  private static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  private static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  private final Mode mode;
  private final @Nullable String functionName;

  private ToolChoice(Mode mode, @Nullable String functionName) {
    this.mode = mode;
    this.functionName = functionName;
  }

  /**
   * Let the model decide.
   *
   * @return the choice
   */
  public static ToolChoice auto() {
    return AUTO;
  }

  /**
   * Forbid tool calls.
   *
   * @return the choice
   */
  public static ToolChoice none() {
    return NONE;
  }

  /**
   * Require at least one tool call.
   *
   * @return the choice
   */
  public static ToolChoice required() {
    return REQUIRED;
  }

  /**
   * Require a call to one function.
   *
   * @param name the function name: 1 to 64 characters from {@code [A-Za-z0-9_-]}
   * @return the choice
   * @throws ai.auriko.errors.InvalidRequestException with param {@code tool_choice.function.name}
   *     when the name does not match
   */
  public static ToolChoice function(String name) {
    return new ToolChoice(Mode.FUNCTION, Checks.identifier("tool_choice.function.name", name));
  }

  /**
   * The kind of choice.
   *
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The function the model must call; wire {@code tool_choice.function.name}.
   *
   * @return the name for {@link Mode#FUNCTION}, otherwise {@code null}
   */
  public @Nullable String functionName() {
    return functionName;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ToolChoice)) return false;
    ToolChoice c = (ToolChoice) o;
    return mode == c.mode && Objects.equals(functionName, c.functionName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, functionName);
  }

  @Override
  public String toString() {
    return functionName == null ? mode.wireName() : "function(" + functionName + ")";
  }
}
