/**
 * HTTP concerns that do not depend on any HTTP library: the typed view of the gateway's response
 * headers ({@link ai.auriko.http.ResponseHeaders}) and the retry policy ({@link
 * ai.auriko.http.RetryPolicy}).
 */
@NullMarked
package ai.auriko.http;

import org.jspecify.annotations.NullMarked;
