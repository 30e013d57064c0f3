package ai.auriko.request.chat;

import ai.auriko.json.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of the conversation (wire {@code messages[i]}).
 *
 * <p>Content is either text ({@link #content()}) or a list of parts ({@link #contentParts()}),
 * never both. The factories cover the common shapes; {@link #builder(Role)} covers the rest. {@link
 * Builder#build()} enforces the rules OpenAI-compatible servers apply, so a malformed conversation
 * fails here rather than after a round trip:
 *
 * <ul>
 *   <li>system, developer and user messages need content (text, or at least one part); system and
 *       developer parts may only be text;
 *   <li>image parts are allowed only in user messages;
 *   <li>a tool message needs {@code tool_call_id} and content, and only a tool message may have a
 *       {@code tool_call_id};
 *   <li>tool calls, refusal, reasoning content, reasoning signatures and redacted reasoning belong
 *       to assistant messages only, and an assistant message needs at least one of content, tool
 *       calls or refusal;
 *   <li>reasoning signatures and redacted reasoning blocks are not {@code null} or blank;
 *   <li>{@code name}, when set, is not blank.
 * </ul>
 *
 * <p>The params of these errors are the field names inside the message ({@code content}, {@code
 * content[2]}, {@code tool_call_id}, {@code tool_calls}, {@code refusal}, {@code
 * reasoning_content}, {@code reasoning_signature[i]}, {@code reasoning_redacted_data[i]}, {@code
 * name}). Immutable. {@link #toString()} shows the role and the content length or part count, never
 * the content.
 *
 * <p>To send an answer back as the next request's history, convert it rather than building the
 * message by hand: {@code completion.toMessage()} (Kotlin and Java, on {@code ChatCompletion},
 * {@code Choice} and {@code ChatCompletionMessage}) keeps content, reasoning, every signature,
 * every redacted block and the tool calls exactly as they arrived.
 */
public final class ChatMessage {
  private final Role role;
  private final @Nullable String content;
  private final List<ContentPart> contentParts;
  private final @Nullable String name;
  private final @Nullable String toolCallId;
  private final List<ToolCall> toolCalls;
  private final @Nullable String refusal;
  private final @Nullable String reasoningContent;
  private final List<String> reasoningSignatures;
  private final List<String> reasoningRedactedBlocks;

  private ChatMessage(Builder b) {
    Role r = b.role;
    String who = (r == Role.ASSISTANT ? "an " : "a ") + r.wireName() + " message";
    this.role = r;
    this.content = b.content;
    this.contentParts = Checks.nonNullEntries("content", b.contentParts);
    this.name = Checks.nonBlankIfSet("name", b.name);
    this.toolCallId = b.toolCallId;
    this.toolCalls = Checks.nonNullEntries("tool_calls", b.toolCalls);
    this.refusal = b.refusal;
    this.reasoningContent = b.reasoningContent;
    this.reasoningSignatures = Checks.nonBlankEntries("reasoning_signature", b.reasoningSignatures);
    this.reasoningRedactedBlocks =
        Checks.nonBlankEntries("reasoning_redacted_data", b.reasoningRedactedBlocks);

    if (content != null && !contentParts.isEmpty()) {
      throw Checks.invalid(
          "content", "text content and content parts are mutually exclusive, got both");
    }
    boolean hasContent = content != null || !contentParts.isEmpty();

    for (int i = 0; i < contentParts.size(); i++) {
      ContentPart.Type type = contentParts.get(i).type();
      if (type == ContentPart.Type.IMAGE_URL && r != Role.USER) {
        throw Checks.invalid(
            "content[" + i + "]", "image parts are allowed only in user messages, got " + who);
      }
    }
    if (r != Role.ASSISTANT) {
      if (!toolCalls.isEmpty()) {
        throw Checks.invalid(
            "tool_calls", "only assistant messages may carry tool calls, got " + who);
      }
      if (refusal != null) {
        throw Checks.invalid("refusal", "only assistant messages may carry a refusal, got " + who);
      }
      if (reasoningContent != null) {
        throw Checks.invalid(
            "reasoning_content", "only assistant messages may carry reasoning content, got " + who);
      }
      if (!reasoningSignatures.isEmpty()) {
        throw Checks.invalid(
            "reasoning_signature",
            "only assistant messages may carry reasoning signatures, got " + who);
      }
      if (!reasoningRedactedBlocks.isEmpty()) {
        throw Checks.invalid(
            "reasoning_redacted_data",
            "only assistant messages may carry redacted reasoning, got " + who);
      }
    }
    if (r != Role.TOOL && toolCallId != null) {
      throw Checks.invalid(
          "tool_call_id", "only tool messages may have a tool_call_id, got " + who);
    }
    switch (r) {
      case SYSTEM:
      case DEVELOPER:
      case USER:
        if (!hasContent) {
          throw Checks.invalid(
              "content", who + " requires content (text or at least 1 content part), got none");
        }
        break;
      case TOOL:
        Checks.nonBlank("tool_call_id", toolCallId);
        if (!hasContent) {
          throw Checks.invalid(
              "content", who + " requires content (text or at least 1 content part), got none");
        }
        break;
      case ASSISTANT:
        if (!hasContent && toolCalls.isEmpty() && refusal == null) {
          throw Checks.invalid(
              "content",
              "an assistant message requires at least 1 of content, tool_calls or refusal, got none");
        }
        break;
    }
  }

  /**
   * A system message.
   *
   * @param content the instructions
   * @return the message
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when it is {@code
   *     null}
   */
  public static ChatMessage system(String content) {
    return builder(Role.SYSTEM).content(content).build();
  }

  /**
   * A developer message (what newer OpenAI models call system instructions).
   *
   * @param content the instructions
   * @return the message
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when it is {@code
   *     null}
   */
  public static ChatMessage developer(String content) {
    return builder(Role.DEVELOPER).content(content).build();
  }

  /**
   * A user message with text content.
   *
   * @param content the text
   * @return the message
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when it is {@code
   *     null}
   */
  public static ChatMessage user(String content) {
    return builder(Role.USER).content(content).build();
  }

  /**
   * A user message made of parts, such as text and images.
   *
   * @param parts the parts (copied); at least one
   * @return the message
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when there are no
   *     parts, or {@code content[i]} when one is {@code null}
   */
  public static ChatMessage user(List<ContentPart> parts) {
    return builder(Role.USER).contentParts(parts).build();
  }

  /**
   * A user message made of parts, such as text and images.
   *
   * @param parts the parts; at least one
   * @return the message
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when there are no
   *     parts, or {@code content[i]} when one is {@code null}
   */
  public static ChatMessage user(ContentPart... parts) {
    return user(Arrays.asList(parts));
  }

  /**
   * An assistant message from an earlier turn, with text content.
   *
   * @param content what the assistant said
   * @return the message
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when it is {@code
   *     null}
   */
  public static ChatMessage assistant(String content) {
    return builder(Role.ASSISTANT).content(content).build();
  }

  /**
   * An assistant message from an earlier turn that called tools.
   *
   * @param content what the assistant said besides the calls, or {@code null}
   * @param toolCalls the calls (copied)
   * @return the message
   * @throws ai.auriko.errors.InvalidRequestException with param {@code content} when there is
   *     neither content nor a call, or {@code tool_calls[i]} when a call is {@code null}
   */
  public static ChatMessage assistant(@Nullable String content, List<ToolCall> toolCalls) {
    return builder(Role.ASSISTANT).content(content).toolCalls(toolCalls).build();
  }

  /**
   * The result of a tool call.
   *
   * @param toolCallId the {@link ToolCall#id()} this answers; not blank
   * @param content the result, usually JSON or plain text
   * @return the message
   * @throws ai.auriko.errors.InvalidRequestException with param {@code tool_call_id} or {@code
   *     content} when one is missing
   */
  public static ChatMessage tool(String toolCallId, String content) {
    return builder(Role.TOOL).toolCallId(toolCallId).content(content).build();
  }

  /**
   * A builder for any message shape.
   *
   * @param role who wrote the message
   * @return the builder
   * @throws ai.auriko.errors.InvalidRequestException with param {@code role} when it is {@code
   *     null}
   */
  public static Builder builder(Role role) {
    return new Builder(Checks.nonNull("role", role));
  }

  /**
   * Who wrote the message; wire {@code role}.
   *
   * @return the role
   */
  public Role role() {
    return role;
  }

  /**
   * The content in text form; wire {@code content} as a string.
   *
   * @return the text, or {@code null} when the message has parts or no content
   */
  public @Nullable String content() {
    return content;
  }

  /**
   * The content in parts form; wire {@code content} as an array.
   *
   * @return an unmodifiable list; empty when the content is text or absent
   */
  public List<ContentPart> contentParts() {
    return contentParts;
  }

  /**
   * Whether the content is in parts form.
   *
   * @return {@code true} when {@link #contentParts()} is not empty
   */
  public boolean hasContentParts() {
    return !contentParts.isEmpty();
  }

  /**
   * An optional name for the participant, to tell apart participants with the same role; wire
   * {@code name}.
   *
   * @return the name, or {@code null}
   */
  public @Nullable String name() {
    return name;
  }

  /**
   * The tool call a tool message answers; wire {@code tool_call_id}.
   *
   * @return the id; {@code null} except on tool messages
   */
  public @Nullable String toolCallId() {
    return toolCallId;
  }

  /**
   * The tools an assistant message called; wire {@code tool_calls}.
   *
   * @return an unmodifiable list; empty when none
   */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /**
   * The refusal an assistant message gave instead of an answer; wire {@code refusal}.
   *
   * @return the refusal, or {@code null}
   */
  public @Nullable String refusal() {
    return refusal;
  }

  /**
   * The reasoning an assistant message produced, sent back so a thinking model can continue from it
   * in a multi-turn conversation; wire {@code reasoning_content}.
   *
   * @return the reasoning, or {@code null}
   */
  public @Nullable String reasoningContent() {
    return reasoningContent;
  }

  /**
   * The provider's signatures over the reasoning, one per thinking block, in the order they
   * arrived; sent back unchanged so the provider can verify the reasoning it is given. Wire {@code
   * reasoning_signature}: a string when there is one, an array of strings in this order when there
   * are several (see docs/DESIGN.md, "Reasoning sent back").
   *
   * @return an unmodifiable list; empty when none
   */
  public List<String> reasoningSignatures() {
    return reasoningSignatures;
  }

  /**
   * Reasoning the provider redacted, one opaque (encrypted) block per redacted thinking block, in
   * the order they arrived; sent back unchanged. Wire {@code reasoning_redacted_data}: a string
   * when there is one, an array of strings in this order when there are several.
   *
   * @return an unmodifiable list; empty when none
   */
  public List<String> reasoningRedactedBlocks() {
    return reasoningRedactedBlocks;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ChatMessage)) return false;
    ChatMessage m = (ChatMessage) o;
    return role == m.role
        && Objects.equals(content, m.content)
        && contentParts.equals(m.contentParts)
        && Objects.equals(name, m.name)
        && Objects.equals(toolCallId, m.toolCallId)
        && toolCalls.equals(m.toolCalls)
        && Objects.equals(refusal, m.refusal)
        && Objects.equals(reasoningContent, m.reasoningContent)
        && reasoningSignatures.equals(m.reasoningSignatures)
        && reasoningRedactedBlocks.equals(m.reasoningRedactedBlocks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        role,
        content,
        contentParts,
        name,
        toolCallId,
        toolCalls,
        refusal,
        reasoningContent,
        reasoningSignatures,
        reasoningRedactedBlocks);
  }

  /**
   * Shows the role, the content length or part count, the number of tool calls, the reasoning's
   * length and the number of signatures and redacted blocks; never text, which may hold user data.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ChatMessage{role=").append(role.wireName());
    if (content != null) sb.append(", content=").append(Checks.describeLength(content));
    if (!contentParts.isEmpty()) sb.append(", parts=").append(contentParts.size());
    if (!toolCalls.isEmpty()) sb.append(", toolCalls=").append(toolCalls.size());
    if (refusal != null) sb.append(", refusal=").append(Checks.describeLength(refusal));
    if (reasoningContent != null) {
      sb.append(", reasoningContent=").append(Checks.describeLength(reasoningContent));
    }
    if (!reasoningSignatures.isEmpty()) {
      sb.append(", reasoningSignatures=").append(reasoningSignatures.size());
    }
    if (!reasoningRedactedBlocks.isEmpty()) {
      sb.append(", reasoningRedactedBlocks=").append(reasoningRedactedBlocks.size());
    }
    return sb.append('}').toString();
  }

  /** Builds any message shape; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final Role role;
    private @Nullable String content;
    private @Nullable List<ContentPart> contentParts;
    private @Nullable String name;
    private @Nullable String toolCallId;
    private @Nullable List<ToolCall> toolCalls;
    private @Nullable String refusal;
    private @Nullable String reasoningContent;
    private @Nullable List<String> reasoningSignatures;
    private @Nullable List<String> reasoningRedactedBlocks;

    private Builder(Role role) {
      this.role = role;
    }

    /**
     * Sets text content; cannot be combined with parts.
     *
     * @param content the text, or {@code null} to clear
     * @return this builder
     */
    public Builder content(@Nullable String content) {
      this.content = content;
      return this;
    }

    /**
     * Replaces the content parts; cannot be combined with text content.
     *
     * @param contentParts the parts (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder contentParts(@Nullable List<ContentPart> contentParts) {
      this.contentParts = contentParts == null ? null : new ArrayList<>(contentParts);
      return this;
    }

    /**
     * Adds one content part.
     *
     * @param part the part
     * @return this builder
     */
    public Builder addContentPart(ContentPart part) {
      if (contentParts == null) contentParts = new ArrayList<>();
      contentParts.add(part);
      return this;
    }

    /**
     * Sets the participant name.
     *
     * @param name the name, or {@code null} to clear
     * @return this builder
     */
    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the tool call this tool message answers.
     *
     * @param toolCallId the id, or {@code null} to clear
     * @return this builder
     */
    public Builder toolCallId(@Nullable String toolCallId) {
      this.toolCallId = toolCallId;
      return this;
    }

    /**
     * Replaces the tool calls of this assistant message.
     *
     * @param toolCalls the calls (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder toolCalls(@Nullable List<ToolCall> toolCalls) {
      this.toolCalls = toolCalls == null ? null : new ArrayList<>(toolCalls);
      return this;
    }

    /**
     * Adds one tool call to this assistant message.
     *
     * @param toolCall the call
     * @return this builder
     */
    public Builder addToolCall(ToolCall toolCall) {
      if (toolCalls == null) toolCalls = new ArrayList<>();
      toolCalls.add(toolCall);
      return this;
    }

    /**
     * Sets the refusal of this assistant message.
     *
     * @param refusal the refusal, or {@code null} to clear
     * @return this builder
     */
    public Builder refusal(@Nullable String refusal) {
      this.refusal = refusal;
      return this;
    }

    /**
     * Sets the reasoning of this assistant message, to send a thinking model's earlier reasoning
     * back in a multi-turn conversation.
     *
     * @param reasoningContent the reasoning, or {@code null} to clear
     * @return this builder
     */
    public Builder reasoningContent(@Nullable String reasoningContent) {
      this.reasoningContent = reasoningContent;
      return this;
    }

    /**
     * Replaces the reasoning signatures of this assistant message, in the order the provider sent
     * them.
     *
     * @param signatures the signatures (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder reasoningSignatures(@Nullable List<String> signatures) {
      this.reasoningSignatures = signatures == null ? null : new ArrayList<>(signatures);
      return this;
    }

    /**
     * Adds one reasoning signature after those already set.
     *
     * @param signature the signature, exactly as the provider sent it
     * @return this builder
     */
    public Builder addReasoningSignature(String signature) {
      if (reasoningSignatures == null) reasoningSignatures = new ArrayList<>();
      reasoningSignatures.add(signature);
      return this;
    }

    /**
     * Replaces the redacted reasoning blocks of this assistant message, in the order the provider
     * sent them.
     *
     * @param blocks the opaque blocks (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder reasoningRedactedBlocks(@Nullable List<String> blocks) {
      this.reasoningRedactedBlocks = blocks == null ? null : new ArrayList<>(blocks);
      return this;
    }

    /**
     * Adds one redacted reasoning block after those already set.
     *
     * @param block the opaque block, exactly as the provider sent it
     * @return this builder
     */
    public Builder addReasoningRedactedBlock(String block) {
      if (reasoningRedactedBlocks == null) reasoningRedactedBlocks = new ArrayList<>();
      reasoningRedactedBlocks.add(block);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the immutable message
     * @throws ai.auriko.errors.InvalidRequestException when the message breaks a rule listed on
     *     {@link ChatMessage}
     */
    public ChatMessage build() {
      return new ChatMessage(this);
    }
  }
}
