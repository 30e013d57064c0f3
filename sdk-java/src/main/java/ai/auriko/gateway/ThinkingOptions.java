package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Extended thinking ("reasoning") for models that support it; sent as {@code extensions.thinking},
 * for example {@code {"enabled": true, "budget_tokens": 10000}}. The gateway translates it for the
 * provider it routes to. Immutable.
 */
public final class ThinkingOptions {
  private static final ThinkingOptions ENABLED = new ThinkingOptions(true, null);
  private static final ThinkingOptions DISABLED = new ThinkingOptions(false, null);

  private final boolean enabled;
  private final @Nullable Integer budgetTokens;

  private ThinkingOptions(boolean enabled, @Nullable Integer budgetTokens) {
    this.enabled = enabled;
    this.budgetTokens = budgetTokens;
  }

  /**
   * Thinking on, with the provider's default budget.
   *
   * @return the options
   */
  public static ThinkingOptions enabled() {
    return ENABLED;
  }

  /**
   * Thinking on, with a token budget for the reasoning.
   *
   * @param budgetTokens the most tokens to spend thinking; at least 0
   * @return the options
   * @throws ai.auriko.errors.InvalidRequestException with param {@code
   *     extensions.thinking.budget_tokens} when the budget is negative
   */
  public static ThinkingOptions enabled(int budgetTokens) {
    Checks.atLeast("extensions.thinking.budget_tokens", budgetTokens, 0);
    return new ThinkingOptions(true, budgetTokens);
  }

  /**
   * Thinking explicitly off, for models that think by default.
   *
   * @return the options
   */
  public static ThinkingOptions disabled() {
    return DISABLED;
  }

  /**
   * Whether thinking is on; wire {@code enabled}.
   *
   * @return {@code true} when enabled
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * The reasoning token budget; wire {@code budget_tokens}.
   *
   * @return the budget, or {@code null} for the provider's default
   */
  public @Nullable Integer budgetTokens() {
    return budgetTokens;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ThinkingOptions)) return false;
    ThinkingOptions t = (ThinkingOptions) o;
    return enabled == t.enabled && Objects.equals(budgetTokens, t.budgetTokens);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, budgetTokens);
  }

  @Override
  public String toString() {
    return "ThinkingOptions{enabled="
        + enabled
        + (budgetTokens == null ? "" : ", budgetTokens=" + budgetTokens)
        + "}";
  }
}
