package ai.auriko.client.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.responses.Response;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.StructuredOutputException;
import ai.auriko.json.RawJson;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.request.responses.ResponseRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Structured outputs from Java, against a real loopback server: a schema from JSON text or from a
 * map plus a parser function (here a hand-written one: any JSON library fits), blocking and async,
 * the typed result's getters, a refusal, and a mismatch as a {@link StructuredOutputException}
 * carrying the raw text and the completion.
 */
class StructuredOutputJavaTest {
  /** What the application parses the answer into. */
  static final class Weather {
    final String city;
    final double celsius;

    Weather(String city, double celsius) {
      this.city = city;
      this.celsius = celsius;
    }

    private static final Pattern SHAPE =
        Pattern.compile("\\{\"city\":\"([^\"]*)\",\"celsius\":(-?[0-9.]+)}");

    static Weather parse(String json) {
      Matcher m = SHAPE.matcher(json);
      if (!m.matches()) throw new IllegalArgumentException("not a weather: unexpected shape");
      return new Weather(m.group(1), Double.parseDouble(m.group(2)));
    }
  }

  static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
          + "\"celsius\":{\"type\":\"number\"}},\"required\":[\"city\",\"celsius\"],"
          + "\"additionalProperties\":false}";

  static final StructuredOutput<Weather> WEATHER =
      StructuredOutput.of(JsonSchema.of("weather", RawJson.of(SCHEMA)), Weather::parse);

  static final ChatCompletionRequest REQUEST =
      ChatCompletionRequest.builder()
          .model("gpt-4o")
          .addMessage(ChatMessage.user("Weather in Oslo?"))
          .build();

  private static String completion(String messageJson) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{"
        + "\"index\":0,\"message\":"
        + messageJson
        + ",\"finish_reason\":\"stop\"}]}";
  }

  private static LoopbackServer answering(String body, AtomicReference<String> sent) {
    return JavaTestSupport.server(
        exchange -> {
          sent.set(new String(exchange.getRequest().getBody(), StandardCharsets.UTF_8));
          exchange.respond(
              200, body, Map.of("Content-Type", "application/json", "x-request-id", "req_s"));
        });
  }

  private static AurikoBlockingClient client(LoopbackServer server) {
    return new AurikoBlockingClient.Builder()
        .apiKey("sk-structured-java")
        .baseUrl(server.getBaseUrl())
        .maxRetries(0)
        .build();
  }

  @Test
  void createStructuredSendsTheSchemaAndReturnsTheParsedValueBesideTheCompletion() {
    AtomicReference<String> sent = new AtomicReference<>();
    String answer =
        completion(
            "{\"role\":\"assistant\",\"content\":\"{\\\"city\\\":\\\"Oslo\\\",\\\"celsius\\\":-3.5}\"}");
    try (LoopbackServer server = answering(answer, sent);
        AurikoBlockingClient client = client(server)) {
      StructuredCompletion<Weather> result =
          client.chat().completions().createStructured(REQUEST, WEATHER);
      assertFalse(result.isRefusal());
      assertNull(result.getRefusal());
      assertEquals("Oslo", result.valueOrThrow().city);
      assertEquals(-3.5, result.getValue().celsius);
      assertEquals("req_s", result.getCompletion().getResponseHeaders().requestId());
      assertTrue(sent.get().contains("\"response_format\":{\"type\":\"json_schema\""), sent.get());
      assertTrue(sent.get().contains("\"name\":\"weather\""), sent.get());
      assertTrue(sent.get().contains("\"strict\":true"), sent.get());
    }
  }

  @Test
  void createStructuredAsyncCompletesWithTheTypedResult() throws Exception {
    AtomicReference<String> sent = new AtomicReference<>();
    String answer =
        completion(
            "{\"role\":\"assistant\",\"content\":\"{\\\"city\\\":\\\"Rome\\\",\\\"celsius\\\":21}\"}");
    try (LoopbackServer server = answering(answer, sent);
        AurikoBlockingClient client = client(server)) {
      CompletableFuture<StructuredCompletion<Weather>> future =
          client.chat().completions().createStructuredAsync(REQUEST, WEATHER);
      assertEquals("Rome", future.get(10, TimeUnit.SECONDS).valueOrThrow().city);
    }
  }

