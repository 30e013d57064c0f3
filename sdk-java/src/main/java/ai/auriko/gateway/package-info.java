/**
 * Auriko-specific request options, sent next to the OpenAI fields of a chat completion request.
 *
 * <ul>
 *   <li>{@link ai.auriko.gateway.RoutingOptions}, on the wire {@code gateway.routing}: how the
 *       gateway picks a provider (optimization goal, budgets, provider allow and deny lists,
 *       fallbacks).
 *   <li>{@link ai.auriko.gateway.RequestMetadata}, on the wire {@code gateway.metadata}: tags, ids
 *       and custom fields recorded with the request for analytics.
 *   <li>{@link ai.auriko.gateway.Extensions}, on the wire {@code extensions}: extended thinking and
 *       provider-specific options.
 * </ul>
 *
 * <p>{@link ai.auriko.gateway.Optimize}, {@link ai.auriko.gateway.RoutingMode} and {@link
 * ai.auriko.gateway.DataPolicy} are open enumerations: final classes with constants for the values
 * this SDK knows, plus {@code of(String)} for values the gateway adds later, so an older SDK never
 * blocks a newer option.
 *
 * <p>Every builder validates in {@code build()} and throws {@link
 * ai.auriko.errors.InvalidRequestException} whose {@code param()} is the wire path of the offending
 * value: list entries as {@code gateway.metadata.tags[3]}, map entries as {@code
 * gateway.routing.weights.cost}. Lengths are counted in Unicode code points. Built objects are
 * immutable and thread-safe; builders are not thread-safe.
 */
@NullMarked
package ai.auriko.gateway;

import org.jspecify.annotations.NullMarked;
