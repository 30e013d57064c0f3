package ai.auriko.request.responses;

import ai.auriko.errors.InvalidRequestException;
import ai.auriko.gateway.Extensions;
import ai.auriko.gateway.RequestMetadata;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.json.internal.Checks;
import ai.auriko.request.chat.ResponseFormat;
import ai.auriko.request.chat.Tool;
import ai.auriko.request.chat.ToolChoice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Responses API request: the body of {@code POST /v1/responses}, in OpenAI's shape plus Auriko's
 * options.
 *
 * <p>How the fields reach the wire:
 *
 * <ul>
 *   <li>The OpenAI fields are written under their wire names, given on each accessor. Unset fields
 *       are left out, so the server's defaults apply.
 *   <li>{@code input} is a string ({@link #inputText()}) or an array of items ({@link
 *       #inputItems()}); exactly one of the two is set.
 *   <li>Function tools ({@link #tools()}) are written flat, {@code {"type": "function", "name":
 *       ..., "description": ..., "parameters": ..., "strict": ...}}; a named {@link #toolChoice()}
 *       as {@code {"type": "function", "name": ...}}; the {@link #textFormat()} as {@code
 *       text.format} with the schema fields flat beside {@code type}.
 *   <li>{@code stream} is set by the client for each call, because whether a call streams is
 *       decided by the method called, not by the request.
 *   <li>{@link #responseMetadata()} is OpenAI's {@code metadata}, stored with the response. {@link
 *       #routing()} and {@link #metadata()} are Auriko's, written as {@code gateway.routing} and
 *       {@code gateway.metadata}, as for chat; {@link #extensions()} as {@code extensions}.
 *   <li>{@link #extraBody()} fields are merged into the body last, so they can add fields this SDK
 *       does not model and override any field it writes, including the ones above. Overriding
 *       {@code stream} breaks the client's handling of the response, so don't.
 * </ul>
 *
 * <p>Exactly one of {@link #model()} and {@link #models()} is set: one model, or a list the gateway
 * may route between. Everything is validated in {@link Builder#build()}; see the builder methods
 * for the limits. Immutable and thread-safe. {@link #toString()} shows structure only: the model,
 * input and tool counts, numeric settings, routing options, and keys of metadata and extra body,
 * never input, instructions or values that could be secret.
 */
public final class ResponseRequest {
  /** The most models a request may list in {@code models}. */
  public static final int MAX_MODELS = 10;

  /** The most key-value pairs in {@code metadata} ({@link #responseMetadata()}). */
  public static final int MAX_METADATA_PAIRS = 16;

  /** The longest key in {@code metadata}, in characters. */
  public static final int MAX_METADATA_KEY_LENGTH = 64;

  /** The longest value in {@code metadata}, in characters. */
  public static final int MAX_METADATA_VALUE_LENGTH = 512;

  private final @Nullable String model;
  private final List<String> models;
  private final @Nullable String inputText;
  private final List<ResponseInputItem> inputItems;
  private final @Nullable String instructions;
  private final List<Tool> tools;
  private final @Nullable ToolChoice toolChoice;
  private final @Nullable Boolean parallelToolCalls;
  private final @Nullable Double temperature;
  private final @Nullable Double topP;
  private final @Nullable Integer maxOutputTokens;
  private final @Nullable Reasoning reasoning;
  private final @Nullable ResponseFormat textFormat;
  private final @Nullable String previousResponseId;
  private final @Nullable Boolean store;
  private final List<String> include;
  private final @Nullable String user;
  private final Map<String, String> responseMetadata;
  private final @Nullable RoutingOptions routing;
  private final @Nullable RequestMetadata metadata;
  private final @Nullable Extensions extensions;
  private final Map<String, @Nullable Object> extraBody;

  private ResponseRequest(Builder b) {
    this.models = Checks.modelChoice(b.model, b.models, MAX_MODELS);
    this.model = b.model;

    if (b.inputText == null && (b.inputItems == null || b.inputItems.isEmpty())) {
      throw Checks.invalid("input", "a string or at least 1 input item is required, got none");
    }
    this.inputText = b.inputText;
    this.inputItems = Checks.nonNullEntries("input", b.inputItems);
    this.instructions = b.instructions;
    this.tools = Checks.nonNullEntries("tools", b.tools);
    this.toolChoice = b.toolChoice;
    this.parallelToolCalls = b.parallelToolCalls;

    Checks.range("temperature", b.temperature, 0.0, 2.0);
    this.temperature = b.temperature;
    Checks.range("top_p", b.topP, 0.0, 1.0);
    this.topP = b.topP;
    Checks.atLeast("max_output_tokens", b.maxOutputTokens, 1);
    this.maxOutputTokens = b.maxOutputTokens;
    this.reasoning = b.reasoning;
    this.textFormat = b.textFormat;
    this.previousResponseId = Checks.nonBlankIfSet("previous_response_id", b.previousResponseId);
    this.store = b.store;
    this.include = Checks.nonBlankEntries("include", b.include);
    this.user = b.user;
    this.responseMetadata = validateMetadata(b.responseMetadata);
    this.routing = b.routing;
    this.metadata = b.metadata;
    this.extensions = b.extensions;
    this.extraBody = Checks.jsonFields("extra_body", b.extraBody);
  }

  private static Map<String, String> validateMetadata(Map<String, String> m) {
    if (m.isEmpty()) return Collections.emptyMap();
    if (m.size() > MAX_METADATA_PAIRS) {
      throw Checks.invalid(
          "metadata", "at most " + MAX_METADATA_PAIRS + " key-value pairs, got " + m.size());
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : m.entrySet()) {
      String key = e.getKey();
      // Checked even though the type says String: raw maps from Java callers can hold anything.
      if (key == null) throw Checks.invalid("metadata", "keys must not be null");
      int len = Checks.length(key);
      if (len < 1 || len > MAX_METADATA_KEY_LENGTH) {
        throw Checks.invalid(
            "metadata", "keys must be 1 to " + MAX_METADATA_KEY_LENGTH + " characters, got " + len);
      }
      String param = "metadata." + key;
      String value = Checks.nonNull(param, e.getValue());
      Checks.maxLength(param, value, MAX_METADATA_VALUE_LENGTH);
      copy.put(key, value);
    }
    return Collections.unmodifiableMap(copy);
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
   * A builder holding this request's values, for making a changed copy (for example the next turn
   * with {@link Builder#previousResponseId} and new input).
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.models = models.isEmpty() ? null : new ArrayList<>(models);
    b.inputText = inputText;
    b.inputItems = inputItems.isEmpty() ? null : new ArrayList<>(inputItems);
    b.instructions = instructions;
    b.tools = tools.isEmpty() ? null : new ArrayList<>(tools);
    b.toolChoice = toolChoice;
    b.parallelToolCalls = parallelToolCalls;
    b.temperature = temperature;
    b.topP = topP;
    b.maxOutputTokens = maxOutputTokens;
    b.reasoning = reasoning;
    b.textFormat = textFormat;
    b.previousResponseId = previousResponseId;
    b.store = store;
    b.include = include.isEmpty() ? null : new ArrayList<>(include);
    b.user = user;
    b.responseMetadata.putAll(responseMetadata);
    b.routing = routing;
    b.metadata = metadata;
    b.extensions = extensions;
    b.extraBody.putAll(extraBody);
    return b;
  }

  /**
   * The model to use; wire {@code model}.
   *
   * @return the model id, or {@code null} when {@link #models()} is set instead
   */
  public @Nullable String model() {
    return model;
  }

  /**
   * The models the gateway may route between; wire {@code models}.
   *
   * @return an unmodifiable list of 1 to {@value #MAX_MODELS} ids; empty when {@link #model()} is
   *     set instead
   */
  public List<String> models() {
    return models;
  }

  /**
   * The input in text form; wire {@code input} as a string.
   *
   * @return the text, or {@code null} when the input is a list of items
   */
  public @Nullable String inputText() {
    return inputText;
  }

  /**
   * The input in items form; wire {@code input} as an array.
   *
   * @return an unmodifiable list; empty when the input is text
   */
  public List<ResponseInputItem> inputItems() {
    return inputItems;
  }

  /**
   * A system (or developer) message placed before the input; wire {@code instructions}.
   *
   * @return the instructions, or {@code null} when unset
   */
  public @Nullable String instructions() {
    return instructions;
  }

  /**
   * The functions the model may call; wire {@code tools}, each written flat (see the class
   * description).
   *
   * @return an unmodifiable list; empty when none
   */
  public List<Tool> tools() {
    return tools;
  }

  /**
   * Whether and which tool the model must call; wire {@code tool_choice}, a named function as
   * {@code {"type": "function", "name": ...}}.
   *
   * @return the choice, or {@code null} when unset
   */
  public @Nullable ToolChoice toolChoice() {
    return toolChoice;
  }

  /**
   * Whether the model may call several tools in one turn; wire {@code parallel_tool_calls}.
   *
   * @return the flag, or {@code null} when unset
   */
  public @Nullable Boolean parallelToolCalls() {
    return parallelToolCalls;
  }

  /**
   * Sampling temperature, 0 to 2; wire {@code temperature}.
   *
   * @return the temperature, or {@code null} when unset
   */
  public @Nullable Double temperature() {
    return temperature;
  }

  /**
   * Nucleus sampling mass, 0 to 1; wire {@code top_p}.
   *
   * @return the value, or {@code null} when unset
   */
  public @Nullable Double topP() {
    return topP;
  }

  /**
   * The most tokens to generate, reasoning included; wire {@code max_output_tokens}.
   *
   * @return the limit, or {@code null} when unset
   */
  public @Nullable Integer maxOutputTokens() {
    return maxOutputTokens;
  }

  /**
   * Options for reasoning models; wire {@code reasoning}.
   *
   * @return the options, or {@code null} when unset
   */
  public @Nullable Reasoning reasoning() {
    return reasoning;
  }

  /**
   * The format the answer must take; wire {@code text.format}, with {@code name}, {@code schema},
   * {@code strict} and {@code description} beside {@code type} for a JSON schema.
   *
   * @return the format, or {@code null} when unset
   */
  public @Nullable ResponseFormat textFormat() {
    return textFormat;
  }

  /**
   * The response this one continues, whose input and output the server prepends; wire {@code
   * previous_response_id}.
   *
   * @return the id, or {@code null} when unset
   */
  public @Nullable String previousResponseId() {
    return previousResponseId;
  }

  /**
   * Whether the server stores the response for later retrieval and continuation; wire {@code
   * store}.
   *
   * @return the flag, or {@code null} when unset
   */
  public @Nullable Boolean store() {
    return store;
  }

  /**
   * Extra data the response should carry, for example {@code reasoning.encrypted_content} (the
   * encrypted reasoning to pass back when the server keeps no state, {@code store: false}); wire
   * {@code include}.
   *
   * @return an unmodifiable list; empty when none
   */
  public List<String> include() {
    return include;
  }

  /**
   * An id for the end user, for the provider's abuse monitoring; wire {@code user}.
   *
   * @return the id, or {@code null} when unset
   */
  public @Nullable String user() {
    return user;
  }

  /**
   * OpenAI's metadata, stored with the response; wire {@code metadata} (not to be confused with
   * Auriko's {@link #metadata()}).
   *
   * @return an unmodifiable map of at most {@value #MAX_METADATA_PAIRS} pairs in the order given;
   *     empty when unset
   */
  public Map<String, String> responseMetadata() {
    return responseMetadata;
  }

  /**
   * Auriko routing options; wire {@code gateway.routing}.
   *
   * @return the options, or {@code null} when unset
   */
  public @Nullable RoutingOptions routing() {
    return routing;
  }

  /**
   * Auriko request metadata; wire {@code gateway.metadata} (OpenAI's {@code metadata} is {@link
   * #responseMetadata()}).
   *
   * @return the metadata, or {@code null} when unset
   */
  public @Nullable RequestMetadata metadata() {
    return metadata;
  }

  /**
   * Extended thinking and provider-specific options; wire {@code extensions}.
   *
   * @return the extensions, or {@code null} when unset
   */
  public @Nullable Extensions extensions() {
    return extensions;
  }

  /**
   * Fields merged into the top level of the body last, overriding anything else; see the class
   * description.
   *
   * @return an unmodifiable map of deeply immutable JSON values in the order given; values may be
   *     {@code null} (JSON null); empty when none
   */
  public Map<String, @Nullable Object> extraBody() {
    return extraBody;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ResponseRequest)) return false;
    ResponseRequest r = (ResponseRequest) o;
    return Objects.equals(model, r.model)
        && models.equals(r.models)
        && Objects.equals(inputText, r.inputText)
        && inputItems.equals(r.inputItems)
        && Objects.equals(instructions, r.instructions)
        && tools.equals(r.tools)
        && Objects.equals(toolChoice, r.toolChoice)
        && Objects.equals(parallelToolCalls, r.parallelToolCalls)
        && Objects.equals(temperature, r.temperature)
        && Objects.equals(topP, r.topP)
        && Objects.equals(maxOutputTokens, r.maxOutputTokens)
        && Objects.equals(reasoning, r.reasoning)
        && Objects.equals(textFormat, r.textFormat)
        && Objects.equals(previousResponseId, r.previousResponseId)
        && Objects.equals(store, r.store)
        && include.equals(r.include)
        && Objects.equals(user, r.user)
        && responseMetadata.equals(r.responseMetadata)
        && Objects.equals(routing, r.routing)
        && Objects.equals(metadata, r.metadata)
        && Objects.equals(extensions, r.extensions)
        && extraBody.equals(r.extraBody);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        model,
        models,
        inputText,
        inputItems,
        instructions,
        tools,
        toolChoice,
        parallelToolCalls,
        temperature,
        topP,
        maxOutputTokens,
        reasoning,
        textFormat,
        previousResponseId,
        store,
        include,
        user,
        responseMetadata,
        routing,
        metadata,
        extensions,
        extraBody);
  }

  /**
   * Shows structure only: model ids, the input length or item count, whether instructions are set,
   * the tool count, numeric settings, reasoning and text format, the previous response id, metadata
   * keys, routing options, Auriko metadata, extension and extra-body keys. Input, instructions, the
   * user id, metadata values and every free-form value are left out.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ResponseRequest{");
    if (model != null) sb.append("model=").append(model);
    else sb.append("models=").append(models);
    if (inputText != null) sb.append(", input=<text, ").append(Checks.describeLength(inputText));
    else sb.append(", input=<").append(inputItems.size()).append(" items");
    sb.append('>');
    if (instructions != null) sb.append(", instructions=<set>");
    if (!tools.isEmpty()) sb.append(", tools=").append(tools.size());
    Checks.field(sb, "toolChoice", toolChoice);
    Checks.field(sb, "parallelToolCalls", parallelToolCalls);
    Checks.field(sb, "temperature", temperature);
    Checks.field(sb, "topP", topP);
    Checks.field(sb, "maxOutputTokens", maxOutputTokens);
    Checks.field(sb, "reasoning", reasoning);
    Checks.field(sb, "textFormat", textFormat);
    Checks.field(sb, "previousResponseId", previousResponseId);
    Checks.field(sb, "store", store);
    if (!include.isEmpty()) sb.append(", include=").append(include);
    if (user != null) sb.append(", user=<set>");
    if (!responseMetadata.isEmpty()) {
      sb.append(", responseMetadata=").append(responseMetadata.keySet());
    }
    Checks.field(sb, "routing", routing);
    Checks.field(sb, "metadata", metadata);
    Checks.field(sb, "extensions", extensions);
    if (!extraBody.isEmpty()) sb.append(", extraBody=").append(extraBody.keySet());
    return sb.append('}').toString();
  }

  /** Collects a request; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String model;
    private @Nullable List<String> models;
    // At most one of the two is set: whichever input(...) was called last.
    private @Nullable String inputText;
    private @Nullable List<ResponseInputItem> inputItems;
    private @Nullable String instructions;
    private @Nullable List<Tool> tools;
    private @Nullable ToolChoice toolChoice;
    private @Nullable Boolean parallelToolCalls;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer maxOutputTokens;
    private @Nullable Reasoning reasoning;
    private @Nullable ResponseFormat textFormat;
    private @Nullable String previousResponseId;
    private @Nullable Boolean store;
    private @Nullable List<String> include;
    private @Nullable String user;
    private final Map<String, String> responseMetadata = new LinkedHashMap<>();
    private @Nullable RoutingOptions routing;
    private @Nullable RequestMetadata metadata;
    private @Nullable Extensions extensions;
    private final Map<String, @Nullable Object> extraBody = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the model; exactly one of this and {@link #models(List)} must be set.
     *
     * @param model the model id, not blank; or {@code null} to clear
     * @return this builder
     */
    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    /**
     * Sets the models the gateway may route between: 1 to {@value ResponseRequest#MAX_MODELS} ids,
     * none blank. Exactly one of this and {@link #model(String)} must be set.
     *
     * @param models the ids (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder models(@Nullable List<String> models) {
      this.models = models == null ? null : new ArrayList<>(models);
      return this;
    }

    /**
     * Sets the models the gateway may route between; see {@link #models(List)}.
     *
     * @param models the ids
     * @return this builder
     */
    public Builder models(String... models) {
      return models(Arrays.asList(models));
    }

    /**
     * Sets the input to a string, replacing any input items; the input (a string or at least one
     * item) is required.
     *
     * @param input the text (may be empty), or {@code null} to clear
     * @return this builder
     */
    public Builder input(@Nullable String input) {
      this.inputText = input;
      this.inputItems = null;
      return this;
    }

    /**
     * Sets the input to a list of items, replacing any input text.
     *
     * @param input the items (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder input(@Nullable List<ResponseInputItem> input) {
      this.inputItems = input == null ? null : new ArrayList<>(input);
      this.inputText = null;
      return this;
    }

    /**
     * Sets the input to a list of items, replacing any input text.
     *
     * @param input the items
     * @return this builder
     */
    public Builder input(ResponseInputItem... input) {
      return input(Arrays.asList(input));
    }

    /**
     * Appends one input item, replacing any input text.
     *
     * @param item the item
     * @return this builder
     */
    public Builder addInput(ResponseInputItem item) {
      if (inputItems == null) inputItems = new ArrayList<>();
      inputItems.add(item);
      inputText = null;
      return this;
    }

    /**
     * Sets the instructions placed before the input.
     *
     * @param instructions the instructions, or {@code null} to clear
     * @return this builder
     */
    public Builder instructions(@Nullable String instructions) {
      this.instructions = instructions;
      return this;
    }

    /**
     * Replaces the function tools.
     *
     * @param tools the tools (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder tools(@Nullable List<Tool> tools) {
      this.tools = tools == null ? null : new ArrayList<>(tools);
      return this;
    }

    /**
     * Adds one function tool.
     *
     * @param tool the tool
     * @return this builder
     */
    public Builder addTool(Tool tool) {
      if (tools == null) tools = new ArrayList<>();
      tools.add(tool);
      return this;
    }

    /**
     * Sets whether and which tool the model must call.
     *
     * @param toolChoice the choice, or {@code null} to clear
     * @return this builder
     */
    public Builder toolChoice(@Nullable ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    /**
     * Sets whether the model may call several tools in one turn.
     *
     * @param parallelToolCalls the flag, or {@code null} to clear
     * @return this builder
     */
    public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    /**
     * Sets the sampling temperature, 0 to 2.
     *
     * @param temperature the temperature, or {@code null} to clear
     * @return this builder
     */
    public Builder temperature(@Nullable Double temperature) {
      this.temperature = temperature;
      return this;
    }

    /**
     * Sets the nucleus sampling mass, 0 to 1.
     *
     * @param topP the value, or {@code null} to clear
     * @return this builder
     */
    public Builder topP(@Nullable Double topP) {
      this.topP = topP;
      return this;
    }

    /**
     * Sets {@code max_output_tokens}, at least 1.
     *
     * @param maxOutputTokens the limit, or {@code null} to clear
     * @return this builder
     */
    public Builder maxOutputTokens(@Nullable Integer maxOutputTokens) {
      this.maxOutputTokens = maxOutputTokens;
      return this;
    }

    /**
     * Sets the options for reasoning models.
     *
     * @param reasoning the options, or {@code null} to clear
     * @return this builder
     */
    public Builder reasoning(@Nullable Reasoning reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /**
     * Sets the format the answer must take ({@code text.format}).
     *
     * @param textFormat the format, or {@code null} to clear
     * @return this builder
     */
    public Builder textFormat(@Nullable ResponseFormat textFormat) {
      this.textFormat = textFormat;
      return this;
    }

    /**
     * Sets the response this one continues; not blank.
     *
     * @param previousResponseId the id, or {@code null} to clear
     * @return this builder
     */
    public Builder previousResponseId(@Nullable String previousResponseId) {
      this.previousResponseId = previousResponseId;
      return this;
    }

    /**
     * Sets whether the server stores the response.
     *
     * @param store the flag, or {@code null} to clear
     * @return this builder
     */
    public Builder store(@Nullable Boolean store) {
      this.store = store;
      return this;
    }

    /**
     * Sets what extra data the response should carry, for example {@code
     * reasoning.encrypted_content}; none blank.
     *
     * @param include the values (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder include(@Nullable List<String> include) {
      this.include = include == null ? null : new ArrayList<>(include);
      return this;
    }

    /**
     * Sets what extra data the response should carry; see {@link #include(List)}.
     *
     * @param include the values
     * @return this builder
     */
    public Builder include(String... include) {
      return include(Arrays.asList(include));
    }

    /**
     * Sets the end-user id for the provider's abuse monitoring.
     *
     * @param user the id, or {@code null} to clear
     * @return this builder
     */
    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    /**
     * Replaces OpenAI's metadata ({@code metadata}): at most {@value
     * ResponseRequest#MAX_METADATA_PAIRS} pairs, keys 1 to {@value
     * ResponseRequest#MAX_METADATA_KEY_LENGTH} characters, values at most {@value
     * ResponseRequest#MAX_METADATA_VALUE_LENGTH}; checked in {@link #build()}.
     *
     * @param responseMetadata keys to values (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder responseMetadata(@Nullable Map<String, String> responseMetadata) {
      this.responseMetadata.clear();
      if (responseMetadata != null) this.responseMetadata.putAll(responseMetadata);
      return this;
    }

    /**
     * Sets one pair of OpenAI's metadata, keeping the others; see {@link #responseMetadata(Map)}.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder putResponseMetadata(String key, String value) {
      responseMetadata.put(key, value);
      return this;
    }

    /**
     * Sets the Auriko routing options ({@code gateway.routing}).
     *
     * @param routing the options, or {@code null} to clear
     * @return this builder
     */
    public Builder routing(@Nullable RoutingOptions routing) {
      this.routing = routing;
      return this;
    }

    /**
     * Sets the Auriko request metadata ({@code gateway.metadata}).
     *
     * @param metadata the metadata, or {@code null} to clear
     * @return this builder
     */
    public Builder metadata(@Nullable RequestMetadata metadata) {
      this.metadata = metadata;
      return this;
    }

    /**
     * Sets the extensions ({@code extensions}).
     *
     * @param extensions the extensions, or {@code null} to clear
     * @return this builder
     */
    public Builder extensions(@Nullable Extensions extensions) {
      this.extensions = extensions;
      return this;
    }

    /**
     * Replaces the extra body fields, merged into the body last; values are checked and deeply
     * copied in {@link #build()}.
     *
     * @param extraBody field names to JSON values, or {@code null} to clear
     * @return this builder
     */
    public Builder extraBody(@Nullable Map<String, ?> extraBody) {
      this.extraBody.clear();
      if (extraBody != null) this.extraBody.putAll(extraBody);
      return this;
    }

    /**
     * Sets one extra body field, keeping the others.
     *
     * @param key the top-level field name; not blank
     * @param value a JSON value (map, list, string, number, boolean, {@link
     *     ai.auriko.json.RawJson}); {@code null} writes JSON null, which overrides the field the
     *     SDK would otherwise write
     * @return this builder
     */
    public Builder putExtraBody(String key, @Nullable Object value) {
      extraBody.put(key, value);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the immutable request
     * @throws InvalidRequestException when a field breaks its rule; {@code param()} is the field's
     *     wire name (such as {@code temperature}, {@code input[1]}, {@code metadata.k} or {@code
     *     extra_body.foo})
     */
    public ResponseRequest build() {
      return new ResponseRequest(this);
    }
  }
}
