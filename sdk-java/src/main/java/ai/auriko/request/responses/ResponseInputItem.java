package ai.auriko.request.responses;

import ai.auriko.json.internal.Checks;
import ai.auriko.request.chat.Role;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One item of the input (wire {@code input[i]}): a message, a function call the model made in an
 * earlier turn, the output of such a call, or a reasoning item passed back. A closed family: {@link
 * #type()} says which, and only that kind's accessors are set; the others return {@code null} or an
 * empty list. Made by the static factories, which validate:
 *
 * <ul>
 *   <li>a message has role user, system, developer or assistant (not tool: tool results are {@link
 *       #functionCallOutput} items) and content, as text or at least one part; image parts are
 *       allowed only in user messages, and an assistant message's content is text;
 *   <li>a function call has a non-blank {@code call_id}, a {@code name} of 1 to 64 characters from
 *       {@code [A-Za-z0-9_-]} and {@code arguments} (JSON text, may be empty);
 *   <li>a function call output has a non-blank {@code call_id} and an {@code output};
 *   <li>a reasoning item has a non-blank {@code id}; its summary texts and encrypted content are
 *       optional.
 * </ul>
 *
 * <p>The params of these errors are the field names inside the item ({@code role}, {@code content},
 * {@code content[1]}, {@code call_id}, {@code name}, {@code arguments}, {@code output}, {@code id},
 * {@code summary[0]}). Immutable. {@link #toString()} shows the type, the role or function name and
 * lengths, never content, arguments, output or encrypted content.
 */
public final class ResponseInputItem {
  /** The kind of item. */
  public enum Type {
    /** A message; wire type {@code message}. */
    MESSAGE("message"),
    /** A function call the model made; wire type {@code function_call}. */
    FUNCTION_CALL("function_call"),
    /** The result of a function call; wire type {@code function_call_output}. */
    FUNCTION_CALL_OUTPUT("function_call_output"),
    /** A reasoning item from an earlier response; wire type {@code reasoning}. */
    REASONING("reasoning");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /**
     * The name used in the JSON body.
     *
     * @return for example {@code "function_call"}
     */
    public String wireName() {
      return wireName;
    }
  }

  private final Type type;
  private final @Nullable Role role;
  private final @Nullable String content;
  private final List<InputContentPart> contentParts;
  private final @Nullable String callId;
  private final @Nullable String name;
  private final @Nullable String arguments;
  private final @Nullable String output;
  private final @Nullable String id;
  private final List<String> summary;
  private final @Nullable String encryptedContent;

  private ResponseInputItem(
      Type type,
      @Nullable Role role,
      @Nullable String content,
      List<InputContentPart> contentParts,
      @Nullable String callId,
      @Nullable String name,
      @Nullable String arguments,
      @Nullable String output,
      @Nullable String id,
      List<String> summary,
      @Nullable String encryptedContent) {
    this.type = type;
    this.role = role;
    this.content = content;
    this.contentParts = contentParts;
    this.callId = callId;
    this.name = name;
    this.arguments = arguments;
    this.output = output;
    this.id = id;
    this.summary = summary;
    this.encryptedContent = encryptedContent;
  }

  private static ResponseInputItem message(
      Role role, @Nullable String content, List<InputContentPart> parts) {
    return new ResponseInputItem(
        Type.MESSAGE,
        role,
        content,
        parts,
        null,
        null,
        null,
        null,
        null,
        Collections.emptyList(),
        null);
  }

  private static Role messageRole(@Nullable Role role) {
    Checks.nonNull("role", role);
    if (role == Role.TOOL) {
      throw Checks.invalid(
          "role",
          "must be user, system, developer or assistant, got tool; "
              + "send tool results as function_call_output items");
    }
    return role;
  }

  /**
   * A message with text content.
   *
   * @param role who wrote it: user, system, developer or assistant
   * @param content the text; may be empty
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code role} when the role is
   *     {@code null} or tool, or {@code content} when the text is {@code null}
   */
  public static ResponseInputItem message(Role role, String content) {
    return message(messageRole(role), Checks.nonNull("content", content), Collections.emptyList());
  }

  /**
   * A message made of parts, such as text and images.
   *
   * @param role who wrote it: user, system or developer (an assistant message takes text)
   * @param parts the parts (copied); at least one, images only for user messages
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code role} when the role is
   *     {@code null} or tool, {@code content} when there are no parts or the role is assistant, or
   *     {@code content[i]} when a part is {@code null} or an image outside a user message
   */
  public static ResponseInputItem message(Role role, List<InputContentPart> parts) {
    Role r = messageRole(role);
    if (r == Role.ASSISTANT) {
      throw Checks.invalid("content", "an assistant message's content must be text, got parts");
    }
    List<InputContentPart> copy = Checks.nonNullEntries("content", parts);
    if (copy.isEmpty()) {
      throw Checks.invalid("content", "at least 1 content part is required, got 0");
    }
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).type() == InputContentPart.Type.INPUT_IMAGE && r != Role.USER) {
        throw Checks.invalid(
            "content[" + i + "]",
            "image parts are allowed only in user messages, got a " + r.wireName() + " message");
      }
    }
    return message(r, null, copy);
  }

  /**
   * A user message with text content.
   *
   * @param content the text
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when it is {@code
   *     null}
   */
  public static ResponseInputItem user(String content) {
    return message(Role.USER, content);
  }

  /**
   * A user message made of parts, such as text and images.
   *
   * @param parts the parts; at least one
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when there are no
   *     parts, or {@code content[i]} when one is {@code null}
   */
  public static ResponseInputItem user(InputContentPart... parts) {
    return message(Role.USER, Arrays.asList(parts));
  }

  /**
   * A system message.
   *
   * @param content the instructions
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when it is {@code
   *     null}
   */
  public static ResponseInputItem system(String content) {
    return message(Role.SYSTEM, content);
  }

  /**
   * A developer message.
   *
   * @param content the instructions
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when it is {@code
   *     null}
   */
  public static ResponseInputItem developer(String content) {
    return message(Role.DEVELOPER, content);
  }

  /**
   * An assistant message from an earlier turn.
   *
   * @param content what the assistant said
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when it is {@code
   *     null}
   */
  public static ResponseInputItem assistant(String content) {
    return message(Role.ASSISTANT, content);
  }

  /**
   * A function call the model made in an earlier turn.
   *
   * @param callId the call's id, which the matching output refers to; not blank
   * @param name the function name: 1 to 64 characters from {@code [A-Za-z0-9_-]}
   * @param arguments the arguments as JSON text, as the model produced them; may be empty
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code call_id}, {@code name} or
   *     {@code arguments} when a value breaks its rule
   */
  public static ResponseInputItem functionCall(String callId, String name, String arguments) {
    return functionCall(null, callId, name, arguments);
  }

  /**
   * A function call the model made in an earlier turn, with the output item's own id ({@code
   * fc_…}): reasoning models pair a reasoning item with the item that follows it by id, so a call
   * sent back after its reasoning item needs it.
   *
   * @param id the output item's id, or {@code null} when unknown
   * @param callId the call's id, which the matching output refers to; not blank
   * @param name the function name: 1 to 64 characters from {@code [A-Za-z0-9_-]}
   * @param arguments the arguments as JSON text, as the model produced them; may be empty
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code id}, {@code call_id}, {@code
   *     name} or {@code arguments} when a value breaks its rule
   */
  public static ResponseInputItem functionCall(
      @Nullable String id, String callId, String name, String arguments) {
    return new ResponseInputItem(
        Type.FUNCTION_CALL,
        null,
        null,
        Collections.emptyList(),
        Checks.nonBlank("call_id", callId),
        Checks.identifier("name", name),
        Checks.nonNull("arguments", arguments),
        null,
        Checks.nonBlankIfSet("id", id),
        Collections.emptyList(),
        null);
  }

  /**
   * The result of a function call.
   *
   * @param callId the {@link #callId()} of the call this answers; not blank
   * @param output the result, usually JSON or plain text; may be empty
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code call_id} or {@code output}
   *     when a value breaks its rule
   */
  public static ResponseInputItem functionCallOutput(String callId, String output) {
    return new ResponseInputItem(
        Type.FUNCTION_CALL_OUTPUT,
        null,
        null,
        Collections.emptyList(),
        Checks.nonBlank("call_id", callId),
        null,
        null,
        Checks.nonNull("output", output),
        null,
        Collections.emptyList(),
        null);
  }

  /**
   * A reasoning item from an earlier response, passed back so the model can continue its reasoning
   * (needed with {@code store: false}, where the server keeps no state).
   *
   * @param id the reasoning item's id; not blank
   * @param summary the summary texts (copied); may be empty
   * @param encryptedContent the encrypted reasoning as returned by the server, or {@code null}
   * @return the item
   * @throws ai.auriko.errors.InvalidRequestException with param {@code id} when the id is {@code
   *     null} or blank, or {@code summary[i]} when a text is {@code null}
   */
  public static ResponseInputItem reasoning(
      String id, List<String> summary, @Nullable String encryptedContent) {
    return new ResponseInputItem(
        Type.REASONING,
        null,
        null,
        Collections.emptyList(),
        null,
        null,
        null,
        null,
        Checks.nonBlank("id", id),
        Checks.nonNullEntries("summary", summary),
        encryptedContent);
  }

  /**
   * The kind of item; wire {@code type}.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * Who wrote a message; wire {@code role}.
   *
   * @return the role for {@link Type#MESSAGE}, otherwise {@code null}
   */
  public @Nullable Role role() {
    return role;
  }

  /**
   * A message's content in text form; wire {@code content} as a string.
   *
   * @return the text, or {@code null} when the message has parts or the item is not a message
   */
  public @Nullable String content() {
    return content;
  }

  /**
   * A message's content in parts form; wire {@code content} as an array.
   *
   * @return an unmodifiable list; empty when the content is text or the item is not a message
   */
  public List<InputContentPart> contentParts() {
    return contentParts;
  }

  /**
   * The id of a function call; wire {@code call_id}.
   *
   * @return the id for {@link Type#FUNCTION_CALL} and {@link Type#FUNCTION_CALL_OUTPUT}, otherwise
   *     {@code null}
   */
  public @Nullable String callId() {
    return callId;
  }

  /**
   * The function a call invoked; wire {@code name}.
   *
   * @return the name for {@link Type#FUNCTION_CALL}, otherwise {@code null}
   */
  public @Nullable String name() {
    return name;
  }

  /**
   * The arguments of a function call, as JSON text; wire {@code arguments}.
   *
   * @return the arguments for {@link Type#FUNCTION_CALL}, otherwise {@code null}
   */
  public @Nullable String arguments() {
    return arguments;
  }

  /**
   * The result of a function call; wire {@code output}.
   *
   * @return the output for {@link Type#FUNCTION_CALL_OUTPUT}, otherwise {@code null}
   */
  public @Nullable String output() {
    return output;
  }

  /**
   * The item's id; wire {@code id}.
   *
   * @return the id of a {@link Type#REASONING} item, or of a {@link Type#FUNCTION_CALL} made with
   *     one; otherwise {@code null}
   */
  public @Nullable String id() {
    return id;
  }

  /**
   * The summary texts of a reasoning item; wire {@code summary}, each as {@code {"type":
   * "summary_text", "text": ...}}.
   *
   * @return an unmodifiable list; empty when none or the item is not a reasoning item
   */
  public List<String> summary() {
    return summary;
  }

  /**
   * The encrypted reasoning of a reasoning item; wire {@code encrypted_content}.
   *
   * @return the content, or {@code null} when unset or the item is not a reasoning item
   */
  public @Nullable String encryptedContent() {
    return encryptedContent;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ResponseInputItem)) return false;
    ResponseInputItem i = (ResponseInputItem) o;
    return type == i.type
        && role == i.role
        && Objects.equals(content, i.content)
        && contentParts.equals(i.contentParts)
        && Objects.equals(callId, i.callId)
        && Objects.equals(name, i.name)
        && Objects.equals(arguments, i.arguments)
        && Objects.equals(output, i.output)
        && Objects.equals(id, i.id)
        && summary.equals(i.summary)
        && Objects.equals(encryptedContent, i.encryptedContent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        type,
        role,
        content,
        contentParts,
        callId,
        name,
        arguments,
        output,
        id,
        summary,
        encryptedContent);
  }

  /**
   * Shows the type and the role, content length or part count, function name, or summary count;
   * never content, arguments, output or encrypted content.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ResponseInputItem{type=").append(type.wireName());
    switch (type) {
      case MESSAGE:
        sb.append(", role=").append(Objects.requireNonNull(role).wireName());
        if (content != null) sb.append(", length=").append(Checks.length(content));
        else sb.append(", parts=").append(contentParts.size());
        break;
      case FUNCTION_CALL:
        sb.append(", name=").append(name);
        break;
      case FUNCTION_CALL_OUTPUT:
        break;
      case REASONING:
        sb.append(", summary=").append(summary.size());
        if (encryptedContent != null) sb.append(", encryptedContent=<set>");
        break;
    }
    return sb.append('}').toString();
  }
}
