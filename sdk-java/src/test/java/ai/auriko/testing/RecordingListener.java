package ai.auriko.testing;

import ai.auriko.sse.SseListener;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Records everything a decoder reports, in order, as comparable strings. */
public final class RecordingListener implements SseListener {
  public final List<String> events = new ArrayList<>();
  public final List<String> comments = new ArrayList<>();
  public final List<Long> retries = new ArrayList<>();

  /** Events and comments interleaved, as delivered. */
  public final List<String> all = new ArrayList<>();

  @Override
  public void onEvent(@Nullable String id, @Nullable String type, String data) {
    String e = "event id=" + id + " type=" + type + " data=" + data;
    events.add(e);
    all.add(e);
  }

  @Override
  public void onComment(String comment) {
    comments.add(comment);
    all.add("comment " + comment);
  }

  @Override
  public void onRetry(long millis) {
    retries.add(millis);
    all.add("retry " + millis);
  }

  public List<String> data() {
    List<String> out = new ArrayList<>();
    for (String e : events) out.add(e.substring(e.indexOf(" data=") + 6));
    return out;
  }
}
