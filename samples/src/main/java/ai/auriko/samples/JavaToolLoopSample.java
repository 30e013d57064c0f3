package ai.auriko.samples;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionToolCall;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.request.chat.Tool;
import ai.auriko.samples.gateway.LocalGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chat tool loop from Java with the blocking client: each answer goes back whole with {@code
 * completion.toMessage()} (content, reasoning, signatures, redacted data and tool calls, as they
 * arrived), followed by each call's result. Runs against the embedded gateway.
 */
public final class JavaToolLoopSample {
  private JavaToolLoopSample() {}

  /**
   * Runs the loop for {@code question}.
   *
   * @param client the client
   * @param question the user's question
   * @return the final answer
   */
  public static String run(AurikoBlockingClient client, String question) {
    // README: java-tool-loop
    Tool weather =
        Tool.builder("get_weather")
            .description("Current weather for a city")
            .parameters(
                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))))
            .build();
    List<ChatMessage> history = new ArrayList<>(List.of(ChatMessage.user(question)));
    for (int round = 0; round < 4; round++) { // a bounded number of tool rounds
      ChatCompletion answer =
          client
              .chat()
              .completions()
              .create(
                  ChatCompletionRequest.builder()
                      .model("gpt-4o")
                      .messages(history)
                      .addTool(weather)
                      .build());
      List<ChatCompletionToolCall> calls = answer.getChoices().get(0).getMessage().getToolCalls();
      if (calls.isEmpty()) return answer.getContent();
      history.add(answer.toMessage()); // reasoning, signatures and tool calls, as they arrived
      for (ChatCompletionToolCall call : calls) {
        history.add(ChatMessage.tool(call.getId(), "18°C and clear"));
      }
    }
    throw new IllegalStateException("the model kept calling tools");
    // README: end
  }

  /**
   * Runs the loop against the embedded gateway.
   *
   * @param args an optional question
   */
  public static void main(String[] args) {
    try (LocalGateway gateway = new LocalGateway();
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-local-demo")
                .baseUrl(gateway.getBaseUrl())
                .build()) {
      System.out.println(run(client, args.length > 0 ? args[0] : "What is the weather in Oslo?"));
    }
  }
}
