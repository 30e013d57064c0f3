package ai.auriko.gateway;

import org.jspecify.annotations.Nullable;

/**
 * What the gateway's open enumerations share: a wire value, whether this SDK knows it, and equality
 * by value within one type. Package-private on purpose; each subclass is the public type.
 */
abstract class OpenValue {
  private final String value;
  private final boolean known;

  OpenValue(String value, boolean known) {
    this.value = value;
    this.known = known;
  }

  /**
   * The wire value.
   *
   * @return the value as sent to the gateway
   */
  public final String value() {
    return value;
  }

  /**
   * Whether this is one of the constants this SDK knows.
   *
   * @return {@code false} for a value made by {@code of} that the SDK did not recognize
   */
  public final boolean isKnown() {
    return known;
  }

  /** Equal when of the same type with the same wire value. */
  @Override
  public final boolean equals(@Nullable Object o) {
    return this == o
        || (o != null && o.getClass() == getClass() && value.equals(((OpenValue) o).value));
  }

  @Override
  public final int hashCode() {
    return value.hashCode();
  }

  /** The wire value, so the object reads naturally in logs and string templates. */
  @Override
  public final String toString() {
    return value;
  }

  /** The known constant with this value, or {@code null}. */
  static <T extends OpenValue> @Nullable T find(Iterable<T> known, String value) {
    for (T t : known) {
      if (t.value().equals(value)) return t;
    }
    return null;
  }
}
