package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options beyond the OpenAI request shape; sent as the {@code extensions} object. {@link
 * #thinking()} is the provider-neutral extended-thinking switch; {@link #providerOptions()} holds
 * provider-specific objects (for example under {@code anthropic}) that the gateway forwards to that
 * provider only.
 *
 * <p>Provider options are free-form JSON values (maps, lists, strings, numbers, booleans, null,
 * {@link ai.auriko.json.RawJson}); {@link Builder#build()} checks and deeply copies them. Immutable
 * and thread-safe. {@link #toString()} shows the provider keys only, never their values, which may
 * carry credentials.
 */
public final class Extensions {
  /**
   * The key of the thinking options inside {@code extensions}; set it with {@link
   * Builder#thinking}.
   */
  public static final String THINKING_KEY = "thinking";

  private final @Nullable ThinkingOptions thinking;
  private final Map<String, @Nullable Object> providerOptions;

  private Extensions(Builder b) {
    this.thinking = b.thinking;
    if (b.providerOptions.containsKey(THINKING_KEY)) {
      // Two ways to set the same key would leave the encoder to pick a winner silently.
      throw Checks.invalid(
          "extensions." + THINKING_KEY,
          "set thinking with thinking(ThinkingOptions), not put(\"thinking\", ...)");
    }
    this.providerOptions = Checks.jsonFields("extensions", b.providerOptions);
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
    b.thinking = thinking;
    b.providerOptions.putAll(providerOptions);
    return b;
  }

  /**
   * Extended-thinking options; wire {@code extensions.thinking}.
   *
   * @return the options, or {@code null} when unset
   */
  public @Nullable ThinkingOptions thinking() {
    return thinking;
  }

  /**
   * Provider-specific options, written as further members of {@code extensions} (for example {@code
   * extensions.anthropic}).
   *
   * @return an unmodifiable map of deeply immutable JSON values, in the order given; values may be
   *     {@code null} (JSON null); empty when none
   */
  public Map<String, @Nullable Object> providerOptions() {
    return providerOptions;
  }

  /**
   * Whether nothing is set, so an encoder can leave {@code extensions} out.
   *
   * @return {@code true} when there are neither thinking options nor provider options
   */
  public boolean isEmpty() {
    return thinking == null && providerOptions.isEmpty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof Extensions)) return false;
    Extensions e = (Extensions) o;
    return Objects.equals(thinking, e.thinking) && providerOptions.equals(e.providerOptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(thinking, providerOptions);
  }

  /** Shows the thinking options and the provider keys; never a provider option's value. */
  @Override
  public String toString() {
    return "Extensions{thinking="
        + thinking
        + ", providerOptions="
        + providerOptions.keySet()
        + "}";
  }

  /** Collects extensions; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private @Nullable ThinkingOptions thinking;
    private final Map<String, @Nullable Object> providerOptions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the extended-thinking options.
     *
     * @param thinking the options, or {@code null} to clear
     * @return this builder
     */
    public Builder thinking(@Nullable ThinkingOptions thinking) {
      this.thinking = thinking;
      return this;
    }

    /**
     * Sets one provider-specific option, such as {@code put("anthropic", Map.of("top_k", 5))}. The
     * value is checked and deeply copied in {@link #build()}, so later changes to it do not reach
     * the built object; the key {@code thinking} is rejected there.
     *
     * @param key the member name inside {@code extensions}; not blank
     * @param jsonValue a JSON value (see the class description); {@code null} writes JSON null
     * @return this builder
     */
    public Builder put(String key, @Nullable Object jsonValue) {
      providerOptions.put(key, jsonValue);
      return this;
    }

    /**
     * Removes a provider-specific option set earlier.
     *
     * @param key the member name
     * @return this builder
     */
    public Builder remove(String key) {
      providerOptions.remove(key);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the immutable extensions
     * @throws ai.auriko.errors.InvalidRequestException with param {@code extensions.<key>} (or
     *     {@code extensions} for a bad key) when a provider option is not a JSON value, or with
     *     param {@code extensions.thinking} when that key was given to {@link #put}
     */
    public Extensions build() {
      return new Extensions(this);
    }
  }
}
