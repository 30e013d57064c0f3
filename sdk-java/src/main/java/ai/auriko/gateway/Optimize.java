package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What the gateway optimizes for when it picks a provider (wire {@code gateway.routing.optimize}).
 *
 * <p>An open enumeration rather than a Java {@code enum}: the gateway may accept values this SDK
 * does not know yet, and {@link #of} passes them through instead of failing. Compare with {@link
 * #equals}; {@code ==} works only for the constants. Immutable.
 */
public final class Optimize extends OpenValue {
  /** The lowest price among eligible providers. */
  public static final Optimize COST = new Optimize("cost", true);

  /** Mostly price, with latency and throughput still weighed. */
  public static final Optimize COST_FOCUS = new Optimize("cost-focus", true);

  /** The shortest time to first token. */
  public static final Optimize TTFT = new Optimize("ttft", true);

  /** Mostly time to first token, with the other criteria still weighed. */
  public static final Optimize TTFT_FOCUS = new Optimize("ttft-focus", true);

  /** The highest throughput, in output tokens per second. */
  public static final Optimize TPS = new Optimize("tps", true);

  /** Mostly throughput, with the other criteria still weighed. */
  public static final Optimize TPS_FOCUS = new Optimize("tps-focus", true);

  /** A balance of price, latency and throughput. */
  public static final Optimize BALANCED = new Optimize("balanced", true);

  /** Older name for cost optimization, still accepted by the gateway; prefer {@link #COST}. */
  public static final Optimize CHEAPEST = new Optimize("cheapest", true);

  /** Older name for latency optimization, still accepted by the gateway; prefer {@link #TTFT}. */
  public static final Optimize SPEED = new Optimize("speed", true);

  /** Older name for throughput optimization, still accepted by the gateway; prefer {@link #TPS}. */
  public static final Optimize THROUGHPUT = new Optimize("throughput", true);

  private static final List<Optimize> KNOWN =
      Collections.unmodifiableList(
          Arrays.asList(
              COST,
              COST_FOCUS,
              TTFT,
              TTFT_FOCUS,
              TPS,
              TPS_FOCUS,
              BALANCED,
              CHEAPEST,
              SPEED,
              THROUGHPUT));

  private Optimize(String value, boolean known) {
    super(value, known);
  }

  /**
   * The constant for a wire value, or a new instance for a value this SDK does not know.
   *
   * @param value the wire value, such as {@code cost}; matched exactly (case-sensitive)
   * @return the constant, or a new instance carrying {@code value}
   * @throws ai.auriko.errors.InvalidRequestException with param {@code gateway.routing.optimize}
   *     when {@code value} is {@code null} or blank
   */
  public static Optimize of(String value) {
    Checks.nonBlank("gateway.routing.optimize", value);
    Optimize known = find(KNOWN, value);
    return known != null ? known : new Optimize(value, false);
  }

  /**
   * The constants this SDK knows, in declaration order.
   *
   * @return an unmodifiable list
   */
  public static List<Optimize> values() {
    return KNOWN;
  }
}
