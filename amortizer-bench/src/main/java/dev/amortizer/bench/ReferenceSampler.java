package dev.amortizer.bench;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.reference.DefensiveRejectionPosterior;
import dev.amortizer.task.Task;
import java.util.Locale;

/**
 * Where a benchmark's reference draws come from, and a record of it for the report. A task's own reference sampler
 * is used where it has one. Otherwise, where the task has a likelihood, the reference is built as a careful user
 * would: exact rejection sampling from a defensive mixture fitted to the posterior ({@link
 * DefensiveRejectionPosterior}), whose draws are exact whatever the fit (a poor fit costs likelihood evaluations,
 * never accuracy); the report then says so, with the evaluations spent and the lowest acceptance rate. A
 * simulator-only task, with neither, is refused: no draw of its posterior can be vouched for here.
 */
final class ReferenceSampler {
    /** Mixture components of the rejection sampler's proposal, as the catalogue's likelihood-only tasks use. */
    static final int COMPONENTS = 4;

    private final Posterior sampler;
    private final DefensiveRejectionPosterior rejection;
    private long evaluations;
    private double lowestAcceptance = Double.POSITIVE_INFINITY;
    private int observations;
    private int draws;

    private ReferenceSampler(Posterior sampler, DefensiveRejectionPosterior rejection) {
        this.sampler = sampler;
        this.rejection = rejection;
    }

    /** The reference for {@code task}; {@code refusal} says what cannot be done without one. */
    static ReferenceSampler forTask(Task task, String refusal) {
        var own = task.referencePosterior();
        if (own.isPresent()) {
            return new ReferenceSampler(own.get(), null);
        }
        var likelihood = task.likelihood();
        if (likelihood.isPresent()) {
            return new ReferenceSampler(null, new DefensiveRejectionPosterior(task.prior(), likelihood.get(),
                    task.parameterNames(), DefensiveRejectionPosterior.Settings.of(COMPONENTS)));
        }
        throw new IllegalArgumentException("task " + task.name() + " has no reference posterior and no likelihood, so "
                + refusal + ": a simulator-only task's answers can be timed but not scored against exact draws");
    }

    /** {@code n} reference draws for {@code x}. */
    Samples sample(double[] x, int n, Rng rng) {
        observations++;
        draws = n;
        if (rejection == null) {
            return sampler.sample(x, n, rng);
        }
        DefensiveRejectionPosterior.Run run = rejection.run(x, n, rng);
        evaluations += run.evaluations();
        lowestAcceptance = Math.min(lowestAcceptance, run.acceptanceRate());
        return run.samples();
    }

    /** True when the draws come from the rejection sampler built here rather than from the task. */
    boolean builtHere() {
        return rejection != null;
    }

    /** What the report says about the reference: its kind, budget and diagnostics. */
    String provenance() {
        if (rejection == null) {
            return "the task's own reference sampler";
        }
        return String.format(Locale.ROOT, "exact rejection sampling on the task's likelihood (the task has no"
                + " reference sampler; DefensiveRejectionPosterior, %d-component defensive mixture proposal):"
                + " %,d accepted draws for each of %d observations, %,d likelihood evaluations, lowest acceptance"
                + " rate %.3g", COMPONENTS, draws, observations, evaluations,
                observations == 0 ? Double.NaN : lowestAcceptance);
    }
}
