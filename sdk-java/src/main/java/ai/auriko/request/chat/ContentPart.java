package ai.auriko.request.chat;

import ai.auriko.json.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One part of a message whose content is a list of parts: text, or an image given by URL (an {@code
 * https:} URL or a {@code data:} URL with the image inline). Immutable.
 *
 * <p>{@link #toString()} shows the type and the text length only; an image URL may be a signed URL
 * or a whole image, so it is never printed.
 */
public final class ContentPart {
  /** The kind of a content part. */
  public enum Type {
    /** A text part. */
    TEXT("text"),
    /** An image given by URL. */
    IMAGE_URL("image_url");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /**
     * The name used in the JSON body.
     *
     * @return {@code "text"} or {@code "image_url"}
     */
    public String wireName() {
      return wireName;
    }
  }

  private final Type type;
  private final @Nullable String text;
  private final @Nullable String imageUrl;
  private final @Nullable ImageDetail imageDetail;

  private ContentPart(
      Type type,
      @Nullable String text,
      @Nullable String imageUrl,
      @Nullable ImageDetail imageDetail) {
    this.type = type;
    this.text = text;
    this.imageUrl = imageUrl;
    this.imageDetail = imageDetail;
  }

  /**
   * A text part.
   *
   * @param text the text; may be empty
   * @return the part
   * @throws ai.auriko.errors.InvalidRequestException with param {@code text} when {@code text} is
   *     {@code null}
   */
  public static ContentPart text(String text) {
    return new ContentPart(Type.TEXT, Checks.nonNull("text", text), null, null);
  }

  /**
   * An image part with the model's default level of detail.
   *
   * @param url an {@code https:} or {@code data:} URL; not blank
   * @return the part
   * @throws ai.auriko.errors.InvalidRequestException with param {@code image_url.url} when the URL
   *     is {@code null} or blank
   */
  public static ContentPart imageUrl(String url) {
    return new ContentPart(Type.IMAGE_URL, null, Checks.nonBlank("image_url.url", url), null);
  }

  /**
   * An image part with a level of detail.
   *
   * @param url an {@code https:} or {@code data:} URL; not blank
   * @param detail how closely to look, or {@code null} for the model's default
   * @return the part
   * @throws ai.auriko.errors.InvalidRequestException with param {@code image_url.url} when the URL
   *     is {@code null} or blank
   */
  public static ContentPart imageUrl(String url, @Nullable ImageDetail detail) {
    return new ContentPart(Type.IMAGE_URL, null, Checks.nonBlank("image_url.url", url), detail);
  }

  /**
   * The kind of part; wire {@code type}.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * The text of a text part; wire {@code text}.
   *
   * @return the text, or {@code null} for an image part
   */
  public @Nullable String text() {
    return text;
  }

  /**
   * The URL of an image part; wire {@code image_url.url}.
   *
   * @return the URL, or {@code null} for a text part
   */
  public @Nullable String imageUrl() {
    return imageUrl;
  }

  /**
   * The level of detail of an image part; wire {@code image_url.detail}.
   *
   * @return the detail, or {@code null} when unset or for a text part
   */
  public @Nullable ImageDetail imageDetail() {
    return imageDetail;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ContentPart)) return false;
    ContentPart p = (ContentPart) o;
    return type == p.type
        && Objects.equals(text, p.text)
        && Objects.equals(imageUrl, p.imageUrl)
        && imageDetail == p.imageDetail;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, text, imageUrl, imageDetail);
  }

  /** Shows the type and the text length or image detail; never the text or the URL. */
  @Override
  public String toString() {
    if (type == Type.TEXT) {
      return "ContentPart{type=text, length=" + Checks.length(Objects.requireNonNull(text)) + "}";
    }
    return "ContentPart{type=image_url"
        + (imageDetail == null ? "" : ", detail=" + imageDetail.wireName())
        + "}";
  }
}
