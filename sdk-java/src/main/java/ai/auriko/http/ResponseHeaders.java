package ai.auriko.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The response headers of one gateway response, with typed accessors for the ones Auriko defines
 * and a case-insensitive generic lookup for the rest (RFC 9110 §5.1: field names are
 * case-insensitive).
 *
 * <p>Typed accessors never throw on bad input: a missing header or a value that is not a valid
 * number reads as {@code null}, because a malformed header from a proxy must not turn a successful
 * response into a crash. Immutable and thread-safe.
 */
public final class ResponseHeaders {
  /** Header carrying the gateway's request id. */
  public static final String REQUEST_ID = "x-request-id";

  /** Requests left in the current rate-limit window. */
  public static final String RATE_LIMIT_REMAINING_REQUESTS = "x-ratelimit-remaining-requests";

  /** Requests allowed per rate-limit window. */
  public static final String RATE_LIMIT_LIMIT_REQUESTS = "x-ratelimit-limit-requests";

  /** Time until the request rate-limit window resets, as the server wrote it (e.g. {@code 1s}). */
  public static final String RATE_LIMIT_RESET_REQUESTS = "x-ratelimit-reset-requests";

  /** Tokens left in the current rate-limit window. */
  public static final String RATE_LIMIT_REMAINING_TOKENS = "x-ratelimit-remaining-tokens";

  /** Tokens allowed per rate-limit window. */
  public static final String RATE_LIMIT_LIMIT_TOKENS = "x-ratelimit-limit-tokens";

  /** Time until the token rate-limit window resets. */
  public static final String RATE_LIMIT_RESET_TOKENS = "x-ratelimit-reset-tokens";

  /** Workspace credit balance after the request, in millionths of a US dollar. */
  public static final String CREDITS_BALANCE_MICRODOLLARS = "x-credits-balance-microdollars";

  /** The provider the gateway routed the request to. */
  public static final String PROVIDER_USED = "x-provider-used";

  /** The routing strategy the gateway applied. */
  public static final String ROUTING_STRATEGY = "x-routing-strategy";

  /** Seconds (or an HTTP date) to wait before retrying (RFC 9110 §10.2.3). */
  public static final String RETRY_AFTER = "retry-after";

  /** Milliseconds to wait before retrying (OpenAI convention). */
  public static final String RETRY_AFTER_MS = "retry-after-ms";

  /** Server override of the client's retry decision: {@code true} or {@code false}. */
  public static final String SHOULD_RETRY = "x-should-retry";

  private static final ResponseHeaders EMPTY =
      new ResponseHeaders(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

  // Case-insensitive keys; the first spelling seen is kept for names().
  private final TreeMap<String, List<String>> values;

  private ResponseHeaders(TreeMap<String, List<String>> values) {
    this.values = values;
  }

  /**
   * No headers at all.
   *
   * @return the shared empty instance
   */
  public static ResponseHeaders empty() {
    return EMPTY;
  }

  /**
   * Copies headers from a multi-valued map, as HTTP libraries expose them. Names are matched
   * case-insensitively; values for names that differ only in case are merged in order.
   *
   * @param headers header names to their values; not retained
   * @return an immutable view
   */
  public static ResponseHeaders of(Map<String, ? extends List<String>> headers) {
    Builder b = builder();
    for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
      for (String v : e.getValue()) b.add(e.getKey(), v);
    }
    return b.build();
  }

  /**
   * Copies single-valued headers.
   *
   * @param headers header names to one value each; not retained
   * @return an immutable view
   */
  public static ResponseHeaders ofSingle(Map<String, String> headers) {
    Builder b = builder();
    for (Map.Entry<String, String> e : headers.entrySet()) b.add(e.getKey(), e.getValue());
    return b.build();
  }

  /**
   * A builder, for HTTP adapters that see headers one by one.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, or {@code null} when absent
   */
  public @Nullable String get(String name) {
    List<String> v = values.get(name);
    return v == null ? null : v.get(0);
  }

  /**
   * All values of a header, in the order received.
   *
   * @param name the header name, any case
   * @return the values; empty when absent
   */
  public List<String> values(String name) {
    List<String> v = values.get(name);
    return v == null ? Collections.emptyList() : v;
  }

  /**
   * The header names present, each in the spelling first received, in case-insensitive order.
   *
   * @return the names
   */
  public Set<String> names() {
    return Collections.unmodifiableSet(values.keySet());
  }

  /**
   * Whether no header is present.
   *
   * @return {@code true} when empty
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * The gateway's request id, for logs and support tickets.
   *
   * @return {@code x-request-id}, or {@code null}
   */
  public @Nullable String requestId() {
    return get(REQUEST_ID);
  }

  /**
   * Requests left in the current window.
   *
   * @return {@code x-ratelimit-remaining-requests}, or {@code null} when absent or not a number
   */
  public @Nullable Long rateLimitRemaining() {
    return longValue(RATE_LIMIT_REMAINING_REQUESTS);
  }

