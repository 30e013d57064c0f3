package ai.auriko.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under issue 22's "Flow throughput ≥ 0.95× the transport": the least a decoder must add
 * to the transport's own pass over a chunk event's bytes. The transport baseline already looks at
 * every byte once, for event ends ({@link #eventEnds}, its loop). A decoder must at least also tell
 * where each JSON string begins and ends, which needs the in-string and escape state of every byte,
 * and hand the delta's text over as a {@code String}: {@link #eventEndsAndStrings} does that in the
 * same single pass and nothing else (no field names matched, no numbers, no model objects). Its
 * cost over {@link #eventEnds} is the floor of a decoder's cost per chunk in scalar Java (Java 11
 * bytecode and Android rule out the incubating Vector API).
 *
 * <p>The report divides the transport's CPU per chunk by that plus the floor: the best ratio any
 * decoder on the transport's core could reach.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkFloorBenchmark {
  /** One chunk event as the throughput scenario's server sends it: the JMH chunk, SSE-framed. */
  private static final byte[] EVENT =
      ("data: "
              + "{\"id\":\"chatcmpl-9f3a1c2b7d\",\"object\":\"chat.completion.chunk\",\"created\":1732250000,"
              + "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,"
              + "\"delta\":{\"content\":\"tok123 \"},\"finish_reason\":null}]}"
              + "\n\n")
          .getBytes(StandardCharsets.UTF_8);

  private static final byte NL = '\n';
  private static final byte QUOTE = '"';
  private static final byte BACKSLASH = '\\';

  private byte last;

  /**
   * The transport baseline's loop over one event: every byte compared for an event end.
   *
   * @return the event ends seen (1)
   */
  @Benchmark
  public int eventEnds() {
    byte[] b = EVENT;
    int events = 0;
    byte previous = last;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (c == NL && previous == NL) events++;
      previous = c;
    }
    last = previous;
    return events;
  }

  /**
   * The same pass, also finding the JSON strings (quotes, escapes) and making the delta's text a
   * {@code String}. Written for speed: outside a string a tight loop looks for a quote or a line
   * feed, inside one for a quote or a backslash.
   *
   * @return the delta's text
   */
  @Benchmark
  public String eventEndsAndStrings() {
    byte[] b = EVENT;
    int n = b.length;
    int events = 0;
    byte previous = last;
    int lastStart = 0;
    int lastEnd = 0;
    int contentStart = 0;
    int contentEnd = 0;
    int i = 0;
    while (i < n) {
      byte c = b[i];
      if (c == QUOTE) {
        int start = ++i;
        // Inside a string: to the closing quote, skipping escaped characters.
        while (i < n) {
          byte s = b[i];
          if (s == QUOTE) break;
          i += s == BACKSLASH ? 2 : 1;
        }
        // The delta's text is the string before the last one ("finish_reason"); a decoder would
        // match the "content" key instead, which costs more.
        contentStart = lastStart;
        contentEnd = lastEnd;
        lastStart = start;
        lastEnd = i;
        previous = QUOTE;
        i++;
        continue;
      }
      if (c == NL && previous == NL) events++;
      previous = c;
      i++;
    }
    last = previous;
    return events == 1
        ? new String(b, contentStart, contentEnd - contentStart, StandardCharsets.UTF_8)
        : String.valueOf(lastEnd);
  }
}
