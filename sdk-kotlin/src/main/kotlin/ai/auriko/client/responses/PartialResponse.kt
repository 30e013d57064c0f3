package ai.auriko.client.responses

import ai.auriko.errors.AurikoException

/**
 * Everything of a Responses stream that had arrived before it failed — the last snapshot's fields
 * and the output items built from the events so far (for `response.failed`, the failed response's
 * error and usage) — or `null` when the failure came before the stream started, outside a stream,
 * or in a call of another API. Java: `e.partialResult(Response.class)`.
 */
public val AurikoException.partialResponse: Response?
    get() = partialResult(Response::class.java)
