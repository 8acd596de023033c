package dev.amortizer.cost;

/**
 * What some work cost, in every unit of the cost ledger (amortizer-core/README.md).
 *
 * @param wallSeconds           elapsed time (the primary unit)
 * @param cpuSeconds            process CPU time over the same interval, all threads, native included
 * @param simulatorCalls        simulations run (one θ row each)
 * @param likelihoodEvaluations log-likelihood or log-density evaluations
 * @param gradientEvaluations   gradient evaluations
 * @param forwardPasses         network forward passes, one per row
 * @param peakRssBytes          the process's resident-set high-water mark when the work ended (0 if unknown)
 */
public record Cost(double wallSeconds, double cpuSeconds, long simulatorCalls, long likelihoodEvaluations,
                   long gradientEvaluations, long forwardPasses, long peakRssBytes) {
    public static final Cost ZERO = new Cost(0, 0, 0, 0, 0, 0, 0);

    /** Sums the additive units; keeps the larger memory peak. */
    public Cost plus(Cost o) {
        return new Cost(wallSeconds + o.wallSeconds, cpuSeconds + o.cpuSeconds, simulatorCalls + o.simulatorCalls,
                likelihoodEvaluations + o.likelihoodEvaluations, gradientEvaluations + o.gradientEvaluations,
                forwardPasses + o.forwardPasses, Math.max(peakRssBytes, o.peakRssBytes));
    }
}
