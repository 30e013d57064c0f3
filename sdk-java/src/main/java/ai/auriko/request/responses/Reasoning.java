package ai.auriko.request.responses;

import ai.auriko.json.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options for reasoning models (wire {@code reasoning}): how much effort to spend and whether to
 * return a summary of the reasoning. Immutable.
 *
 * <p>Both values are kept as text, because the accepted values differ between models and keep
 * growing: an unknown value is passed through to the gateway rather than rejected here. Known
 * efforts are {@code minimal}, {@code low}, {@code medium} and {@code high}; known summaries are
 * {@code auto}, {@code concise} and {@code detailed}.
 */
public final class Reasoning {
  private final @Nullable String effort;
  private final @Nullable String summary;

  private Reasoning(@Nullable String effort, @Nullable String summary) {
    this.effort = Checks.nonBlankIfSet("reasoning.effort", effort);
    this.summary = Checks.nonBlankIfSet("reasoning.summary", summary);
  }

  /**
   * Reasoning options with an effort and no summary setting.
   *
   * @param effort the effort, such as {@code low} or {@code high}; not blank
   * @return the options
   * @throws ai.auriko.errors.InvalidRequestException with param {@code reasoning.effort} when the
   *     effort is {@code null} or blank
   */
  public static Reasoning effort(String effort) {
    return new Reasoning(Checks.nonBlank("reasoning.effort", effort), null);
  }

  /**
   * Reasoning options with both values optional.
   *
   * @param effort the effort, such as {@code low} or {@code high}; or {@code null} for the model's
   *     default; not blank
   * @param summary the summary setting, such as {@code auto} or {@code detailed}; or {@code null}
   *     for none; not blank
   * @return the options
   * @throws ai.auriko.errors.InvalidRequestException with param {@code reasoning.effort} or {@code
   *     reasoning.summary} when a value is blank
   */
  public static Reasoning of(@Nullable String effort, @Nullable String summary) {
    return new Reasoning(effort, summary);
  }

  /**
   * How much reasoning effort to spend; wire {@code reasoning.effort}.
   *
   * @return the effort, or {@code null} when unset
   */
  public @Nullable String effort() {
    return effort;
  }

  /**
   * Whether and how to summarize the reasoning; wire {@code reasoning.summary}.
   *
   * @return the setting, or {@code null} when unset
   */
  public @Nullable String summary() {
    return summary;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof Reasoning)) return false;
    Reasoning r = (Reasoning) o;
    return Objects.equals(effort, r.effort) && Objects.equals(summary, r.summary);
  }

  @Override
  public int hashCode() {
    return Objects.hash(effort, summary);
  }

  /** Shows both values; neither is secret. */
  @Override
  public String toString() {
    return "Reasoning{effort=" + effort + ", summary=" + summary + "}";
  }
}
