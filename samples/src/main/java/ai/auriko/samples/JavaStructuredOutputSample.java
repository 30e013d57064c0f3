package ai.auriko.samples;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingObjectStream;
import ai.auriko.client.structured.JsonSchema;
import ai.auriko.client.structured.PartialObject;
import ai.auriko.client.structured.StructuredCompletion;
import ai.auriko.client.structured.StructuredOutput;
import ai.auriko.errors.StructuredOutputException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.samples.gateway.LocalGateway;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structured outputs from Java: a JSON Schema built as a map, a parser function (here two fields
 * read by hand; Jackson, Gson or Moshi fit the same way), and the typed result, blocking and async.
 */
public final class JavaStructuredOutputSample {
  private JavaStructuredOutputSample() {}

  /** The application's own type. */
  public static final class CityWeather {
    /** The city. */
    public final String city;

    /** Today's high. */
    public final double celsius;

    CityWeather(String city, double celsius) {
      this.city = city;
      this.celsius = celsius;
    }

    private static final Pattern CITY = Pattern.compile("\"city\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern CELSIUS =
        Pattern.compile("\"celsius\"\\s*:\\s*(-?[0-9][0-9.eE+-]*)");

    /**
     * Reads the model's JSON (members in any order).
     *
     * @param json the answer
     * @return the weather
     */
    public static CityWeather parse(String json) {
      Matcher city = CITY.matcher(json);
      Matcher celsius = CELSIUS.matcher(json);
      if (!city.find() || !celsius.find()) {
        throw new IllegalArgumentException("not {city, celsius}");
      }
      return new CityWeather(city.group(1), Double.parseDouble(celsius.group(1)));
    }
  }

  /**
   * The structured output: the schema as a map, and the parser.
   *
   * @return the output
   */
  public static StructuredOutput<CityWeather> cityWeather() {
    // README: structured-java-output
    return StructuredOutput.of(
        JsonSchema.of(
            "city_weather",
            Map.of(
                "type",
                "object",
                "properties",
                Map.of(
                    "city", Map.of("type", "string"),
                    "celsius", Map.of("type", "number")),
                "required",
                List.of("city", "celsius"),
                "additionalProperties",
                false)),
        CityWeather::parse);
    // README: end
  }

  /**
   * Asks for the weather as {@link CityWeather}, blocking, then again without blocking.
   *
   * @param client the client
   * @param question the question
   * @return the weather
   */
  public static CityWeather ask(AurikoBlockingClient client, String question) {
    StructuredOutput<CityWeather> output = cityWeather();
    // README: structured-java
    ChatCompletionRequest request =
        ChatCompletionRequest.builder()
            .model("gpt-4o")
            .addMessage(ChatMessage.user(question))
            .build();
    try {
      StructuredCompletion<CityWeather> answer =
          client.chat().completions().createStructured(request, output);
      if (answer.isRefusal()) throw new IllegalStateException(answer.getRefusal());
      CityWeather weather = answer.valueOrThrow();
      System.out.println(weather.city + ": " + weather.celsius + "°C");
    } catch (StructuredOutputException e) { // the JSON did not parse, or was cut
      System.out.println(e.kind() + ": " + e.rawText());
    }
    CompletableFuture<StructuredCompletion<CityWeather>> later =
        client.chat().completions().createStructuredAsync(request, output);
    // README: end
    return later.join().valueOrThrow();
  }

  /**
   * Streams the answer, printing the JSON as it grows, then the parsed value.
   *
   * @param client the client
   * @param output the structured output
   * @param request the request
   * @return the weather
   */
  public static CityWeather stream(
      AurikoBlockingClient client,
      StructuredOutput<CityWeather> output,
      ChatCompletionRequest request) {
    // README: structured-java-stream
    try (BlockingObjectStream<CityWeather> stream =
        client.chat().completions().streamObject(request, output)) {
      for (PartialObject<CityWeather> partial : stream) {
        System.out.println(partial.getJson()); // the JSON so far, open parts closed
      }
      CityWeather weather = stream.result().valueOrThrow(); // the whole text, your parser
      System.out.println(weather.city + ": " + weather.celsius + "°C");
      return weather;
    }
    // README: end
  }

  /**
   * Runs against the embedded gateway.
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
      String question = args.length > 0 ? args[0] : "What is the weather in Lisbon?";
      ask(client, question);
      stream(
          client,
          cityWeather(),
          ChatCompletionRequest.builder()
              .model("gpt-4o")
              .addMessage(ChatMessage.user(question))
              .build());
    }
  }
}
