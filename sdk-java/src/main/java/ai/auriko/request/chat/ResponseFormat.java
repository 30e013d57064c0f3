package ai.auriko.request.chat;

import ai.auriko.json.RawJson;
import ai.auriko.json.internal.Checks;
import ai.auriko.json.internal.JsonSyntax;
import ai.auriko.json.internal.JsonValues;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The format the model must answer in (wire {@code response_format}): free text, any JSON object,
 * or JSON that matches a schema (structured outputs). Immutable. {@link #toString()} shows the type
 * and the schema name, never the schema.
 */
public final class ResponseFormat {
  /** The kind of format. */
  public enum Type {
    /** Free text; the default. */
    TEXT("text"),
    /** Any valid JSON object. */
    JSON_OBJECT("json_object"),
    /** JSON matching {@link ResponseFormat#schema()}. */
    JSON_SCHEMA("json_schema");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /**
     * The name used in the JSON body.
     *
     * @return for example {@code "json_schema"}
     */
    public String wireName() {
      return wireName;
    }
  }

  private static final String NAME_PARAM = "response_format.json_schema.name";
  private static final String SCHEMA_PARAM = "response_format.json_schema.schema";
  private static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null, null);
  private static final ResponseFormat JSON_OBJECT =
      new ResponseFormat(Type.JSON_OBJECT, null, null, null, null);

  private final Type type;
  private final @Nullable String schemaName;
  private final @Nullable Object schema;
  private final @Nullable Boolean strict;
  private final @Nullable String description;

  private ResponseFormat(
      Type type,
      @Nullable String schemaName,
      @Nullable Object schema,
      @Nullable Boolean strict,
      @Nullable String description) {
    this.type = type;
    this.schemaName = schemaName;
    this.schema = schema;
    this.strict = strict;
    this.description = description;
  }

  /**
   * Free text.
   *
   * @return the format
   */
  public static ResponseFormat text() {
    return TEXT;
  }

  /**
   * Any valid JSON object ("JSON mode").
   *
   * @return the format
   */
  public static ResponseFormat jsonObject() {
    return JSON_OBJECT;
  }

  /**
   * JSON matching a schema given as a map.
   *
   * @param name the schema name: 1 to 64 characters from {@code [A-Za-z0-9_-]}
   * @param schema the JSON Schema; checked and deeply copied
   * @return the format
   * @throws ai.auriko.errors.InvalidRequestException with param {@code
   *     response_format.json_schema.name} or {@code response_format.json_schema.schema...}
   */
  public static ResponseFormat jsonSchema(String name, Map<String, ?> schema) {
    return jsonSchema(name, schema, null, null);
  }

  /**
   * JSON matching a schema given as a map, with the optional fields.
   *
   * @param name the schema name: 1 to 64 characters from {@code [A-Za-z0-9_-]}
   * @param schema the JSON Schema; checked and deeply copied
   * @param strict whether the model must follow the schema exactly, or {@code null} for the
   *     server's default
   * @param description what the format is for, for the model; or {@code null}
   * @return the format
   * @throws ai.auriko.errors.InvalidRequestException with param {@code
   *     response_format.json_schema.name} or {@code response_format.json_schema.schema...}
   */
  public static ResponseFormat jsonSchema(
      String name, Map<String, ?> schema, @Nullable Boolean strict, @Nullable String description) {
    Checks.identifier(NAME_PARAM, name);
    Map<String, @Nullable Object> copy = JsonValues.copyOfObject(SCHEMA_PARAM, schema);
    return new ResponseFormat(Type.JSON_SCHEMA, name, copy, strict, description);
  }

  /**
   * JSON matching a schema given as JSON text.
   *
   * @param name the schema name: 1 to 64 characters from {@code [A-Za-z0-9_-]}
   * @param schema the JSON Schema; must be an object
   * @return the format
   * @throws ai.auriko.errors.InvalidRequestException with param {@code
   *     response_format.json_schema.name} or {@code response_format.json_schema.schema}
   */
  public static ResponseFormat jsonSchema(String name, RawJson schema) {
    return jsonSchema(name, schema, null, null);
  }

  /**
   * JSON matching a schema given as JSON text, with the optional fields.
   *
   * @param name the schema name: 1 to 64 characters from {@code [A-Za-z0-9_-]}
   * @param schema the JSON Schema; must be an object
   * @param strict whether the model must follow the schema exactly, or {@code null} for the
   *     server's default
   * @param description what the format is for, for the model; or {@code null}
   * @return the format
   * @throws ai.auriko.errors.InvalidRequestException with param {@code
   *     response_format.json_schema.name} or {@code response_format.json_schema.schema}
   */
  public static ResponseFormat jsonSchema(
      String name, RawJson schema, @Nullable Boolean strict, @Nullable String description) {
    Checks.identifier(NAME_PARAM, name);
    Checks.nonNull(SCHEMA_PARAM, schema);
    if (!JsonSyntax.isObject(schema.json())) {
      throw Checks.invalid(
          SCHEMA_PARAM, "must be a JSON object (a JSON Schema), got another JSON value");
    }
    return new ResponseFormat(Type.JSON_SCHEMA, name, schema, strict, description);
  }

  /**
   * The kind of format; wire {@code type}.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * The schema name; wire {@code json_schema.name}.
   *
   * @return the name for {@link Type#JSON_SCHEMA}, otherwise {@code null}
   */
  public @Nullable String schemaName() {
    return schemaName;
  }

  /**
   * The schema; wire {@code json_schema.schema}.
   *
   * @return an unmodifiable {@code Map<String, Object>} of JSON values or a {@link RawJson} object
   *     for {@link Type#JSON_SCHEMA}, otherwise {@code null}
   */
  public @Nullable Object schema() {
    return schema;
  }

  /**
   * Whether the model must follow the schema exactly; wire {@code json_schema.strict}.
   *
   * @return the flag, or {@code null} when unset
   */
  public @Nullable Boolean strict() {
    return strict;
  }

  /**
   * What the format is for; wire {@code json_schema.description}.
   *
   * @return the description, or {@code null} when unset
   */
  public @Nullable String description() {
    return description;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ResponseFormat)) return false;
    ResponseFormat f = (ResponseFormat) o;
    return type == f.type
        && Objects.equals(schemaName, f.schemaName)
        && Objects.equals(schema, f.schema)
        && Objects.equals(strict, f.strict)
        && Objects.equals(description, f.description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, schemaName, schema, strict, description);
  }

  /** Shows the type, the schema name and the strict flag; never the schema. */
  @Override
  public String toString() {
    if (type != Type.JSON_SCHEMA) return "ResponseFormat{type=" + type.wireName() + "}";
    return "ResponseFormat{type=json_schema, name="
        + schemaName
        + (strict == null ? "" : ", strict=" + strict)
        + "}";
  }
}
