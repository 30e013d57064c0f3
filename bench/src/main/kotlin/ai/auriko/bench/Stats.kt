package ai.auriko.bench

/** Percentiles of the first [count] values of [values] (sorted in place). */
fun percentile(values: LongArray, count: Int, p: Double): Long {
    if (count == 0) return -1
    java.util.Arrays.sort(values, 0, count)
    val index = ((count - 1) * p).toInt().coerceIn(0, count - 1)
    return values[index]
}

/** The median of [values]. */
fun median(values: List<Double>): Double =
    values.sorted().let { if (it.isEmpty()) Double.NaN else it[it.size / 2] }
