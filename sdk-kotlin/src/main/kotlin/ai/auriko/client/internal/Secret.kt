package ai.auriko.client.internal

import java.security.SecureRandom

/**
 * A credential held so that nothing reads it by accident: not a `String` field (a reflection-based
 * serializer such as Gson over the client's options would print one), but its UTF-8 bytes XORed
 * with a random pad of the same length, both in transient fields (which such serializers skip
 * anyway), and a [toString] that shows only the mask. The value is rebuilt by [reveal] when a
 * request is built; it is not a defence against someone who can read the heap, only against the key
 * reaching a log, a dump or a serialized object.
 */
internal class Secret(value: String) {
    @Transient private val pad: ByteArray
    @Transient private val masked: ByteArray

    init {
        val bytes = value.toByteArray(Charsets.UTF_8)
        pad = ByteArray(bytes.size).also { RANDOM.nextBytes(it) }
        masked = ByteArray(bytes.size) { (bytes[it].toInt() xor pad[it].toInt()).toByte() }
        bytes.fill(0)
    }

    /** The credential, for the one place that sends it. */
    fun reveal(): String {
        val bytes = ByteArray(masked.size) { (masked[it].toInt() xor pad[it].toInt()).toByte() }
        return String(bytes, Charsets.UTF_8).also { bytes.fill(0) }
    }

    override fun toString(): String = Redactor.MASK

    private companion object {
        val RANDOM = SecureRandom()
    }
}
