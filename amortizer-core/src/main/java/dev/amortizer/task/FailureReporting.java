package dev.amortizer.task;

import dev.amortizer.random.Rng;

/**
 * Optional for a {@link Simulator}: one that knows why a simulation failed (timed out, the external command exited
 * with an error, its output could not be parsed) implements this too, and a simulation campaign then records the
 * counts by kind instead of lumping every NaN row as {@link FailureCounts#NON_FINITE}.
 *
 * <p>The rows must be exactly those {@link Simulator#simulate(double[][], Rng)} would return for the same θ and
 * generator, each failed row all NaN. Rows with non-finite values beyond the counts given are counted as
 * {@link FailureCounts#NON_FINITE}.
 */
public interface FailureReporting {
    /** One output row per θ row, drawn from {@code rng}, and the failures among them by kind. */
    Outcome simulateReporting(double[][] theta, Rng rng);

    /**
     * @param x        one row per θ row; a failed one is NaN
     * @param failures the failed rows, by kind; their total is at most the number of rows
     */
    record Outcome(double[][] x, FailureCounts failures) {
        public Outcome {
            if (x == null || failures == null || failures.total() > x.length) {
                throw new IllegalArgumentException("a simulation outcome needs its rows and at most one failure per"
                        + " row, got " + (x == null ? "no rows" : x.length + " rows") + " and " + failures);
            }
        }
    }
}
