package ai.auriko.request.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.testing.Expect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChatMessageTest {
  private static final ToolCall CALL =
      ToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}");

  @Test
  void factories() {
    assertEquals(Role.SYSTEM, ChatMessage.system("s").role());
    assertEquals(Role.DEVELOPER, ChatMessage.developer("d").role());
    assertEquals("u", ChatMessage.user("u").content());
    assertFalse(ChatMessage.user("u").hasContentParts());
    assertEquals(Collections.emptyList(), ChatMessage.user("u").contentParts());

    ChatMessage parts =
        ChatMessage.user(
            ContentPart.text("look"), ContentPart.imageUrl("https://x/y.png", ImageDetail.LOW));
    assertTrue(parts.hasContentParts());
    assertNull(parts.content());
    assertEquals(2, parts.contentParts().size());
    assertEquals(parts, ChatMessage.user(parts.contentParts()));

    ChatMessage assistant = ChatMessage.assistant(null, Arrays.asList(CALL));
    assertNull(assistant.content());
    assertEquals(Arrays.asList(CALL), assistant.toolCalls());
    assertEquals("hi", ChatMessage.assistant("hi").content());

    ChatMessage tool = ChatMessage.tool("call_1", "{\"temp\":20}");
    assertEquals(Role.TOOL, tool.role());
    assertEquals("call_1", tool.toolCallId());
  }

  @Test
  void roleWireNames() {
    assertEquals(
        Arrays.asList("system", "developer", "user", "assistant", "tool"),
        Arrays.stream(Role.values())
            .map(Role::wireName)
            .collect(java.util.stream.Collectors.toList()));
  }

  @ParameterizedTest
  @EnumSource(
      value = Role.class,
      names = {"SYSTEM", "DEVELOPER", "USER", "TOOL"})
  void contentIsRequired(Role role) {
    ChatMessage.Builder b = ChatMessage.builder(role);
    if (role == Role.TOOL) b.toolCallId("call_1");
    Expect.invalid("content", b::build, "requires content", "at least 1");
    Expect.invalid(
        "content", () -> b.contentParts(Collections.emptyList()).build(), "requires content");
  }

  @Test
  void textAndPartsAreMutuallyExclusive() {
    Expect.invalid(
        "content",
        () ->
            ChatMessage.builder(Role.USER)
                .content("a")
                .addContentPart(ContentPart.text("b"))
                .build(),
        "mutually exclusive",
        "got both");
  }

  @Test
  void systemAndDeveloperPartsAreTextOnly() {
    ChatMessage ok =
        ChatMessage.builder(Role.SYSTEM).addContentPart(ContentPart.text("rules")).build();
    assertEquals(1, ok.contentParts().size());
    for (Role role : Arrays.asList(Role.SYSTEM, Role.DEVELOPER, Role.ASSISTANT, Role.TOOL)) {
      ChatMessage.Builder b =
          ChatMessage.builder(role)
              .addContentPart(ContentPart.text("a"))
              .addContentPart(ContentPart.imageUrl("https://x/y.png"));
      if (role == Role.TOOL) b.toolCallId("call_1");
      Expect.invalid("content[1]", b::build, "only in user messages", role.wireName());
    }
  }

  @Test
  void toolMessageRules() {
    Expect.invalid(
        "tool_call_id",
        () -> ChatMessage.builder(Role.TOOL).content("r").build(),
        "must not be null");
    Expect.invalid("tool_call_id", () -> ChatMessage.tool(" ", "r"), "blank");
    Expect.invalid(
        "content",
        () -> ChatMessage.builder(Role.TOOL).toolCallId("call_1").build(),
        "requires content");
    Expect.invalid(
        "tool_call_id",
        () -> ChatMessage.builder(Role.USER).content("u").toolCallId("call_1").build(),
        "only tool messages");
  }

  @Test
  void assistantOnlyFields() {
    for (Role role : Arrays.asList(Role.SYSTEM, Role.DEVELOPER, Role.USER, Role.TOOL)) {
      ChatMessage.Builder base = ChatMessage.builder(role).content("x");
      if (role == Role.TOOL) base.toolCallId("call_1");
      Expect.invalid(
          "tool_calls", () -> base.addToolCall(CALL).build(), "only assistant", role.wireName());
      base.toolCalls(null);
      Expect.invalid("refusal", () -> base.refusal("no").build(), "only assistant");
      base.refusal(null);
      Expect.invalid(
          "reasoning_content", () -> base.reasoningContent("hmm").build(), "only assistant");
    }
  }

  @Test
  void assistantNeedsContentToolCallsOrRefusal() {
    Expect.invalid(
        "content",
        () -> ChatMessage.builder(Role.ASSISTANT).reasoningContent("thinking").build(),
        "at least 1 of content, tool_calls or refusal");
    assertEquals("no", ChatMessage.builder(Role.ASSISTANT).refusal("no").build().refusal());
    ChatMessage withReasoning =
        ChatMessage.builder(Role.ASSISTANT).content("answer").reasoningContent("thinking").build();
    assertEquals("thinking", withReasoning.reasoningContent());
  }

  @Test
  void nameMustNotBeBlankAndEntriesNotNull() {
    assertEquals("alice", ChatMessage.builder(Role.USER).content("u").name("alice").build().name());
    Expect.invalid(
        "name", () -> ChatMessage.builder(Role.USER).content("u").name(" ").build(), "blank");
    Expect.invalid(
        "content[0]",
        () -> ChatMessage.user(Arrays.asList((ContentPart) null)),
        "must not be null");
    Expect.invalid(
        "tool_calls[1]",
        () -> ChatMessage.assistant(null, Arrays.asList(CALL, null)),
        "must not be null");
    Expect.invalid("role", () -> ChatMessage.builder(nullRole()), "must not be null");
  }

  @Test
  void builtMessageIsImmutable() {
    List<ContentPart> parts = new ArrayList<>(Arrays.asList(ContentPart.text("a")));
    ChatMessage m = ChatMessage.user(parts);
    parts.add(ContentPart.text("b"));
    assertEquals(1, m.contentParts().size());
    assertThrows(
        UnsupportedOperationException.class, () -> m.contentParts().add(ContentPart.text("c")));
    List<ToolCall> calls = new ArrayList<>(Arrays.asList(CALL));
    ChatMessage a = ChatMessage.assistant(null, calls);
    calls.clear();
    assertEquals(1, a.toolCalls().size());
    assertThrows(UnsupportedOperationException.class, () -> a.toolCalls().clear());
  }

  @Test
  void equality() {
    assertEquals(ChatMessage.user("u"), ChatMessage.user("u"));
    assertEquals(ChatMessage.user("u").hashCode(), ChatMessage.user("u").hashCode());
    assertFalse(ChatMessage.user("u").equals(ChatMessage.system("u")));
  }

  @Test
  void toStringHidesContent() {
    String secret = "sk-secret-123";
    ChatMessage[] messages = {
      ChatMessage.user(secret),
      ChatMessage.user(ContentPart.text(secret), ContentPart.imageUrl("https://x/?sig=" + secret)),
      ChatMessage.builder(Role.ASSISTANT)
          .content(secret)
          .refusal(secret)
          .reasoningContent(secret)
          .addToolCall(ToolCall.function("call_1", "f", "{\"k\":\"" + secret + "\"}"))
          .build(),
      ChatMessage.tool("call_1", secret),
      ChatMessage.builder(Role.USER).content("x").name(secret).build()
    };
    for (ChatMessage m : messages) assertFalse(m.toString().contains(secret), m.toString());
    assertEquals(
        "ChatMessage{role=user, content=13 characters}", ChatMessage.user(secret).toString());
  }

  @Test
  void reasoningSignaturesAndRedactedBlocksAreAssistantOnlyKeptInOrderAndNeverBlank() {
    ChatMessage m =
        ChatMessage.builder(Role.ASSISTANT)
            .content("")
            .reasoningContent("step 1 step 2")
            .addReasoningSignature("sig_A==")
            .addReasoningSignature(" sig_B ")
            .addReasoningRedactedBlock("ZW5j")
            .build();
    assertEquals(Arrays.asList("sig_A==", " sig_B "), m.reasoningSignatures());
    assertEquals(Arrays.asList("ZW5j"), m.reasoningRedactedBlocks());
    assertThrows(UnsupportedOperationException.class, () -> m.reasoningSignatures().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> m.reasoningRedactedBlocks().clear());
    assertEquals(
        Arrays.asList("s1", "s2"),
        ChatMessage.builder(Role.ASSISTANT)
            .content("a")
            .reasoningSignatures(Arrays.asList("s1", "s2"))
            .build()
            .reasoningSignatures());
    assertTrue(ChatMessage.assistant("a").reasoningSignatures().isEmpty());
    assertTrue(ChatMessage.assistant("a").reasoningRedactedBlocks().isEmpty());

    for (Role role : Arrays.asList(Role.SYSTEM, Role.DEVELOPER, Role.USER, Role.TOOL)) {
      ChatMessage.Builder base = ChatMessage.builder(role).content("x");
      if (role == Role.TOOL) base.toolCallId("call_1");
      Expect.invalid(
          "reasoning_signature",
          () -> base.addReasoningSignature("sig").build(),
          "only assistant",
          role.wireName());
      base.reasoningSignatures(null);
      Expect.invalid(
          "reasoning_redacted_data",
          () -> base.addReasoningRedactedBlock("ZW5j").build(),
          "only assistant");
    }
    ChatMessage.Builder a = ChatMessage.builder(Role.ASSISTANT).content("a");
    Expect.invalid(
        "reasoning_signature[1]",
        () -> a.reasoningSignatures(Arrays.asList("s1", null)).build(),
        "must not be null");
    Expect.invalid(
        "reasoning_signature[0]", () -> a.reasoningSignatures(Arrays.asList("")).build(), "blank");
    a.reasoningSignatures(null);
    Expect.invalid(
        "reasoning_redacted_data[0]",
        () -> a.reasoningRedactedBlocks(Arrays.asList(" ")).build(),
        "blank");
    // reasoning alone, signed or redacted, is not an answer the history can hold
    Expect.invalid(
        "content",
        () ->
            ChatMessage.builder(Role.ASSISTANT)
                .reasoningContent("r")
                .addReasoningSignature("s")
                .addReasoningRedactedBlock("d")
                .build(),
        "at least 1 of content, tool_calls or refusal");
  }

  @Test
  void reasoningSignaturesAndRedactedBlocksTakePartInEquality() {
    ChatMessage.Builder b =
        ChatMessage.builder(Role.ASSISTANT)
            .content("a")
            .addReasoningSignature("s1")
            .addReasoningRedactedBlock("d1");
    ChatMessage one = b.build();
    assertEquals(one, b.build());
    assertEquals(one.hashCode(), b.build().hashCode());
    assertNotEquals(one, b.addReasoningSignature("s2").build());
    assertNotEquals(
        one,
        ChatMessage.builder(Role.ASSISTANT)
            .content("a")
            .addReasoningSignature("s1")
            .addReasoningRedactedBlock("d2")
            .build());
    // the order is part of the message
    assertNotEquals(
        ChatMessage.builder(Role.ASSISTANT)
            .content("a")
            .reasoningSignatures(Arrays.asList("s1", "s2"))
            .build(),
        ChatMessage.builder(Role.ASSISTANT)
            .content("a")
            .reasoningSignatures(Arrays.asList("s2", "s1"))
            .build());
  }

  @Test
  void toStringCountsSignaturesAndRedactedBlocksWithoutShowingThem() {
    String secret = "sig-secret-456";
    ChatMessage m =
        ChatMessage.builder(Role.ASSISTANT)
            .content("a")
            .reasoningContent("think")
            .addReasoningSignature(secret)
            .addReasoningSignature(secret + "2")
            .addReasoningRedactedBlock(secret)
            .build();
    assertEquals(
        "ChatMessage{role=assistant, content=1 character, reasoningContent=5 characters,"
            + " reasoningSignatures=2, reasoningRedactedBlocks=1}",
        m.toString());
    assertFalse(m.toString().contains(secret));
  }

  // Breaks the non-null contract on purpose, as a Java caller can.
  private static Role nullRole() {
    return null;
  }
}
