package ai.auriko.request.chat;

/** How closely the model should look at an image, trading accuracy for input tokens. */
public enum ImageDetail {
  /** Let the model choose. */
  AUTO("auto"),
  /** A low-resolution pass: fewer tokens. */
  LOW("low"),
  /** A high-resolution pass: more tokens, more detail. */
  HIGH("high");

  private final String wireName;

  ImageDetail(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name used in the JSON body.
   *
   * @return for example {@code "high"}
   */
  public String wireName() {
    return wireName;
  }
}
