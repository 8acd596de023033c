package dev.amortizer.direct;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.convergence.ParameterSummary;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Meters one anytime run: the run's progress accumulates, while each answer's building is timed
 * on its own and charged to that answer only.
 */
final class SnapshotClock {
    /** An answer before its cost is attached, with the likelihood evaluations spent building it. */
    record Snapshot(Samples samples, Map<String, Double> diagnostics, long likelihoodEvaluations,
                    List<ParameterSummary> parameters) {
        Snapshot(Samples samples, Map<String, Double> diagnostics) {
            this(samples, diagnostics, 0, List.of());
        }

        Snapshot(Samples samples, Map<String, Double> diagnostics, long likelihoodEvaluations) {
            this(samples, diagnostics, likelihoodEvaluations, List.of());
        }
    }

    private final CostMeter progress = new CostMeter();

    /** Does work that moves the run forward, timing it. */
    void progress(Runnable work) {
        timed(progress, () -> {
            work.run();
            return null;
        });
    }

    void countSimulations(long n) {
        progress.countSimulations(Phase.QUERY, n);
    }

    void countLikelihoodEvaluations(long n) {
        progress.countLikelihoodEvaluations(Phase.QUERY, n);
    }

    void countGradientEvaluations(long n) {
        progress.countGradientEvaluations(Phase.QUERY, n);
    }

    /** Builds an answer, charging it the progress so far plus its own building. */
    AnytimeAnswer answer(long budget, Supplier<Snapshot> build) {
        CostMeter own = new CostMeter();
        Snapshot snapshot = timed(own, build);
        own.countLikelihoodEvaluations(Phase.QUERY, snapshot.likelihoodEvaluations());
        return new AnytimeAnswer(budget, snapshot.samples(), progress.ledger().plus(own.ledger()), snapshot.diagnostics(),
                snapshot.parameters());
    }

    private static <T> T timed(CostMeter meter, Supplier<T> work) {
        CostMeter.Timer timer = meter.start(Phase.QUERY);
        try {
            return work.get();
        } finally {
            timer.close();
        }
    }
}
