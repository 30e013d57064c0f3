package ai.auriko.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.errors.RateLimitException;
import ai.auriko.gateway.Optimize;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit from Java: builders, plain types, and none of Kotlin's machinery in sight. */
class JavaApiTest {
  private static final List<Class<?>> PUBLIC_API =
      List.of(
          FakeGateway.class,
          InMemoryGateway.class,
          LoopbackGateway.class,
          GatewayScript.class,
          GatewayScript.Builder.class,
          RecordedRequest.class,
          RecordedMessage.class,
          RecordedToolCall.class,
          RecordedFunctionCallOutput.class,
          RequestMatcher.class,
          RequestMatchers.class);

  @Test
  void noKotlinFunctionTypesContinuationsOrCompanionsInThePublicApi() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : PUBLIC_API) {
      for (java.lang.reflect.Field field : type.getFields()) {
        if (field.getName().equals("Companion")) leaks.add(type.getSimpleName() + ".Companion");
      }
      for (Method method : type.getMethods()) {
        if (method.isSynthetic() || method.getDeclaringClass() == Object.class) continue;
        if (method.getName().contains("-"))
          leaks.add(type.getSimpleName() + "." + method.getName() + " (mangled)");
        List<Type> types = new ArrayList<>(List.of(method.getGenericParameterTypes()));
        types.add(method.getGenericReturnType());
        for (Type t : types) {
          String name = t.getTypeName();
          if (name.startsWith("kotlin.jvm.functions")
              || name.startsWith("kotlin.coroutines")
              || name.startsWith("kotlin.time")) {
            leaks.add(type.getSimpleName() + "." + method.getName() + " uses " + name);
          }
        }
      }
    }
    assertEquals(List.of(), leaks);
    assertTrue(Modifier.isAbstract(FakeGateway.class.getModifiers()));
  }

  @Test
  void inMemoryStreamWithLambdaMatchersAndRecordedRouting() {
    try (InMemoryGateway gateway = new InMemoryGateway();
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-java")
                .baseUrl(gateway.getBaseUrl())
                .engine(gateway.getEngine())
                .maxRetries(0)
                .build()) {
      gateway.on(
          request -> "cost".equals(request.field("gateway.routing.optimize")),
          new GatewayScript.Builder()
              .content("che", "ap")
              .provider("deepinfra")
              .costUsd(0.0001)
              .build());
      gateway.on(RequestMatchers.any(), new GatewayScript.Builder().content("default").build());

      ChatCompletionRequest cheap =
          ChatCompletionRequest.builder()
              .model("gpt-4o")
              .addMessage(ChatMessage.user("hi"))
              .routing(RoutingOptions.builder().optimize(Optimize.COST).build())
              .build();
      List<String> fragments = new ArrayList<>();
      try (BlockingChatCompletionStream stream = client.chat().completions().stream(cheap)) {
        Iterator<ChatCompletionChunk> it = stream;
        while (it.hasNext()) {
          ChatCompletionChunk chunk = it.next();
          if (!chunk.getChoices().isEmpty()
              && chunk.getChoices().get(0).getDelta().getContent() != null
              && !chunk.getChoices().get(0).getDelta().getContent().isEmpty()) {
            fragments.add(chunk.getChoices().get(0).getDelta().getContent());
          }
        }
        assertEquals("deepinfra", stream.routingMetadata().getProvider());
      }
      assertEquals(List.of("che", "ap"), fragments);

      ChatCompletion other =
          client
              .chat()
              .completions()
              .create(
                  ChatCompletionRequest.builder()
                      .model("gpt-4o")
                      .addMessage(ChatMessage.user("hi"))
                      .build());
      assertEquals("default", other.getContent());

      RecordedRequest first = gateway.takeRequest(Duration.ofSeconds(1));
      assertEquals("cost", first.field("gateway.routing.optimize"));
      assertTrue(first.getStream());
      assertFalse(gateway.takeRequest().getStream());
      assertEquals(2, gateway.getRequestCount());
    }
  }

  @Test
  void loopbackRateLimitThenSuccessWithRetryAfter() {
    try (LoopbackGateway gateway = new LoopbackGateway();
        AurikoBlockingClient client =
            new AurikoBlockingClient.Builder()
                .apiKey("sk-java")
                .baseUrl(gateway.getBaseUrl())
                .maxRetries(0)
                .build()) {
      gateway.enqueue(
          new GatewayScript.Builder()
              .httpError(429, "rate_limit_exceeded", "slow down")
              .retryAfter(3)
              .header("x-ratelimit-remaining-requests", "0")
              .build());
      ChatCompletionRequest request =
          ChatCompletionRequest.builder().model("m").addMessage(ChatMessage.user("q")).build();
      RateLimitException e =
          assertThrows(RateLimitException.class, () -> client.chat().completions().create(request));
      assertEquals(Duration.ofSeconds(3), e.retryAfter());
      assertEquals(Long.valueOf(0), e.headers().rateLimitRemaining());

      gateway.enqueue(
          new GatewayScript.Builder()
              .pacing(Duration.ofMillis(5))
              .content("a", "b")
              .usage(1, 2)
              .build());
      assertEquals("ab", client.chat().completions().create(request).getContent());
      assertEquals(2, gateway.getConnectionCount());
      gateway.assertAllQueuedScriptsUsed();
    }
  }

  @Test
  void loopbackResponsesRequestRecordedAndAnsweredInTheResponsesFormat() throws IOException {
    try (LoopbackGateway gateway = new LoopbackGateway()) {
      gateway.enqueue(
          RequestMatchers.lastMessageIsToolResult(),
          new GatewayScript.Builder().content("18 ", "degrees").usage(9, 2).build());
      String body =
          "{\"model\":\"gpt-4.1\",\"instructions\":\"Be brief.\",\"stream\":true,"
              + "\"previous_response_id\":\"resp_1\",\"max_output_tokens\":64,"
              + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\"}],"
              + "\"input\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
              + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"get_weather\","
              + "\"arguments\":\"{}\"},"
              + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"18\"}]}";
      HttpURLConnection c =
          (HttpURLConnection) new URL(gateway.getBaseUrl() + "/responses").openConnection();
      String answer;
      try {
        c.setConnectTimeout(5_000);
        c.setReadTimeout(10_000);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Authorization", "Bearer sk-java");
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(200, c.getResponseCode());
        try (InputStream in = c.getInputStream()) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          byte[] buffer = new byte[8192];
          for (int n = in.read(buffer); n != -1 && bytes.size() < (1 << 24); n = in.read(buffer)) {
            bytes.write(buffer, 0, n);
          }
          answer = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
      } finally {
        c.disconnect();
      }
      assertTrue(answer.startsWith("event: response.created\ndata: "), answer);
      assertTrue(answer.contains("\"delta\":\"18 \""), answer);
      assertTrue(answer.contains("event: response.completed\n"), answer);

      RecordedRequest request = gateway.takeRequest(Duration.ofSeconds(5));
      assertTrue(request.isResponsesRequest());
      assertEquals("Be brief.", request.getInstructions());
      assertEquals("resp_1", request.getPreviousResponseId());
      assertEquals(Integer.valueOf(64), request.getMaxOutputTokens());
      assertEquals(List.of("get_weather"), request.getToolNames());
      assertEquals("Weather?", request.getLastUserMessage());
      RecordedToolCall call = request.getFunctionCalls().get(0);
      assertEquals("call_1", call.getId());
      assertEquals("get_weather", call.getName());
      RecordedFunctionCallOutput output = request.getFunctionCallOutputs().get(0);
      assertEquals("call_1", output.getCallId());
      assertEquals("18", output.getOutput());
      gateway.assertAllQueuedScriptsUsed();
    }
  }
}
