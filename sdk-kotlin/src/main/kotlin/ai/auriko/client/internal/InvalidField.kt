package ai.auriko.client.internal

import ai.auriko.errors.InvalidRequestException

/**
 * The exception for a field that breaks a rule, worded as sdk-java's own checks word it (the
 * message starts with the field's wire path). sdk-java's `json.internal` helpers are not used from
 * here: no other module depends on an sdk-java `internal` package.
 */
internal fun invalidField(param: String, problem: String): InvalidRequestException =
    InvalidRequestException.ofField(param, "$param: $problem")
