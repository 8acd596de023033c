package dev.amortizer.bench.plan;

import java.util.List;

/**
 * What the user asks of a plan.
 *
 * @param targetC2st       required accuracy, in (0.5, 1)
 * @param queries          query volumes to recommend for, each >= 1
 * @param pricePerSimulation money per simulator call, or null
 * @param minGainPerSecond the anytime rule's threshold: C2ST improvement per extra query second worth paying for
 * @param replicates       bootstrap replicates
 * @param seed             seed of the bootstrap
 */
public record PlanSettings(double targetC2st, List<Long> queries, Double pricePerSimulation,
                           double minGainPerSecond, int replicates, long seed) {
    public PlanSettings {
        if (!(targetC2st > 0.5 && targetC2st < 1)) {
            throw new IllegalArgumentException("--target-c2st must be in (0.5, 1), got " + targetC2st
                    + " (0.5: indistinguishable from the reference)");
        }
        if (queries == null || queries.isEmpty() || queries.stream().anyMatch(q -> q == null || q < 1)) {
            throw new IllegalArgumentException("--queries must be whole numbers >= 1, got " + queries);
        }
        queries = List.copyOf(queries);
        if (pricePerSimulation != null && !(pricePerSimulation >= 0 && Double.isFinite(pricePerSimulation))) {
            throw new IllegalArgumentException("--price-per-simulation must be a finite number >= 0, got "
                    + pricePerSimulation);
        }
        if (!(minGainPerSecond >= 0) || !Double.isFinite(minGainPerSecond)) {
            throw new IllegalArgumentException("--min-gain-per-second must be a finite number >= 0, got "
                    + minGainPerSecond);
        }
        if (replicates < 10 || replicates > 100_000) {
            throw new IllegalArgumentException("--replicates must be 10..100000, got " + replicates);
        }
    }
}
