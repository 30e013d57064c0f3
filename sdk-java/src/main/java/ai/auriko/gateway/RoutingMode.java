package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How the gateway uses the providers it may route to (wire {@code gateway.routing.mode}).
 *
 * <p>An open enumeration rather than a Java {@code enum}: the gateway may accept values this SDK
 * does not know yet, and {@link #of} passes them through instead of failing. Compare with {@link
 * #equals}; {@code ==} works only for the constants. Immutable.
 */
public final class RoutingMode extends OpenValue {
  /** Treat the eligible providers as a pool and pick among them per request. */
  public static final RoutingMode POOL = new RoutingMode("pool", true);

  /** Try providers in order, moving to the next one when a provider fails. */
  public static final RoutingMode FALLBACK = new RoutingMode("fallback", true);

  private static final List<RoutingMode> KNOWN =
      Collections.unmodifiableList(Arrays.asList(POOL, FALLBACK));

  private RoutingMode(String value, boolean known) {
    super(value, known);
  }

  /**
   * The constant for a wire value, or a new instance for a value this SDK does not know.
   *
   * @param value the wire value, such as {@code pool}; matched exactly (case-sensitive)
   * @return the constant, or a new instance carrying {@code value}
   * @throws ai.auriko.errors.InvalidRequestException with param {@code gateway.routing.mode} when
   *     {@code value} is {@code null} or blank
   */
  public static RoutingMode of(String value) {
    Checks.nonBlank("gateway.routing.mode", value);
    RoutingMode known = find(KNOWN, value);
    return known != null ? known : new RoutingMode(value, false);
  }

  /**
   * The constants this SDK knows, in declaration order.
   *
   * @return an unmodifiable list
   */
  public static List<RoutingMode> values() {
    return KNOWN;
  }
}
