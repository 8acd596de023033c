package dev.amortizer.bench;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.AmortisedProposal;
import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.ImportanceSampling;
import dev.amortizer.amortiser.AmortisedProposal;
import dev.amortizer.escalation.EscalatedAnswer;
import dev.amortizer.escalation.Escalation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * The queries answered by an amortised posterior, alone (c_A) or as the proposal of importance sampling (the
 * hybrid), each timed alone and then scored. Both answer untimed warm-up queries first ({@link WarmUp}), as the
 * direct methods do.
 */
public final class AmortisedAnswers {
    private final int samples;
    private final QueryScorer scorer;
    private final PrintStream log;

    public AmortisedAnswers(int samples, QueryScorer scorer, PrintStream log) {
        this.samples = samples;
        this.scorer = scorer;
        this.log = log;
    }

    /** Each query answered by the posterior's own draws; its inner work counted through its meter. */
    @SuppressWarnings("try") // the timer only needs closing
    public List<QueryMeasurement> alone(String name, AmortisedPosterior posterior, QuerySet queries, Rng rng) {
        double[] first = queries.queries().get(0).x();
        WarmUp.repeat(i -> posterior.sample(first, samples, Rng.seeded(-1 - i), new CostMeter()));
        List<QueryMeasurement> out = new ArrayList<>();
        ProgressBar bar = ProgressBars.open(name, queries.queries().size(), "queries");
        try {
            for (QuerySet.Query q : queries.queries()) {
                CostMeter meter = new CostMeter();
                Samples draws;
                try (var t = meter.start(Phase.QUERY)) {
                    draws = posterior.sample(q.x(), samples, rng.split(), meter);
                }
                ProgressBars.step(bar, 1);
                Cost cost = meter.ledger().get(Phase.QUERY);
                double c2st = scorer.score(q, draws);
                out.add(new QueryMeasurement(q.number(), c2st, cost));
                log.printf("  %s observation %2d: C2ST %.3f, %.1f ms%n", name, q.number(), c2st, 1e3 * cost.wallSeconds());
            }
        } finally {
            ProgressBars.close(bar);
        }
        return out;
    }

    /**
     * Each query answered by self-normalised importance sampling with {@code draws} proposals from the posterior,
     * weights p(θ) p(x_o | θ) / q(θ | x_o), resampled to the query's size; diagnostics carry Kish's ESS and the
     * Pareto-k̂ of the weights. The cost is the importance run's (proposal draws, their densities, the likelihood
     * evaluations, the resampling) with the network's forward passes added.
     *
     * @throws IllegalArgumentException when the task has no tractable likelihood
     */
    List<QueryMeasurement> hybrid(String name, AmortisedDensity posterior, Task task, long draws, QuerySet queries,
                                  Rng rng) {
        double[] first = queries.queries().get(0).x();
        WarmUp.repeat(i -> run(posterior, task, first, draws, new CostMeter(), Rng.seeded(-1 - i)));
        List<QueryMeasurement> out = new ArrayList<>();
        ProgressBar bar = ProgressBars.open(name, queries.queries().size(), "queries");
        try {
            for (QuerySet.Query q : queries.queries()) {
                CostMeter meter = new CostMeter();
                AnytimeAnswer a = run(posterior, task, q.x(), draws, meter, rng.split());
                ProgressBars.step(bar, 1);
                Cost counts = meter.ledger().get(Phase.QUERY);
                Cost cost = a.queryCost().plus(new Cost(0, 0, counts.simulatorCalls(), counts.likelihoodEvaluations(),
                        counts.gradientEvaluations(), counts.forwardPasses(), 0));
                double c2st = scorer.score(q, a.samples());
                out.add(new QueryMeasurement(q.number(), c2st, cost, a.diagnostics()));
                log.printf("  %s observation %2d: C2ST %.3f, %.1f ms, Pareto-k %.2f%n", name, q.number(), c2st,
                        1e3 * cost.wallSeconds(), a.diagnostics().getOrDefault("pareto_k", Double.NaN));
            }
        } finally {
            ProgressBars.close(bar);
        }
        return out;
    }

    /**
     * Each query answered by {@link Escalation} with the default policy: the amortised draws, importance sampling or
     * warm-started MCMC, whichever passes its check first. The cost is every step tried; the diagnostics say which
     * step answered ({@code step}), the weights' ESS and k̂, and each step's wall seconds.
     */
    List<QueryMeasurement> escalated(String name, AmortisedDensity posterior, Task task, QuerySet queries, Rng rng) {
        Escalation escalation = Escalation.withDefaults();
        double[] first = queries.queries().get(0).x();
        WarmUp.repeat(i -> escalation.answer(task, posterior, first, samples, Rng.seeded(-1 - i)));
        List<QueryMeasurement> out = new ArrayList<>();
        ProgressBar bar = ProgressBars.open(name, queries.queries().size(), "queries");
        try {
            for (QuerySet.Query q : queries.queries()) {
                EscalatedAnswer a = escalation.answer(task, posterior, q.x(), samples, rng.split());
                ProgressBars.step(bar, 1);
                Map<String, Double> diagnostics = new LinkedHashMap<>(a.diagnostics());
                a.stepCosts().forEach((step, cost) -> diagnostics.put(step.label() + "_seconds", cost.wallSeconds()));
                Cost cost = a.totalCost();
                double c2st = scorer.score(q, a.draws());
                out.add(new QueryMeasurement(q.number(), c2st, cost, diagnostics));
                log.printf("  %s observation %2d: C2ST %.3f, %.1f ms, step %d (%s): %s%n", name, q.number(), c2st,
                        1e3 * cost.wallSeconds(), a.step().number(), a.step().label(), a.reason());
            }
        } finally {
            ProgressBars.close(bar);
        }
        return out;
    }

    private AnytimeAnswer run(AmortisedDensity posterior, Task task, double[] x, long draws, CostMeter meter, Rng rng) {
        ImportanceSampling is = ImportanceSampling.with(t -> new AmortisedProposal(posterior, x, meter,
                (int) Math.min(draws, 100_000)));
        return is.run(task, x, new long[] {draws}, samples, rng).get(0);
    }
}
