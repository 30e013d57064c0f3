package ai.auriko.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads how long a server asked the client to wait before retrying. Two headers are understood, the
 * more precise first:
 *
 * <ul>
 *   <li>{@code retry-after-ms}: milliseconds, possibly fractional (an OpenAI convention);
 *   <li>{@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), the date measured
 *       against the given clock; a date in the past means "now".
 * </ul>
 *
 * A value that is malformed, negative or not finite is treated as absent.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The delay the headers ask for.
   *
   * @param headers the response headers
   * @param clock the clock HTTP-dates are measured against
   * @return the delay, or {@code null} when the headers ask for none or are malformed
   */
  public static @Nullable Duration parse(ResponseHeaders headers, Clock clock) {
    Duration ms = millis(headers.get(ResponseHeaders.RETRY_AFTER_MS));
    if (ms != null) return ms;
    String value = headers.get(ResponseHeaders.RETRY_AFTER);
    if (value == null) return null;
    value = value.trim();
    if (value.isEmpty()) return null;
    char first = value.charAt(0);
    if ((first >= '0' && first <= '9') || first == '.' || first == '-' || first == '+') {
      Double seconds = number(value);
      if (seconds == null || seconds < 0) return null;
      return Duration.ofNanos((long) Math.min(seconds * 1e9, (double) Long.MAX_VALUE));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Duration millis(@Nullable String value) {
    if (value == null) return null;
    Double ms = number(value.trim());
    if (ms == null || ms < 0) return null;
    return Duration.ofNanos((long) Math.min(ms * 1e6, (double) Long.MAX_VALUE));
  }

  private static @Nullable Double number(String s) {
    if (s.isEmpty()) return null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && c != '.' && !(i == 0 && (c == '-' || c == '+'))) return null;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
