package ai.auriko.client.internal

import java.time.Duration as JavaDuration

/** The Java form of a configured duration; `null` for an infinite one (no timeout). */
internal fun kotlin.time.Duration.toJava(): JavaDuration? =
    if (isInfinite()) null else JavaDuration.ofMillis(inWholeMilliseconds)
