package ai.auriko.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.auriko.testing.Fixtures;
import ai.auriko.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded stream decodes to the same events however the network splits it: fed whole, one
 * byte per read, and at 1,000 seeded random splittings. The result is also checked against an
 * independent line-by-line reading of the spec (below) and against hand-counted totals.
 */
class SseDecoderFixturesTest {
  /** Hand-counted from the fixture files: events dispatched, comments, finish() result. */
  private static final Map<String, int[]> EXPECTED = new HashMap<>();

  static {
    EXPECTED.put("auriko-basic", new int[] {7, 0, 0});
    EXPECTED.put("auriko-reasoning", new int[] {8, 0, 0});
    EXPECTED.put("auriko-tool-calls", new int[] {9, 0, 0});
    EXPECTED.put("event-error", new int[] {2, 0, 0});
    EXPECTED.put("finish-reason-error", new int[] {4, 0, 0});
    EXPECTED.put("finish-reason-empty-cut", new int[] {3, 0, 0});
    EXPECTED.put("finish-reason-empty-then-stop", new int[] {4, 0, 0});
    EXPECTED.put("forward-compat", new int[] {3, 0, 0});
    EXPECTED.put("keepalive-comments", new int[] {5, 3, 0});
    EXPECTED.put("midstream-error", new int[] {3, 0, 0});
    // Its lone "data:" line is an event with empty data.
    EXPECTED.put("spec-corners-crlf", new int[] {5, 0, 0});
    EXPECTED.put("truncated", new int[] {2, 0, 0});
    EXPECTED.put("two-choices", new int[] {6, 0, 0});
    EXPECTED.put("unicode-bom", new int[] {3, 0, 1});
    EXPECTED.put("usage-on-finish-chunk", new int[] {4, 0, 0});
  }

  static Stream<Fixtures.Case> streams() {
    return Fixtures.eventStreams().stream();
  }

  private static final class Result {
    final RecordingListener listener = new RecordingListener();
    boolean incomplete;
  }

  private static Result decode(byte[] body, int[] cuts) {
    Result r = new Result();
    SseDecoder decoder = new SseDecoder(r.listener);
    int start = 0;
    for (int cut : cuts) {
      decoder.feed(body, start, cut - start);
      start = cut;
    }
    decoder.feed(body, start, body.length - start);
    r.incomplete = decoder.finish();
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void decodesToTheExpectedEventsHoweverSplit(Fixtures.Case fixture) {
    int[] expected = EXPECTED.get(fixture.name);
    assertNotNull(expected, "add hand-counted totals for the new fixture " + fixture.name);
    byte[] body = fixture.body;

    Result whole = decode(body, new int[0]);
    assertEquals(expected[0], whole.listener.events.size(), "events in " + fixture.name);
    assertEquals(expected[1], whole.listener.comments.size(), "comments in " + fixture.name);
    assertEquals(
        expected[2] == 1, whole.incomplete, "incomplete event at the end of " + fixture.name);
    assertEquals(
        referenceDecode(body), whole.listener.all, "agrees with the reference reading of the spec");

    int[] everyByte = new int[Math.max(0, body.length - 1)];
    for (int i = 0; i < everyByte.length; i++) everyByte[i] = i + 1;
    Result bytewise = decode(body, everyByte);
    assertEquals(whole.listener.all, bytewise.listener.all, "one byte per read");
    assertEquals(whole.incomplete, bytewise.incomplete);

    Random random = new Random(fixture.name.hashCode());
    for (int round = 0; round < 1000; round++) {
      int pieces = 1 + random.nextInt(Math.min(40, body.length));
      int[] cuts = random.ints(pieces, 0, body.length + 1).sorted().toArray();
      Result split = decode(body, cuts);
      assertEquals(
          whole.listener.all, split.listener.all, "split at " + java.util.Arrays.toString(cuts));
      assertEquals(whole.incomplete, split.incomplete);
    }
  }

  /**
   * The spec's algorithm read literally over the whole decoded text — no incremental state, no byte
   * handling — as an independent oracle. The body is decoded as the Encoding Standard's UTF-8
   * decode does, then one leading U+FEFF is dropped; lines are split on CRLF, CR or LF; the final
   * unterminated line is discarded; a blank line dispatches when any data field arrived, even an
   * empty one. An empty event type or last event ID is reported as null, as the decoder does.
   */
  static List<String> referenceDecode(byte[] body) {
    String text = utf8Decode(body);
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    List<String> out = new ArrayList<>();
    String[] parts = text.split("\r\n|\r|\n", -1);
    StringBuilder data = null; // each data line adds "\n" + value: null is the empty buffer
    String type = "";
    String id = "";
    for (int i = 0; i < parts.length - 1; i++) { // the last part has no line end: discarded
      String line = parts[i];
      if (line.isEmpty()) {
        if (data != null) {
          out.add(
              "event id="
                  + (id.isEmpty() ? null : id)
                  + " type="
                  + (type.isEmpty() ? null : type)
                  + " data="
                  + data.substring(1));
        }
        data = null;
        type = "";
        continue;
      }
      if (line.startsWith(":")) {
        String c = line.substring(1);
        out.add("comment " + (c.startsWith(" ") ? c.substring(1) : c));
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) value = value.substring(1);
      switch (field) {
        case "data":
          if (data == null) data = new StringBuilder();
          data.append('\n').append(value);
          break;
        case "event":
          type = value;
          break;
        case "id":
          if (value.indexOf('\0') < 0) id = value;
          break;
        case "retry":
          if (value.matches("[0-9]+")) {
            // The spec sets no bound; a value beyond a long means nothing and is ignored.
            try {
              out.add("retry " + Long.parseLong(value));
            } catch (NumberFormatException tooLarge) {
              // ignored, as the decoder does
            }
          }
          break;
        default:
          break;
      }
    }
    return out;
  }

  /**
   * UTF-8 decoding with replacement as the Encoding Standard specifies it, written here as
   * Unicode's "maximal subpart" practice (which it equals): a lead byte and the continuation bytes
   * that keep a well-formed prefix (Unicode table 3-7) are one U+FFFD when the sequence is cut
   * short; a byte that can start nothing is one U+FFFD.
   */
  static String utf8Decode(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length);
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      int length;
      int secondLow = 0x80;
      int secondHigh = 0xBF;
      if (c < 0x80) {
        sb.append((char) c);
        i++;
        continue;
      } else if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0) secondLow = 0xA0;
        if (c == 0xED) secondHigh = 0x9F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0) secondLow = 0x90;
        if (c == 0xF4) secondHigh = 0x8F;
      } else {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      int valid = 1;
      while (valid < length && i + valid < b.length) {
        int v = b[i + valid] & 0xFF;
        int low = valid == 1 ? secondLow : 0x80;
        int high = valid == 1 ? secondHigh : 0xBF;
        if (v < low || v > high) break;
        valid++;
      }
      if (valid == length) {
        sb.append(new String(b, i, length, StandardCharsets.UTF_8)); // well-formed
      } else {
        sb.append('\uFFFD');
      }
      i += valid;
    }
    return sb.toString();
  }
}
