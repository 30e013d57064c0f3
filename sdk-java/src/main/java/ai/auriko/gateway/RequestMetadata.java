package ai.auriko.gateway;

import ai.auriko.json.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Data the gateway records with a request for analytics and tracing, without affecting the
 * completion; sent as {@code gateway.metadata}.
 *
 * <p>The limits are the gateway's; checking them here turns what would be a 400 after a network
 * round trip into an exception at the call site. Lengths are counted in Unicode code points. Params
 * of the errors are {@code gateway.metadata.tags}, {@code gateway.metadata.tags[i]}, {@code
 * gateway.metadata.user_id}, {@code gateway.metadata.trace_id}, {@code
 * gateway.metadata.custom_fields} and {@code gateway.metadata.custom_fields.<key>}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows counts and custom-field keys only: tags,
 * ids and field values may identify people.
 */
public final class RequestMetadata {
  /** The most tags per request. */
  public static final int MAX_TAGS = 100;

  /** The longest tag, in code points. */
  public static final int MAX_TAG_LENGTH = 50;

  /** The longest {@code user_id} or {@code trace_id}, in code points. */
  public static final int MAX_ID_LENGTH = 255;

  /** The most custom fields per request. */
  public static final int MAX_CUSTOM_FIELDS = 10;

  /** The longest custom-field key, in code points. */
  public static final int MAX_CUSTOM_FIELD_KEY_LENGTH = 50;

  /** The longest custom-field value, in code points. */
  public static final int MAX_CUSTOM_FIELD_VALUE_LENGTH = 200;

  private static final String P = "gateway.metadata.";

  private final List<String> tags;
  private final @Nullable String userId;
  private final @Nullable String traceId;
  private final Map<String, String> customFields;

