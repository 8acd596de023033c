package dev.amortizer.diagnostics.observation;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.amortiser.AmortisedProposal;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.ImportanceSampling;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.Optional;

/**
 * The Pareto-k̂ of importance weights wᵢ = p(θᵢ) p(x_o | θᵢ) / q(θᵢ | x_o) of S amortised draws θᵢ ~ q against the
 * unnormalised posterior: k̂ < 0.5 says q covers the posterior's bulk and tails, k̂ ≥ 0.7 that q misses mass the
 * posterior has (too narrow, a missing mode) or that the model does not fit x_o. It is the benchmark hybrid's
 * importance sampling run for its diagnostics alone, so only where the posterior evaluates its own density and the
 * task has a likelihood.
 *
 * @see dev.amortizer.diagnostics.importance.ParetoKhat
 */
public final class ImportanceCheck {
    private ImportanceCheck() {
    }

    /**
     * k̂ and the effective sample size of {@code draws} weights, or empty when the posterior has no density or the
     * task no likelihood. The work is counted on {@code meter}: forward passes by the proposal, S likelihood
     * evaluations and the wall time on the query phase.
     */
    public static Optional<Importance> run(Task task, Posterior posterior, double[] x, int draws, CostMeter meter,
                                           Rng rng) {
        if (!(posterior instanceof AmortisedDensity density) || task.likelihood().isEmpty()) {
            return Optional.empty();
        }
        if (draws < 10) {
            throw new IllegalArgumentException("importance draws must be >= 10 for Pareto-k, got " + draws);
        }
        AnytimeAnswer answer;
        try (var t = meter.start(Phase.QUERY)) {
            answer = ImportanceSampling.with(unused -> new AmortisedProposal(density, x, meter, draws))
                    .run(task, x, new long[] {draws}, 1, rng).get(0);
        } catch (IllegalStateException e) {
            // no draw with posterior density, or q has (almost) no mass in the prior's support: no overlap
            return Optional.of(new Importance(Double.POSITIVE_INFINITY, 0, draws));
        } finally {
            meter.countLikelihoodEvaluations(Phase.QUERY, draws);
        }
        return Optional.of(new Importance(answer.diagnostics().get("pareto_k"), answer.diagnostics().get("ess"),
                draws));
    }

    /** k̂ of the weights, Kish's effective sample size and the number of draws weighed. */
    public record Importance(double paretoK, double effectiveSampleSize, int draws) {
    }
}
