package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Which data-handling policy a provider must meet to receive the request (wire {@code
 * gateway.routing.data_policy}).
 *
 * <p>An open enumeration rather than a Java {@code enum}: the constants are the values the gateway
 * documents ({@code none}, {@code no_training}, {@code zdr}), and {@link #of} passes any other
 * non-blank value through instead of failing. Compare with {@link #equals}; {@code ==} works only
 * for the constants. Immutable.
 */
public final class DataPolicy extends OpenValue {
  /** No data-handling requirement: any provider may receive the request. */
  public static final DataPolicy NONE = new DataPolicy("none", true);

  /** Only providers that do not train on the request's data. */
  public static final DataPolicy NO_TRAINING = new DataPolicy("no_training", true);

  /** Only providers with zero data retention. */
  public static final DataPolicy ZDR = new DataPolicy("zdr", true);

  private static final List<DataPolicy> KNOWN =
      Collections.unmodifiableList(Arrays.asList(NONE, NO_TRAINING, ZDR));

  private DataPolicy(String value, boolean known) {
    super(value, known);
  }

  /**
   * The constant for a wire value, or a new instance for a value this SDK does not know.
   *
   * @param value the wire value, such as {@code zdr}; matched exactly (case-sensitive)
   * @return the constant, or a new instance carrying {@code value}
   * @throws ai.auriko.errors.InvalidRequestException with param {@code gateway.routing.data_policy}
   *     when {@code value} is {@code null} or blank
   */
  public static DataPolicy of(String value) {
    Checks.nonBlank("gateway.routing.data_policy", value);
    DataPolicy known = find(KNOWN, value);
    return known != null ? known : new DataPolicy(value, false);
  }

  /**
   * The constants this SDK knows, in declaration order.
   *
   * @return an unmodifiable list
   */
  public static List<DataPolicy> values() {
    return KNOWN;
  }
}
