package ai.auriko.client.internal.stream

import ai.auriko.sse.SseListener

/**
 * The events decoded from one read of the body, held until the read is processed (an [SseListener]
 * cannot suspend, and delivering an item does): each event's type, and its data as bytes in one
 * array reused from read to read, or as a String for the rare event that is not one line of ASCII.
 * [load] puts an event's data into an [EventData]. Comments count as keep-alives.
 */
internal class EventBuffer(private val onComment: () -> Unit) : SseListener {
    private val types = ArrayList<String?>()
    // Per event: the String, or null when its data is bytes[starts[i], starts[i] + lengths[i]).
    private val strings = ArrayList<String?>()
    private var starts = IntArray(16)
    private var lengths = IntArray(16)
    private var bytes = ByteArray(8192)
    private var used = 0

    /** How many events are held. */
    val size: Int
        get() = types.size

    /** Event [index]'s type: `null` for the default type. */
    fun type(index: Int): String? = types[index]

    /** Puts event [index]'s data into [into]. */
    fun load(index: Int, into: EventData) {
        val string = strings[index]
        if (string != null) into.set(string)
        else into.setAscii(bytes, starts[index], lengths[index])
    }

    override fun onEvent(id: String?, type: String?, data: String) {
        add(type, data, 0, 0)
    }

    override fun onEventUtf8(
        id: String?,
        type: String?,
        data: ByteArray,
        offset: Int,
        length: Int,
    ) {
        for (i in offset until offset + length) {
            // Not ASCII: decoded by the SSE decoder's own UTF-8 decoding, as every other event.
            if (data[i] < 0) return super.onEventUtf8(id, type, data, offset, length)
        }
        if (used + length > bytes.size) bytes = bytes.copyOf(maxOf(used + length, bytes.size * 2))
        System.arraycopy(data, offset, bytes, used, length)
        add(type, null, used, length)
        used += length
    }

    override fun onComment(comment: String) {
        onComment()
    }

    private fun add(type: String?, string: String?, start: Int, length: Int) {
        val index = types.size
        if (index == starts.size) {
            starts = starts.copyOf(index * 2)
            lengths = lengths.copyOf(index * 2)
        }
        types.add(type)
        strings.add(string)
        starts[index] = start
        lengths[index] = length
    }

    /** Forgets the events held; the arrays are kept for the next read. */
    fun clear() {
        types.clear()
        strings.clear()
        used = 0
        if (bytes.size > RETAINED_BYTES) bytes = ByteArray(8192)
    }

    private companion object {
        const val RETAINED_BYTES = 256 * 1024
    }
}
