package ai.auriko.request.responses;

import ai.auriko.json.internal.Checks;
import ai.auriko.request.chat.ImageDetail;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One part of a message whose content is a list of parts (wire {@code content[i]} of a message
 * item): text ({@code input_text}) or an image ({@code input_image}) given by URL or by the id of
 * an uploaded file. Immutable.
 *
 * <p>{@link #toString()} shows the type and the text length only; an image URL may be a signed URL
 * or a whole image, so it is never printed.
 */
public final class InputContentPart {
  /** The kind of a content part. */
  public enum Type {
    /** A text part. */
    INPUT_TEXT("input_text"),
    /** An image given by URL or file id. */
    INPUT_IMAGE("input_image");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /**
     * The name used in the JSON body.
     *
     * @return {@code "input_text"} or {@code "input_image"}
     */
    public String wireName() {
      return wireName;
    }
  }

  private final Type type;
  private final @Nullable String text;
  private final @Nullable String imageUrl;
  private final @Nullable String fileId;
  private final @Nullable ImageDetail detail;

  private InputContentPart(
      Type type,
      @Nullable String text,
      @Nullable String imageUrl,
      @Nullable String fileId,
      @Nullable ImageDetail detail) {
    this.type = type;
    this.text = text;
    this.imageUrl = imageUrl;
    this.fileId = fileId;
    this.detail = detail;
  }

  /**
   * A text part.
   *
   * @param text the text; may be empty
   * @return the part
   * @throws ai.auriko.errors.InvalidRequestException with param {@code text} when {@code text} is
   *     {@code null}
   */
  public static InputContentPart text(String text) {
    return new InputContentPart(Type.INPUT_TEXT, Checks.nonNull("text", text), null, null, null);
  }

  /**
   * An image part given by URL, with the model's default level of detail.
   *
   * @param url an {@code https:} or {@code data:} URL; not blank
   * @return the part
   * @throws ai.auriko.errors.InvalidRequestException with param {@code image_url} when the URL is
   *     {@code null} or blank
   */
  public static InputContentPart imageUrl(String url) {
    return imageUrl(url, null);
  }

  /**
   * An image part given by URL, with a level of detail.
   *
   * @param url an {@code https:} or {@code data:} URL; not blank
   * @param detail how closely to look, or {@code null} for the model's default
   * @return the part
   * @throws ai.auriko.errors.InvalidRequestException with param {@code image_url} when the URL is
   *     {@code null} or blank
   */
  public static InputContentPart imageUrl(String url, @Nullable ImageDetail detail) {
    return new InputContentPart(
        Type.INPUT_IMAGE, null, Checks.nonBlank("image_url", url), null, detail);
  }

  /**
   * An image part given by the id of an uploaded file.
   *
   * @param fileId the file id; not blank
   * @param detail how closely to look, or {@code null} for the model's default
   * @return the part
   * @throws ai.auriko.errors.InvalidRequestException with param {@code file_id} when the id is
   *     {@code null} or blank
   */
  public static InputContentPart imageFile(String fileId, @Nullable ImageDetail detail) {
    return new InputContentPart(
        Type.INPUT_IMAGE, null, null, Checks.nonBlank("file_id", fileId), detail);
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
   * The URL of an image part; wire {@code image_url}.
   *
   * @return the URL, or {@code null} for a text part or an image given by file id
   */
  public @Nullable String imageUrl() {
    return imageUrl;
  }

  /**
   * The uploaded file holding the image; wire {@code file_id}.
   *
   * @return the id, or {@code null} for a text part or an image given by URL
   */
  public @Nullable String fileId() {
    return fileId;
  }

  /**
   * The level of detail of an image part; wire {@code detail}.
   *
   * @return the detail, or {@code null} when unset or for a text part
   */
  public @Nullable ImageDetail detail() {
    return detail;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof InputContentPart)) return false;
    InputContentPart p = (InputContentPart) o;
    return type == p.type
        && Objects.equals(text, p.text)
        && Objects.equals(imageUrl, p.imageUrl)
        && Objects.equals(fileId, p.fileId)
        && detail == p.detail;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, text, imageUrl, fileId, detail);
  }

  /** Shows the type and the text length or image source and detail; never the text or the URL. */
  @Override
  public String toString() {
    if (type == Type.INPUT_TEXT) {
      return "InputContentPart{type=input_text, length="
          + Checks.length(Objects.requireNonNull(text))
          + "}";
    }
    return "InputContentPart{type=input_image, source="
        + (fileId != null ? "file_id" : "image_url")
        + (detail == null ? "" : ", detail=" + detail.wireName())
        + "}";
  }
}
