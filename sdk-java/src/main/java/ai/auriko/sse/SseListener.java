package ai.auriko.sse;

import org.jspecify.annotations.Nullable;

/**
 * Receives what an {@link SseDecoder} decodes. Called on the thread that feeds the decoder, in
 * stream order. A listener may throw to abort decoding: the exception propagates out of {@link
 * SseDecoder#feed(byte[], int, int)} and the decoder is then unusable.
 */
public interface SseListener {
  /**
   * A complete event: its final blank line has arrived, and it had at least one {@code data} field.
   * Every event the spec dispatches arrives here, including those a particular protocol has no use
   * for (empty data, event types it does not know): deciding what to ignore is the caller's job.
   *
   * @param id the last event ID so far in the stream ({@code id} persists across events, per the
   *     spec), or {@code null} when it is empty: no {@code id} field yet, or the last one had an
   *     empty value (the spec makes no difference between the two)
   * @param type the {@code event} field of this event, or {@code null} when there was none or its
   *     value was empty: the spec's default type, {@code message}
   * @param data the {@code data} field values joined with {@code \n}; may be empty (a lone {@code
   *     data:} line, or {@code data} without a colon)
   */
  void onEvent(@Nullable String id, @Nullable String type, String data);

  /**
   * A complete event whose data is one line, as that line's UTF-8 bytes: the decoder calls this
   * instead of {@link #onEvent(String, String, String)} for such events, which are nearly all of
   * them. A listener that reads the bytes itself overrides it and needs no String per event. The
   * default decodes the bytes as the decoder decodes every line (the WHATWG Encoding Standard's
   * UTF-8 decoder, with replacement) and calls {@code onEvent} with them, so a listener that does
   * not override it sees no difference. Events whose data spans several lines always arrive at
   * {@code onEvent}.
   *
   * @param id as for {@link #onEvent(String, String, String)}
   * @param type as for {@link #onEvent(String, String, String)}
   * @param data holds the data line's bytes; owned by the decoder and valid only during this call:
   *     copy what must outlive it, and do not change it
   * @param offset where the line's bytes start in {@code data}
   * @param length how many bytes the line has; 0 for empty data
   */
  default void onEventUtf8(
      @Nullable String id, @Nullable String type, byte[] data, int offset, int length) {
    onEvent(id, type, SseDecoder.utf8(data, offset, length));
  }

  /**
   * A comment line ({@code : keep-alive}). Servers send these to keep idle connections open, so a
   * client should count them as liveness. The default does nothing.
   *
   * @param comment the text after the colon, without the one leading space if present
   */
  default void onComment(String comment) {}

  /**
   * A valid {@code retry:} field (ASCII digits only): the server's requested reconnection delay.
   * The default does nothing.
   *
   * @param millis the delay in milliseconds
   */
  default void onRetry(long millis) {}
}
