package ai.auriko.samples.readme;

import ai.auriko.client.RequestOptions;
import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.management.Identity;
import ai.auriko.request.chat.ChatCompletionRequest;
import java.time.Duration;

/**
 * The README's Java per-request options fragment (see {@link ReadmeJavaSnippets} for how regions
 * work). Compiled, never run.
 */
@SuppressWarnings("unused")
final class RequestOptionsJavaSnippets {
  private RequestOptionsJavaSnippets() {}

  static void requestOptions(
      AurikoBlockingClient client, ChatCompletionRequest request, String tenantKey) {
    // README: java-request-options
    RequestOptions tenant =
        RequestOptions.builder()
            .apiKey(tenantKey)
            .header("X-Tenant", "acme")
            .requestTimeout(Duration.ofSeconds(10))
            .maxRetries(0)
            .build();
    ChatCompletion answer = client.chat().completions().create(request, tenant);
    try (BlockingChatCompletionStream s = client.chat().completions().stream(request, tenant)) {
      s.forEachRemaining(chunk -> {});
    }
    Identity who = client.me().get(tenant); // whose key it is
    // README: end
  }
}
