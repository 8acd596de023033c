package dev.amortizer.bench;

import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.convergence.ConvergenceSummary;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.DirectMethods;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.reference.DefensiveRejectionPosterior;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a benchmark's reference draws come from, and a record of it for the report. A task's own reference sampler
 * is used where it has one. Otherwise, where the task has a likelihood, the reference is built as a careful user
 * would: exact rejection sampling from a defensive mixture fitted to the posterior ({@link
 * DefensiveRejectionPosterior}), whose draws are exact whatever the fit (a poor fit costs likelihood evaluations,
 * never accuracy). Where rejection fails on an observation (its budget runs out at a low acceptance rate, or the
 * fit finds no posterior mass), a long run of the strongest direct method (NUTS where the likelihood has an
 * analytic gradient, else slice) stands in, but only if its within-mode R-hat and bulk and tail ESS pass the
 * project's limits ({@link ConvergenceSummary#RHAT_LIMIT}, {@link ConvergenceSummary#ESS_LIMIT}): MCMC draws are
 * not exact, and an unconverged run would score every answer against the wrong posterior. An observation whose run
 * fails the gate gets no reference, and the report says why. A simulator-only task (no reference, no likelihood)
 * gets no references at all: its answers are timed but not scored.
 */
final class ReferenceSampler {
    /** Mixture components of the rejection sampler's proposal, as the catalogue's likelihood-only tasks use. */
    static final int COMPONENTS = 4;

    /**
     * What building references may spend on one observation.
     *
     * @param rejectionEvaluations likelihood evaluations exact rejection may spend before it counts as failed
     * @param directEvaluations    the budget of the direct method's long run, in its unit (likelihood evaluations)
     */
    record Budgets(long rejectionEvaluations, long directEvaluations) {
        /** Generous defaults: 5·10⁷ evaluations for rejection, 3·10⁶ (three times NUTS's default rung) for MCMC. */
        static final Budgets DEFAULT = new Budgets(50_000_000L, 3_000_000L);

        Budgets {
            if (rejectionEvaluations < 1 || directEvaluations < 1) {
                throw new IllegalArgumentException("reference budgets must be >= 1, got rejection "
                        + rejectionEvaluations + ", direct " + directEvaluations);
            }
        }
    }

    private final Posterior own;
    private final DefensiveRejectionPosterior rejection;
    private final Task task;
    private final Budgets budgets;
    private final String fallback;
    private long evaluations;
    private double lowestAcceptance = Double.POSITIVE_INFINITY;
    private int rejectionObservations;
    private int draws;
    private final List<String> rejectionFailures = new ArrayList<>();
    private final List<String> directOutcomes = new ArrayList<>();
    private int refused;

    private ReferenceSampler(Task task, Posterior own, DefensiveRejectionPosterior rejection, Budgets budgets) {
        this.task = task;
        this.own = own;
        this.rejection = rejection;
        this.budgets = budgets;
        this.fallback = task.likelihood().map(l -> l.hasAnalyticGradient() ? "nuts" : "slice").orElse(null);
    }

    /** The reference for {@code task} with the default budgets. */
    static ReferenceSampler forTask(Task task) {
        return forTask(task, Budgets.DEFAULT);
    }

    /** The reference for {@code task}, building references within {@code budgets} where the task has none. */
    static ReferenceSampler forTask(Task task, Budgets budgets) {
        var own = task.referencePosterior();
        if (own.isPresent()) {
            return new ReferenceSampler(task, own.get(), null, budgets);
        }
        var likelihood = task.likelihood();
        DefensiveRejectionPosterior rejection = likelihood.map(l -> new DefensiveRejectionPosterior(task.prior(), l,
                task.parameterNames(), DefensiveRejectionPosterior.Settings.of(COMPONENTS))).orElse(null);
        return new ReferenceSampler(task, null, rejection, budgets);
    }

    /** False for a simulator-only task: no draw of its posterior can be vouched for, so nothing is scored. */
    boolean canScore() {
        return own != null || rejection != null;
    }

    /** Why nothing can be scored, for the report's label; null when something can. */
    String whyUnscored() {
        return canScore() ? null : "the task has no likelihood and no reference";
    }

