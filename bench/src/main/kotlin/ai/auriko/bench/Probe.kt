package ai.auriko.bench

import java.lang.management.ManagementFactory

/**
 * Process-level accounting for one client (the server runs in its own process): CPU is the
 * process's CPU time (all threads, GC and JIT included); allocation is
 * `com.sun.management.ThreadMXBean.getThreadAllocatedBytes` summed over live threads (the figure
 * JMH's `-prof gc` uses per thread). Threads that die during a measurement take their allocation
 * with them, so short-lived threads would be under-counted; the clients measured here read on
 * pooled or calling threads.
 */
class Probe {
    private val threads = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean
    private val os =
        ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean

    /** CPU nanoseconds used by the process. */
    fun cpuNanos(): Long = os.processCpuTime

    /** Allocation so far, by thread id. */
    fun allocation(): Map<Long, Long> {
        val ids = threads.allThreadIds
        val bytes = threads.getThreadAllocatedBytes(ids)
        return ids.indices.filter { bytes[it] >= 0 }.associate { ids[it] to bytes[it] }
    }

    /** Bytes allocated between two [allocation] snapshots by threads alive at the second. */
    fun allocatedBetween(before: Map<Long, Long>, after: Map<Long, Long>): Long =
        after.entries.sumOf { (id, bytes) -> bytes - (before[id] ?: 0L) }

    /** Live threads. */
    fun liveThreads(): Int = threads.threadCount
}
