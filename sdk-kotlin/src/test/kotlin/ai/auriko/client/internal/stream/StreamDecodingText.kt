package ai.auriko.client.internal.stream

/** Test shorthand: decodes an event whose data is given as a String. */
internal fun <T : Any> StreamDecoding<T, *>.decode(type: String?, data: String): T? =
    decode(type, EventData().apply { set(data) })