    /** {@code n} reference draws for observation number {@code observation}, or null when none can be vouched for. */
    Samples sample(int observation, double[] x, int n, Rng rng) {
        draws = n;
        if (own != null) {
            return own.sample(x, n, rng);
        }
        if (rejection == null) {
            return null;
        }
        try {
            DefensiveRejectionPosterior.Run run = rejection.run(x, n, rng, budgets.rejectionEvaluations());
            rejectionObservations++;
            evaluations += run.evaluations();
            lowestAcceptance = Math.min(lowestAcceptance, run.acceptanceRate());
            return run.samples();
        } catch (IllegalStateException | IllegalArgumentException e) {
            // out of budget, no posterior mass found, or a prior whose support it cannot map: MCMC may still serve
            rejectionFailures.add("observation " + observation + ": " + e.getMessage());
        }
        return direct(observation, x, n, rng.split());
    }

    /** The long direct run, returned only when its diagnostics pass the gate. */
    private Samples direct(int observation, double[] x, int n, Rng rng) {
        AnytimeAnswer a;
        try {
            a = DirectMethods.byName(fallback, 0).run(task, x, new long[] {budgets.directEvaluations()}, n, rng).get(0);
        } catch (IllegalArgumentException | IllegalStateException e) {
            refused++;
            directOutcomes.add("observation " + observation + ": the run failed (" + e.getMessage()
                    + "), no reference, left out");
            return null;
        }
        Map<String, Double> d = a.diagnostics();
        double rhat = d.getOrDefault("rhat", Double.NaN);
        double bulk = d.getOrDefault("ess_bulk", Double.NaN);
        double tail = d.getOrDefault("ess_tail", Double.NaN);
        boolean warm = d.getOrDefault("warmup_complete", 1.0) == 1.0;
        String numbers = String.format(Locale.ROOT, "R-hat %.3f, ESS %.0f bulk / %.0f tail", rhat, bulk, tail);
        List<String> why = new ArrayList<>();
        if (!warm) {
            why.add("warm-up not complete");
        }
        // NaN fails every comparison below, so a run too short to diagnose is refused too.
        if (!(rhat <= ConvergenceSummary.RHAT_LIMIT)) {
            why.add(String.format(Locale.ROOT, "R-hat %.3f > %.2f", rhat, ConvergenceSummary.RHAT_LIMIT));
        }
        if (!(Math.min(bulk, tail) >= ConvergenceSummary.ESS_LIMIT)) {
            why.add(String.format(Locale.ROOT, "ESS %.0f < %.0f", Math.min(bulk, tail), ConvergenceSummary.ESS_LIMIT));
        }
        if (!why.isEmpty()) {
            refused++;
            directOutcomes.add("observation " + observation + ": " + numbers + ", refused as reference ("
                    + String.join(", ", why) + "): no reference, left out");
            return null;
        }
        directOutcomes.add("observation " + observation + ": " + numbers + ", accepted");
        return a.samples();
    }

    /** What the report says about the reference: its kind, budget and diagnostics. */
    String provenance() {
        if (own != null) {
            return "the task's own reference sampler";
        }
        if (rejection == null) {
            return "none: " + whyUnscored() + ", so answers are timed but not scored (no C2ST)";
        }
        List<String> parts = new ArrayList<>();
        if (rejectionObservations > 0 || directOutcomes.isEmpty()) {
            parts.add(String.format(Locale.ROOT, "exact rejection sampling on the task's likelihood (the task has no"
                    + " reference sampler; DefensiveRejectionPosterior, %d-component defensive mixture proposal):"
                    + " %,d accepted draws for each of %d observations, %,d likelihood evaluations, lowest acceptance"
                    + " rate %.3g", COMPONENTS, draws, rejectionObservations, evaluations,
                    rejectionObservations == 0 ? Double.NaN : lowestAcceptance));
        }
        if (!directOutcomes.isEmpty()) {
            parts.add(String.format(Locale.ROOT, "kind direct:%s, a long run of the strongest direct method (exact"
                    + " rejection failed on %s): budget %,d likelihood evaluations, %,d draws per observation, gated"
                    + " by within-mode R-hat <= %.2f and bulk and tail ESS >= %.0f; %s", fallback,
                    String.join("; ", rejectionFailures), budgets.directEvaluations(), draws,
                    ConvergenceSummary.RHAT_LIMIT, ConvergenceSummary.ESS_LIMIT, String.join("; ", directOutcomes)));
        }
        return String.join("; and ", parts);
    }

    /** How many observations got no reference because the direct run failed its gate. */
    int refused() {
        return refused;
    }
}
