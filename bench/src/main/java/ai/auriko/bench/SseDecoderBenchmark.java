package ai.auriko.bench;

import ai.auriko.sse.SseDecoder;
import ai.auriko.sse.SseListener;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The SSE decoder alone over a realistic stream of ~200-byte chunk events, fed in reads of a given
 * size (8 KiB is what engines typically deliver; 7 bytes is a pathological split). Run with: {@code
 * mvn -B -pl bench -am compile exec:exec -Dbench.args="SseDecoderBenchmark -prof gc"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SseDecoderBenchmark {
  /** Bytes per read handed to the decoder. */
  @Param({"8192", "7"})
  public int readSize;

  /** Chunk events in the body. */
  @Param({"10000"})
  public int chunks;

  private byte[] body = new byte[0];

  /** Builds the body once per trial. */
  @Setup
  public void setUp() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chunks; i++) {
      sb.append(
              "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1234567890,")
          .append("\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token ")
          .append(i)
          .append("\"},\"finish_reason\":null}]}\n\n");
    }
    sb.append("data: [DONE]\n\n");
    body = sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes the whole body; one operation is one body.
   *
   * @param bh sink for the events
   */
  @Benchmark
  public void decode(Blackhole bh) {
    SseDecoder decoder =
        new SseDecoder(
            new SseListener() {
              @Override
              public void onEvent(@Nullable String id, @Nullable String type, String data) {
                bh.consume(data);
              }
            });
    for (int i = 0; i < body.length; i += readSize) {
      decoder.feed(body, i, Math.min(readSize, body.length - i));
    }
    bh.consume(decoder.finish());
  }
}
