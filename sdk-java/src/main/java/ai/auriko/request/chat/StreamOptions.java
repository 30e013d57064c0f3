package ai.auriko.request.chat;

import org.jspecify.annotations.Nullable;

/**
 * Options for a streamed response; sent as {@code stream_options}, and only on streaming calls.
 * Immutable.
 */
public final class StreamOptions {
  private static final StreamOptions WITH_USAGE = new StreamOptions(true);
  private static final StreamOptions WITHOUT_USAGE = new StreamOptions(false);

  private final boolean includeUsage;

  private StreamOptions(boolean includeUsage) {
    this.includeUsage = includeUsage;
  }

  /**
   * Stream options.
   *
   * @param includeUsage whether the stream should end with a chunk carrying token usage
   * @return the options
   */
  public static StreamOptions of(boolean includeUsage) {
    return includeUsage ? WITH_USAGE : WITHOUT_USAGE;
  }

  /**
   * Whether the stream ends with a usage chunk; wire {@code include_usage}.
   *
   * @return the flag
   */
  public boolean includeUsage() {
    return includeUsage;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o
        || (o instanceof StreamOptions && includeUsage == ((StreamOptions) o).includeUsage);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(includeUsage);
  }

  @Override
  public String toString() {
    return "StreamOptions{includeUsage=" + includeUsage + "}";
  }
}
