package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.RequestOptions;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.management.ApiList;
import ai.auriko.client.management.Identity;
import ai.auriko.client.management.Model;
import ai.auriko.client.responses.Response;
import ai.auriko.client.responses.ResponseStreamEvent;
import ai.auriko.client.testing.OptionsGateway;
import ai.auriko.errors.ServiceUnavailableException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.request.responses.ResponseRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-request options from Java, written as a Java user would: {@code RequestOptions.builder()…
 * build()} passed as the last argument of every call — chat create, createAsync and stream, the
 * Responses API, management reads. Headers and query parameters are asserted as the gateway
 * received them; max retries by counting attempts.
 */
class RequestOptionsJavaTest {
  private static final String CLIENT_KEY = "sk-java-client-key-000";
  private static final String TENANT_KEY = "sk-java-tenant-key-111";

  private final ChatCompletionRequest chat =
      ChatCompletionRequest.builder().model("m").addMessage(ChatMessage.user("hi")).build();
  private final ResponseRequest response =
      ResponseRequest.builder().model("gpt-4o").input("hi").build();

  private OptionsGateway gateway;
  private AurikoBlockingClient client;

  @BeforeEach
  void setUp() {
    gateway = new OptionsGateway();
    client =
        new AurikoBlockingClient.Builder()
            .apiKey(CLIENT_KEY)
            .baseUrl("https://gateway.test/v1")
            .engine(gateway.getEngine())
            .defaultHeader("X-Team", "core")
            .maxRetries(2)
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    gateway.getEngine().close();
  }

  private static RequestOptions tenantOptions() {
    return RequestOptions.builder()
        .apiKey(TENANT_KEY)
        .header("x-team", "tenant-team")
        .header("X-Tenant", "acme")
        .queryParam("api-version", "2026-01-01")
        .requestTimeout(Duration.ofSeconds(30))
        .firstEventTimeout(Duration.ofSeconds(30))
        .idleTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** Request {@code index} carried the tenant's key, headers and parameter. */
  private void assertTenant(int index) {
    assertEquals(List.of("Bearer " + TENANT_KEY), gateway.header(index, "Authorization"));
    assertEquals(List.of("tenant-team"), gateway.header(index, "X-Team"));
    assertEquals(List.of("acme"), gateway.header(index, "X-Tenant"));
    assertEquals(List.of("2026-01-01"), gateway.query(index, "api-version"));
  }

  @Test
  void builderIsImmutableAndItsToStringHidesValues() {
    RequestOptions.Builder builder = RequestOptions.builder().apiKey(TENANT_KEY).maxRetries(0);
    RequestOptions options = builder.build();
    builder.maxRetries(5).header("X-Later", "1");
    assertEquals(0, options.getMaxRetries());
    assertEquals(1, options.getHeaders().size());
    String text = options.toString();
    assertTrue(text.contains("Authorization"), text);
    assertFalse(text.contains(TENANT_KEY), text);
    assertTrue(RequestOptions.NONE.getHeaders().isEmpty());
    assertNull(RequestOptions.NONE.getMaxRetries());
    assertThrows(
        IllegalArgumentException.class,
        () -> RequestOptions.builder().header("X-Key", "a\r\nInjected: 1"));
  }

  @Test
  void chatCreateCreateAsyncAndStreamSendTheOptions() throws Exception {
    ChatCompletion blocking = client.chat().completions().create(chat, tenantOptions());
    assertEquals("hi", blocking.getContent());
    ChatCompletion async =
        client.chat().completions().createAsync(chat, tenantOptions()).get(10, TimeUnit.SECONDS);
    assertEquals("hi", async.getContent());
    StringBuilder text = new StringBuilder();
    try (BlockingChatCompletionStream stream =
        client.chat().completions().stream(chat, tenantOptions())) {
      for (ChatCompletionChunk chunk : stream) {
        String content = chunk.getChoices().get(0).getDelta().getContent();
        if (content != null) text.append(content);
      }
    }
    assertEquals("hi", text.toString());
    client.chat().completions().create(chat, RequestOptions.NONE);

    assertEquals(4, gateway.count());
    assertTenant(0);
    assertTenant(1);
    assertTenant(2);
    assertEquals(List.of("Bearer " + CLIENT_KEY), gateway.header(3, "Authorization"));
    assertEquals(List.of("core"), gateway.header(3, "X-Team"));
    assertEquals(List.of(), gateway.query(3, "api-version"));
  }

  @Test
  void responsesCreateAndStreamSendTheOptions() throws Exception {
    Response created = client.responses().create(response, tenantOptions());
    assertEquals("hi", created.getOutputText());
    Response async =
        client.responses().createAsync(response, tenantOptions()).get(10, TimeUnit.SECONDS);
    assertEquals("hi", async.getOutputText());
    int events = 0;
    try (BlockingResponseStream stream = client.responses().stream(response, tenantOptions())) {
      for (ResponseStreamEvent event : stream) {
        events++;
      }
      assertEquals("hi", stream.response().getOutputText());
    }
    assertTrue(events > 0);
    assertEquals(3, gateway.count());
    for (int i = 0; i < 3; i++) {
      assertEquals("/v1/responses", gateway.path(i));
      assertTenant(i);
    }
  }

  @Test
  void streamAsyncSendsTheOptionsForChatAndResponses() throws Exception {
    StringBuilder text = new StringBuilder();
    ChatCompletion chatDone =
        client
            .chat()
            .completions()
            .streamAsync(
                chat,
                tenantOptions(),
                chunk -> {
                  if (!chunk.getChoices().isEmpty()) {
                    String content = chunk.getChoices().get(0).getDelta().getContent();
                    if (content != null) text.append(content);
                  }
                })
            .completion()
            .get(10, TimeUnit.SECONDS);
    assertEquals("hi", chatDone.getContent());
    assertEquals("hi", text.toString());
    java.util.concurrent.ExecutorService executor =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      Response responseDone =
          client
              .responses()
              .streamAsync(response, tenantOptions(), event -> {}, executor)
              .completion()
              .get(10, TimeUnit.SECONDS);
      assertEquals("hi", responseDone.getOutputText());
    } finally {
      executor.shutdownNow();
    }
    assertEquals(2, gateway.count());
    assertEquals("/v1/responses", gateway.path(1));
    assertTenant(0);
    assertTenant(1);
  }