  @Test
  void aSchemaFromAMapIsSentAsJson() {
    AtomicReference<String> sent = new AtomicReference<>();
    String answer =
        completion(
            "{\"role\":\"assistant\",\"content\":\"{\\\"city\\\":\\\"Oslo\\\",\\\"celsius\\\":1}\"}");
    Map<String, Object> schema =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("city", Map.of("type", "string")),
            "required",
            List.of("city"),
            "additionalProperties",
            false);
    StructuredOutput<Weather> output =
        StructuredOutput.of(JsonSchema.of("city_weather", schema), Weather::parse);
    assertEquals("city_weather", output.getSchema().getName());
    try (LoopbackServer server = answering(answer, sent);
        AurikoBlockingClient client = client(server)) {
      client.chat().completions().createStructured(REQUEST, output);
      assertTrue(sent.get().contains("\"required\":[\"city\"]"), sent.get());
      assertTrue(sent.get().contains("\"additionalProperties\":false"), sent.get());
    }
  }

  @Test
  void aRefusalIsATypedResultAndValueOrThrowThrowsRefused() {
    AtomicReference<String> sent = new AtomicReference<>();
    String answer =
        completion("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I cannot.\"}");
    try (LoopbackServer server = answering(answer, sent);
        AurikoBlockingClient client = client(server)) {
      StructuredCompletion<Weather> result =
          client.chat().completions().createStructured(REQUEST, WEATHER);
      assertTrue(result.isRefusal());
      assertEquals("I cannot.", result.getRefusal());
      assertNull(result.getValue());
      StructuredOutputException e =
          assertThrows(StructuredOutputException.class, result::valueOrThrow);
      assertEquals(StructuredOutputException.Kind.REFUSED, e.kind());
      assertEquals("I cannot.", e.rawText());
    }
  }

  @Test
  void aMismatchThrowsWithTheRawTextAndTheCompletionBlockingAndAsync() throws Exception {
    AtomicReference<String> sent = new AtomicReference<>();
    String answer =
        completion("{\"role\":\"assistant\",\"content\":\"{\\\"town\\\":\\\"Oslo\\\"}\"}");
    try (LoopbackServer server = answering(answer, sent);
        AurikoBlockingClient client = client(server)) {
      StructuredOutputException e =
          assertThrows(
              StructuredOutputException.class,
              () -> client.chat().completions().createStructured(REQUEST, WEATHER));
      assertEquals(StructuredOutputException.Kind.MISMATCH, e.kind());
      assertEquals("{\"town\":\"Oslo\"}", e.rawText());
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
      ChatCompletion partial = e.partialResult(ChatCompletion.class);
      assertNotNull(partial);
      assertEquals("req_s", e.requestId());
      assertTrue(e.getMessage().contains("weather"), e.getMessage());

      ExecutionException async =
          assertThrows(
              ExecutionException.class,
              () ->
                  client
                      .chat()
                      .completions()
                      .createStructuredAsync(REQUEST, WEATHER)
                      .get(10, TimeUnit.SECONDS));
      assertInstanceOf(StructuredOutputException.class, async.getCause());
    }
  }

  @Test
  void theResponsesApiReadsTheOutputTextTyped() {
    AtomicReference<String> sent = new AtomicReference<>();
    String answer =
        "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-4o\","
            + "\"output\":[{\"type\":\"message\",\"id\":\"m1\",\"role\":\"assistant\","
            + "\"status\":\"completed\",\"content\":[{\"type\":\"output_text\","
            + "\"text\":\"{\\\"city\\\":\\\"Bergen\\\",\\\"celsius\\\":7}\",\"annotations\":[]}]}]}";
    try (LoopbackServer server = answering(answer, sent);
        AurikoBlockingClient client = client(server)) {
      StructuredResponse<Weather> result =
          client
              .responses()
              .createStructured(
                  ResponseRequest.builder().model("gpt-4o").input("Bergen?").build(), WEATHER);
      assertEquals("Bergen", result.valueOrThrow().city);
      Response response = result.getResponse();
      assertEquals("completed", response.getStatus());
      assertTrue(sent.get().contains("\"format\":{\"type\":\"json_schema\""), sent.get());
    }
  }
}
