package consumer;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.errors.ModelNotFoundException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.testing.GatewayScript;
import ai.auriko.testing.LoopbackGateway;
import java.util.ArrayList;
import java.util.List;

/** The Java iterator and a typed error through the published artifacts. */
public final class JavaConsumer {
  private JavaConsumer() {}

  public static void main(String[] args) {
    List<String> problems = new ArrayList<>();
    try (LoopbackGateway gateway = new LoopbackGateway();
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-consumer")
                .baseUrl(gateway.getBaseUrl())
                .maxRetries(0)
                .build()) {
      gateway.enqueue(
          new GatewayScript.Builder().content("Hello", " from", " Java").usage(3, 4).build());
      ChatCompletionRequest request =
          ChatCompletionRequest.builder()
              .model("gpt-4o")
              .addMessage(ChatMessage.user("Hi"))
              .build();
      StringBuilder text = new StringBuilder();
      int chunks = 0;
      try (BlockingChatCompletionStream stream = client.chat().completions().stream(request)) {
        for (ChatCompletionChunk chunk : stream) {
          chunks++;
          if (!chunk.getChoices().isEmpty()) {
            String content = chunk.getChoices().get(0).getDelta().getContent();
            if (content != null) text.append(content);
          }
        }
        if (stream.usage() == null || stream.usage().getTotalTokens() != 7L) {
          problems.add("usage: " + stream.usage());
        }
      }
      if (!text.toString().equals("Hello from Java")) problems.add("streamed: " + text);

      gateway.enqueue(
          new GatewayScript.Builder()
              .httpError(404, "model_not_found", "No such model: gpt-0")
              .build());
      try {
        client.chat().completions().create(request);
        problems.add("a 404 did not throw");
      } catch (ModelNotFoundException e) {
        if (e.statusCode() != 404) problems.add("status " + e.statusCode());
      }
      System.out.println(
          "consumer-java: iterated "
              + chunks
              + " chunks \""
              + text
              + "\", then ModelNotFoundException");
    }
    if (!problems.isEmpty()) {
      System.err.println("consumer-java FAILED: " + problems);
      System.exit(1);
    }
    System.out.println("consumer-java OK");
  }
}
