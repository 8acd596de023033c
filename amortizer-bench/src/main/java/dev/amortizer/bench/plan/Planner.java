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
        if (pilot.measure() != s.measure()) {
            throw new IllegalArgumentException("the pilot measured " + pilot.measure().label() + ", the plan's target is "
                    + s.measure().label());
        }
        if (!pilot.accuracyMeasured()) {
            throw new IllegalArgumentException("task " + pilot.task() + " has no reference to score answers against"
                    + " (" + String.join("; ", pilot.notes()) + "): only cost could be planned, and a plan needs an"
                    + " accuracy target: use --target-calibration (the amortiser's coverage error on held-out"
                    + " simulations), or compare costs with `amortizer bench` (unscored)");
        }
        if (pilot.points().size() < 2) {
            throw new IllegalArgumentException("the pilot trained the amortiser at " + pilot.points().size()
                    + " budget(s); a learning curve needs two: raise --pilot-seconds");
        }
        Curves point = Curves.fit(pilot, Curves.all(pilot), Curves.allPairs(pilot), null);
        List<Curves> replicates = new ArrayList<>();
        Rng rng = Rng.seeded(s.seed()).split();
        int k = pilot.observations().size();
        int pairs = Curves.heldOutPairs(pilot);
        for (int r = 0; r < s.replicates(); r++) {
            replicates.add(Curves.fit(pilot, resample(k, rng), resample(pairs, rng), rng));
        }
        List<Plan.AtBudget> predictions = new ArrayList<>();
        for (int n : PREDICTED) {
            predictions.add(atBudget(n, point, replicates));
        }
        double target = s.target();
        double minGain = s.measure() == Measure.C2ST ? Double.POSITIVE_INFINITY : s.minLogScoreGain();
        Decision decision = Decision.at(point, target, minGain);
        List<Decision> decisions = replicates.stream().map(c -> Decision.at(c, target, minGain)).toList();
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
        boolean c2st = s.measure() == Measure.C2ST;
        LogScoreGain gain = c2st ? null : LogScoreGain.of(pilot);
        String verdict = Recommendations.verdict(pilot.task(), s.measure(), target, recommendations, atTarget)
                + (gain == null ? "" : " " + gain.sentence(s.minLogScoreGain()));
        return new Plan(Plan.SCHEMA_VERSION, Instant.now().toString(), TrainingProvenance.currentLibraryVersion(),
                BenchReport.Machine.current(), pilot.task(), s.seed(), c2st ? target : null, c2st ? null : target,
                c2st ? null : pairs, s.queries(), s.pricePerSimulation(),
                s.minGainPerSecond(), c2st ? null : s.minLogScoreGain(), s.replicates(), summary, fits, predictions,
                atTarget, recommendations, anytime, gain, verdict);
    }

    private static Plan.AtBudget atBudget(int n, Curves point, List<Curves> replicates) {
        Map<String, Plan.Interval> breakEven = new LinkedHashMap<>();
        for (String m : point.direct().keySet()) {
            breakEven.put(m, Quantiles.interval(nStar(point, m, n),
                    replicates.stream().mapToDouble(c -> nStar(c, m, n)).toArray()));
        }
        return new Plan.AtBudget(n,
                Quantiles.interval(point.accuracy().at(n),
                        replicates.stream().mapToDouble(c -> c.accuracy().at(n)).toArray()),
                Quantiles.interval(point.fixedCost().at(n),
                        replicates.stream().mapToDouble(c -> c.fixedCost().at(n)).toArray()),
                Quantiles.interval(point.fixedCpu().at(n),
                        replicates.stream().mapToDouble(c -> c.fixedCpu().at(n)).toArray()),
                Quantiles.interval(point.querySeconds(n),
                        replicates.stream().mapToDouble(c -> c.querySeconds(n)).toArray()),
                breakEven);
    }

    /** {@code size} indices drawn uniformly with replacement from 0..size−1. */
    private static int[] resample(int size, Rng rng) {
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = rng.nextInt(size);
        }
        return rows;
    }

    /**
     * N* of the amortiser at n simulations against method m, at the accuracy the curves give it there (the bench's);
     * on a coverage-error target, against m's certified cost.
     */
    static double nStar(Curves c, String m, int n) {
        double direct = Decision.directCost(c.direct().get(m), c.accuracy().at(n));
        return Decision.breakEven(c.fixedCost().at(n), c.querySeconds(n), direct);
    }

    private static Plan.AtTarget atTarget(Curves point, Decision d, List<Decision> ds, double target) {
        Map<String, Plan.Interval> seconds = new LinkedHashMap<>();
        Map<String, Double> budgets = new LinkedHashMap<>();
        Map<String, Plan.Interval> breakEven = new LinkedHashMap<>();
        for (String m : point.direct().keySet()) {
            seconds.put(m, Quantiles.interval(d.directCost().get(m),
                    ds.stream().mapToDouble(x -> x.directCost().get(m)).toArray()));
            Curves.DirectCurve c = point.direct().get(m);
            budgets.put(m, Quantiles.finite(c.accuracy() == null
                    ? (c.certifiedBudget() > 0 ? c.certifiedBudget() : Double.POSITIVE_INFINITY)
                    : budgetFor(c, d.directCost().get(m))));
            breakEven.put(m, Quantiles.interval(d.breakEven(m), ds.stream().mapToDouble(x -> x.breakEven(m)).toArray()));
        }
        return new Plan.AtTarget(
                Quantiles.interval(d.simulations(), ds.stream().mapToDouble(Decision::simulations).toArray()),
                Quantiles.interval(d.fixedSeconds(), ds.stream().mapToDouble(Decision::fixedSeconds).toArray()),
                Quantiles.interval(d.querySeconds(), ds.stream().mapToDouble(Decision::querySeconds).toArray()),
                seconds, budgets, breakEven, d.cheapestDirect(),
                Quantiles.interval(d.crossover(), ds.stream().mapToDouble(Decision::crossover).toArray()));
    }

    /**
     * The budget (in the method's unit) whose per-query cost is {@code seconds}: a pilot rung's own budget where that
     * is a rung's measured cost ({@link Decision#directCost} prices at rungs), else by inverting the cost line.
     */
    static double budgetFor(Curves.DirectCurve c, double seconds) {
        for (int i = 0; i < c.rungCosts().length; i++) {
            if (c.rungCosts()[i] == seconds) {
                return c.pilotBudgets()[i];
            }
        }
        if (!Double.isFinite(seconds) || !(c.cost().slope() > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.exp((Math.log(seconds) - c.cost().intercept()) / c.cost().slope());
    }
}
