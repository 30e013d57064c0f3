package ai.auriko.client.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.client.management.ApiList;
import ai.auriko.client.management.Balance;
import ai.auriko.client.management.Budget;
import ai.auriko.client.management.DirectoryModel;
import ai.auriko.client.management.DirectoryProviderEntry;
import ai.auriko.client.management.Identity;
import ai.auriko.client.management.Model;
import ai.auriko.client.management.RegistryModel;
import ai.auriko.client.management.RegistryProvider;
import ai.auriko.client.management.Workspace;
import ai.auriko.client.testing.JavaTestSupport;
import ai.auriko.errors.InvalidRequestException;
import ai.auriko.errors.NotFoundException;
import io.ktor.client.engine.mock.MockEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The management endpoints from Java, blocking and as {@code CompletableFuture}s, written the way a
 * Java user would: {@code client.me().get()}, {@code client.models().listAsync().get()}, plain
 * {@code java.util.List}s and unchecked exceptions.
 */
class ManagementJavaTest {
  private static final Map<String, String> ROUTES =
      Map.ofEntries(
          Map.entry(
              "/v1/me",
              "{\"workspace_id\":\"ws_1\",\"user_id\":\"usr_9\",\"email\":\"ada@example.com\",\"name\":\"Ada\",\"role\":\"owner\",\"x_new\":1}"),
          Map.entry(
              "/v1/workspaces",
              "{\"object\":\"list\",\"data\":[{\"id\":\"ws_1\",\"name\":\"Main\",\"tier\":\"enterprise\"},{\"id\":\"ws_2\",\"name\":\"Side\"}]}"),
          Map.entry(
              "/v1/workspaces/ws_1",
              "{\"id\":\"ws_1\",\"name\":\"Main\",\"tier\":\"enterprise\",\"created_at\":\"2026-01-02T03:04:05Z\"}"),
          Map.entry(
              "/v1/workspaces/ws_1/budgets",
              "[{\"id\":\"b_1\",\"workspace_id\":\"ws_1\",\"name\":\"Monthly cap\",\"limit_usd\":50.0,\"spent_usd\":12.5,\"period\":\"monthly\"}]"),
          Map.entry(
              "/v1/workspaces/ws_1/budgets/b_1",
              "{\"id\":\"b_1\",\"workspace_id\":\"ws_1\",\"limit_usd\":50.0,\"reset_at\":\"2026-12-01T00:00:00Z\"}"),
          Map.entry(
              "/v1/workspaces/ws_1/billing/balance",
              "{\"workspace_id\":\"ws_1\",\"balance_usd\":25.5,\"balance_microdollars\":25500000,\"currency\":\"USD\"}"),
          Map.entry(
              "/v1/models",
              "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"openai\"},"
                  + "{\"id\":\"claude-sonnet-4\",\"object\":\"model\",\"owned_by\":\"anthropic\"}]}"),
          Map.entry(
              "/v1/models/gpt-4o",
              "{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"openai\"}"),
          Map.entry(
              "/v1/models/openai%2Fgpt-4o", "{\"id\":\"openai/gpt-4o\",\"object\":\"model\"}"),
          Map.entry(
              "/v1/registry/models",
              "{\"data\":[{\"id\":\"gpt-4o\",\"family\":\"gpt-4o\",\"display_name\":\"GPT-4o\"}]}"),
          Map.entry(
              "/v1/registry/providers",
              "{\"data\":[{\"id\":\"anthropic\",\"display_name\":\"Anthropic\",\"description\":\"Claude\",\"data_policy\":\"no-training\"}]}"),
          Map.entry(
              "/v1/directory/models",
              "{\"data\":[{\"id\":\"gpt-4o\",\"display_name\":\"GPT-4o\",\"providers\":[{\"provider\":\"openai\",\"context_window\":128000,"
                  + "\"capabilities\":[\"tools\",\"vision\"],\"pricing\":{\"input_per_1m\":2.5},\"supported_parameters\":[\"temperature\"]}]}]}"));

  private MockEngine engine;
  private AurikoBlockingClient client;

