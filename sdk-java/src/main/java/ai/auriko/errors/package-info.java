/**
 * The SDK's one exception hierarchy, shared by Java and Kotlin callers. Every exception is
 * unchecked and extends {@link ai.auriko.errors.AurikoException}.
 *
 * <ul>
 *   <li>{@link ai.auriko.errors.AurikoApiException} and its subclasses: the gateway answered with
 *       an error, either as an HTTP status before any chunk or as an error object inside a 200
 *       stream ({@link ai.auriko.errors.AurikoApiException#isStreamError()}). {@link
 *       ai.auriko.errors.ErrorClassifier} decides the type.
 *   <li>{@link ai.auriko.errors.StreamInterruptedException}: the stream ended or broke before it
 *       was complete.
 *   <li>{@link ai.auriko.errors.MalformedResponseException}: a successful response's body could not
 *       be read (bad JSON, a line over the size cap, an unexpected content type).
 *   <li>{@link ai.auriko.errors.AurikoConnectionException} and {@link
 *       ai.auriko.errors.AurikoTimeoutException}: no usable response.
 *   <li>{@link ai.auriko.errors.AurikoInterruptedException}: a blocking call's thread was
 *       interrupted; the call was cancelled.
 * </ul>
 *
 * <p>A failure that happens after a stream started carries the request id and the partial
 * completion assembled from what had arrived ({@link
 * ai.auriko.errors.AurikoException#partialResult()}).
 */
@NullMarked
package ai.auriko.errors;

import org.jspecify.annotations.NullMarked;
