package ai.auriko.client.internal.stream

/**
 * One SSE event's data as a format decodes it: its characters in a buffer reused from event to
 * event ([chars], [length]), and as a String only when something asks for one ([toString]: an error
 * message, a log line, the general decoding path). Nearly every event of a stream is read in place
 * by a format's scanner, so the String the data used to be (a copy of every event, a third of what
 * a stream allocated per chunk) is no longer made for it.
 *
 * Valid until the next [set]: what must outlive the event takes [toString]. Not thread-safe: one
 * per stream, used by the collecting coroutine.
 */
internal class EventData {
    private var buffer = CharArray(INITIAL_CHARS)
    private var text: String? = null

    /** The data's characters: the first [length] of this array. */
    val chars: CharArray
        get() = buffer

    /** The number of characters. */
    var length: Int = 0
        private set

    /**
     * Sets the data to the ASCII bytes [bytes] from [offset], [count] of them (all below 0x80: the
     * caller checked, so each byte is its character).
     */
    fun setAscii(bytes: ByteArray, offset: Int, count: Int) {
        val out = ensure(count)
        for (i in 0 until count) out[i] = bytes[offset + i].toInt().toChar()
        length = count
        text = null
    }

    /** Sets the data to [data]. */
    fun set(data: String) {
        val out = ensure(data.length)
        data.toCharArray(out, 0, 0, data.length)
        length = data.length
        text = data
    }

    fun isEmpty(): Boolean = length == 0

    /** Whether the data is exactly [other]. */
    fun contentEquals(other: String): Boolean {
        if (other.length != length) return false
        val chars = buffer
        for (i in 0 until length) if (chars[i] != other[i]) return false
        return true
    }

    /** The data as a String, made once per event when first asked for. */
    override fun toString(): String = text ?: String(buffer, 0, length).also { text = it }

    private fun ensure(count: Int): CharArray {
        if (count > buffer.size) {
            buffer = CharArray(maxOf(count, buffer.size * 2))
        } else if (buffer.size > RETAINED_CHARS && count <= INITIAL_CHARS) {
            buffer = CharArray(INITIAL_CHARS) // one huge event does not keep its buffer
        }
        return buffer
    }

    private companion object {
        const val INITIAL_CHARS = 512
        const val RETAINED_CHARS = 64 * 1024
    }
}
