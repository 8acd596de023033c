package dev.amortizer.bench.spec;

import java.util.List;
import java.util.Map;

/**
 * The largest values a spec may give, so that a typo such as {@code "samples": 2147483647} is refused when the file
 * is read, naming the field, instead of failing deep inside a run: no entry may be null, and every count must be
 * at least 1 and at most a size whose arrays could exist on one machine (whether they fit this JVM is checked when
 * the run is planned).
 */
final class SpecLimits {
    /** Posterior draws per query (sbibm: 10,000). */
    static final long MAX_SAMPLES = 10_000_000;
    /** Simulations per amortiser budget, and hybrid proposal draws. */
    static final long MAX_SIMULATIONS = 100_000_000;
    /** Queries per task. */
    static final long MAX_OBSERVATIONS = 100_000;
    /** Bootstrap replicates. */
    static final long MAX_REPLICATES = 1_000_000;
    /** A direct method's budget, in its own unit (simulations or log-density evaluations). */
    static final long MAX_BUDGET = 1_000_000_000_000L;

    private SpecLimits() {
    }

    static void count(String field, Number value, long max) {
        if (value != null && (value.longValue() < 1 || value.longValue() > max)) {
            throw new IllegalArgumentException(field + " must be 1.." + max + ", got " + value);
        }
    }

    static void counts(String field, List<? extends Number> values, long max) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "] is null, expected a number");
            }
            count(field + "[" + i + "]", values.get(i), max);
        }
    }

    static void methods(String field, Map<String, List<Long>> methods) {
        if (methods == null) {
            return;
        }
        for (Map.Entry<String, List<Long>> e : methods.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException(field + "." + e.getKey() + " is null, expected a list of budgets");
            }
            // Order and the lower bound are the run configuration's to check; only the impossible is refused here.
            List<Long> ladder = e.getValue();
            for (int i = 0; i < ladder.size(); i++) {
                if (ladder.get(i) == null) {
                    throw new IllegalArgumentException(field + "." + e.getKey() + "[" + i + "] is null, expected a number");
                }
                if (ladder.get(i) > MAX_BUDGET) {
                    throw new IllegalArgumentException(field + "." + e.getKey() + "[" + i + "] must be at most "
                            + MAX_BUDGET + ", got " + ladder.get(i));
                }
            }
        }
    }

    static void names(String field, List<?> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "] is null, expected a name");
            }
        }
    }
}
