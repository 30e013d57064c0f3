package ai.auriko.samples.readme;

import ai.auriko.client.events.AurikoCall;
import ai.auriko.client.events.AurikoEventListener;
import ai.auriko.client.stream.StreamMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

// The README's Micrometer listener (ReadmeCodeTest checks that the region is the README's block).
// README: java-micrometer
class MicrometerListener extends AurikoEventListener {
  private final MeterRegistry registry;

  MicrometerListener(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void callSucceeded(AurikoCall call, Duration duration, StreamMetrics metrics) {
    String model = String.valueOf(call.getModel());
    registry.timer("auriko.calls", "model", model, "outcome", "ok").record(duration);
    if (metrics != null && metrics.getTimeToFirstToken() != null) {
      registry.timer("auriko.ttft", "model", model).record(metrics.getTimeToFirstToken());
    }
  }

  @Override
  public void callFailed(
      AurikoCall call, Duration duration, Throwable error, StreamMetrics metrics) {
    String outcome = error.getClass().getSimpleName();
    registry
        .timer("auriko.calls", "model", String.valueOf(call.getModel()), "outcome", outcome)
        .record(duration);
  }
}
// README: end
