package ai.auriko.samples;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.structured.JsonSchema;
import ai.auriko.client.tools.FunctionTool;
import ai.auriko.client.tools.ToolRunEvent;
import ai.auriko.client.tools.ToolRunOptions;
import ai.auriko.client.tools.ToolRunResult;
import ai.auriko.json.RawJson;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.samples.gateway.LocalGateway;
import java.util.List;

/**
 * The chat tool loop from Java on {@code runTools}: a tool from a JSON Schema and a {@code
 * Function<String, String>}, run by the blocking client's loop, which sends each answer back whole
 * ({@code toMessage()}: reasoning, signatures and tool calls as they arrived) followed by each
 * call's result, until the model answers. Runs against the embedded gateway.
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
    JsonSchema city =
        JsonSchema.of(
            "get_weather",
            RawJson.of(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                    + "\"required\":[\"city\"],\"additionalProperties\":false}"));
    FunctionTool weather =
        FunctionTool.of(
            "get_weather", "Current weather for a city", city, arguments -> "18°C and clear");
    ChatCompletionRequest request =
        ChatCompletionRequest.builder()
            .model("gpt-4o")
            .addMessage(ChatMessage.user(question))
            .build();
    ToolRunResult result =
        client
            .chat()
            .completions()
            .runTools(
                request,
                List.of(weather),
                ToolRunOptions.builder().maxTurns(4).build(),
                event -> {
                  if (event instanceof ToolRunEvent.ToolFinished) {
                    ToolRunEvent.ToolFinished call = (ToolRunEvent.ToolFinished) event;
                    System.out.println("[tool] " + call.getName() + " -> " + call.getResult());
                  }
                });
    return result.getContent(); // result.getMessages(): the whole conversation
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
