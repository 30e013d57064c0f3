package ai.auriko.samples;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingResponseStream;
import ai.auriko.client.responses.Response;
import ai.auriko.client.responses.ResponseOutputItem;
import ai.auriko.client.responses.ResponseStreamEvent;
import ai.auriko.request.chat.Tool;
import ai.auriko.request.responses.ResponseInputItem;
import ai.auriko.request.responses.ResponseRequest;
import ai.auriko.samples.gateway.LocalGateway;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Responses API from Java: a streamed answer read with the blocking iterator and a visitor,
 * then a function-call round trip with {@code create}.
 */
public final class JavaResponsesSample {
  private JavaResponsesSample() {}

  /**
   * Streams a short answer to {@code out}.
   *
   * @param client the client
   * @param out where the text goes
   * @return the whole response
   */
  public static Response streamText(AurikoBlockingClient client, PrintStream out) {
    // README: responses-java-stream
    ResponseRequest request =
        ResponseRequest.builder().model("gpt-4o").input("Write a haiku about the sea").build();
    try (BlockingResponseStream stream = client.responses().stream(request)) {
      stream.forEachEvent(
          new ResponseStreamEvent.Visitor<Void>() {
            @Override
            public Void visitOutputTextDelta(ResponseStreamEvent.OutputTextDelta event) {
              out.print(event.getDelta()); // text as it is generated
              return null;
            }

            @Override
            public Void otherwise(ResponseStreamEvent event) {
              return null; // lifecycle, items, reasoning summaries, …
            }
          });
      out.println();
      out.println("[" + stream.usage().getTotalTokens() + " tokens]");
      return stream.response(); // the whole Response, assembled from the events
    }
    // README: end
  }

  /**
   * Runs the function-call round trip for {@code question}.
   *
   * @param client the client
   * @param question the user's question
   * @return the final answer
   */
  public static String toolRoundTrip(AurikoBlockingClient client, String question) {
    // README: responses-java-tools
    Tool weather =
        Tool.builder("get_weather")
            .description("Current weather for a city")
            .parameters(
                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))))
            .build();
    List<ResponseInputItem> conversation =
        new ArrayList<>(List.of(ResponseInputItem.user(question)));
    for (int round = 0; round < 4; round++) {
      Response response =
          client
              .responses()
              .create(
                  ResponseRequest.builder()
                      .model("gpt-4o")
                      .input(conversation)
                      .addTool(weather)
                      .build());
      if (response.getFunctionCalls().isEmpty()) return response.getOutputText();
      conversation.addAll(response.outputAsInput()); // the calls, sent back
      for (ResponseOutputItem.FunctionCall call : response.getFunctionCalls()) {
        conversation.add(ResponseInputItem.functionCallOutput(call.getCallId(), "18°C and clear"));
      }
    }
    throw new IllegalStateException("the model kept calling tools");
    // README: end
  }

  /**
   * Runs both against the embedded gateway.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (LocalGateway gateway = new LocalGateway();
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-local-demo")
                .baseUrl(gateway.getBaseUrl())
                .build()) {
      streamText(client, System.out);
      System.out.println(toolRoundTrip(client, "What is the weather in Lisbon?"));
    }
  }
}