  private RequestMetadata(Builder b) {
    List<String> t = b.tags == null ? Collections.emptyList() : b.tags;
    if (t.size() > MAX_TAGS) {
      throw Checks.invalid(P + "tags", "at most " + MAX_TAGS + " tags, got " + t.size());
    }
    for (int i = 0; i < t.size(); i++)
      Checks.length(P + "tags[" + i + "]", t.get(i), 1, MAX_TAG_LENGTH);
    this.tags =
        t.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(new ArrayList<>(t));

    Checks.maxLength(P + "user_id", b.userId, MAX_ID_LENGTH);
    this.userId = b.userId;
    Checks.maxLength(P + "trace_id", b.traceId, MAX_ID_LENGTH);
    this.traceId = b.traceId;

    Map<String, String> f = b.customFields == null ? Collections.emptyMap() : b.customFields;
    if (f.size() > MAX_CUSTOM_FIELDS) {
      throw Checks.invalid(
          P + "custom_fields", "at most " + MAX_CUSTOM_FIELDS + " custom fields, got " + f.size());
    }
    for (Map.Entry<String, String> e : f.entrySet()) {
      String key = e.getKey();
      if (key == null) throw Checks.invalid(P + "custom_fields", "keys must not be null");
      int len = Checks.length(key);
      // The key is not echoed: it is only wrong because of its length.
      if (len < 1 || len > MAX_CUSTOM_FIELD_KEY_LENGTH) {
        throw Checks.invalid(
            P + "custom_fields",
            "keys must be 1 to " + MAX_CUSTOM_FIELD_KEY_LENGTH + " characters, got " + len);
      }
      String param = P + "custom_fields." + key;
      Checks.maxLength(param, Checks.nonNull(param, e.getValue()), MAX_CUSTOM_FIELD_VALUE_LENGTH);
    }
    this.customFields =
        f.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(f));
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
    b.tags = tags.isEmpty() ? null : new ArrayList<>(tags);
    b.userId = userId;
    b.traceId = traceId;
    b.customFields = customFields.isEmpty() ? null : new LinkedHashMap<>(customFields);
    return b;
  }

  /**
   * Free-form labels for filtering analytics; wire {@code tags}.
   *
   * @return an unmodifiable list; empty when unset
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * The caller's id for the end user; wire {@code user_id}.
   *
   * @return the id, or {@code null} when unset
   */
  public @Nullable String userId() {
    return userId;
  }

  /**
   * The caller's trace id, to correlate the request with its own traces; wire {@code trace_id}.
   *
   * @return the id, or {@code null} when unset
   */
  public @Nullable String traceId() {
    return traceId;
  }

  /**
   * Free-form key/value pairs; wire {@code custom_fields}.
   *
   * @return an unmodifiable map in the order given; empty when unset
   */
  public Map<String, String> customFields() {
    return customFields;
  }

  /**
   * Whether no field is set, so an encoder can leave {@code gateway.metadata} out.
   *
   * @return {@code true} when every field is unset
   */
  public boolean isEmpty() {
    return tags.isEmpty() && userId == null && traceId == null && customFields.isEmpty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof RequestMetadata)) return false;
    RequestMetadata m = (RequestMetadata) o;
    return tags.equals(m.tags)
        && Objects.equals(userId, m.userId)
        && Objects.equals(traceId, m.traceId)
        && customFields.equals(m.customFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tags, userId, traceId, customFields);
  }

  /**
   * Shows the number of tags, whether the ids are set, and the custom-field keys; never a value.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RequestMetadata{tags=").append(tags.size());
    if (userId != null) sb.append(", userId=<set>");
    if (traceId != null) sb.append(", traceId=<set>");
    return sb.append(", customFields=").append(customFields.keySet()).append('}').toString();
  }

  /** Collects metadata; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private @Nullable List<String> tags;
    private @Nullable String userId;
    private @Nullable String traceId;
    private @Nullable Map<String, String> customFields;

    private Builder() {}

    /**
     * Replaces the tags: at most {@value RequestMetadata#MAX_TAGS}, each 1 to {@value
     * RequestMetadata#MAX_TAG_LENGTH} characters.
     *
     * @param tags the tags (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder tags(@Nullable List<String> tags) {
      this.tags = tags == null ? null : new ArrayList<>(tags);
      return this;
    }

    /**
     * Adds one tag.
     *
     * @param tag the tag, 1 to {@value RequestMetadata#MAX_TAG_LENGTH} characters
     * @return this builder
     */
    public Builder addTag(String tag) {
      if (tags == null) tags = new ArrayList<>();
      tags.add(tag);
      return this;
    }

    /**
     * Sets the end-user id; at most {@value RequestMetadata#MAX_ID_LENGTH} characters.
     *
     * @param userId the id, or {@code null} to clear
     * @return this builder
     */
    public Builder userId(@Nullable String userId) {
      this.userId = userId;
      return this;
    }

    /**
     * Sets the trace id; at most {@value RequestMetadata#MAX_ID_LENGTH} characters.
     *
     * @param traceId the id, or {@code null} to clear
     * @return this builder
     */
    public Builder traceId(@Nullable String traceId) {
      this.traceId = traceId;
      return this;
    }

    /**
     * Replaces the custom fields: at most {@value RequestMetadata#MAX_CUSTOM_FIELDS}, keys 1 to
     * {@value RequestMetadata#MAX_CUSTOM_FIELD_KEY_LENGTH} characters, values at most {@value
     * RequestMetadata#MAX_CUSTOM_FIELD_VALUE_LENGTH}.
     *
     * @param customFields the fields (copied, order kept), or {@code null} to clear
     * @return this builder
     */
    public Builder customFields(@Nullable Map<String, String> customFields) {
      this.customFields = customFields == null ? null : new LinkedHashMap<>(customFields);
      return this;
    }

    /**
     * Sets one custom field, keeping the others.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder putCustomField(String key, String value) {
      if (customFields == null) customFields = new LinkedHashMap<>();
      customFields.put(key, value);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the immutable metadata
     * @throws ai.auriko.errors.InvalidRequestException when a limit is exceeded; the message names
     *     the field, the limit and the size given
     */
    public RequestMetadata build() {
      return new RequestMetadata(this);
    }
  }
}
