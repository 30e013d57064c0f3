package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the gateway picks the provider that serves a request; sent as {@code gateway.routing}. Every
 * field is optional: the gateway applies its defaults (or the workspace's) to what is unset.
 *
 * <p>Validated in {@link Builder#build()}; params of the errors are {@code gateway.routing.<wire
 * name>}. Immutable and thread-safe; {@link #toString()} shows the values, since none of them is
 * secret.
 */
public final class RoutingOptions {
  /**
   * The wire names of the fields, in declaration order, so encoders and their tests can check they
   * write every field.
   */
  public static final List<String> WIRE_NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              "optimize",
              "weights",
              "max_cost_per_1m",
              "max_ttft_ms",
              "min_throughput_tps",
              "min_success_rate",
              "providers",
              "exclude_providers",
              "prefer",
              "mode",
              "allow_fallbacks",
              "max_fallback_attempts",
              "data_policy",
              "only_byok",
              "only_platform"));

  private static final String P = "gateway.routing.";

  // Built after WIRE_NAMES and P (textual order), which is all the constructor needs.
  private static final RoutingOptions EMPTY = new Builder().build();

  private final @Nullable Optimize optimize;
  private final Map<String, Double> weights;
  private final @Nullable Double maxCostPer1m;
  private final @Nullable Integer maxTtftMs;
  private final @Nullable Double minThroughputTps;
  private final @Nullable Double minSuccessRate;
  private final List<String> providers;
  private final List<String> excludeProviders;
  private final @Nullable String prefer;
  private final @Nullable RoutingMode mode;
  private final @Nullable Boolean allowFallbacks;
  private final @Nullable Integer maxFallbackAttempts;
  private final @Nullable DataPolicy dataPolicy;
  private final @Nullable Boolean onlyByok;
  private final @Nullable Boolean onlyPlatform;

  private RoutingOptions(Builder b) {
    this.optimize = b.optimize;
    this.weights = validateWeights(b.weights);
    Checks.atLeast(P + "max_cost_per_1m", b.maxCostPer1m, 0.0);
    this.maxCostPer1m = b.maxCostPer1m;
    Checks.atLeast(P + "max_ttft_ms", b.maxTtftMs, 0);
    this.maxTtftMs = b.maxTtftMs;
    Checks.atLeast(P + "min_throughput_tps", b.minThroughputTps, 0.0);
    this.minThroughputTps = b.minThroughputTps;
    Checks.range(P + "min_success_rate", b.minSuccessRate, 0.0, 1.0);
    this.minSuccessRate = b.minSuccessRate;
    this.providers = Checks.nonBlankEntries(P + "providers", b.providers);
    this.excludeProviders = Checks.nonBlankEntries(P + "exclude_providers", b.excludeProviders);
    // Allowing and excluding the same provider has no sensible reading; the gateway would have to
    // guess which one the caller meant.
    Set<String> allowed = new HashSet<>(providers);
    for (int i = 0; i < excludeProviders.size(); i++) {
      if (allowed.contains(excludeProviders.get(i))) {
        throw Checks.invalid(
            P + "exclude_providers[" + i + "]",
            "a provider may not be both in providers and exclude_providers, got \""
                + excludeProviders.get(i)
                + "\" in both");
      }
    }
    this.prefer = Checks.nonBlankIfSet(P + "prefer", b.prefer);
    this.mode = b.mode;
    this.allowFallbacks = b.allowFallbacks;
    Checks.atLeast(P + "max_fallback_attempts", b.maxFallbackAttempts, 0);
    this.maxFallbackAttempts = b.maxFallbackAttempts;
    this.dataPolicy = b.dataPolicy;
    this.onlyByok = b.onlyByok;
    this.onlyPlatform = b.onlyPlatform;
    if (Boolean.TRUE.equals(onlyByok) && Boolean.TRUE.equals(onlyPlatform)) {
      throw Checks.invalid(
          P + "only_platform", "only_byok and only_platform cannot both be true, got both true");
    }
  }

  private static Map<String, Double> validateWeights(@Nullable Map<String, Double> weights) {
    if (weights == null || weights.isEmpty()) return Collections.emptyMap();
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      String key = e.getKey();
      if (key == null) throw Checks.invalid(P + "weights", "keys must not be null");
      if (key.isBlank()) {
        throw Checks.invalid(
            P + "weights", "keys must not be blank, got " + Checks.describeLength(key));
      }
      Double w = Checks.nonNull(P + "weights." + key, e.getValue());
      Checks.range(P + "weights." + key, w, 0.0, 1.0);
      copy.put(key, w);
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * A new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this object's values, for making a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.optimize = optimize;
    b.weights = weights.isEmpty() ? null : new LinkedHashMap<>(weights);
    b.maxCostPer1m = maxCostPer1m;
    b.maxTtftMs = maxTtftMs;
    b.minThroughputTps = minThroughputTps;
    b.minSuccessRate = minSuccessRate;
    b.providers = providers.isEmpty() ? null : new ArrayList<>(providers);
    b.excludeProviders = excludeProviders.isEmpty() ? null : new ArrayList<>(excludeProviders);
    b.prefer = prefer;
    b.mode = mode;
    b.allowFallbacks = allowFallbacks;
    b.maxFallbackAttempts = maxFallbackAttempts;
    b.dataPolicy = dataPolicy;
    b.onlyByok = onlyByok;
    b.onlyPlatform = onlyPlatform;
    return b;
  }

  /**
   * What to optimize for; wire {@code optimize}.
   *
   * @return the goal, or {@code null} when unset
   */
  public @Nullable Optimize optimize() {
    return optimize;
  }

  /**
   * Custom weights of the routing criteria, each in 0..1; wire {@code weights}.
   *
   * @return an unmodifiable map in the order given; empty when unset
   */
  public Map<String, Double> weights() {
    return weights;
  }

  /**
   * The highest acceptable price, in US dollars per million tokens; wire {@code max_cost_per_1m}.
   *
   * @return the budget, or {@code null} when unset
   */
  public @Nullable Double maxCostPer1m() {
    return maxCostPer1m;
  }

  /**
   * The longest acceptable time to first token, in milliseconds; wire {@code max_ttft_ms}.
   *
   * @return the budget, or {@code null} when unset
   */
  public @Nullable Integer maxTtftMs() {
    return maxTtftMs;
  }

  /**
   * The lowest acceptable throughput, in output tokens per second; wire {@code min_throughput_tps}.
   *
   * @return the floor, or {@code null} when unset
   */
  public @Nullable Double minThroughputTps() {
    return minThroughputTps;
  }

  /**
   * The lowest acceptable recent success rate of a provider, as a fraction in 0..1; wire {@code
   * min_success_rate}.
   *
   * @return the floor, or {@code null} when unset
   */
  public @Nullable Double minSuccessRate() {
    return minSuccessRate;
  }

  /**
   * The only providers the gateway may route to; wire {@code providers}.
   *
   * @return an unmodifiable list; empty when unset (any provider)
   */
  public List<String> providers() {
    return providers;
  }

  /**
   * Providers the gateway must not route to; wire {@code exclude_providers}.
   *
   * @return an unmodifiable list; empty when unset
   */
  public List<String> excludeProviders() {
    return excludeProviders;
  }

  /**
   * A provider to favour when it meets the other constraints (a soft preference, unlike {@link
   * #providers()}); wire {@code prefer}.
   *
   * @return the provider, or {@code null} when unset
   */
  public @Nullable String prefer() {
    return prefer;
  }

  /**
   * How the eligible providers are used; wire {@code mode}.
   *
   * @return the mode, or {@code null} when unset
   */
  public @Nullable RoutingMode mode() {
    return mode;
  }

  /**
   * Whether the gateway may retry on another provider when the first one fails; wire {@code
   * allow_fallbacks}.
   *
   * @return the flag, or {@code null} when unset
   */
  public @Nullable Boolean allowFallbacks() {
    return allowFallbacks;
  }

  /**
   * The most providers to fall back to after the first one fails; wire {@code
   * max_fallback_attempts}.
   *
   * @return the limit, or {@code null} when unset
   */
  public @Nullable Integer maxFallbackAttempts() {
    return maxFallbackAttempts;
  }

  /**
   * The data-handling policy a provider must meet; wire {@code data_policy}.
   *
   * @return the policy, or {@code null} when unset
   */
  public @Nullable DataPolicy dataPolicy() {
    return dataPolicy;
  }

  /**
   * Whether to use only providers reached with the workspace's own keys (bring your own key); wire
   * {@code only_byok}.
   *
   * @return the flag, or {@code null} when unset
   */
  public @Nullable Boolean onlyByok() {
    return onlyByok;
  }

  /**
   * Whether to use only providers reached with Auriko's platform keys; wire {@code only_platform}.
   *
   * @return the flag, or {@code null} when unset
   */
  public @Nullable Boolean onlyPlatform() {
    return onlyPlatform;
  }

  /**
   * Whether no field is set, so an encoder can leave {@code gateway.routing} out.
   *
   * @return {@code true} when every field is unset
   */
  public boolean isEmpty() {
    return equals(EMPTY);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof RoutingOptions)) return false;
    RoutingOptions r = (RoutingOptions) o;
    return Objects.equals(optimize, r.optimize)
        && weights.equals(r.weights)
        && Objects.equals(maxCostPer1m, r.maxCostPer1m)
        && Objects.equals(maxTtftMs, r.maxTtftMs)
        && Objects.equals(minThroughputTps, r.minThroughputTps)
        && Objects.equals(minSuccessRate, r.minSuccessRate)
        && providers.equals(r.providers)
        && excludeProviders.equals(r.excludeProviders)
        && Objects.equals(prefer, r.prefer)
        && Objects.equals(mode, r.mode)
        && Objects.equals(allowFallbacks, r.allowFallbacks)
        && Objects.equals(maxFallbackAttempts, r.maxFallbackAttempts)
        && Objects.equals(dataPolicy, r.dataPolicy)
        && Objects.equals(onlyByok, r.onlyByok)
        && Objects.equals(onlyPlatform, r.onlyPlatform);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        optimize,
        weights,
        maxCostPer1m,
        maxTtftMs,
        minThroughputTps,
        minSuccessRate,
        providers,
        excludeProviders,
        prefer,
        mode,
        allowFallbacks,
        maxFallbackAttempts,
        dataPolicy,
        onlyByok,
        onlyPlatform);
  }

  /** Lists the fields that are set, with their values (routing options are not secret). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RoutingOptions{");
    int start = sb.length();
    field(sb, start, "optimize", optimize);
    if (!weights.isEmpty()) field(sb, start, "weights", weights);
    field(sb, start, "maxCostPer1m", maxCostPer1m);
    field(sb, start, "maxTtftMs", maxTtftMs);
    field(sb, start, "minThroughputTps", minThroughputTps);
    field(sb, start, "minSuccessRate", minSuccessRate);
    if (!providers.isEmpty()) field(sb, start, "providers", providers);
    if (!excludeProviders.isEmpty()) field(sb, start, "excludeProviders", excludeProviders);
    field(sb, start, "prefer", prefer);
    field(sb, start, "mode", mode);
    field(sb, start, "allowFallbacks", allowFallbacks);
    field(sb, start, "maxFallbackAttempts", maxFallbackAttempts);
    field(sb, start, "dataPolicy", dataPolicy);
    field(sb, start, "onlyByok", onlyByok);
    field(sb, start, "onlyPlatform", onlyPlatform);
    return sb.append('}').toString();
  }

  private static void field(StringBuilder sb, int start, String name, @Nullable Object value) {
    if (value == null) return;
    if (sb.length() > start) sb.append(", ");
    sb.append(name).append('=').append(value);
  }

  /** Collects routing options; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Optimize optimize;
    private @Nullable Map<String, Double> weights;
    private @Nullable Double maxCostPer1m;
    private @Nullable Integer maxTtftMs;
    private @Nullable Double minThroughputTps;
    private @Nullable Double minSuccessRate;
    private @Nullable List<String> providers;
    private @Nullable List<String> excludeProviders;
    private @Nullable String prefer;
    private @Nullable RoutingMode mode;
    private @Nullable Boolean allowFallbacks;
    private @Nullable Integer maxFallbackAttempts;
    private @Nullable DataPolicy dataPolicy;
    private @Nullable Boolean onlyByok;
    private @Nullable Boolean onlyPlatform;

    private Builder() {}

    /**
     * Sets what to optimize for.
     *
     * @param optimize the goal, or {@code null} to clear
     * @return this builder
     */
    public Builder optimize(@Nullable Optimize optimize) {
      this.optimize = optimize;
      return this;
    }

    /**
     * Replaces the criteria weights; each must be in 0..1.
     *
     * @param weights criterion names to weights (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder weights(@Nullable Map<String, Double> weights) {
      this.weights = weights == null ? null : new LinkedHashMap<>(weights);
      return this;
    }

    /**
     * Sets one criterion weight, keeping the others.
     *
     * @param criterion the criterion name
     * @param weight the weight, in 0..1
     * @return this builder
     */
    public Builder putWeight(String criterion, Double weight) {
      if (weights == null) weights = new LinkedHashMap<>();
      weights.put(criterion, weight);
      return this;
    }

    /**
     * Sets the price ceiling, in US dollars per million tokens; at least 0.
     *
     * @param maxCostPer1m the ceiling, or {@code null} to clear
     * @return this builder
     */
    public Builder maxCostPer1m(@Nullable Double maxCostPer1m) {
      this.maxCostPer1m = maxCostPer1m;
      return this;
    }

    /**
     * Sets the time-to-first-token ceiling, in milliseconds; at least 0.
     *
     * @param maxTtftMs the ceiling, or {@code null} to clear
     * @return this builder
     */
    public Builder maxTtftMs(@Nullable Integer maxTtftMs) {
      this.maxTtftMs = maxTtftMs;
      return this;
    }

    /**
     * Sets the throughput floor, in output tokens per second; at least 0.
     *
     * @param minThroughputTps the floor, or {@code null} to clear
     * @return this builder
     */
    public Builder minThroughputTps(@Nullable Double minThroughputTps) {
      this.minThroughputTps = minThroughputTps;
      return this;
    }

    /**
     * Sets the success-rate floor, a fraction in 0..1.
     *
     * @param minSuccessRate the floor, or {@code null} to clear
     * @return this builder
     */
    public Builder minSuccessRate(@Nullable Double minSuccessRate) {
      this.minSuccessRate = minSuccessRate;
      return this;
    }

    /**
     * Restricts routing to these providers.
     *
     * @param providers provider names (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder providers(@Nullable List<String> providers) {
      this.providers = providers == null ? null : new ArrayList<>(providers);
      return this;
    }

    /**
     * Restricts routing to these providers.
     *
     * @param providers provider names
     * @return this builder
     */
    public Builder providers(String... providers) {
      return providers(Arrays.asList(providers));
    }

    /**
     * Excludes these providers from routing.
     *
     * @param excludeProviders provider names (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder excludeProviders(@Nullable List<String> excludeProviders) {
      this.excludeProviders = excludeProviders == null ? null : new ArrayList<>(excludeProviders);
      return this;
    }

    /**
     * Excludes these providers from routing.
     *
     * @param excludeProviders provider names
     * @return this builder
     */
    public Builder excludeProviders(String... excludeProviders) {
      return excludeProviders(Arrays.asList(excludeProviders));
    }

    /**
     * Sets a provider to favour when it meets the other constraints.
     *
     * @param prefer the provider name, or {@code null} to clear
     * @return this builder
     */
    public Builder prefer(@Nullable String prefer) {
      this.prefer = prefer;
      return this;
    }

    /**
     * Sets how the eligible providers are used.
     *
     * @param mode the mode, or {@code null} to clear
     * @return this builder
     */
    public Builder mode(@Nullable RoutingMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Sets whether the gateway may fall back to another provider.
     *
     * @param allowFallbacks the flag, or {@code null} to clear
     * @return this builder
     */
    public Builder allowFallbacks(@Nullable Boolean allowFallbacks) {
      this.allowFallbacks = allowFallbacks;
      return this;
    }

    /**
     * Sets the most fallback attempts; at least 0.
     *
     * @param maxFallbackAttempts the limit, or {@code null} to clear
     * @return this builder
     */
    public Builder maxFallbackAttempts(@Nullable Integer maxFallbackAttempts) {
      this.maxFallbackAttempts = maxFallbackAttempts;
      return this;
    }

    /**
     * Sets the data-handling policy a provider must meet.
     *
     * @param dataPolicy the policy, or {@code null} to clear
     * @return this builder
     */
    public Builder dataPolicy(@Nullable DataPolicy dataPolicy) {
      this.dataPolicy = dataPolicy;
      return this;
    }

    /**
     * Sets whether to use only the workspace's own provider keys; cannot be combined with {@code
     * onlyPlatform(true)}.
     *
     * @param onlyByok the flag, or {@code null} to clear
     * @return this builder
     */
    public Builder onlyByok(@Nullable Boolean onlyByok) {
      this.onlyByok = onlyByok;
      return this;
    }

    /**
     * Sets whether to use only Auriko's platform keys; cannot be combined with {@code
     * onlyByok(true)}.
     *
     * @param onlyPlatform the flag, or {@code null} to clear
     * @return this builder
     */
    public Builder onlyPlatform(@Nullable Boolean onlyPlatform) {
      this.onlyPlatform = onlyPlatform;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the immutable options
     * @throws ai.auriko.errors.InvalidRequestException when a field breaks its rule; the param is
     *     the field's wire path, such as {@code gateway.routing.min_success_rate}
     */
    public RoutingOptions build() {
      return new RoutingOptions(this);
    }
  }
}
