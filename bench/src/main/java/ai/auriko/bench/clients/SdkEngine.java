package ai.auriko.bench.clients;

import ai.auriko.client.internal.DefaultEngineKt;
import io.ktor.client.engine.HttpClientEngine;

/**
 * The SDK's own default engine, for the plain-HTTP rows on OkHttp: the transport baselines then run
 * on exactly what the SDK runs on (on virtual threads, its adaptive limit on requests awaiting
 * headers included), not on a copy that drifts from it. The factory is Kotlin-{@code internal} to
 * sdk-kotlin, which Java code does not see; nothing outside the bench calls it this way.
 */
final class SdkEngine {
  private SdkEngine() {}

  /** A new engine, as {@code AurikoClient} makes it when given none. */
  static HttpClientEngine create() {
    return DefaultEngineKt.defaultEngine(DefaultEngineKt.MAX_REQUESTS_AWAITING_HEADERS);
  }
}
