/**
 * Helpers shared by the request-model packages: a strict JSON syntax checker, the copier that turns
 * free-form values into deeply immutable JSON values, and the validation messages every builder
 * uses.
 *
 * <p><strong>Not public API; may change without notice.</strong> It is public only because Java 11
 * has no other way to share code between packages without a module descriptor.
 */
@NullMarked
package ai.auriko.json.internal;

import org.jspecify.annotations.NullMarked;
