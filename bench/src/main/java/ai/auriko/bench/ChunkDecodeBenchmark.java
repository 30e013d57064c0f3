package ai.auriko.bench;

import ai.auriko.client.chat.ChatCompletionChunk;
import ai.auriko.client.chat.stream.ChatCompletionAccumulator;
import ai.auriko.client.internal.chat.ChunkDecoder;
import ai.auriko.client.internal.stream.EventData;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One chunk event's JSON decoded into the SDK's model: by kotlinx.serialization alone (the
 * configuration the transport uses), by the per-stream decoder a stream uses, and decoded plus
 * accumulated. Run with {@code mvn -B -pl bench -am compile exec:exec
 * -Dbench.args="ChunkDecodeBenchmark -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkDecodeBenchmark {
  private static final String CHUNK =
      "{\"id\":\"chatcmpl-9f3a1c2b7d\",\"object\":\"chat.completion.chunk\",\"created\":1732250000,"
          + "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\"tok123 \"},\"finish_reason\":null}]}";

  private static final byte[] CHUNK_BYTES = CHUNK.getBytes(StandardCharsets.UTF_8);

  private final ChunkDecoder streamDecoder = new ChunkDecoder(BenchJson.json);
  // A stream loads each event's bytes into one reused EventData and decodes it there.
  private final EventData data = new EventData();
  private ChatCompletionAccumulator accumulator = new ChatCompletionAccumulator();
  private int added;

  /** A fresh accumulator per iteration, so its buffers stay realistic in size. */
  @Setup(org.openjdk.jmh.annotations.Level.Iteration)
  public void setUp() {
    accumulator = new ChatCompletionAccumulator();
    added = 0;
  }

  /**
   * Decodes one chunk.
   *
   * @return the chunk
   */
  @Benchmark
  public ChatCompletionChunk decode() {
    return BenchJson.json.decodeFromString(ChatCompletionChunk.Companion.serializer(), CHUNK);
  }

  /**
   * Decodes one chunk the way a stream does: its bytes loaded into the stream's reused {@code
   * EventData}, then the SDK's per-stream decoder, whose scanner reads the common chunk shape in
   * place and reuses the strings that repeat from chunk to chunk.
   *
   * @return the chunk
   */
  @Benchmark
  public ChatCompletionChunk decodeInStream() {
    return inStream();
  }

  private ChatCompletionChunk inStream() {
    data.setAscii(CHUNK_BYTES, 0, CHUNK_BYTES.length);
    return streamDecoder.decode(data);
  }

  /**
   * Decodes one chunk as a stream does and adds it to an accumulator (restarted every 200,000
   * chunks).
   *
   * @return the accumulator
   */
  @Benchmark
  public ChatCompletionAccumulator decodeAndAccumulate() {
    if (++added == 200_000) {
      accumulator = new ChatCompletionAccumulator();
      added = 0;
    }
    accumulator.add(inStream());
    return accumulator;
  }
}
