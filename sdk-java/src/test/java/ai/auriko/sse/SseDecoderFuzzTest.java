package ai.auriko.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.auriko.errors.AurikoException;
import ai.auriko.errors.StreamLimitExceededException;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzes {@link SseDecoder} with Jazzer: any bytes, split into reads anywhere, with any caps.
 *
 * <ul>
 *   <li>With caps it cannot reach, the events equal the independent reference reading of the spec
 *       in {@link SseDecoderFixturesTest#referenceDecode}, however the bytes are split.
 *   <li>With small caps, the only exception that may leave the decoder is the SDK's typed {@link
 *       StreamLimitExceededException}, and the events before it do not depend on the split.
 * </ul>
 *
 * <p>In the normal test run this replays the inputs in {@code SseDecoderFuzzTestInputs}; {@code mvn
 * verify} also fuzzes it for a fixed budget ({@code fuzz.duration}), and {@code -Pfuzz} for longer.
 */
class SseDecoderFuzzTest {
  @FuzzTest(maxDuration = "15s")
  void anyBytesSplitAnywhereDecodeAsTheSpecSays(FuzzedDataProvider data) {
    int maxLine = data.consumeInt(1, 512);
    int maxEvent = data.consumeInt(1, 1024);
    int[] cuts = data.consumeInts(data.consumeInt(0, 24));
    byte[] body = data.consumeRemainingAsBytes();

    int[] positions = new int[cuts.length];
    for (int i = 0; i < cuts.length; i++)
      positions[i] = body.length == 0 ? 0 : Math.floorMod(cuts[i], body.length + 1);
    Arrays.sort(positions);

    // Caps it cannot reach: the reference reading, whole and split.
    int roomy = body.length + 1;
    Outcome whole = decode(body, new int[0], roomy, roomy);
    assertEquals(SseDecoderFixturesTest.referenceDecode(body), whole.events, "whole");
    assertEquals(whole.events, decode(body, positions, roomy, roomy).events, "split");

    // Small caps: typed failure or the same events, independent of the split.
    Outcome capped = decode(body, new int[0], maxLine, maxEvent);
    Outcome cappedSplit = decode(body, positions, maxLine, maxEvent);
    assertEquals(capped.failed, cappedSplit.failed, "a cap is exceeded whatever the split");
    assertEquals(capped.events, cappedSplit.events, "events before the cap");
  }

  private static final class Outcome {
    final List<String> events = new ArrayList<>();
    boolean failed;
  }

  /** Feeds [body] cut at [positions]; only the SDK's typed exceptions are caught. */
  private static Outcome decode(byte[] body, int[] positions, int maxLine, int maxEvent) {
    Outcome out = new Outcome();
    SseDecoder decoder =
        new SseDecoder(
            new SseListener() {
              @Override
              public void onEvent(@Nullable String id, @Nullable String type, String data) {
                out.events.add("event id=" + id + " type=" + type + " data=" + data);
              }

              @Override
              public void onComment(String comment) {
                out.events.add("comment " + comment);
              }

              @Override
              public void onRetry(long millis) {
                out.events.add("retry " + millis);
              }
            },
            maxLine,
            maxEvent);
    try {
      int from = 0;
      for (int p : positions) {
        decoder.feed(body, from, p - from);
        from = p;
      }
      decoder.feed(body, from, body.length - from);
      decoder.finish();
    } catch (StreamLimitExceededException e) {
      out.failed = true;
    } catch (AurikoException e) {
      throw new AssertionError("only StreamLimitExceededException is expected from the decoder", e);
    }
    return out;
  }
}
