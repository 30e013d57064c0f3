package ai.auriko.samples;

import ai.auriko.client.blocking.AsyncStreamHandle;
import ai.auriko.client.blocking.AurikoBlockingClient;
import ai.auriko.client.blocking.ChatCompletionStreamHandler;
import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.errors.AurikoException;
import ai.auriko.request.chat.ChatCompletionRequest;
import ai.auriko.request.chat.ChatMessage;
import java.io.PrintStream;
import java.util.concurrent.Executor;

/**
 * Streaming from Java without blocking a thread: {@code streamAsync} hands each chunk to a handler
 * on an executor and returns a handle with the final completion's future.
 */
public final class JavaAsyncStreamingSample {
  private JavaAsyncStreamingSample() {}

  /**
   * Streams a short answer to {@code out}, the handler running on {@code executor}.
   *
   * @param client the client
   * @param executor where the handler's methods run (one at a time)
   * @param out where the text goes
   * @return the whole completion
   */
  public static ChatCompletion streamText(
      AurikoBlockingClient client, Executor executor, PrintStream out) {
    // README: java-stream-async
    ChatCompletionRequest request =
        ChatCompletionRequest.builder()
            .model("gpt-4o")
            .addMessage(ChatMessage.user("Write a haiku about the sea"))
            .build();
    AsyncStreamHandle<ChatCompletion> handle =
        client
            .chat()
            .completions()
            .streamAsync(
                request,
                new ChatCompletionStreamHandler() {
                  @Override
                  public void onChunk(ChatCompletionChunk chunk) { // one call at a time, in order
                    if (chunk.getChoices().isEmpty()) return;
                    String text = chunk.getChoices().get(0).getDelta().getContent();
                    if (text != null) out.print(text);
                  }

                  @Override
                  public void onComplete(ChatCompletion completion) {
                    out.println();
                    out.println("[" + completion.getChoices().get(0).getFinishReason() + "]");
                  }

                  @Override
                  public void onError(Throwable error) { // the SDK's exception, partial attached
                    ChatCompletion partial =
                        error instanceof AurikoException
                            ? ((AurikoException) error).partialResult(ChatCompletion.class)
                            : null;
                    out.println("\nfailed after: " + (partial == null ? "" : partial.getContent()));
                  }
                },
                executor); // optional; by default a shared pool of one thread per core
    // handle.cancel() stops it and closes the connection; nothing is called after it
    return handle.completion().join(); // after onComplete; join() throws after onError
    // README: end
  }
}
