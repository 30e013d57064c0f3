/**
 * Server-Sent Events decoding, following the WHATWG HTML "event stream interpretation" rules
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 *
 * <p>{@link ai.auriko.sse.SseDecoder} is push-style and incremental: feed it bytes as they arrive
 * from any transport, and it calls an {@link ai.auriko.sse.SseListener} for each complete event and
 * comment. It does no I/O and starts no threads.
 */
@NullMarked
package ai.auriko.sse;

import org.jspecify.annotations.NullMarked;
