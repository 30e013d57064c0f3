/**
 * JSON pieces of the request model that do not depend on any JSON library.
 *
 * <p>{@link ai.auriko.json.RawJson} carries a JSON text that the encoder embeds verbatim, for
 * callers who already hold a tool schema or provider option as text. Free-form values (extra body
 * fields, provider options, tool schemas given as maps) are plain Java maps, lists, strings,
 * numbers and booleans; the builders copy them with {@code ai.auriko.json.internal.JsonValues} so a
 * built request never changes after {@code build()}.
 */
@NullMarked
package ai.auriko.json;

import org.jspecify.annotations.NullMarked;
