package ai.auriko.request.chat;

import ai.auriko.errors.InvalidRequestException;
import ai.auriko.gateway.Extensions;
import ai.auriko.gateway.RequestMetadata;
import ai.auriko.gateway.RoutingOptions;
import ai.auriko.json.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion request: the body of {@code POST /v1/chat/completions}, in OpenAI's shape plus
 * Auriko's options.
 *
 * <p>How the fields reach the wire:
 *
 * <ul>
 *   <li>The OpenAI fields are written under their wire names, given on each accessor. Unset fields
 *       are left out, so the server's defaults apply.
 *   <li>{@code stream} and {@code stream_options} are set by the client for each call, because
 *       whether a call streams is decided by the method called, not by the request. {@link
 *       #streamOptions()} is only the default the client uses on streaming calls when the call
 *       itself gives none; it is never sent on a non-streaming call.
 *   <li>{@link #routing()} and {@link #metadata()} are written as {@code gateway.routing} and
 *       {@code gateway.metadata}; {@link #extensions()} as {@code extensions}.
 *   <li>{@link #extraBody()} fields are merged into the body last, so they can add fields this SDK
 *       does not model and override any field it writes, including the ones above. Overriding
 *       {@code stream} breaks the client's handling of the response, so don't.
 * </ul>
 *
 * <p>Exactly one of {@link #model()} and {@link #models()} is set: one model, or a list the gateway
 * may route between. Everything is validated in {@link Builder#build()}; see the builder methods
 * for the limits. Immutable and thread-safe. {@link #toString()} shows structure only: the model,
 * message and tool counts, numeric settings, routing options, and keys of metadata and extra body,
 * never message content or values that could be secret.
 */
public final class ChatCompletionRequest {
  /** The most models a request may list in {@code models}. */
  public static final int MAX_MODELS = 10;

  private final @Nullable String model;
  private final List<String> models;
  private final List<ChatMessage> messages;
  private final List<Tool> tools;
  private final @Nullable ToolChoice toolChoice;
  private final @Nullable Boolean parallelToolCalls;
  private final @Nullable Double temperature;
  private final @Nullable Double topP;
  private final @Nullable Integer maxTokens;
  private final @Nullable Integer maxCompletionTokens;
  private final List<String> stop;
  private final @Nullable Long seed;
  private final @Nullable Integer n;
  private final @Nullable Double presencePenalty;
  private final @Nullable Double frequencyPenalty;
  private final Map<String, Integer> logitBias;
  private final @Nullable Boolean logprobs;
  private final @Nullable Integer topLogprobs;
  private final @Nullable String user;
  private final @Nullable String reasoningEffort;
  private final @Nullable ResponseFormat responseFormat;
  private final @Nullable StreamOptions streamOptions;
  private final @Nullable RoutingOptions routing;
  private final @Nullable RequestMetadata metadata;
  private final @Nullable Extensions extensions;
  private final Map<String, @Nullable Object> extraBody;

  private ChatCompletionRequest(Builder b) {
    this.models = Checks.modelChoice(b.model, b.models, MAX_MODELS);
    this.model = b.model;

    if (b.messages == null || b.messages.isEmpty()) {
      throw Checks.invalid("messages", "at least 1 message is required, got 0");
    }
    this.messages = Checks.nonNullEntries("messages", b.messages);
    this.tools = Checks.nonNullEntries("tools", b.tools);
    this.toolChoice = b.toolChoice;
    this.parallelToolCalls = b.parallelToolCalls;

    Checks.range("temperature", b.temperature, 0.0, 2.0);
    this.temperature = b.temperature;
    Checks.range("top_p", b.topP, 0.0, 1.0);
    this.topP = b.topP;
    Checks.atLeast("max_tokens", b.maxTokens, 1);
    this.maxTokens = b.maxTokens;
    Checks.atLeast("max_completion_tokens", b.maxCompletionTokens, 1);
    this.maxCompletionTokens = b.maxCompletionTokens;
    this.stop = validateStop(b.stop);
    this.seed = b.seed;
    Checks.atLeast("n", b.n, 1);
    this.n = b.n;
    Checks.range("presence_penalty", b.presencePenalty, -2.0, 2.0);
    this.presencePenalty = b.presencePenalty;
    Checks.range("frequency_penalty", b.frequencyPenalty, -2.0, 2.0);
    this.frequencyPenalty = b.frequencyPenalty;
    this.logitBias = validateLogitBias(b.logitBias);
    this.logprobs = b.logprobs;
    Checks.range("top_logprobs", b.topLogprobs, 0, 20);
    this.topLogprobs = b.topLogprobs;
    this.user = b.user;
    this.reasoningEffort = Checks.nonBlankIfSet("reasoning_effort", b.reasoningEffort);
    this.responseFormat = b.responseFormat;
    this.streamOptions = b.streamOptions;
    this.routing = b.routing;
    this.metadata = b.metadata;
    this.extensions = b.extensions;
    this.extraBody = Checks.jsonFields("extra_body", b.extraBody);
  }

  // Non-empty rather than non-blank: "\n" is a common and valid stop sequence.
  private static List<String> validateStop(@Nullable List<String> stop) {
    if (stop == null || stop.isEmpty()) return Collections.emptyList();
    List<String> copy = Checks.nonNullEntries("stop", stop);
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).isEmpty()) {
        throw Checks.invalid("stop[" + i + "]", "must be at least 1 character, got 0");
      }
    }
    return copy;
  }

  private static Map<String, Integer> validateLogitBias(@Nullable Map<String, Integer> bias) {
    if (bias == null || bias.isEmpty()) return Collections.emptyMap();
    Map<String, Integer> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : bias.entrySet()) {
      String token = e.getKey();
      if (token == null) throw Checks.invalid("logit_bias", "keys must not be null");
      if (token.isBlank()) {
        throw Checks.invalid(
            "logit_bias", "keys must not be blank, got " + Checks.describeLength(token));
      }
      String param = "logit_bias." + token;
      Integer v = Checks.nonNull(param, e.getValue());
      Checks.range(param, v, -100, 100);
      copy.put(token, v);
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
   * of a conversation with {@link Builder#addMessage}).
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.models = models.isEmpty() ? null : new ArrayList<>(models);
    b.messages = new ArrayList<>(messages);
    b.tools = tools.isEmpty() ? null : new ArrayList<>(tools);
    b.toolChoice = toolChoice;
    b.parallelToolCalls = parallelToolCalls;
    b.temperature = temperature;
    b.topP = topP;
    b.maxTokens = maxTokens;
    b.maxCompletionTokens = maxCompletionTokens;
    b.stop = stop.isEmpty() ? null : new ArrayList<>(stop);
    b.seed = seed;
    b.n = n;
    b.presencePenalty = presencePenalty;
    b.frequencyPenalty = frequencyPenalty;
    b.logitBias = logitBias.isEmpty() ? null : new LinkedHashMap<>(logitBias);
    b.logprobs = logprobs;
    b.topLogprobs = topLogprobs;
    b.user = user;
    b.reasoningEffort = reasoningEffort;
    b.responseFormat = responseFormat;
    b.streamOptions = streamOptions;
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
   * The conversation so far; wire {@code messages}.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<ChatMessage> messages() {
    return messages;
  }

  /**
   * The functions the model may call; wire {@code tools}.
   *
   * @return an unmodifiable list; empty when none
   */
  public List<Tool> tools() {
    return tools;
  }

  /**
   * Whether and which tool the model must call; wire {@code tool_choice}.
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
   * The most tokens to generate, in the older field; wire {@code max_tokens}.
   *
   * @return the limit, or {@code null} when unset
   */
  public @Nullable Integer maxTokens() {
    return maxTokens;
  }

  /**
   * The most tokens to generate, reasoning included; wire {@code max_completion_tokens}.
   *
   * @return the limit, or {@code null} when unset
   */
  public @Nullable Integer maxCompletionTokens() {
    return maxCompletionTokens;
  }

  /**
   * Sequences that end generation; wire {@code stop}.
   *
   * @return an unmodifiable list; empty when unset
   */
  public List<String> stop() {
    return stop;
  }

  /**
   * Seed for best-effort deterministic sampling; wire {@code seed}.
   *
   * @return the seed, or {@code null} when unset
   */
  public @Nullable Long seed() {
    return seed;
  }

  /**
   * How many choices to generate; wire {@code n}.
   *
   * @return the count, or {@code null} when unset
   */
  public @Nullable Integer n() {
    return n;
  }

  /**
   * Penalty for tokens that already appeared, -2 to 2; wire {@code presence_penalty}.
   *
   * @return the penalty, or {@code null} when unset
   */
  public @Nullable Double presencePenalty() {
    return presencePenalty;
  }

  /**
   * Penalty proportional to how often tokens appeared, -2 to 2; wire {@code frequency_penalty}.
   *
   * @return the penalty, or {@code null} when unset
   */
  public @Nullable Double frequencyPenalty() {
    return frequencyPenalty;
  }

  /**
   * Bias added to the logits of tokens, by token id, -100 to 100; wire {@code logit_bias}.
   *
   * @return an unmodifiable map; empty when unset
   */
  public Map<String, Integer> logitBias() {
    return logitBias;
  }

  /**
   * Whether to return log probabilities of the output tokens; wire {@code logprobs}.
   *
   * @return the flag, or {@code null} when unset
   */
  public @Nullable Boolean logprobs() {
    return logprobs;
  }

  /**
   * How many most likely tokens to return per position, 0 to 20; wire {@code top_logprobs}.
   *
   * @return the count, or {@code null} when unset
   */
  public @Nullable Integer topLogprobs() {
    return topLogprobs;
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
   * How much reasoning effort a reasoning model should spend, such as {@code low}, {@code medium}
   * or {@code high}; wire {@code reasoning_effort}. Kept as text because the accepted values differ
   * between models and keep growing.
   *
   * @return the effort, or {@code null} when unset
   */
  public @Nullable String reasoningEffort() {
    return reasoningEffort;
  }

  /**
   * The format the answer must take; wire {@code response_format}.
   *
   * @return the format, or {@code null} when unset
   */
  public @Nullable ResponseFormat responseFormat() {
    return responseFormat;
  }

  /**
   * The default {@code stream_options} for streaming calls; see the class description.
   *
   * @return the options, or {@code null} when unset (the client's default applies)
   */
  public @Nullable StreamOptions streamOptions() {
    return streamOptions;
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
   * Auriko request metadata; wire {@code gateway.metadata}.
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
    if (!(o instanceof ChatCompletionRequest)) return false;
    ChatCompletionRequest r = (ChatCompletionRequest) o;
    return Objects.equals(model, r.model)
        && models.equals(r.models)
        && messages.equals(r.messages)
        && tools.equals(r.tools)
        && Objects.equals(toolChoice, r.toolChoice)
        && Objects.equals(parallelToolCalls, r.parallelToolCalls)
        && Objects.equals(temperature, r.temperature)
        && Objects.equals(topP, r.topP)
        && Objects.equals(maxTokens, r.maxTokens)
        && Objects.equals(maxCompletionTokens, r.maxCompletionTokens)
        && stop.equals(r.stop)
        && Objects.equals(seed, r.seed)
        && Objects.equals(n, r.n)
        && Objects.equals(presencePenalty, r.presencePenalty)
        && Objects.equals(frequencyPenalty, r.frequencyPenalty)
        && logitBias.equals(r.logitBias)
        && Objects.equals(logprobs, r.logprobs)
        && Objects.equals(topLogprobs, r.topLogprobs)
        && Objects.equals(user, r.user)
        && Objects.equals(reasoningEffort, r.reasoningEffort)
        && Objects.equals(responseFormat, r.responseFormat)
        && Objects.equals(streamOptions, r.streamOptions)
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
        messages,
        tools,
        toolChoice,
        parallelToolCalls,
        temperature,
        topP,
        maxTokens,
        maxCompletionTokens,
        stop,
        seed,
        n,
        presencePenalty,
        frequencyPenalty,
        logitBias,
        logprobs,
        topLogprobs,
        user,
        reasoningEffort,
        responseFormat,
        streamOptions,
        routing,
        metadata,
        extensions,
        extraBody);
  }

  /**
   * Shows structure only: model ids, counts of messages, tools, stop sequences and logit biases,
   * numeric settings, routing options, metadata counts and keys, extension and extra-body keys.
   * Message content, the user id, stop sequences and every free-form value are left out.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ChatCompletionRequest{");
    if (model != null) sb.append("model=").append(model);
    else sb.append("models=").append(models);
    sb.append(", messages=").append(messages.size());
    if (!tools.isEmpty()) sb.append(", tools=").append(tools.size());
    Checks.field(sb, "toolChoice", toolChoice);
    Checks.field(sb, "parallelToolCalls", parallelToolCalls);
    Checks.field(sb, "temperature", temperature);
    Checks.field(sb, "topP", topP);
    Checks.field(sb, "maxTokens", maxTokens);
    Checks.field(sb, "maxCompletionTokens", maxCompletionTokens);
    if (!stop.isEmpty()) sb.append(", stop=").append(stop.size());
    Checks.field(sb, "seed", seed);
    Checks.field(sb, "n", n);
    Checks.field(sb, "presencePenalty", presencePenalty);
    Checks.field(sb, "frequencyPenalty", frequencyPenalty);
    if (!logitBias.isEmpty()) sb.append(", logitBias=").append(logitBias.size());
    Checks.field(sb, "logprobs", logprobs);
    Checks.field(sb, "topLogprobs", topLogprobs);
    if (user != null) sb.append(", user=<set>");
    Checks.field(sb, "reasoningEffort", reasoningEffort);
    Checks.field(sb, "responseFormat", responseFormat);
    Checks.field(sb, "streamOptions", streamOptions);
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
    private @Nullable List<ChatMessage> messages;
    private @Nullable List<Tool> tools;
    private @Nullable ToolChoice toolChoice;
    private @Nullable Boolean parallelToolCalls;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer maxTokens;
    private @Nullable Integer maxCompletionTokens;
    private @Nullable List<String> stop;
    private @Nullable Long seed;
    private @Nullable Integer n;
    private @Nullable Double presencePenalty;
    private @Nullable Double frequencyPenalty;
    private @Nullable Map<String, Integer> logitBias;
    private @Nullable Boolean logprobs;
    private @Nullable Integer topLogprobs;
    private @Nullable String user;
    private @Nullable String reasoningEffort;
    private @Nullable ResponseFormat responseFormat;
    private @Nullable StreamOptions streamOptions;
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
     * Sets the models the gateway may route between: 1 to {@value ChatCompletionRequest#MAX_MODELS}
     * ids, none blank. Exactly one of this and {@link #model(String)} must be set.
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
     * Replaces the conversation; at least one message is required.
     *
     * @param messages the messages (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder messages(@Nullable List<ChatMessage> messages) {
      this.messages = messages == null ? null : new ArrayList<>(messages);
      return this;
    }

    /**
     * Appends one message to the conversation.
     *
     * @param message the message
     * @return this builder
     */
    public Builder addMessage(ChatMessage message) {
      if (messages == null) messages = new ArrayList<>();
      messages.add(message);
      return this;
    }

    /**
     * Replaces the tools.
     *
     * @param tools the tools (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder tools(@Nullable List<Tool> tools) {
      this.tools = tools == null ? null : new ArrayList<>(tools);
      return this;
    }

    /**
     * Adds one tool.
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
     * Sets {@code max_tokens}, at least 1.
     *
     * @param maxTokens the limit, or {@code null} to clear
     * @return this builder
     */
    public Builder maxTokens(@Nullable Integer maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * Sets {@code max_completion_tokens}, at least 1.
     *
     * @param maxCompletionTokens the limit, or {@code null} to clear
     * @return this builder
     */
    public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
      this.maxCompletionTokens = maxCompletionTokens;
      return this;
    }

    /**
     * Sets the stop sequences; each at least 1 character.
     *
     * @param stop the sequences (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder stop(@Nullable List<String> stop) {
      this.stop = stop == null ? null : new ArrayList<>(stop);
      return this;
    }

    /**
     * Sets the stop sequences; each at least 1 character.
     *
     * @param stop the sequences
     * @return this builder
     */
    public Builder stop(String... stop) {
      return stop(Arrays.asList(stop));
    }

    /**
     * Sets the sampling seed.
     *
     * @param seed the seed, or {@code null} to clear
     * @return this builder
     */
    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the sampling seed; lets Java callers write {@code seed(42)}, which does not box to
     * {@code Long}.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets how many choices to generate, at least 1.
     *
     * @param n the count, or {@code null} to clear
     * @return this builder
     */
    public Builder n(@Nullable Integer n) {
      this.n = n;
      return this;
    }

    /**
     * Sets the presence penalty, -2 to 2.
     *
     * @param presencePenalty the penalty, or {@code null} to clear
     * @return this builder
     */
    public Builder presencePenalty(@Nullable Double presencePenalty) {
      this.presencePenalty = presencePenalty;
      return this;
    }

    /**
     * Sets the frequency penalty, -2 to 2.
     *
     * @param frequencyPenalty the penalty, or {@code null} to clear
     * @return this builder
     */
    public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
      this.frequencyPenalty = frequencyPenalty;
      return this;
    }

    /**
     * Sets the logit bias by token id; each bias -100 to 100.
     *
     * @param logitBias token ids (as text) to biases (copied), or {@code null} to clear
     * @return this builder
     */
    public Builder logitBias(@Nullable Map<String, Integer> logitBias) {
      this.logitBias = logitBias == null ? null : new LinkedHashMap<>(logitBias);
      return this;
    }

    /**
     * Sets whether to return log probabilities.
     *
     * @param logprobs the flag, or {@code null} to clear
     * @return this builder
     */
    public Builder logprobs(@Nullable Boolean logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    /**
     * Sets how many most likely tokens to return per position, 0 to 20.
     *
     * @param topLogprobs the count, or {@code null} to clear
     * @return this builder
     */
    public Builder topLogprobs(@Nullable Integer topLogprobs) {
      this.topLogprobs = topLogprobs;
      return this;
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
     * Sets the reasoning effort, such as {@code low}, {@code medium} or {@code high}; not blank.
     *
     * @param reasoningEffort the effort, or {@code null} to clear
     * @return this builder
     */
    public Builder reasoningEffort(@Nullable String reasoningEffort) {
      this.reasoningEffort = reasoningEffort;
      return this;
    }

    /**
     * Sets the format the answer must take.
     *
     * @param responseFormat the format, or {@code null} to clear
     * @return this builder
     */
    public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    /**
     * Sets the default stream options for streaming calls.
     *
     * @param streamOptions the options, or {@code null} to clear
     * @return this builder
     */
    public Builder streamOptions(@Nullable StreamOptions streamOptions) {
      this.streamOptions = streamOptions;
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
     *     wire name (such as {@code temperature}, {@code models[1]} or {@code extra_body.foo})
     */
    public ChatCompletionRequest build() {
      return new ChatCompletionRequest(this);
    }
  }
}
