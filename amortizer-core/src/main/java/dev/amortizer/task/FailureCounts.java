package dev.amortizer.task;

import java.util.Map;
import java.util.TreeMap;

/**
 * Simulations that failed, counted by kind ("timeout", "exit-code", "non-finite", ...), in the order of their names.
 * A failed simulation is a row of NaN; the kinds say why, where the simulator knows ({@link FailureReporting}).
 *
 * @param byKind a count ≥ 1 for each kind that occurred; kinds are non-blank
 */
public record FailureCounts(Map<String, Long> byKind) {
    /** The kind of a row whose x holds NaN or ±∞ and whose simulator said nothing about it. */
    public static final String NON_FINITE = "non-finite";
    /** No failures. */
    public static final FailureCounts NONE = new FailureCounts(Map.of());

    public FailureCounts {
        if (byKind == null) {
            throw new IllegalArgumentException("failure counts must not be null; use FailureCounts.NONE");
        }
        for (Map.Entry<String, Long> e : byKind.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("failure kind " + e.getKey() + " has count " + e.getValue()
                        + "; expected a non-blank kind with a count >= 1");
            }
        }
        byKind = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byKind));
    }

    /** {@code n} failures of one kind (none when n is 0). */
    public static FailureCounts of(String kind, long n) {
        return n == 0 ? NONE : new FailureCounts(Map.of(kind, n));
    }

    /** Both counts added, kind by kind. */
    public FailureCounts plus(FailureCounts other) {
        Map<String, Long> sum = new TreeMap<>(byKind);
        other.byKind.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return new FailureCounts(sum);
    }

    /** All failures, whatever their kind. */
    public long total() {
        return byKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** E.g. "3 timeout, 1 non-finite", or "none". */
    @Override
    public String toString() {
        if (byKind.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        byKind.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
        return s.toString();
    }
}
