package ai.auriko.http;

import ai.auriko.errors.AurikoApiException;
import ai.auriko.errors.AurikoConnectionException;
import ai.auriko.errors.AuthenticationException;
import ai.auriko.errors.BudgetExceededException;
import ai.auriko.errors.InsufficientCreditsException;
import ai.auriko.errors.InvalidRequestException;
import ai.auriko.errors.NotFoundException;
import ai.auriko.errors.PermissionDeniedException;
import ai.auriko.errors.ProviderAuthException;
import ai.auriko.errors.StreamInterruptedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Which failures are worth another attempt, and how long to wait before it. Immutable and
 * thread-safe; one instance serves a whole client.
 *
 * <p><b>What is retried.</b> Connection failures and timeouts; a stream that broke before its first
 * chunk; HTTP 408, 409, 429 and 5xx. Never: authentication, permission, credits, budget, not-found
 * and invalid-request errors, whatever their status, because repeating them cannot help. A server's
 * {@code x-should-retry: true|false} header overrides all of this. The client enforces the rule
 * that a stream is retried only before its first chunk reached the caller.
 *
 * <p><b>How long.</b> If the server asked ({@code retry-after-ms}, then {@code Retry-After} in
 * seconds or as an HTTP date), exactly that, unjittered; when it asks for more than {@link
 * #maxRetryAfter()} the failure is not retried but handed to the caller at once, with the delay in
 * {@link AurikoApiException#retryAfter()}, rather than blocking a thread for minutes. Otherwise
 * exponential backoff: {@code min(initialBackoff × 2^(retry-1), maxBackoff)}, reduced by up to
 * {@code jitter} (a fraction) at random so that many clients do not retry in lockstep.
 *
 * <p>Time and randomness are injectable ({@link Builder#clock(Clock)}, {@link
 * Builder#random(DoubleSupplier)}) so tests can be exact.
 */
public final class RetryPolicy {
  /** Default number of retries after the first attempt. */
  public static final int DEFAULT_MAX_RETRIES = 2;

  /** Default delay before the first retry, before jitter. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

  /** Default cap of the exponential backoff. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);

  /** Default longest server-requested delay the client will wait. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

  /** Default jitter: each backoff is reduced by up to this fraction. */
  public static final double DEFAULT_JITTER = 0.25;

  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final double jitter;
  private final Clock clock;
  private final DoubleSupplier random;

  private RetryPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.jitter = b.jitter;
    this.clock = b.clock;
    this.random = b.random;
  }

  /**
   * The default policy: 2 retries, 0.5 s initial backoff doubling to 8 s, 25 % jitter, server
   * delays honoured up to 60 s.
   *
   * @return the shared default instance
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A policy that never retries.
   *
   * @return a policy with zero retries
   */
  public static RetryPolicy none() {
    return builder().maxRetries(0).build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this policy's settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxRetries = maxRetries;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.maxRetryAfter = maxRetryAfter;
    b.jitter = jitter;
    b.clock = clock;
    b.random = random;
    return b;
  }

  /**
   * How many retries follow the first attempt.
   *
   * @return the retry count; 0 disables retries
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The delay before the first retry, before jitter.
   *
   * @return the initial backoff
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * The cap of the exponential backoff.
   *
   * @return the maximum backoff
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The longest server-requested delay the client waits; beyond it the failure is not retried.
   *
   * @return the cap
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The jitter fraction.
   *
   * @return a value in {@code [0, 1]}
   */
  public double jitter() {
    return jitter;
  }

  /**
   * The clock used to read HTTP-date {@code Retry-After} values.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Whether an HTTP status is worth retrying: 408, 409, 429 and 5xx, unless {@code x-should-retry}
   * says otherwise.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @return {@code true} when retrying may help
   */
  public boolean isRetryableStatus(int status, ResponseHeaders headers) {
    Boolean override = shouldRetryHeader(headers);
    if (override != null) return override;
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /**
   * Whether a failure is worth retrying, ignoring how many attempts were made.
   *
   * @param failure what the attempt failed with
   * @return {@code true} when retrying may help
   */
  public boolean isRetryable(Throwable failure) {
    if (failure instanceof AurikoApiException) {
      AurikoApiException e = (AurikoApiException) failure;
      Boolean override = shouldRetryHeader(e.headers());
      if (override != null) return override;
      if (isPermanent(e)) return false;
      if (e.isStreamError())
        return true; // rate limit, overload, provider or server trouble in-stream
      return isRetryableStatus(e.statusCode(), e.headers());
    }
    // Connection failures and timeouts, and a stream that broke before its first chunk (the client
    // only asks about those before anything reached the caller).
    return failure instanceof AurikoConnectionException
        || failure instanceof StreamInterruptedException;
  }

  private static boolean isPermanent(AurikoApiException e) {
    return e instanceof AuthenticationException
        || e instanceof ProviderAuthException
        || e instanceof PermissionDeniedException
        || e instanceof InsufficientCreditsException
        || e instanceof BudgetExceededException
        || e instanceof NotFoundException
        || e instanceof InvalidRequestException;
  }

  /**
   * Decides whether to retry after a failed attempt, and when.
   *
   * @param retriesSoFar how many retries were already made (0 after the first attempt)
   * @param failure what the latest attempt failed with
   * @return the delay before the next attempt, or {@code null} to give up and throw {@code failure}
   */
  public @Nullable Duration retryDelay(int retriesSoFar, Throwable failure) {
    if (retriesSoFar >= maxRetries || !isRetryable(failure)) return null;
    Duration asked = null;
    if (failure instanceof AurikoApiException) {
      AurikoApiException e = (AurikoApiException) failure;
      asked = e.retryAfter() != null ? e.retryAfter() : RetryAfter.parse(e.headers(), clock);
    }
    if (asked != null) return asked.compareTo(maxRetryAfter) > 0 ? null : asked;
    return backoff(retriesSoFar + 1);
  }

  /**
   * The jittered exponential backoff before a given retry, ignoring any server request.
   *
   * @param retry which retry, starting at 1
   * @return the delay, within {@code [base × (1 - jitter), base]} where {@code base =
   *     min(initialBackoff × 2^(retry-1), maxBackoff)}
   */
  public Duration backoff(int retry) {
    if (retry < 1) throw new IllegalArgumentException("retry < 1: " + retry);
    double base = initialBackoff.toNanos() * Math.pow(2, Math.min(retry - 1, 62));
    base = Math.min(base, (double) maxBackoff.toNanos());
    double r = random.getAsDouble();
    if (!(r >= 0 && r < 1)) r = 0; // a broken random source must not produce negative delays
    return Duration.ofNanos((long) (base * (1 - jitter * r)));
  }

  private static @Nullable Boolean shouldRetryHeader(ResponseHeaders headers) {
    String v = headers.get(ResponseHeaders.SHOULD_RETRY);
    if (v == null) return null;
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", jitter="
        + jitter
        + '}';
  }

  /** Builds a {@link RetryPolicy}; not thread-safe. */
  public static final class Builder {
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
    private double jitter = DEFAULT_JITTER;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Sets how many retries follow the first attempt.
     *
     * @param maxRetries 0 or more
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the delay before the first retry.
     *
     * @param initialBackoff a non-negative duration
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = nonNegative("initialBackoff", initialBackoff);
      return this;
    }

    /**
     * Sets the cap of the exponential backoff.
     *
     * @param maxBackoff a non-negative duration
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = nonNegative("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * Sets the longest server-requested delay the client waits.
     *
     * @param maxRetryAfter a non-negative duration
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /**
     * Sets the jitter fraction.
     *
     * @param jitter in {@code [0, 1]}; 0 makes backoff deterministic
     * @return this builder
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1))
        throw new IllegalArgumentException("jitter not in [0, 1]: " + jitter);
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the clock for HTTP-date {@code Retry-After} values.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the source of randomness for jitter.
     *
     * @param random returns values in {@code [0, 1)}
     * @return this builder
     */
    public Builder random(DoubleSupplier random) {
      this.random = random;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(String name, Duration d) {
      if (d.isNegative()) throw new IllegalArgumentException(name + " is negative: " + d);
      return d;
    }
  }
}
