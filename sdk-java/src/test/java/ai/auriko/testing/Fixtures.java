package ai.auriko.testing;

import ai.auriko.fixtures.WireRecordings;
import ai.auriko.http.ResponseHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The project's wire recordings (the {@code test-support} module, {@link WireRecordings}): each
 * case is a {@code NAME.json} describing the response and the expected result, and the body file it
 * names. The suite fails, rather than skipping, when the fixtures cannot be found.
 */
public final class Fixtures {
  private Fixtures() {}

  /** One recorded response and what a correct client makes of it. */
  public static final class Case {
    public final String name;
    public final Map<String, Object> spec;
    public final byte[] body;

    Case(String name, Map<String, Object> spec, byte[] body) {
      this.name = name;
      this.spec = spec;
      this.body = body;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> response() {
      return (Map<String, Object>) spec.get("response");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> expect() {
      return (Map<String, Object>) spec.get("expect");
    }

    public int status() {
      return Integer.parseInt(String.valueOf(response().get("status")));
    }

    @SuppressWarnings("unchecked")
    public ResponseHeaders headers() {
      return ResponseHeaders.ofSingle((Map<String, String>) (Map<?, ?>) response().get("headers"));
    }

    public boolean isEventStream() {
      return name.endsWith(".sse") || String.valueOf(spec.get("body_file")).endsWith(".sse");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  public static Path dir() {
    return WireRecordings.sseDirectory();
  }

  /** Every case, sorted by name; at least one, or the suite fails. */
  public static List<Case> all() {
    Path dir = dir();
    try (Stream<Path> files = Files.list(dir)) {
      List<Case> cases = new ArrayList<>();
      for (Path json :
          files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList())) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
            (Map<String, Object>)
                TestJson.parse(new String(Files.readAllBytes(json), StandardCharsets.UTF_8));
        byte[] body = Files.readAllBytes(dir.resolve(String.valueOf(spec.get("body_file"))));
        String name = json.getFileName().toString().replace(".json", "");
        cases.add(new Case(name, spec, body));
      }
      if (cases.isEmpty()) throw new IllegalStateException("no fixtures in " + dir);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Case> eventStreams() {
    return all().stream().filter(Case::isEventStream).collect(Collectors.toList());
  }

  public static List<Case> httpErrors() {
    return all().stream().filter(c -> c.name.startsWith("http-")).collect(Collectors.toList());
  }
}
