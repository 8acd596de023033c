package dev.amortizer.bench.plan;

import java.util.List;

/**
 * What the user asks of a plan.
 *
 * @param measure          what the target measures
 * @param target           required accuracy: a C2ST in (0.5, 1) or a coverage error in (0, 0.5)
 * @param queries          query volumes to recommend for, each >= 1
 * @param pricePerSimulation money per simulator call, or null
 * @param minGainPerSecond the anytime rule's threshold: C2ST improvement per extra query second worth paying for (a
 *                         coverage-error plan's rule is the methods' own diagnostics instead)
 * @param minLogScoreGain  coverage-error plans: the amortiser trains until a doubling of its simulations raises the
 *                         held-out log score by less than this many nats ({@link Sharpness})
 * @param replicates       bootstrap replicates
 * @param seed             seed of the bootstrap
 */
public record PlanSettings(Measure measure, double target, List<Long> queries, Double pricePerSimulation,
                           double minGainPerSecond, double minLogScoreGain, int replicates, long seed) {
    /** The default of {@link #minLogScoreGain}: a tenth of a nat per doubling of the simulations. */
    public static final double DEFAULT_MIN_LOG_SCORE_GAIN = 0.1;

    /** Settings of a C2ST plan. */
    public PlanSettings(double targetC2st, List<Long> queries, Double pricePerSimulation, double minGainPerSecond,
                        int replicates, long seed) {
        this(Measure.C2ST, targetC2st, queries, pricePerSimulation, minGainPerSecond, DEFAULT_MIN_LOG_SCORE_GAIN,
                replicates, seed);
    }

    public PlanSettings {
        measure.checkTarget(target);
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
        if (!(minLogScoreGain > 0) || !Double.isFinite(minLogScoreGain)) {
            throw new IllegalArgumentException("--min-log-score-gain must be a finite number > 0, got "
                    + minLogScoreGain);
        }
        if (replicates < 10 || replicates > 100_000) {
            throw new IllegalArgumentException("--replicates must be 10..100000, got " + replicates);
        }
    }
}