  /**
   * Requests allowed per window.
   *
   * @return {@code x-ratelimit-limit-requests}, or {@code null} when absent or not a number
   */
  public @Nullable Long rateLimitLimit() {
    return longValue(RATE_LIMIT_LIMIT_REQUESTS);
  }

  /**
   * When the request window resets, as written by the server (for example {@code 1s} or {@code
   * 6m0s}); kept as text because servers disagree on the format.
   *
   * @return {@code x-ratelimit-reset-requests}, or {@code null}
   */
  public @Nullable String rateLimitReset() {
    return get(RATE_LIMIT_RESET_REQUESTS);
  }

  /**
   * Tokens left in the current window.
   *
   * @return {@code x-ratelimit-remaining-tokens}, or {@code null} when absent or not a number
   */
  public @Nullable Long rateLimitRemainingTokens() {
    return longValue(RATE_LIMIT_REMAINING_TOKENS);
  }

  /**
   * Tokens allowed per window.
   *
   * @return {@code x-ratelimit-limit-tokens}, or {@code null} when absent or not a number
   */
  public @Nullable Long rateLimitLimitTokens() {
    return longValue(RATE_LIMIT_LIMIT_TOKENS);
  }

  /**
   * When the token window resets, as written by the server.
   *
   * @return {@code x-ratelimit-reset-tokens}, or {@code null}
   */
  public @Nullable String rateLimitResetTokens() {
    return get(RATE_LIMIT_RESET_TOKENS);
  }

  /**
   * The workspace's credit balance after this request, in millionths of a US dollar (so {@code
   * 123456} is $0.123456). May be negative when the workspace is overdrawn.
   *
   * @return {@code x-credits-balance-microdollars}, or {@code null} when absent or not a number
   */
  public @Nullable Long creditsBalanceMicrodollars() {
    return longValue(CREDITS_BALANCE_MICRODOLLARS);
  }

  /**
   * The provider that served the request.
   *
   * @return {@code x-provider-used}, or {@code null}
   */
  public @Nullable String providerUsed() {
    return get(PROVIDER_USED);
  }

  /**
   * The routing strategy the gateway applied.
   *
   * @return {@code x-routing-strategy}, or {@code null}
   */
  public @Nullable String routingStrategy() {
    return get(ROUTING_STRATEGY);
  }

  private @Nullable Long longValue(String name) {
    String v = get(name);
    if (v == null) return null;
    v = v.trim();
    if (v.isEmpty()) return null;
    int i = (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
    if (i == v.length()) return null;
    for (int j = i; j < v.length(); j++) {
      char c = v.charAt(j);
      if (c < '0' || c > '9') return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException overflow) {
      return null;
    }
  }

  /**
   * Lists names and values, for debugging. Headers that could carry credentials ({@code
   * authorization}, {@code cookie}, {@code set-cookie}, {@code api-key}, {@code x-api-key}) are
   * shown as {@code ██}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ResponseHeaders{");
    boolean first = true;
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (!first) sb.append(", ");
      first = false;
      sb.append(e.getKey()).append('=');
      sb.append(isSensitive(e.getKey()) ? "██" : String.join(",", e.getValue()));
    }
    return sb.append('}').toString();
  }

  /**
   * Whether a header name may carry a credential and must never be logged or printed.
   *
   * @param name a header name, any case
   * @return {@code true} for {@code authorization}, {@code proxy-authorization}, {@code cookie},
   *     {@code set-cookie}, {@code api-key} and {@code x-api-key}
   */
  public static boolean isSensitive(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "authorization":
      case "proxy-authorization":
      case "cookie":
      case "set-cookie":
      case "api-key":
      case "x-api-key":
        return true;
      default:
        return false;
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ResponseHeaders)) return false;
    ResponseHeaders other = (ResponseHeaders) o;
    if (values.size() != other.values.size()) return false;
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (!e.getValue().equals(other.values.get(e.getKey()))) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      h += e.getKey().toLowerCase(Locale.ROOT).hashCode() ^ e.getValue().hashCode();
    }
    return h;
  }

  /** Collects headers one at a time; not thread-safe. */
  public static final class Builder {
    private final TreeMap<String, List<String>> values =
        new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Builder() {}

    /**
     * Adds one value; earlier values of the same name are kept.
     *
     * @param name the header name, any case
     * @param value the value
     * @return this builder
     */
    public Builder add(String name, String value) {
      values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      return this;
    }

    /**
     * Builds the immutable headers.
     *
     * @return the headers
     */
    public ResponseHeaders build() {
      if (values.isEmpty()) return EMPTY;
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Map.Entry<String, List<String>> e : values.entrySet()) {
        copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
      }
      return new ResponseHeaders(copy);
    }
  }
}
