package ai.auriko.request.chat;

import ai.auriko.json.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool call the assistant made in an earlier turn, sent back in the conversation history inside
 * the assistant message (wire {@code tool_calls[i]}), so the following {@link Role#TOOL} message
 * can answer it by {@link #id()}. Immutable.
 */
public final class ToolCall {
  /** The only tool type OpenAI defines for chat completions. */
  private static final String FUNCTION = "function";

  private final String id;
  private final String name;
  private final String arguments;

  private ToolCall(String id, String name, String arguments) {
    this.id = id;
    this.name = name;
    this.arguments = arguments;
  }

  /**
   * A function call.
   *
   * @param id the call id the model assigned, such as {@code call_abc123}; not blank
   * @param name the function name; not blank
   * @param arguments the arguments as the JSON text the model produced; sent back unchanged and not
   *     validated, because models do produce invalid JSON and the history must repeat what they
   *     said
   * @return the call
   * @throws ai.auriko.errors.InvalidRequestException with param {@code id}, {@code function.name}
   *     or {@code function.arguments} when one is missing or (id, name) blank
   */
  public static ToolCall function(String id, String name, String arguments) {
    return new ToolCall(
        Checks.nonBlank("id", id),
        Checks.nonBlank("function.name", name),
        Checks.nonNull("function.arguments", arguments));
  }

  /**
   * The call id; wire {@code id}.
   *
   * @return the id
   */
  public String id() {
    return id;
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
   * The arguments, as JSON text; wire {@code function.arguments}.
   *
   * @return the text exactly as given
   */
  public String arguments() {
    return arguments;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ToolCall)) return false;
    ToolCall c = (ToolCall) o;
    return id.equals(c.id) && name.equals(c.name) && arguments.equals(c.arguments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, arguments);
  }

  /** Shows the id, the name and the length of the arguments, which may hold user data. */
  @Override
  public String toString() {
    return "ToolCall{id="
        + id
        + ", name="
        + name
        + ", arguments="
        + Checks.describeLength(arguments)
        + "}";
  }
}
