package ai.auriko.samples;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.errors.AurikoApiException;
import ai.auriko.errors.AurikoException;
import ai.auriko.gateway.Optimize;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.samples.gateway.LocalGateway;

/**
 * One-shot streaming from Java with the blocking iterator: the answer is printed as it arrives,
 * then the usage and routing metadata. Usage: {@code JavaStreamingSample [prompt]}. With {@code
 * AURIKO_API_KEY} set it talks to Auriko; otherwise to the embedded local gateway.
 */
public final class JavaStreamingSample {
  private JavaStreamingSample() {}

  /**
   * Runs the sample.
   *
   * @param args optional base URL, then an optional prompt
   */
  public static void main(String[] args) {
    String prompt = args.length > 0 ? args[0] : "Say hello from Java.";
    if (System.getenv("AURIKO_API_KEY") != null) {
      run(new AurikoBlockingClient.Builder(), prompt);
    } else {
      try (LocalGateway gateway = new LocalGateway()) {
        run(
            new AurikoBlockingClient.Builder()
                .apiKey("sk-local-demo")
                .baseUrl(gateway.getBaseUrl()),
            prompt);
      }
    }
  }

  /**
   * Streams one answer with a client from {@code builder}.
   *
   * @param builder the configured client builder
   * @param prompt the question
   */
  public static void run(AurikoBlockingClient.Builder builder, String prompt) {
    ChatCompletionRequest request =
        ChatCompletionRequest.builder()
            .model("gpt-4o")
            .addMessage(ChatMessage.user(prompt))
            .routing(RoutingOptions.builder().optimize(Optimize.COST).build())
            .build();

    try (AurikoBlockingClient client = builder.build();
        BlockingChatCompletionStream stream = client.chat().completions().stream(request)) {
      for (ChatCompletionChunk chunk : stream) {
        if (!chunk.getChoices().isEmpty()
            && chunk.getChoices().get(0).getDelta().getContent() != null) {
          System.out.print(chunk.getChoices().get(0).getDelta().getContent());
          System.out.flush();
        }
      }
      System.out.println();
      System.out.println("usage: " + stream.usage());
      System.out.println("routing: " + stream.routingMetadata());
      System.out.println("request id: " + stream.responseHeaders().requestId());
    } catch (AurikoApiException e) {
      System.err.println(
          "the gateway said no: " + e.getClass().getSimpleName() + " " + e.getMessage());
    } catch (AurikoException e) {
      System.err.println("the stream failed: " + e.getMessage());
    }
  }
}
