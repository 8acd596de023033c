package dev.amortizer.bench;

/**
 * The break-even number of queries N* = ⌈F / (c_D − c_A)⌉: after N* queries the amortiser's
 * total cost F + N·c_A is below the direct method's N·c_D. "Never" when c_D ≤ c_A.
 *
 * @param queries   N* (0 when {@code status} is NEVER or UNDETERMINED)
 * @param status    how to read N*
 */
public record BreakEven(long queries, Status status) {
    /** How to read N*. */
    public enum Status {
        /** N* is the number. */
        FINITE,
        /** The direct method is at least as cheap per query: amortisation never pays. */
        NEVER,
        /** c_D was only a lower bound, so N* is at most the number. */
        AT_MOST,
        /** c_D was only an upper bound, so N* is at least the number. */
        AT_LEAST,
        /** The direct method never reached the target and its largest budget was cheaper than c_A. */
        UNDETERMINED
    }

    /** N* for fixed cost F and per-query costs c_D (direct) and c_A (amortised), all in seconds. */
    public static BreakEven of(double fixedCost, CostAtAccuracy direct, double amortisedPerQuery) {
        if (!(fixedCost >= 0) || !(amortisedPerQuery >= 0)) {
            throw new IllegalArgumentException("costs must be >= 0, got F = " + fixedCost + ", c_A = " + amortisedPerQuery);
        }
        double gap = direct.wallSeconds() - amortisedPerQuery;
        if (gap <= 0) {
            // A lower bound on c_D that is already below c_A says nothing about the true c_D.
            return new BreakEven(0, direct.status() == CostAtAccuracy.Status.AT_LEAST
                    ? Status.UNDETERMINED : Status.NEVER);
        }
        long n = (long) Math.ceil(fixedCost / gap);
        Status status = switch (direct.status()) {
            case REACHED -> Status.FINITE;
            case AT_LEAST -> Status.AT_MOST;
            case AT_MOST -> Status.AT_LEAST;
        };
        return new BreakEven(Math.max(n, 1), status);
    }

    /** "412", "never", "≤ 412" or "≥ 412". */
    public String label() {
        return switch (status) {
            case FINITE -> Long.toString(queries);
            case NEVER -> "never";
            case AT_MOST -> "≤ " + queries;
            case AT_LEAST -> "≥ " + queries;
            case UNDETERMINED -> "undetermined";
        };
    }
}