  @BeforeEach
  void setUp() {
    engine = JavaTestSupport.jsonEngine(ROUTES);
    client =
        new AurikoBlockingClient.Builder()
            .apiKey("sk-java-test")
            .baseUrl("https://gateway.test/v1")
            .engine(engine)
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    engine.close();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void meGetAndGetAsync() throws Exception {
    Identity me = client.me().get();
    assertEquals("ws_1", me.getWorkspaceId());
    assertEquals("usr_9", me.getUserId());
    assertEquals("ada@example.com", me.getEmail());
    assertEquals("Ada", me.getName());
    assertEquals("owner", me.getRole());
    assertTrue(me.getRaw().containsKey("x_new"), "unknown fields stay in raw");
    assertEquals("req_java", me.getResponseHeaders().requestId());

    Identity again = await(client.me().getAsync());
    assertEquals("ws_1", again.getWorkspaceId());

    assertEquals(List.of("/v1/me", "/v1/me"), JavaTestSupport.requestedPaths(engine));
    assertEquals(List.of("GET", "GET"), JavaTestSupport.requestedMethods(engine));
    assertEquals(
        List.of("Bearer sk-java-test"), JavaTestSupport.requestHeader(engine, 0, "Authorization"));
    assertEquals(List.of("application/json"), JavaTestSupport.requestHeader(engine, 1, "Accept"));
    assertTrue(
        JavaTestSupport.requestHeader(engine, 0, "User-Agent").get(0).startsWith("auriko-jvm/"));
  }

  @Test
  void workspacesListAndGet() throws Exception {
    List<Workspace> workspaces = client.workspaces().list();
    assertEquals(2, workspaces.size());
    List<String> names = new ArrayList<>();
    for (Workspace w : workspaces) {
      names.add(w.getName());
    }
    assertEquals(List.of("Main", "Side"), names);

    ApiList<Workspace> async = await(client.workspaces().listAsync());
    assertEquals(
        List.of("ws_1", "ws_2"), async.stream().map(Workspace::getId).collect(Collectors.toList()));
    assertEquals("req_java", async.getResponseHeaders().requestId());
    assertEquals(2, async.getData().size());
    assertNotNull(async.getRaw());

    Workspace ws = client.workspaces().get("ws_1");
    assertEquals("enterprise", ws.getTier());
    assertEquals("2026-01-02T03:04:05Z", ws.getCreatedAt());
    assertEquals("Main", await(client.workspaces().getAsync("ws_1")).getName());

    assertEquals(
        List.of("/v1/workspaces", "/v1/workspaces", "/v1/workspaces/ws_1", "/v1/workspaces/ws_1"),
        JavaTestSupport.requestedPaths(engine));
  }

  @Test
  void anApiListIsAReadOnlyJavaList() {
    List<Workspace> workspaces = client.workspaces().list();
    assertThrows(UnsupportedOperationException.class, () -> workspaces.add(workspaces.get(0)));
    assertThrows(UnsupportedOperationException.class, () -> workspaces.remove(0));
    assertEquals(2, workspaces.size());
    assertEquals(workspaces.get(1), workspaces.subList(1, 2).get(0));
  }

  @Test
  void budgetsListAndGet() throws Exception {
    List<Budget> budgets = client.budgets().list("ws_1");
    Budget monthly = budgets.get(0);
    assertEquals("b_1", monthly.getId());
    assertEquals(new java.math.BigDecimal("50.0"), monthly.getLimitUsd());
    assertEquals(new java.math.BigDecimal("12.5"), monthly.getSpentUsd());
    assertEquals("monthly", monthly.getPeriod());
    assertNull(monthly.getResetAt());

    assertEquals(1, await(client.budgets().listAsync("ws_1")).size());

    Budget one = client.budgets().get("ws_1", "b_1");
    assertEquals("2026-12-01T00:00:00Z", one.getResetAt());
    assertEquals("ws_1", await(client.budgets().getAsync("ws_1", "b_1")).getWorkspaceId());
  }

  @Test
  void modelsListAndRetrieve() throws Exception {
    ApiList<Model> models = client.models().list();
    assertEquals(
        List.of("gpt-4o", "claude-sonnet-4"),
        models.stream().map(Model::getId).collect(Collectors.toList()));
    assertEquals(1700000000L, models.get(0).getCreated());
    assertNull(models.get(1).getCreated());
    assertEquals("anthropic", models.get(1).getOwnedBy());

    assertEquals(2, await(client.models().listAsync()).size());

    Model model = client.models().retrieve("gpt-4o");
    assertEquals("model", model.getObjectType());
    assertEquals("openai", model.getOwnedBy());

    Model slashed = await(client.models().retrieveAsync("openai/gpt-4o"));
    assertEquals("openai/gpt-4o", slashed.getId());
    assertTrue(JavaTestSupport.requestedPaths(engine).contains("/v1/models/openai%2Fgpt-4o"));
  }

  @Test
  void registryModelsAndProviders() throws Exception {
    RegistryModel gpt = client.models().listRegistry().get(0);
    assertEquals("gpt-4o", gpt.getFamily());
    assertEquals("GPT-4o", gpt.getDisplayName());
    assertEquals("GPT-4o", await(client.models().listRegistryAsync()).get(0).getDisplayName());

    RegistryProvider anthropic = client.models().listProviders().get(0);
    assertEquals("anthropic", anthropic.getId());
    assertEquals("Anthropic", anthropic.getDisplayName());
    assertEquals("Claude", anthropic.getDescription());
    assertNotNull(anthropic.getDataPolicy());
    assertEquals("\"no-training\"", anthropic.getDataPolicy().toString());
    assertEquals(1, await(client.models().listProvidersAsync()).size());

    assertEquals(
        List.of(
            "/v1/registry/models",
            "/v1/registry/models",
            "/v1/registry/providers",
            "/v1/registry/providers"),
        JavaTestSupport.requestedPaths(engine));
  }

  @Test
  void directory() throws Exception {
    DirectoryModel gpt = client.models().listDirectory().get(0);
    assertEquals("GPT-4o", gpt.getDisplayName());
    DirectoryProviderEntry openai = gpt.getProviders().get(0);
    assertEquals("openai", openai.getProvider());
    assertEquals(128000L, openai.getContextWindow());
    assertEquals(List.of("tools", "vision"), openai.getCapabilities());
    assertEquals(List.of("temperature"), openai.getSupportedParameters());
    assertNotNull(openai.getPricing());

    DirectoryModel async = await(client.models().listDirectoryAsync()).get(0);
    assertEquals(1, async.getProviders().size());
  }

  @Test
  void billingBalance() throws Exception {
    Balance balance = client.billing().balance("ws_1");
    assertEquals("ws_1", balance.getWorkspaceId());
    assertEquals(new java.math.BigDecimal("25.5"), balance.getBalanceUsd());
    assertEquals(25_500_000L, balance.getBalanceMicrodollars());
    assertEquals("USD", balance.getCurrency());

    assertEquals(
        new java.math.BigDecimal("25.5"),
        await(client.billing().balanceAsync("ws_1")).getBalanceUsd());
    assertEquals(
        List.of("/v1/workspaces/ws_1/billing/balance", "/v1/workspaces/ws_1/billing/balance"),
        JavaTestSupport.requestedPaths(engine));
  }

  @Test
  void a404IsThrownAsNotFoundException() {
    NotFoundException e =
        assertThrows(NotFoundException.class, () -> client.workspaces().get("ws_missing"));
    assertEquals(404, e.statusCode());
    assertEquals("not_found", e.code());
    assertEquals("req_java_404", e.requestId());
    assertEquals(List.of("/v1/workspaces/ws_missing"), JavaTestSupport.requestedPaths(engine));
  }

  @Test
  void a404FailsTheFutureWithNotFoundExceptionAsTheCause() {
    CompletableFuture<Workspace> future = client.workspaces().getAsync("ws_missing");
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    NotFoundException cause = assertInstanceOf(NotFoundException.class, e.getCause());
    assertEquals(404, cause.statusCode());
    assertEquals("req_java_404", cause.requestId());
    assertTrue(future.isCompletedExceptionally());
  }

  @Test
  void a404OnEveryAsyncEndpointIsTheFuturesCause() {
    MockEngine nothing = JavaTestSupport.jsonEngine(Map.of());
    try (AurikoBlockingClient empty =
        new AurikoBlockingClient.Builder()
            .apiKey("sk-java-test")
            .baseUrl("https://gateway.test/v1")
            .engine(nothing)
            .build()) {
      List<CompletableFuture<?>> futures =
          List.of(
              empty.me().getAsync(),
              empty.workspaces().listAsync(),
              empty.budgets().listAsync("ws_1"),
              empty.budgets().getAsync("ws_1", "b_1"),
              empty.models().listAsync(),
              empty.models().retrieveAsync("gpt-4o"),
              empty.models().listRegistryAsync(),
              empty.models().listProvidersAsync(),
              empty.models().listDirectoryAsync(),
              empty.billing().balanceAsync("ws_1"));
      for (CompletableFuture<?> future : futures) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertInstanceOf(NotFoundException.class, e.getCause());
      }
      assertEquals(10, JavaTestSupport.requestedPaths(nothing).size());
    } finally {
      nothing.close();
    }
  }

  @Test
  void aBlankIdIsRejectedBeforeAnyRequest() {
    InvalidRequestException blocking =
        assertThrows(InvalidRequestException.class, () -> client.budgets().get("ws_1", " "));
    assertEquals("budget_id", blocking.param());

    ExecutionException async =
        assertThrows(
            ExecutionException.class,
            () -> client.workspaces().getAsync("").get(10, TimeUnit.SECONDS));
    InvalidRequestException cause =
        assertInstanceOf(InvalidRequestException.class, async.getCause());
    assertEquals("workspace_id", cause.param());

    assertThrows(InvalidRequestException.class, () -> client.models().retrieve(""));
    assertTrue(JavaTestSupport.requestedPaths(engine).isEmpty());
  }

  @Test
  void callsAfterCloseFail() {
    client.close();
    assertThrows(IllegalStateException.class, () -> client.me().get());
    assertThrows(IllegalStateException.class, () -> client.models().listAsync());
    assertFalse(JavaTestSupport.requestedPaths(engine).iterator().hasNext());
  }
}
