package dev.amortizer.task;

/**
 * Counts of simulations that gave no usable output, by kind, since a simulator was made. Each failed simulation is
 * returned as a row of NaN (which trainers drop and count) and counted here under one kind.
 *
 * @param simulated  rows asked for
 * @param crashed    rows whose process exited or broke the protocol before answering
 * @param timedOut   rows whose batch ran past its time limit (the process was killed)
 * @param nonFinite  rows answered with NaN or an infinite value
 * @param malformed  rows whose answer had the wrong number of rows or columns, or values that are not numbers
 */
public record SimulationFailures(long simulated, long crashed, long timedOut, long nonFinite, long malformed) {
    public SimulationFailures {
        if (simulated < 0 || crashed < 0 || timedOut < 0 || nonFinite < 0 || malformed < 0) {
            throw new IllegalArgumentException("failure counts must be >= 0, got " + simulated + ", " + crashed + ", "
                    + timedOut + ", " + nonFinite + ", " + malformed);
        }
    }

    /** No simulation yet. */
    public static SimulationFailures none() {
        return new SimulationFailures(0, 0, 0, 0, 0);
    }

    /** Rows that failed, of every kind. */
    public long failed() {
        return crashed + timedOut + nonFinite + malformed;
    }

    /** The counts since {@code earlier}, a snapshot of the same simulator. */
    public SimulationFailures since(SimulationFailures earlier) {
        return new SimulationFailures(simulated - earlier.simulated, crashed - earlier.crashed,
                timedOut - earlier.timedOut, nonFinite - earlier.nonFinite, malformed - earlier.malformed);
    }

    @Override
    public String toString() {
        return failed() + " of " + simulated + " simulations failed (" + crashed + " crashed, " + timedOut
                + " timed out, " + nonFinite + " non-finite, " + malformed + " malformed)";
    }
}
