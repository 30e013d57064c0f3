package ai.auriko.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.auriko.sse.SseDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One event-stream parsing case: the bytes, what {@link SseDecoder} must report for them (in {@link
 * RecordingListener}'s notation, see {@link #event}, {@link #comment}, {@link #retry}) and what
 * {@link SseDecoder#finish()} must return. {@link #assertDecodesHoweverSplit()} feeds the bytes
 * whole, one byte per read, at every 2-way split (a sample of them for a stream over 16 KiB) and,
 * when the case has them, in the reads its source used.
 */
public final class EventStreamCase {
  /** The display name: the source file and the test's name there. */
  public final String name;

  public final byte[] stream;
  public final List<String> expected;
  public final boolean incomplete;
  private final List<byte[]> reads;

  private EventStreamCase(
      String name, byte[] stream, List<byte[]> reads, List<String> expected, boolean incomplete) {
    this.name = name;
    this.stream = stream;
    this.reads = reads;
    this.expected = expected;
    this.incomplete = incomplete;
  }

  /** A case whose stream is {@code text} in UTF-8, ending cleanly. */
  public static EventStreamCase of(String name, String text, String... expected) {
    return new EventStreamCase(
        name, utf8(text), Collections.emptyList(), Arrays.asList(expected), false);
  }

  /** A case whose stream is the given bytes, ending cleanly. */
  public static EventStreamCase ofBytes(String name, byte[] stream, String... expected) {
    return new EventStreamCase(
        name, stream.clone(), Collections.emptyList(), Arrays.asList(expected), false);
  }

  /**
   * A case whose stream is the concatenation of {@code reads} (UTF-8 strings), which are also fed
   * one by one as its source fed them.
   */
  public static EventStreamCase ofReads(String name, List<String> reads, String... expected) {
    List<byte[]> bytes = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String read : reads) {
      byte[] b = utf8(read);
      bytes.add(b);
      all.write(b, 0, b.length);
    }
    return new EventStreamCase(name, all.toByteArray(), bytes, Arrays.asList(expected), false);
  }

  /** The same case, whose stream ends in the middle of an event ({@code finish()} is true). */
  public EventStreamCase endsIncomplete() {
    return new EventStreamCase(name, stream, reads, expected, true);
  }

  public static String event(@Nullable String id, @Nullable String type, String data) {
    return "event id=" + id + " type=" + type + " data=" + data;
  }

  /** An event of the default type without an id. */
  public static String message(String data) {
    return event(null, null, data);
  }

  public static String comment(String text) {
    return "comment " + text;
  }

  public static String retry(long millis) {
    return "retry " + millis;
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code n} copies of {@code s}. */
  public static String repeat(String s, int n) {
    StringBuilder sb = new StringBuilder(s.length() * n);
    for (int i = 0; i < n; i++) sb.append(s);
    return sb.toString();
  }

  /** Concatenates byte arrays. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.write(p, 0, p.length);
    return out.toByteArray();
  }

  /** What a decoder reported, and what {@code finish()} returned. */
  public static final class Transcript {
    public final RecordingListener listener = new RecordingListener();
    public boolean incomplete;
  }

  /** Decodes {@code stream} with default caps, one read per piece between the sorted cuts. */
  public static Transcript decode(byte[] stream, int[] cuts) {
    Transcript t = new Transcript();
    SseDecoder decoder = new SseDecoder(t.listener);
    int start = 0;
    for (int cut : cuts) {
      decoder.feed(stream, start, cut - start);
      start = cut;
    }
    decoder.feed(stream, start, stream.length - start);
    t.incomplete = decoder.finish();
    return t;
  }

  /** Asserts the expected transcript however the stream is split into reads. */
  public void assertDecodesHoweverSplit() {
    check(decode(stream, new int[0]), "whole");
    int[] everyByte = new int[stream.length];
    for (int i = 0; i < stream.length; i++) everyByte[i] = i;
    check(decode(stream, everyByte), "one byte per read");
    // Every 2-way split; past 16 KiB (quadratic work), every split near either end and about a
    // thousand evenly spread between.
    int step = stream.length <= 16 * 1024 ? 1 : stream.length / 1024;
    for (int cut = 0; cut <= stream.length; cut++) {
      if (step > 1 && cut > 256 && cut < stream.length - 256 && cut % step != 0) continue;
      check(decode(stream, new int[] {cut}), "split at " + cut);
    }
    if (!reads.isEmpty()) {
      int[] cuts = new int[reads.size() - 1];
      int at = 0;
      for (int i = 0; i < cuts.length; i++) cuts[i] = at += reads.get(i).length;
      check(decode(stream, cuts), "in the source's reads");
    }
  }

  private void check(Transcript t, String how) {
    // The case's name leads each message: surefire's reports show only the parameter's index.
    assertEquals(expected, t.listener.all, name + ": " + how);
    assertEquals(
        incomplete, t.incomplete, name + ": " + how + ": finish() reports an incomplete event");
  }

  @Override
  public String toString() {
    return name;
  }
}
