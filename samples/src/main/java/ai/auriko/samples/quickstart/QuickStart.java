package ai.auriko.samples.quickstart;

// README: java-quick-start
import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.gateway.RoutingMetadata;
import ai.auriko.errors.StreamInterruptedException;
import ai.auriko.gateway.Optimize;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

public class QuickStart {
  public static void main(String[] args) {
    // The key comes from AURIKO_API_KEY, the endpoint from AURIKO_BASE_URL (default
    // https://api.auriko.ai/v1, or any OpenAI-compatible endpoint); .apiKey/.baseUrl override.
    try (AurikoBlockingClient client =
        new AurikoBlockingClient.Builder().idleTimeout(Duration.ofSeconds(60)).build()) {
      ChatCompletionRequest request =
          ChatCompletionRequest.builder()
              .model("gpt-4o")
              .addMessage(ChatMessage.user("What is inference arbitrage?"))
              // Auriko's routing: leave it out for a server that rejects it
              .routing(RoutingOptions.builder().optimize(Optimize.COST).build())
              .build();

      try (BlockingChatCompletionStream stream = client.chat().completions().stream(request)) {
        for (ChatCompletionChunk chunk : stream) {
          if (!chunk.getChoices().isEmpty()) {
            String text = chunk.getChoices().get(0).getDelta().getContent();
            if (text != null) System.out.print(text);
          }
        }
        System.out.println();
        System.out.println("usage: " + stream.usage());
        RoutingMetadata routing = stream.routingMetadata(); // null unless the server is Auriko
        System.out.println(
            routing == null
                ? "provider: not reported, cost: not reported"
                : "provider: " + routing.getProvider() + ", cost: " + usd(routing));
        String requestId = stream.responseHeaders().requestId(); // typed headers
        System.out.println("request id: " + (requestId == null ? "none" : requestId));
      } catch (StreamInterruptedException e) {
        ChatCompletion partial =
            e.partialResult(ChatCompletion.class); // what had arrived, never lost
        System.err.println("\ncut short after: " + (partial == null ? "" : partial.getContent()));
      }

      ChatCompletion answer = client.chat().completions().create(request); // blocking
      System.out.println("answer: " + answer.getContent());
      CompletableFuture<ChatCompletion> later = client.chat().completions().createAsync(request);
      System.out.println("async answer: " + later.join().getContent()); // before the client closes
    }
  }

  /** Dollars exactly as the gateway reported them, in plain notation ($0.000042, not 4.2E-5). */
  static String usd(RoutingMetadata routing) {
    BigDecimal amount = routing.getCost() == null ? null : routing.getCost().getUsd();
    return amount == null ? "not reported" : "$" + amount.toPlainString();
  }
}
// README: end
