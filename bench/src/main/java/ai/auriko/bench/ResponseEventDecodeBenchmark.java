package ai.auriko.bench;

import ai.auriko.client.internal.responses.ResponseEventDecoding;
import ai.auriko.client.internal.responses.ResponseEventScanner;
import ai.auriko.client.internal.stream.EventData;
import ai.auriko.client.responses.ResponseAccumulator;
import ai.auriko.client.responses.ResponseStreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import kotlinx.serialization.json.JsonElementKt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code response.output_text.delta} event's data (as the bench server sends it: a real-length
 * item id, {@code logprobs} and {@code obfuscation}) decoded into the SDK's event: through a
 * kotlinx.serialization JSON tree and {@code ResponseEventDecoding} (the general way), by the
 * per-stream scanner a Responses stream uses, and scanned plus accumulated. The events rotate over
 * 1,000 texts with their own sequence numbers and deltas. Run with {@code mvn -B -pl bench -am
 * compile exec:exec -Dbench.args="ResponseEventDecodeBenchmark -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseEventDecodeBenchmark {
  private static final String TYPE = "response.output_text.delta";
  private static final String[] EVENTS = new String[1000];
  private static final byte[][] EVENT_BYTES = new byte[EVENTS.length][];

  static {
    String obfuscation = "Xq7vB2kLm9RtYc4NpWz8Hd3Fs6Gj";
    for (int i = 0; i < EVENTS.length; i++) {
      EVENTS[i] =
          "{\"type\":\"response.output_text.delta\",\"sequence_number\":"
              + (3 + i)
              + ",\"item_id\":\"msg_67ccd3acc8d48190a77525dc6de64b4104becfe7d6ba0cce\",\"output_index\":0,"
              + "\"content_index\":0,\"delta\":\"tok"
              + i
              + " \",\"logprobs\":[],\"obfuscation\":\""
              + obfuscation.substring(i % 16, i % 16 + 10)
              + "\"}";
      EVENT_BYTES[i] = EVENTS[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  private final ResponseEventScanner scanner = new ResponseEventScanner();
  // A stream loads each event's bytes into one reused EventData and scans it there.
  private final EventData data = new EventData();
  private ResponseAccumulator accumulator = new ResponseAccumulator();
  private int next;
  private int added;

  /** A fresh accumulator per iteration, so its buffers stay realistic in size. */
  @Setup(Level.Iteration)
  public void setUp() {
    accumulator = new ResponseAccumulator();
    added = 0;
  }

  private String event() {
    String text = EVENTS[next];
    next = next == EVENTS.length - 1 ? 0 : next + 1;
    return text;
  }

  /** The next event as a stream has it: its bytes loaded into the reused {@code EventData}. */
  private EventData eventData() {
    byte[] bytes = EVENT_BYTES[next];
    next = next == EVENTS.length - 1 ? 0 : next + 1;
    data.setAscii(bytes, 0, bytes.length);
    return data;
  }

  /**
   * Decodes one event the general way: kotlinx.serialization's tree, then the event read from it.
   *
   * @return the event
   */
  @Benchmark
  public ResponseStreamEvent decodeTree() {
    return ResponseEventDecoding.INSTANCE.event(
        JsonElementKt.getJsonObject(BenchJson.json.parseToJsonElement(event())), TYPE);
  }

  /**
   * Decodes one event as a stream does: its bytes loaded into the stream's reused {@code
   * EventData}, then the per-stream scanner, which reads it in place.
   *
   * @return the event
   */
  @Benchmark
  public ResponseStreamEvent decodeInStream() {
    return scanner.scan(eventData(), TYPE);
  }

  /**
   * Decodes one event as a stream does and adds it to an accumulator (restarted every 200,000
   * events).
   *
   * @return the accumulator
   */
  @Benchmark
  public ResponseAccumulator decodeAndAccumulate() {
    if (++added == 200_000) {
      accumulator = new ResponseAccumulator();
      added = 0;
    }
    accumulator.add(scanner.scan(eventData(), TYPE));
    return accumulator;
  }
}
