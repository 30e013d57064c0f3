package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.chat.TokenLogprob;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.gateway.DataPolicy;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kotlinx.serialization.json.JsonElement;
import kotlinx.serialization.json.JsonElementKt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Java caller reads a member the SDK does not model, typed log probabilities and exact cost. */
class ResponseModelsJavaTest {
  private static final String COMPLETION_BODY =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"x_region\":\"eu-west\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
          + "\"logprobs\":{\"content\":[{\"token\":\"Hi\",\"logprob\":-0.5,\"bytes\":[72,105],"
          + "\"top_logprobs\":[]}]},\"finish_reason\":\"stop\"}],"
          + "\"routing_metadata\":{\"provider\":\"openai\",\"cost\":{\"usd\":0.000042,"
          + "\"billable_cost_usd\":0.1}}}";

  private static final String STREAM_BODY =
      "data: {\"id\":\"c1\",\"obfuscation\":\"Xq\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"c1\",\"choices\":[],\"routing_metadata\":{\"provider\":\"openai\",\"cost\":{\"usd\":0.2}}}\n\n"
          + "data: [DONE]\n\n";

  private LoopbackServer server;

  @BeforeEach
  void startServer() {
    server =
        JavaTestSupport.server(
            exchange -> {
              String body =
                  new String(
                      exchange.getRequest().getBody(), java.nio.charset.StandardCharsets.UTF_8);
              if (body.contains("\"stream\":true")) {
                exchange.startStream(200, Map.of("Content-Type", "text/event-stream"));
                exchange.chunk(STREAM_BODY);
                exchange.endStream();
              } else {
                exchange.respond(200, COMPLETION_BODY, Map.of("Content-Type", "application/json"));
              }
            });
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private AurikoBlockingClient newClient() {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-java-test")
        .baseUrl(server.getBaseUrl())
        .build();
  }

  private static ChatCompletionRequest request() {
    return ChatCompletionRequest.builder()
        .model("gpt-4o")
        .addMessage(ChatMessage.user("Hello!"))
        .routing(RoutingOptions.builder().dataPolicy(DataPolicy.ZDR).build())
        .build();
  }

  @Test
  void readsAnUnmodelledMemberLogprobsAndTheExactCost() {
    try (AurikoBlockingClient client = newClient()) {
      ChatCompletion answer = client.chat().completions().create(request());
      JsonElement region = answer.getAdditionalProperties().get("x_region");
      assertEquals("eu-west", JsonElementKt.getJsonPrimitive(region).getContent());
      assertTrue(answer.getChoices().get(0).getAdditionalProperties().isEmpty());

      TokenLogprob token = answer.getChoices().get(0).getLogprobs().getContent().get(0);
      assertEquals("Hi", token.getToken());
      assertEquals(-0.5, token.getLogprob());
      assertEquals(List.of(72, 105), token.getBytes());

      BigDecimal usd = answer.getRoutingMetadata().getCost().getUsd();
      assertEquals(new BigDecimal("0.000042"), usd);
      assertEquals("0.000042", usd.toString());
      BigDecimal total = usd.add(answer.getRoutingMetadata().getCost().getBillableCostUsd());
      assertEquals(new BigDecimal("0.100042"), total);
    }
  }

  @Test
  void streamedChunksAndTheirCompletionKeepUnmodelledMembers() {
    try (AurikoBlockingClient client = newClient();
        BlockingChatCompletionStream stream = client.chat().completions().stream(request())) {
      List<String> obfuscation = new ArrayList<>();
      for (ChatCompletionChunk chunk : stream) {
        JsonElement value = chunk.getAdditionalProperties().get("obfuscation");
        obfuscation.add(value == null ? null : JsonElementKt.getJsonPrimitive(value).getContent());
      }
      assertEquals(java.util.Arrays.asList("Xq", null), obfuscation);
      assertEquals(
          "Xq",
          JsonElementKt.getJsonPrimitive(
                  stream.completion().getAdditionalProperties().get("obfuscation"))
              .getContent());
      assertEquals(new BigDecimal("0.2"), stream.routingMetadata().getCost().getUsd());
    }
  }
}
