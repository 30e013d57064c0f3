package ai.auriko.testing.examples;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.stream.StreamEvent;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.request.chat.Tool;
import ai.auriko.request.chat.ToolCall;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * "The user's code" of the README's Java example: a tool loop on the blocking client that runs the
 * {@code get_weather} calls the model makes and returns the final answer.
 */
public final class WeatherDesk {
  private final AurikoBlockingClient client;
  private final Function<String, String> weather;

  /** A desk answering through {@code client}, looking the weather up with {@code weather}. */
  public WeatherDesk(AurikoBlockingClient client, Function<String, String> weather) {
    this.client = client;
    this.weather = weather;
  }

  /** Answers {@code question}, calling tools for at most 3 rounds. */
  public String ask(String question) {
    List<ChatMessage> history = new ArrayList<>();
    history.add(ChatMessage.user(question));
    for (int round = 0; round < 3; round++) {
      ChatCompletionRequest request =
          ChatCompletionRequest.builder()
              .model("gpt-4o")
              .messages(history)
              .addTool(
                  Tool.function(
                      "get_weather", "Current weather for a city", Map.of("type", "object")))
              .build();
      List<StreamEvent.ToolCallDone> calls = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      try (BlockingChatCompletionStream stream = client.chat().completions().stream(request)) {
        Iterator<StreamEvent> events = stream.events();
        while (events.hasNext()) {
          StreamEvent event = events.next();
          if (event instanceof StreamEvent.ContentDelta) {
            text.append(((StreamEvent.ContentDelta) event).getText());
          } else if (event instanceof StreamEvent.ToolCallDone) {
            calls.add((StreamEvent.ToolCallDone) event);
          }
        }
      }
      if (calls.isEmpty()) {
        return text.toString();
      }
      List<ToolCall> toolCalls = new ArrayList<>();
      for (StreamEvent.ToolCallDone call : calls) {
        toolCalls.add(ToolCall.function(call.getId(), call.getName(), call.getArguments()));
      }
      history.add(ChatMessage.assistant(null, toolCalls));
      for (StreamEvent.ToolCallDone call : calls) {
        String city = call.getArguments().replaceAll(".*\"city\"\\s*:\\s*\"([^\"]*)\".*", "$1");
        history.add(ChatMessage.tool(call.getId(), weather.apply(city)));
      }
    }
    throw new IllegalStateException("the model kept calling tools");
  }
}
