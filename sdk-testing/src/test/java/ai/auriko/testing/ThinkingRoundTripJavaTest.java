package ai.auriko.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionToolCall;
import ai.auriko.errors.StreamInterruptedException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.request.chat.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kotlinx.serialization.json.Json;
import kotlinx.serialization.json.JsonArray;
import kotlinx.serialization.json.JsonElement;
import kotlinx.serialization.json.JsonElementKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The thinking tool loop from Java, on the loopback fake gateway: {@code completion.toMessage()}
 * sends the reasoning, both signatures, the redacted block and both tool calls back exactly as they
 * arrived, streamed and not; a partial completion converts the same way, without its unfinished
 * calls.
 */
class ThinkingRoundTripJavaTest {
  private static final Tool WEATHER =
      Tool.builder("get_weather").parameters(Map.of("type", "object")).build();

  private static AurikoBlockingClient client(LoopbackGateway gateway) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-java-roundtrip")
        .baseUrl(gateway.getBaseUrl())
        .maxRetries(0)
        .build();
  }

  private static ChatCompletionRequest request(List<ChatMessage> history) {
    return ChatCompletionRequest.builder()
        .model("claude-thinking")
        .messages(history)
        .addTool(WEATHER)
        .build();
  }

  private static JsonElement json(String text) {
    return Json.Default.parseToJsonElement(text);
  }

  private static JsonElement sentMessage(RecordedRequest request, int index) {
    JsonArray messages = JsonElementKt.getJsonArray(request.getJson().get("messages"));
    return messages.get(index);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void twoTurnThinkingToolLoopSendsEverythingBackAsItArrived(boolean stream) {
    try (LoopbackGateway gateway = new LoopbackGateway();
        AurikoBlockingClient client = client(gateway)) {
      gateway.enqueue(
          new GatewayScript.Builder()
              .reasoning("Oslo ", "first. ")
              .reasoningSignature("sig_1+/==")
              .redactedReasoning("cmVkYWN0ZWQ=")
              .reasoning("Rome next.")
              .reasoningSignature("sig_2")
              .parallelToolCalls(
                  List.of("call_a", "get_weather", "{\"city\"", ":\"Oslo\"}"),
                  List.of("call_b", "get_weather", "not json", " at all"))
              .build());
      gateway.enqueue(
          RequestMatchers.lastMessageIsToolResult(),
          new GatewayScript.Builder().content("Done.").build());

      List<ChatMessage> history = new ArrayList<>(List.of(ChatMessage.user("Oslo or Rome?")));
      ChatCompletion first;
      if (stream) {
        try (BlockingChatCompletionStream s =
            client.chat().completions().stream(request(history))) {
          first = s.toCompletion();
        }
      } else {
        first = client.chat().completions().create(request(history));
      }
      assertEquals(
          List.of("sig_1+/==", "sig_2"),
          first.getChoices().get(0).getMessage().getReasoningSignatures());
      ChatMessage assistant = first.toMessage(); // a member, not a ...Kt static
      assertEquals(List.of("sig_1+/==", "sig_2"), assistant.reasoningSignatures());
      assertEquals(List.of("cmVkYWN0ZWQ="), assistant.reasoningRedactedBlocks());
      history.add(assistant);
      for (ChatCompletionToolCall call : first.getChoices().get(0).getMessage().getToolCalls()) {
        history.add(ChatMessage.tool(call.getId(), "result " + call.getId()));
      }
      assertEquals("Done.", client.chat().completions().create(request(history)).getContent());

      gateway.takeRequest(Duration.ofSeconds(5));
      RecordedRequest second = gateway.takeRequest(Duration.ofSeconds(5));
      String content = stream ? "\"\"" : "null";
      assertEquals(
          json(
              "{\"role\":\"assistant\",\"content\":"
                  + content
                  + ",\"tool_calls\":["
                  + "{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                  + "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}},"
                  + "{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                  + "\"arguments\":\"not json at all\"}}],"
                  + "\"reasoning_content\":\"Oslo first. Rome next.\","
                  + "\"reasoning_signature\":[\"sig_1+/==\",\"sig_2\"],"
                  + "\"reasoning_redacted_data\":\"cmVkYWN0ZWQ=\"}"),
          sentMessage(second, 1));
      assertEquals("tool", second.getMessages().get(2).getRole());
      assertEquals("call_a", second.getMessages().get(2).getToolCallId());
      assertEquals("call_b", second.getMessages().get(3).getToolCallId());
      gateway.assertNoUnmatchedRequests();
    }
  }

  @Test
  void partialCompletionConvertsWithoutItsUnfinishedToolCall() {
    // In memory: on a real socket the cut may overtake the last chunks written before it.
    try (InMemoryGateway gateway = new InMemoryGateway();
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-java-roundtrip")
                .baseUrl(gateway.getBaseUrl())
                .engine(gateway.getEngine())
                .maxRetries(0)
                .build()) {
      gateway.enqueue(
          new GatewayScript.Builder()
              .reasoning("Check.")
              .reasoningSignature("sig_cut")
              .redactedReasoning("ZGF0YQ==")
              .toolCall("call_a", "get_weather", "{\"ci")
              .truncate()
              .build());
      List<ChatMessage> history = new ArrayList<>(List.of(ChatMessage.user("Oslo?")));
      StreamInterruptedException e =
          assertThrows(
              StreamInterruptedException.class,
              () -> {
                try (BlockingChatCompletionStream s =
                    client.chat().completions().stream(request(history))) {
                  s.toCompletion();
                }
              });
      ChatCompletion partial = e.partialResult(ChatCompletion.class);
      ChatMessage resumed = partial.toMessage();
      assertTrue(resumed.toolCalls().isEmpty());
      assertEquals("Check.", resumed.reasoningContent());
      assertEquals(List.of("sig_cut"), resumed.reasoningSignatures());
      assertEquals(List.of("ZGF0YQ=="), resumed.reasoningRedactedBlocks());
      // the choice's message keeps the cut call for a caller who decides otherwise
      assertEquals(
          "{\"ci",
          partial.getChoices().get(0).getMessage().toMessage().toolCalls().get(0).arguments());
    }
  }
}
