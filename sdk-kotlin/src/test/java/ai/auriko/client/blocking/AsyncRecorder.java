package ai.auriko.client.blocking;

import ai.auriko.client.chat.ChatCompletion;
import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.responses.Response;
import ai.auriko.client.responses.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler for both APIs that records what it was given and checks the calling rules as it goes:
 * never two calls at once, nothing after the ending, at most one ending.
 */
final class AsyncRecorder<T> {
  /** Items in the order the handler received them; written only inside handler calls. */
  final List<T> items = new ArrayList<>();

  /** The ending callbacks' arguments: the result, or the error. */
  final List<Object> endings = new CopyOnWriteArrayList<>();

  /** Rule violations seen. */
  final List<String> violations = new CopyOnWriteArrayList<>();

  /** Threads the callbacks ran on. */
  final List<String> threads = new CopyOnWriteArrayList<>();

  private final AtomicInteger inside = new AtomicInteger();

  void enter() {
    if (inside.getAndIncrement() != 0) violations.add("two handler calls at once");
    if (!endings.isEmpty()) violations.add("a handler call after the ending");
    String name = Thread.currentThread().getName();
    if (!threads.contains(name)) threads.add(name);
  }

  void exit() {
    inside.decrementAndGet();
  }

  void item(T item) {
    enter();
    items.add(item);
    exit();
  }

  void end(Object ending) {
    enter();
    endings.add(ending);
    exit();
  }

  static ChatHandler chat() {
    return new ChatHandler();
  }

  static ResponsesHandler responses() {
    return new ResponsesHandler();
  }

  static final class ChatHandler implements ChatCompletionStreamHandler {
    final AsyncRecorder<ChatCompletionChunk> rec = new AsyncRecorder<>();

    @Override
    public void onChunk(ChatCompletionChunk chunk) {
      rec.item(chunk);
    }

    @Override
    public void onComplete(ChatCompletion completion) {
      rec.end(completion);
    }

    @Override
    public void onError(Throwable error) {
      rec.end(error);
    }
  }

  static final class ResponsesHandler implements ResponseStreamHandler {
    final AsyncRecorder<ResponseStreamEvent> rec = new AsyncRecorder<>();

    @Override
    public void onEvent(ResponseStreamEvent event) {
      rec.item(event);
    }

    @Override
    public void onComplete(Response response) {
      rec.end(response);
    }

    @Override
    public void onError(Throwable error) {
      rec.end(error);
    }
  }
}