  @Test
  void managementReadsSendTheOptions() throws Exception {
    Identity me = client.me().get(tenantOptions());
    assertEquals("ws_1", me.getWorkspaceId());
    ApiList<Model> models = client.models().listAsync(tenantOptions()).get(10, TimeUnit.SECONDS);
    assertEquals("gpt-4o", models.get(0).getId());
    assertEquals(2, gateway.count());
    assertEquals("/v1/me", gateway.path(0));
    assertEquals("/v1/models", gateway.path(1));
    assertTenant(0);
    assertTenant(1);
  }

  @Test
  void maxRetriesPerCallWinsOverTheClients() {
    gateway.setFailing(true);
    RequestOptions noRetries = RequestOptions.builder().maxRetries(0).build();

    ServiceUnavailableException clients =
        assertThrows(
            ServiceUnavailableException.class, () -> client.chat().completions().create(chat));
    assertEquals(3, clients.attempts());
    assertEquals(3, gateway.count());

    gateway.clear();
    ServiceUnavailableException once =
        assertThrows(
            ServiceUnavailableException.class,
            () -> client.chat().completions().create(chat, noRetries));
    assertEquals(1, once.attempts());
    assertEquals(1, gateway.count());

    gateway.clear();
    assertThrows(
        ServiceUnavailableException.class,
        () -> {
          try (BlockingResponseStream stream = client.responses().stream(response, noRetries)) {
            stream.forEachRemaining(e -> {});
          }
        });
    assertEquals(1, gateway.count());

    gateway.clear();
    ExecutionException async =
        assertThrows(
            ExecutionException.class,
            () -> client.models().listAsync(noRetries).get(10, TimeUnit.SECONDS));
    assertTrue(async.getCause() instanceof ServiceUnavailableException, async.toString());
    assertEquals(1, gateway.count());
  }
}
