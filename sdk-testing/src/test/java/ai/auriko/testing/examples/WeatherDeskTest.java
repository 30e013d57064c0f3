package ai.auriko.testing.examples;

// README: test-kit-java
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.testing.GatewayScript;
import ai.auriko.testing.LoopbackGateway;
import ai.auriko.testing.RecordedRequest;
import ai.auriko.testing.RequestMatchers;
import java.util.List;
import org.junit.jupiter.api.Test;

// A test of the tool loop in WeatherDesk (blocking client), on the loopback fake gateway.
class WeatherDeskTest {
  @Test
  void answersWithTheToolResult() {
    try (LoopbackGateway gateway = new LoopbackGateway();
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-test")
                .baseUrl(gateway.getBaseUrl())
                .build()) {
      // first turn: the model calls the tool, its arguments split across chunks
      gateway.enqueue(
          new GatewayScript.Builder()
              .toolCall("call_1", "get_weather", "{\"city\":", "\"Lisbon\"}")
              .build());
      // second turn: answer once the tool result is in the conversation
      gateway.enqueue(
          RequestMatchers.lastMessageIsToolResult(),
          new GatewayScript.Builder().content("It is ", "18°C in Lisbon.").usage(42, 7).build());

      String answer =
          new WeatherDesk(client, city -> "18°C and clear in " + city).ask("Weather in Lisbon?");

      assertEquals("It is 18°C in Lisbon.", answer);
      assertEquals(List.of("get_weather"), gateway.takeRequest().getToolNames());
      RecordedRequest second = gateway.takeRequest();
      assertEquals("tool", second.getMessages().get(2).getRole());
      assertEquals("call_1", second.getMessages().get(2).getToolCallId());
      assertEquals("18°C and clear in Lisbon", second.getMessages().get(2).getContent());
      gateway.assertNoUnmatchedRequests();
    }
  }
}
// README: end
