/** Implementation details of error handling; not public API, may change without notice. */
@NullMarked
package ai.auriko.errors.internal;

import org.jspecify.annotations.NullMarked;
