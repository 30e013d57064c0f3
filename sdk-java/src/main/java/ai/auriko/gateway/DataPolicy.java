package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.Collections;
import java.util.List;

/**
 * Which data-handling policy a provider must meet to receive the request (wire {@code
 * gateway.routing.data_policy}).
 *
 * <p>The gateway defines the values; pass them as its documentation spells them, with {@link #of}.
 * The SDK declares no constants because it cannot vouch for the exact spellings, and a wrong
 * constant would be worse than none. Like the other open enumerations it keeps any non-blank value.
 * Immutable.
 */
public final class DataPolicy extends OpenValue {
  private DataPolicy(String value) {
    super(value, false);
  }

  /**
   * A data policy, by its wire value.
   *
   * @param value the wire value, as documented by the gateway; kept exactly as given
   * @return a policy carrying {@code value}
   * @throws ai.auriko.errors.InvalidRequestException with param {@code gateway.routing.data_policy}
   *     when {@code value} is {@code null} or blank
   */
  public static DataPolicy of(String value) {
    return new DataPolicy(Checks.nonBlank("gateway.routing.data_policy", value));
  }

  /**
   * The constants this SDK knows: none yet, see the class description.
   *
   * @return an empty, unmodifiable list
   */
  public static List<DataPolicy> values() {
    return Collections.emptyList();
  }
}
