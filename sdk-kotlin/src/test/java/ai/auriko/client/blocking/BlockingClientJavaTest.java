package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.client.testing.LoopbackServer;
import ai.auriko.errors.AurikoException;
import ai.auriko.errors.RateLimitException;
import ai.auriko.errors.StreamInterruptedException;
import ai.auriko.gateway.Optimize;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audience test: the whole public Java surface, used exactly as the README shows it. If this
 * reads badly, the API is wrong.
 */
class BlockingClientJavaTest {
  private static final String STREAM_BODY =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" Java\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"native_finish_reason\":\"end_turn\"}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"routing_metadata\":{\"provider\":\"anthropic\",\"routing_strategy\":\"cost\",\"cost\":{\"usd\":0.0002}}}\n\n"
          + "data: [DONE]\n\n";

  private static final String COMPLETION_BODY =
      "{\"id\":\"c2\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi from create\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,\"total_tokens\":6},"
          + "\"routing_metadata\":{\"provider\":\"openai\",\"cost\":{\"usd\":0.0001}}}";

  private LoopbackServer server;

  @BeforeEach
  void startServer() {
    server =
        JavaTestSupport.server(
            exchange -> {
              String body = new String(exchange.getRequest().getBody(), StandardCharsets.UTF_8);
              String model = body.contains("\"rate-limited\"") ? "limited" : "ok";
              if (model.equals("limited")) {
                exchange.respond(
                    429,
                    "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}",
                    Map.of(
                        "Content-Type",
                        "application/json",
                        "Retry-After",
                        "120",
                        "x-request-id",
                        "req_429"));
              } else if (body.contains("\"stream\":true")) {
                exchange.startStream(
                    200,
                    Map.of(
                        "Content-Type",
                        "text/event-stream",
                        "x-request-id",
                        "req_java",
                        "x-provider-used",
                        "anthropic",
                        "x-credits-balance-microdollars",
                        "999"));
                exchange.chunk(STREAM_BODY);
                exchange.endStream();
              } else {
                exchange.respond(
                    200,
                    COMPLETION_BODY,
                    Map.of("Content-Type", "application/json", "x-request-id", "req_create"));
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
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(30))
        .idleTimeout(Duration.ofSeconds(10))
        .maxRetries(2)
        .defaultHeader("X-App", "java-test")
        .build();
  }

  private static ChatCompletionRequest request(String model) {
    return ChatCompletionRequest.builder()
        .model(model)
        .addMessage(ChatMessage.system("You are terse."))
        .addMessage(ChatMessage.user("Hello!"))
        .routing(RoutingOptions.builder().optimize(Optimize.COST).maxTtftMs(200).build())
        .build();
  }

  @Test
  void streamsWithAForEachLoopAndReportsTheResultAfterwards() {
    try (AurikoBlockingClient client = newClient();
        BlockingChatCompletionStream stream =
            client.chat().completions().stream(request("gpt-4o"))) {
      StringBuilder text = new StringBuilder();
      for (ChatCompletionChunk chunk : stream) {
        if (!chunk.getChoices().isEmpty()
            && chunk.getChoices().get(0).getDelta().getContent() != null) {
          text.append(chunk.getChoices().get(0).getDelta().getContent());
        }
      }
      assertEquals("Hello Java", text.toString());
      assertEquals(7L, stream.usage().getTotalTokens());
      assertEquals("anthropic", stream.routingMetadata().getProvider());
      assertEquals(new java.math.BigDecimal("0.0002"), stream.routingMetadata().getCost().getUsd());
      assertEquals(Map.of(0, "stop"), stream.finishReasons());
      assertEquals("req_java", stream.responseHeaders().requestId());
      assertEquals(999L, stream.responseHeaders().creditsBalanceMicrodollars());
      assertEquals("Hello Java", stream.completion().getContent());
      assertEquals(1, stream.attempts());
      assertThrows(IllegalStateException.class, stream::iterator, "a stream is iterated once");
    }
  }

  @Test
  void streamsAsAJavaStreamThatClosesTheConnection() {
    try (AurikoBlockingClient client = newClient();
        Stream<ChatCompletionChunk> chunks =
            client.chat().completions().stream(request("gpt-4o")).stream()) {
      List<String> contents =
          chunks
              .filter(c -> !c.getChoices().isEmpty())
              .map(c -> c.getChoices().get(0).getDelta().getContent())
              .filter(s -> s != null)
              .collect(Collectors.toList());
      assertEquals(List.of("Hello", " Java"), contents);
    }
  }

  @Test
  void createsBlockingAndAsync() throws Exception {
    try (AurikoBlockingClient client = newClient()) {
      ChatCompletion answer = client.chat().completions().create(request("gpt-4o"));
      assertEquals("Hi from create", answer.getContent());
      assertEquals("req_create", answer.getResponseHeaders().requestId());
      assertEquals("openai", answer.getRoutingMetadata().getProvider());

      CompletableFuture<ChatCompletion> future =
          client.chat().completions().createAsync(request("gpt-4o"));
      assertEquals("Hi from create", future.get().getContent());
    }
  }

  @Test
  void errorsAreTheTypedUncheckedExceptions() {
    try (AurikoBlockingClient client = newClient()) {
      RateLimitException e =
          assertThrows(
              RateLimitException.class,
              () -> client.chat().completions().create(request("rate-limited")));
      assertEquals(429, e.statusCode());
      assertEquals("req_429", e.requestId());
      assertEquals(Duration.ofSeconds(120), e.retryAfter());
      assertEquals(
          1, e.attempts(), "a wait longer than the cap is handed to the caller, not slept through");

      try (BlockingChatCompletionStream stream =
          client.chat().completions().stream(request("rate-limited"))) {
        assertThrows(RateLimitException.class, stream::hasNext);
        assertThrows(RateLimitException.class, stream::hasNext, "the failure is sticky");
      }

      CompletableFuture<ChatCompletion> future =
          client.chat().completions().createAsync(request("rate-limited"));
      Throwable cause =
          assertThrows(java.util.concurrent.ExecutionException.class, future::get).getCause();
      assertTrue(cause instanceof RateLimitException, String.valueOf(cause));
    }
  }

  @Test
  void aStreamFailureCarriesThePartialCompletion() {
    try (LoopbackServer cutting =
            JavaTestSupport.server(
                exchange -> {
                  exchange.startStream(
                      200, Map.of("Content-Type", "text/event-stream", "x-request-id", "req_cut"));
                  exchange.chunk(JavaTestSupport.contentChunk("The answer"));
                  exchange.chunk(JavaTestSupport.contentChunk(" is"));
                  exchange.endStream(); // ends without a finish reason or [DONE]
                });
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-java-test")
                .baseUrl(cutting.getBaseUrl())
                .build();
        BlockingChatCompletionStream stream =
            client.chat().completions().stream(request("gpt-4o"))) {
      List<ChatCompletionChunk> received = new ArrayList<>();
      StreamInterruptedException e =
          assertThrows(
              StreamInterruptedException.class,
              () -> {
                while (stream.hasNext()) received.add(stream.next());
              });
      assertEquals(2, received.size());
      ChatCompletion partial = e.partialResult(ChatCompletion.class);
      assertNotNull(partial);
      assertEquals("The answer is", partial.getContent());
      assertEquals("req_cut", e.requestId());
      assertThrows(StreamInterruptedException.class, stream::hasNext, "the failure is sticky");
    }
  }

  @Test
  void theClientComesFromTheEnvironmentOrFailsNamingTheVariable() {
    if (System.getenv("AURIKO_API_KEY") == null) {
      AurikoException e =
          assertThrows(AurikoException.class, () -> new AurikoBlockingClient.Builder().build());
      assertTrue(e.getMessage().contains("AURIKO_API_KEY"), e.getMessage());
    } else {
      new AurikoBlockingClient.Builder().build().close();
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsFail() {
    AurikoBlockingClient client = newClient();
    client.close();
    client.close();
    assertThrows(
        IllegalStateException.class, () -> client.chat().completions().create(request("gpt-4o")));
    assertFalse(client.toString().contains("sk-java-test"));
  }
}
