package dev.amortizer.cli;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.cost.Cost;
import dev.amortizer.escalation.EscalatedAnswer;
import dev.amortizer.escalation.Escalation;
import dev.amortizer.escalation.EscalationPolicy;
import dev.amortizer.escalation.Step;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --escalate} and its budgets: answer with the amortised posterior, importance sampling or warm-started MCMC,
 * whichever passes its check first ({@link Escalation}); the step taken and its cost go to standard error.
 */
final class EscalateOptions {
    @Option(names = "--escalate", description = "check the amortised answer by importance weights and correct it by "
            + "importance sampling, then MCMC, when the checks fail (npe models; the task needs a likelihood)")
    boolean escalate;
    @Option(names = "--importance-draws", description = "with --escalate: importance-sampling proposals (default: 10000)")
    Long importanceDraws;
    @Option(names = "--mcmc-evaluations", description = "with --escalate: MCMC likelihood evaluations (default: 200000)")
    Long mcmcEvaluations;
    @Option(names = "--max-pareto-k", description = "with --escalate: importance sampling is trusted up to this "
            + "Pareto-k (default: 0.7)")
    Double maxParetoK;
    @Option(names = "--min-predicted-ess-share", description = "with --escalate: importance sampling is tried only "
            + "when the ESS the probe predicts for it is at least this share of the ESS it needs, in [0, 1]; 0 always "
            + "tries it (default: 0.5)")
    Double minPredictedEssShare;

    /** The policy the options ask for, checked before any work; null without {@code --escalate}. */
    EscalationPolicy policy() {
        if (!escalate) {
            String stray = importanceDraws != null ? "--importance-draws" : mcmcEvaluations != null
                    ? "--mcmc-evaluations" : maxParetoK != null ? "--max-pareto-k" : minPredictedEssShare != null
                    ? "--min-predicted-ess-share" : null;
            if (stray != null) {
                throw new IllegalArgumentException(stray + " is only used with --escalate");
            }
            return null;
        }
        EscalationPolicy policy = EscalationPolicy.defaults();
        if (importanceDraws != null) {
            EscalationPolicy p = policy;
            policy = Inputs.option("--importance-draws", () -> p.withImportanceDraws(importanceDraws));
        }
        if (mcmcEvaluations != null) {
            EscalationPolicy p = policy;
            policy = Inputs.option("--mcmc-evaluations", () -> p.withMcmcEvaluations(mcmcEvaluations));
        }
        if (maxParetoK != null) {
            EscalationPolicy p = policy;
            policy = Inputs.option("--max-pareto-k", () -> p.withMaxParetoK(maxParetoK));
        }
        if (minPredictedEssShare != null) {
            EscalationPolicy p = policy;
            policy = Inputs.option("--min-predicted-ess-share", () -> p.withMinPredictedEssShare(minPredictedEssShare));
        }
        return policy;
    }

    /** The posterior as a density, which escalation weighs by; refused, naming the model, when it has none. */
    static AmortisedDensity density(AmortisedPosterior posterior, Path model) {
        if (posterior instanceof AmortisedDensity density) {
            return density;
        }
        throw new IllegalArgumentException("--escalate: --model " + model + " is a " + posterior.method()
                + " model, which has no density q(θ | x) to weigh importance draws by; use an npe model");
    }

    /** One line for the step taken and why, one per step tried with its cost. */
    static void report(PrintWriter err, EscalatedAnswer a) {
        err.printf(Locale.ROOT, "escalation: answered by step %d (%s): %s%n", a.step().number(), a.step().label(),
                a.reason());
        for (Map.Entry<Step, Cost> e : a.stepCosts().entrySet()) {
            err.printf(Locale.ROOT, "  cost of %-10s %s%n", e.getKey().label() + ":", describe(e.getValue()));
        }
        err.printf(Locale.ROOT, "  cost in all:      %s%n", describe(a.totalCost()));
        err.flush();
    }

    private static String describe(Cost c) {
        return String.format(Locale.ROOT, "%.3f s wall, %.3f s CPU, %,d likelihood evaluations, %,d forward passes, "
                + "%,d simulations", c.wallSeconds(), c.cpuSeconds(), c.likelihoodEvaluations(), c.forwardPasses(),
                c.simulatorCalls());
    }
}
