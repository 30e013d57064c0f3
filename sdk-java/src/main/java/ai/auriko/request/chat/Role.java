package ai.auriko.request.chat;

/** Who wrote a message in the conversation. */
public enum Role {
  /** Instructions from the application, in older models' terms. */
  SYSTEM("system"),
  /** Instructions from the application, as newer OpenAI models name them. */
  DEVELOPER("developer"),
  /** The end user. */
  USER("user"),
  /** The model, in earlier turns of the conversation. */
  ASSISTANT("assistant"),
  /** The result of a tool call the assistant made. */
  TOOL("tool");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name used in the JSON body.
   *
   * @return for example {@code "user"}
   */
  public String wireName() {
    return wireName;
  }
}
