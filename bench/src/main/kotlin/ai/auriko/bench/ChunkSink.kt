package ai.auriko.bench

/** Where a client under test hands what it received; implemented by the scenarios. */
interface ChunkSink {
    /**
     * One chunk reached user code; [content] is choice 0's delta content (a write stamp when
     * paced).
     */
    fun chunk(content: String?)

    /**
     * For clients that do not decode chunks (the transport baseline): one chunk written at
     * [writeNanos].
     */
    fun stamp(writeNanos: Long)

    /**
     * Whether this sink measures delivery latency (the transport baseline then looks for stamps).
     */
    val wantsStamps: Boolean
}
