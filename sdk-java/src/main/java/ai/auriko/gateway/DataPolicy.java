package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which data-handling policy a provider must meet to receive the request (wire {@code
 * gateway.routing.data_policy}).
 *
 * <p>The gateway defines the values; pass them as its documentation spells them, with {@link #of}.
 * The SDK declares no constants because it cannot vouch for the exact spellings, and a wrong
 * constant would be worse than none. Like the other open enumerations it keeps any non-blank value.
 * Immutable.
 */
public final class DataPolicy {
  private final String value;

  private DataPolicy(String value) {
    this.value = value;
  }

  /**
   * A data policy, by its wire value.
   *
   * @param value the wire value, as documented by the gateway; kept exactly as given
   * @return a policy carrying {@code value}
   * @throws ai.auriko.errors.InvalidRequestException with param {@code
   *     gateway.routing.data_policy} when {@code value} is {@code null} or blank
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

  /**
   * The wire value.
   *
   * @return the value given to {@link #of}
   */
  public String value() {
    return value;
  }

  /**
   * Whether this is one of the constants this SDK knows; always {@code false} for now, since it
   * knows none.
   *
   * @return {@code false}
   */
  public boolean isKnown() {
    return false;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o || (o instanceof DataPolicy && value.equals(((DataPolicy) o).value));
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
