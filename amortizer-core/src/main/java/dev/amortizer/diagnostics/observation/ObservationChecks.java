package dev.amortizer.diagnostics.observation;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.diagnostics.importance.ParetoKhat;
import dev.amortizer.diagnostics.observation.ImportanceCheck.Importance;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Can this answer for x_o be trusted, without a reference posterior? Three checks, each answering a different doubt:
 * is x_o like the simulations the model learnt from ({@link TypicalityReference}; a model asked about data it never
 * saw extrapolates), do the amortised draws cover the posterior that prior × likelihood defines
 * ({@link ImportanceCheck}, Pareto-k̂, only with a likelihood), and does the model with these draws reproduce x_o
 * ({@link PredictiveCheck}). The answer is trustworthy when x_o is typical at level α, k̂ &lt; 0.7 (or not
 * computable) and the predictive check's overall p-value exceeds α.
 *
 * <p>{@code ObservationReport r = ObservationChecks.run(task, posterior, xObs, CheckOptions.defaults(), Rng.seeded(1));}
 */
public final class ObservationChecks {
    private ObservationChecks() {
    }

    /** Prepares the typicality reference for this call, then runs every check. */
    public static ObservationReport run(Task task, Posterior posterior, double[] x, CheckOptions options, Rng rng) {
        TypicalityReference reference = TypicalityReference.prepare(task, options, rng.split());
        return run(task, posterior, x, reference, options, rng.split()).plusCost(reference.cost());
    }

    /**
     * Runs every check with a reference prepared beforehand (once per model), whose cost is then not in the report.
     *
     * @throws IllegalArgumentException if x is not a valid observation of the task
     */
    public static ObservationReport run(Task task, Posterior posterior, double[] x, TypicalityReference reference,
                                        CheckOptions options, Rng rng) {
        task.checkObservation(x);
        if (posterior.parameterDim() != task.parameterDim()) {
            throw new IllegalArgumentException("the posterior has " + posterior.parameterDim() + " parameters, task "
                    + task.name() + " has " + task.parameterDim());
        }
        Rng drawRng = rng.split();
        Rng simulatorRng = rng.split();
        Rng importanceRng = rng.split();
        CostMeter meter = new CostMeter();
        Typicality typicality;
        Optional<Predictive> predictive;
        List<String> warnings = new ArrayList<>();
        try (var t = meter.start(Phase.QUERY)) {
            typicality = reference.test(x);
            predictive = predictive(task, posterior, x, options, drawRng, simulatorRng, meter, warnings);
        }
        meter.countSimulations(Phase.QUERY, predictive.isPresent() ? options.predictiveDraws() : 0);
        Optional<Importance> importance = ImportanceCheck.run(task, posterior, x, options.importanceDraws(), meter,
                importanceRng);
        warnings.addAll(warnings(task, typicality, importance, predictive, options.alpha()));
        return new ObservationReport(typicality, importance, predictive, warnings.isEmpty(), warnings,
                meter.ledger());
    }

    /** The predictive check, or empty with a warning when the posterior cannot give its draws for x. */
    private static Optional<Predictive> predictive(Task task, Posterior posterior, double[] x, CheckOptions options,
                                                   Rng drawRng, Rng simulatorRng, CostMeter meter,
                                                   List<String> warnings) {
        int n = options.predictiveDraws();
        double[][] theta;
        try {
            // an amortiser counts its query work (forward passes, an inner MCMC's evaluations) on the meter
            theta = (posterior instanceof AmortisedPosterior amortised ? amortised.sample(x, n, drawRng, meter)
                    : posterior.sample(x, n, drawRng)).toArray();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a posterior that cannot answer x (NPE truncation finding no mass in the prior's support) is a finding
            warnings.add("the posterior could not give " + n + " draws for the predictive"
                    + " check: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(PredictiveCheck.run(task, theta, x, simulatorRng, options.threads()));
    }

    private static List<String> warnings(Task task, Typicality typicality, Optional<Importance> importance,
                                         Optional<Predictive> predictive, double alpha) {
        List<String> out = new ArrayList<>();
        if (typicality.atypical()) {
            out.add(String.format(Locale.ROOT, "x_o is atypical of the simulations the model was trained on"
                    + " (MMD p-value %.3g <= %.3g): the answer extrapolates; the simulator may not describe these data",
                    typicality.pValue(), alpha));
        }
        importance.filter(i -> !(i.paretoK() < ParetoKhat.RELIABLE_LIMIT)).ifPresent(i -> out.add(String.format(
                Locale.ROOT, "Pareto-k %.2f >= %.1f: the draws miss posterior mass that prior x likelihood has"
                        + " (too narrow, or a mode missing); effective sample size %.0f of %d",
                i.paretoK(), ParetoKhat.RELIABLE_LIMIT, i.effectiveSampleSize(), i.draws())));
        if (predictive.isPresent() && predictive.get().overallPValue() <= alpha) {
            List<String> names = new ArrayList<>();
            double[] p = predictive.get().pValues();
            for (int i = 0; i < p.length; i++) {
                // Bonferroni over coordinates: the names point at where to look, not a second test
                if (p[i] <= alpha / p.length) {
                    names.add(task.dataNames().get(i));
                }
            }
            out.add(String.format(Locale.ROOT, "the posterior predictive does not reproduce x_o (p-value %.3g <= %.3g)"
                    + "%s", predictive.get().overallPValue(), alpha, names.isEmpty() ? "" : "; furthest out: "
                    + String.join(", ", names.subList(0, Math.min(5, names.size())))
                    + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "")));
        }
        return out;
    }
}
