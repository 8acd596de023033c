package dev.amortizer.bench.plan;

import dev.amortizer.bench.BenchReport;
import dev.amortizer.training.TrainingProvenance;
import dev.amortizer.random.Rng;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a pilot into a {@link Plan}: the curves fitted to all observations give the estimates; refits on bootstrap
 * resamples of the observations, each with wild-bootstrap jitter of the fitted points ({@link Curves#fit}), give the
 * 90% intervals and the share of replicates that agree with each recommendation.
 *
 * <p>{@code Plan plan = Planner.plan(new PilotRunner(config, System.err).run(), settings);}
 */
public final class Planner {
    /** The amortiser budgets the plan predicts at, whatever the target: the bench's 10³, 10⁴ and 10⁵. */
    public static final List<Integer> PREDICTED = List.of(1_000, 10_000, 100_000);

    private Planner() {
    }

    public static Plan plan(PilotData pilot, PlanSettings s) {
        if (!pilot.scored()) {
            throw new IllegalArgumentException("task " + pilot.task() + " has no reference to score answers against"
                    + " (" + String.join("; ", pilot.notes()) + "): only cost could be planned, and a plan needs an"
                    + " accuracy target; compare costs with `amortizer bench` (unscored) instead");
        }
        if (pilot.points().size() < 2) {
            throw new IllegalArgumentException("the pilot trained the amortiser at " + pilot.points().size()
                    + " budget(s); a learning curve needs two: raise --pilot-seconds");
        }
        Curves point = Curves.fit(pilot, Curves.all(pilot), null);
        List<Curves> replicates = new ArrayList<>();
        Rng rng = Rng.seeded(s.seed()).split();
        int k = pilot.observations().size();
        for (int r = 0; r < s.replicates(); r++) {
            int[] rows = new int[k];
            for (int i = 0; i < k; i++) {
                rows[i] = rng.nextInt(k);
            }
            replicates.add(Curves.fit(pilot, rows, rng));
        }
        List<Plan.AtBudget> predictions = new ArrayList<>();
        for (int n : PREDICTED) {
            predictions.add(atBudget(n, point, replicates));
        }
        double target = s.targetC2st();
        Decision decision = Decision.at(point, target);
        List<Decision> decisions = replicates.stream().map(c -> Decision.at(c, target)).toList();
        Plan.AtTarget atTarget = atTarget(point, decision, decisions, target);
        List<Plan.Recommendation> recommendations = new ArrayList<>();
        for (long q : s.queries()) {
            recommendations.add(Recommendations.of(q, decision, decisions, point, s.pricePerSimulation()));
        }
        List<AnytimeStop> anytime = new ArrayList<>();
        point.direct().forEach((m, c) -> anytime.add(AnytimeStop.of(m, c, target, s.minGainPerSecond())));
        Plan.Pilot summary = PilotSummary.of(pilot);
        Map<String, Plan.DirectFit> directFits = new LinkedHashMap<>();
        point.direct().forEach((m, c) -> directFits.put(m, new Plan.DirectFit(c.accuracy(), c.cost(), c.unit())));
        Plan.Fits fits = new Plan.Fits(point.accuracy(), point.fixedCost(), point.fixedCpu(), point.queryCost(),
                directFits);
        String verdict = Recommendations.verdict(pilot.task(), target, recommendations, atTarget);
        return new Plan(Plan.SCHEMA_VERSION, Instant.now().toString(), TrainingProvenance.currentLibraryVersion(),
                BenchReport.Machine.current(), pilot.task(), s.seed(), target, s.queries(), s.pricePerSimulation(),
                s.minGainPerSecond(), s.replicates(), summary, fits, predictions, atTarget, recommendations, anytime,
                verdict);
    }

    private static Plan.AtBudget atBudget(int n, Curves point, List<Curves> replicates) {
        Map<String, Plan.Interval> breakEven = new LinkedHashMap<>();
        for (String m : point.direct().keySet()) {
            breakEven.put(m, Quantiles.interval(nStar(point, m, n),
                    replicates.stream().mapToDouble(c -> nStar(c, m, n)).toArray()));
        }
        return new Plan.AtBudget(n,
                Quantiles.interval(point.accuracy().c2st(n),
                        replicates.stream().mapToDouble(c -> c.accuracy().c2st(n)).toArray()),
                Quantiles.interval(point.fixedCost().at(n),
                        replicates.stream().mapToDouble(c -> c.fixedCost().at(n)).toArray()),
                Quantiles.interval(point.fixedCpu().at(n),
                        replicates.stream().mapToDouble(c -> c.fixedCpu().at(n)).toArray()),
                Quantiles.interval(point.querySeconds(n),
                        replicates.stream().mapToDouble(c -> c.querySeconds(n)).toArray()),
                breakEven);
    }

    /** N* of the amortiser at n simulations against method m, at the C2ST the curves give it there (the bench's). */
    static double nStar(Curves c, String m, int n) {
        double direct = Decision.directCost(c.direct().get(m), c.accuracy().c2st(n));
        return Decision.breakEven(c.fixedCost().at(n), c.querySeconds(n), direct);
    }

    private static Plan.AtTarget atTarget(Curves point, Decision d, List<Decision> ds, double target) {
        Map<String, Plan.Interval> seconds = new LinkedHashMap<>();
        Map<String, Double> budgets = new LinkedHashMap<>();
        Map<String, Plan.Interval> breakEven = new LinkedHashMap<>();
        for (String m : point.direct().keySet()) {
            seconds.put(m, Quantiles.interval(d.directCost().get(m),
                    ds.stream().mapToDouble(x -> x.directCost().get(m)).toArray()));
            budgets.put(m, Quantiles.finite(budgetFor(point.direct().get(m), d.directCost().get(m))));
            breakEven.put(m, Quantiles.interval(d.breakEven(m), ds.stream().mapToDouble(x -> x.breakEven(m)).toArray()));
        }
        return new Plan.AtTarget(
                Quantiles.interval(d.simulations(), ds.stream().mapToDouble(Decision::simulations).toArray()),
                Quantiles.interval(d.fixedSeconds(), ds.stream().mapToDouble(Decision::fixedSeconds).toArray()),
                Quantiles.interval(d.querySeconds(), ds.stream().mapToDouble(Decision::querySeconds).toArray()),
                seconds, budgets, breakEven, d.cheapestDirect(),
                Quantiles.interval(d.crossover(), ds.stream().mapToDouble(Decision::crossover).toArray()));
    }

    /** The budget (in the method's unit) whose per-query cost is {@code seconds}, by inverting its cost line. */
    static double budgetFor(Curves.DirectCurve c, double seconds) {
        if (!Double.isFinite(seconds) || !(c.cost().slope() > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.exp((Math.log(seconds) - c.cost().intercept()) / c.cost().slope());
    }
}
