package ai.auriko.samples.readme;

import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.BlockingChatCompletionStream;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.chat.stream.ChatCompletionAccumulator;
import ai.auriko.client.chat.stream.StreamEvent;
import ai.auriko.client.logging.HttpLogLevel;
import ai.auriko.client.management.ApiList;
import ai.auriko.client.management.Balance;
import ai.auriko.client.management.Identity;
import ai.auriko.client.management.Model;
import ai.auriko.client.management.Workspace;
import ai.auriko.errors.AurikoApiException;
import ai.auriko.errors.ErrorClassifier;
import ai.auriko.errors.ErrorDetails;
import ai.auriko.gateway.Optimize;
import ai.auriko.gateway.RequestMetadata;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.http.ResponseHeaders;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import ai.auriko.sse.SseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's Java fragments. Each region between {@code README: <name>} and {@code README: end}
 * is a java block of README.md, word for word (ReadmeCodeTest checks both ways); what a fragment
 * uses is declared before its region. Compiled, never run.
 */
@SuppressWarnings("unused")
final class ReadmeJavaSnippets {
  private ReadmeJavaSnippets() {}

  static void streamHelpers(
      AurikoBlockingClient client,
      ChatCompletionRequest request,
      List<ChatCompletionChunk> chunks) {
    // README: java-stream-helpers
    ChatCompletion done = client.chat().completions().stream(request).toCompletion();
    try (BlockingChatCompletionStream s = client.chat().completions().stream(request)) {
      for (Iterator<String> text = s.contentDeltas(); text.hasNext(); ) {
        System.out.print(text.next()); // text only
      }
      System.out.println(s.metrics());
    }
    StreamEvent.Visitor<Void> tools =
        new StreamEvent.Visitor<Void>() {
          @Override
          public Void otherwise(StreamEvent event) {
            return null;
          }

          @Override
          public Void visitToolCallDone(StreamEvent.ToolCallDone call) {
            runTool(call.getName(), call.getArguments()); // complete arguments
            return null;
          }
        };
    try (BlockingChatCompletionStream s = client.chat().completions().stream(request)) {
      s.events().forEachRemaining(event -> event.accept(tools)); // typed events
    }
    ChatCompletionAccumulator acc = new ChatCompletionAccumulator(); // for chunks from anywhere
    chunks.forEach(acc::add);
    ChatCompletion assembled = acc.snapshot();
    // README: end
  }

  static void runTool(String name, String arguments) {}

  static void management(AurikoBlockingClient client) {
    // README: java-management
    Identity me = client.me().get();
    ApiList<Workspace> workspaces = client.workspaces().list();
    CompletableFuture<Balance> balance = client.billing().balanceAsync(me.getWorkspaceId());
    Model gpt = client.models().retrieve("gpt-4o"); // ModelNotFoundException when unknown
    // README: end
  }

  static void logging() {
    Logger log = LoggerFactory.getLogger("app");
    // README: java-logging
    AurikoBlockingClient client =
        new AurikoBlockingClient.Builder()
            .httpLogLevel(HttpLogLevel.BASIC)
            .logger((level, message, error) -> log.info(message, error))
            .build();
    // README: end
  }

  static void request() {
    // README: java-request
    ChatCompletionRequest request =
        ChatCompletionRequest.builder()
            .model("gpt-4o")
            .addMessage(ChatMessage.system("You are terse."))
            .addMessage(ChatMessage.user("What is inference arbitrage?"))
            .routing(RoutingOptions.builder().optimize(Optimize.COST).maxTtftMs(200).build())
            .metadata(RequestMetadata.builder().addTag("docs").userId("u_42").build())
            .build();
    // README: end
  }

  static void decode(InputStream in, byte[] buf) throws IOException {
    // README: java-sse-decoder
    SseDecoder decoder = new SseDecoder((id, type, data) -> handle(type, data));
    for (int n; (n = in.read(buf)) != -1; ) decoder.feed(buf, 0, n);
    boolean cutMidEvent = decoder.finish();
    // README: end
  }

  static void handle(String type, String data) {}

  static void classify(int status, String code, ResponseHeaders headers) {
    // README: java-error-classifier
    AurikoApiException e =
        ErrorClassifier.standard()
            .classify(
                ErrorDetails.builder().statusCode(status).code(code).headers(headers).build());
    // README: end
  }
}
