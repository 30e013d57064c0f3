package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the gateway uses the providers it may route to (wire {@code gateway.routing.mode}).
 *
 * <p>An open enumeration rather than a Java {@code enum}: the gateway may accept values this SDK
 * does not know yet, and {@link #of} passes them through instead of failing. Compare with {@link
 * #equals}; {@code ==} works only for the constants. Immutable.
 */
public final class RoutingMode {
  /** Treat the eligible providers as a pool and pick among them per request. */
  public static final RoutingMode POOL = new RoutingMode("pool", true);
  /** Try providers in order, moving to the next one when a provider fails. */
  public static final RoutingMode FALLBACK = new RoutingMode("fallback", true);

  private static final List<RoutingMode> KNOWN = Collections.unmodifiableList(Arrays.asList(POOL, FALLBACK));

  private final String value;
  private final boolean known;

  private RoutingMode(String value, boolean known) {
    this.value = value;
    this.known = known;
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
    for (RoutingMode m : KNOWN) {
      if (m.value.equals(value)) return m;
    }
    return new RoutingMode(value, false);
  }

  /**
   * The constants this SDK knows, in declaration order.
   *
   * @return an unmodifiable list
   */
  public static List<RoutingMode> values() {
    return KNOWN;
  }

  /**
   * The wire value.
   *
   * @return for example {@code fallback}
   */
  public String value() {
    return value;
  }

  /**
   * Whether this is one of the constants this SDK knows.
   *
   * @return {@code false} for a value made by {@link #of} that the SDK did not recognize
   */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o || (o instanceof RoutingMode && value.equals(((RoutingMode) o).value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The wire value, so the object reads naturally in logs and string templates. */
  @Override
  public String toString() {
    return value;
  }
}
