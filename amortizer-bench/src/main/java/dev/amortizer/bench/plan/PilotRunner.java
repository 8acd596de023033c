package dev.amortizer.bench.plan;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.bench.AmortisedAnswers;
import dev.amortizer.bench.AmortiserCatalog;
import dev.amortizer.bench.BenchReport;
import dev.amortizer.bench.DirectProfiler;
import dev.amortizer.bench.QueryMeasurement;
import dev.amortizer.bench.QueryScorer;
import dev.amortizer.bench.QuerySet;
import dev.amortizer.bench.Stats;
import dev.amortizer.bench.WarmUp;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.cost.Stopwatch;
import dev.amortizer.diagnostics.calibration.Calibration;
import dev.amortizer.diagnostics.calibration.CalibrationResult;
import dev.amortizer.direct.DirectMethod;
import dev.amortizer.direct.DirectMethods;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.models.TaskResolver;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the pilot with the bench's own machinery (the same amortiser by name, so the default NPE trains and selects
 * among all its candidates as in the bench; the same queries; the same timing of one query alone after untimed
 * warm-up runs, {@link dev.amortizer.bench.WarmUp}, once per direct method at its first rung), so that pilot points
 * and bench points measure the same thing. One untimed training on
 * {@link #WARM_UP_SIMULATIONS} simulations comes first: the JIT compiles the training code there, not in the first
 * timed budget. Pieces run cheapest first: the amortiser's two smallest budgets always, then its larger ones and the
 * direct methods' rungs one by one, each only when its predicted cost fits in what is left of the cap
 * ({@link PilotBudget}); what does not fit is skipped, and the notes say so. A direct method's ladder also stops
 * once a rung scores {@link PilotConfig#BRACKET} below the target.
 *
 * <p>On a coverage-error target ({@link Measure#COVERAGE_ERROR}) nothing is scored against references: the queries
 * are only timed; each amortiser budget is checked on the same held-out simulations ({@code Calibration}: HPD level
 * and log density of each truth); each direct rung records which answers their own diagnostics certify, and its
 * ladder stops at the first rung that certifies every query. A method that runs no chains is left out after its
 * first rung.
 */
public final class PilotRunner {
    /** The untimed warm-up training's budget: big enough to run every code path, small enough to cost seconds. */
    static final int WARM_UP_SIMULATIONS = 100;

    private final PilotConfig config;
    private final PrintStream log;

    public PilotRunner(PilotConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    public PilotData run() {
        PilotBudget budget = new PilotBudget(config.pilotSeconds());
        Task task = TaskResolver.resolve(config.task());
        Rng rng = Rng.seeded(config.seed());
        Rng queryRng = rng.split();
        Rng trainRng = rng.split();
        Rng answerRng = rng.split();
        Rng directRng = rng.split();
        Rng warmUpRng = rng.split();
        boolean calibration = config.measure() == Measure.COVERAGE_ERROR;
        Rng heldOutRng = rng.split();
        Calibration.HeldOut heldOut = null; // one held-out set for every budget: their errors compare pairwise
        int threads = Runtime.getRuntime().availableProcessors();
        QuerySet queries = calibration ? QuerySet.timedOnly(task, config.observations(), queryRng,
                "the target is the amortiser's coverage error on held-out simulations; queries are timed, not scored")
                : QuerySet.forTask(task, config.observations(), queryRng);
        int k = queries.queries().size();
        log.printf("pilot on %s: %d queries from %s%n", task.name(), k, queries.source());
        QueryScorer scorer = new QueryScorer(config.seed(), config.c2st());
        List<String> notes = new ArrayList<>();
        if (calibration && config.target() < 2 * CoverageError.noise(config.heldOut())) {
            notes.add(String.format(java.util.Locale.ROOT, "target coverage error %.3f is below twice the error a "
                    + "calibrated posterior shows by chance on %d held-out simulations (%.3f): raise --held-out",
                    config.target(), config.heldOut(), CoverageError.noise(config.heldOut())));
        }
        if (!calibration && !queries.scored()) { // nothing to fit an accuracy curve to: stop before spending anything
            notes.add("no C2ST: " + queries.unscored() + "; only cost can be planned");
            return data(task, queries, List.of(), List.of(), budget, notes, List.of());
        }
        Amortiser amortiser = AmortiserCatalog.byName(config.amortiser());
        warmUp(amortiser, task, warmUpRng, budget, notes);
        List<PilotData.AmortiserPoint> points = new ArrayList<>();
        AmortisedAnswers answers = new AmortisedAnswers(config.samples(), scorer, log);
        for (int n : config.simulations()) {
            Rng trainSplit = trainRng.split();
            Rng answerSplit = answerRng.split();
            double predicted = predictedTraining(points, n) + budget.scoring(k);
            if (points.size() >= 2 && !budget.fits(predicted)) {
                notes.add(skipped(config.amortiser() + " at " + String.format("%,d", n) + " simulations", predicted,
                        budget));
                continue;
            }
            log.printf("pilot: training %s on %,d simulations...%n", config.amortiser(), n);
            Stopwatch piece = Stopwatch.start();
            AmortisedPosterior posterior;
            try {
                posterior = amortiser.train(task, n, trainSplit, new CostMeter());
            } catch (IllegalStateException e) { // as in the bench: a failed training is reported, not fatal
                notes.add(String.format("%s at %,d simulations: training failed: %s", config.amortiser(), n,
                        e.getMessage()));
                budget.record(config.amortiser() + "@" + n, piece, piece.elapsed().wallSeconds(), 0);
                continue;
            }
            double fixed = posterior.costLedger().fixed().wallSeconds();
            double fixedCpu = posterior.costLedger().fixed().cpuSeconds();
            log.printf("  F = %.1f s wall, %.1f s CPU%n", fixed, fixedCpu);
            List<QueryMeasurement> m = answers.alone(config.amortiser() + "@" + n, posterior, queries, answerSplit);
            var training = posterior.costLedger().get(Phase.TRAINING);
            long passes = training.forwardPasses();
            if (calibration) {
                if (heldOut == null) { // simulated once, on the first budget's clock: every budget is checked on it
                    heldOut = Calibration.simulate(task, config.heldOut(), heldOutRng, threads);
                }
                CalibrationResult c = Calibration.check(posterior, task, heldOut, PilotConfig.HELD_OUT_DRAWS,
                        heldOutRng.split(), threads);
                double[] levels = new double[c.simulations()];
                java.util.Arrays.setAll(levels, c::hpdLevel);
                double[] logQ = new double[c.simulations()];
                java.util.Arrays.setAll(logQ, c::truthLogDensity);
                log.printf("  coverage error %.3f, log score %.3f on %d held-out simulations%n",
                        CoverageError.of(levels), c.logScore(), levels.length);
                points.add(new PilotData.AmortiserPoint(n, fixed, fixedCpu, c2st(m), seconds(m), passes, levels,
                        meanContraction(c), logQ, training.wallSeconds(), training.cpuSeconds()));
            } else {
                points.add(new PilotData.AmortiserPoint(n, fixed, fixedCpu, c2st(m), seconds(m), passes,
                        new double[0], Double.NaN, new double[0], training.wallSeconds(), training.cpuSeconds()));
            }
            budget.record(config.amortiser() + "@" + n, piece, fixed + sum(seconds(m)) + WarmUp.SECONDS,
                    calibration ? 0 : k);
        }
        List<PilotData.PassCostStep> passCost = points.isEmpty() ? List.of()
                : passCost(amortiser, task, points.get(points.size() - 1).simulations(), trainRng.split(), budget,
                        notes);
        List<PilotData.DirectPilot> direct = new ArrayList<>();
        DirectProfiler profiler = new DirectProfiler(config.samples(), scorer, log);
        config.methods().forEach((name, ladder) -> {
            Rng methodRng = directRng.split();
            List<PilotData.Rung> rungs = new ArrayList<>();
            String unit = null;
            DirectMethod method = DirectMethods.byName(name, 0);
            Stopwatch warm = Stopwatch.start();
            try {
                profiler.warmUp(method, task, queries, ladder.get(0));
            } catch (IllegalArgumentException | IllegalStateException e) {
                notes.add(name + " skipped: " + e.getMessage());
                return;
            } finally {
                budget.record(name + " warm-up", warm, warm.elapsed().wallSeconds(), 0);
            }
            for (long b : ladder) {
                double predicted = predictedRung(rungs, b) + budget.scoring(k);
                if (!budget.fits(predicted)) {
                    notes.add(skipped(name + " at " + String.format("%,d", b), predicted, budget));
                    break;
                }
                log.printf("pilot: %s at %,d...%n", name, b);
                Stopwatch piece = Stopwatch.start();
                try {
                    BenchReport.DirectResult r = profiler.measure(method, task, new long[] {b}, queries,
                            methodRng.split(), b);
                    List<QueryMeasurement> m = r.measurements().get(b);
                    budget.record(name + "@" + b, piece, sum(seconds(m)), calibration ? 0 : k);
                    boolean[] certified = certified(m);
                    rungs.add(new PilotData.Rung(b, c2st(m), seconds(m), certified));
                    unit = r.unit();
                    if (calibration && m.stream().noneMatch(q -> q.diagnostics().containsKey("rhat"))) {
                        notes.add(name + " left out: it runs no chains, so no R-hat or ESS can certify its answers "
                                + "without a reference");
                        rungs.clear();
                        break;
                    }
                    if (calibration && Certification.all(certified, Curves.all(k))) {
                        notes.add(String.format("%s stopped at %,d: every query's diagnostics pass", name, b));
                        break;
                    }
                    if (!calibration && rungs.size() >= 2 && b < ladder.get(ladder.size() - 1)
                            && Stats.mean(c2st(m)) <= config.target() - PilotConfig.BRACKET) {
                        notes.add(String.format("%s stopped at %,d: C2ST %.3f already brackets the target", name, b,
                                Stats.mean(c2st(m))));
                        break;
                    }
                } catch (IllegalArgumentException | IllegalStateException e) {
                    notes.add(name + " skipped: " + e.getMessage());
                    break;
                }
            }
            if (rungs.size() >= 2 || calibration && !rungs.isEmpty()) { // a certified rung needs no curve
                direct.add(new PilotData.DirectPilot(name, unit, rungs));
            } else if (!rungs.isEmpty()) {
                notes.add(name + " left out of the plan: one rung gives no curve");
            }
        });
        return data(task, queries, points, direct, budget, notes, passCost);
    }

    /**
     * {@link PassCostProbe} up to the plan's reach beyond {@code pivot}, for the default NPE, when its timed trainings
     * fit in what is left of the cap.
     */
    private List<PilotData.PassCostStep> passCost(Amortiser amortiser, Task task, int pivot, Rng rng,
                                                  PilotBudget budget, List<String> notes) {
        if (!(amortiser instanceof DefaultNpe npe)) {
            return List.of();
        }
        List<Integer> changes = PassCostProbe.changes(npe, task, pivot, Decision.EXTRAPOLATION * pivot);
        if (changes.isEmpty()) {
            return List.of();
        }
        double predicted = (2 + PassCostProbe.REPEATS * (changes.size() + 1.0)) * PassCostProbe.BURST_SECONDS;
        if (!budget.fits(predicted)) {
            notes.add(skipped("timing a training pass of the candidates at larger budgets", predicted, budget)
                    + "; F is priced at the pilot's cost per pass");
            return List.of();
        }
        Stopwatch piece = Stopwatch.start();
        List<PilotData.PassCostStep> steps = PassCostProbe.measure(npe, task, pivot, changes, rng, log);
        budget.record("pass-cost probe", piece, piece.elapsed().wallSeconds(), 0);
        for (PilotData.PassCostStep s : steps) {
            String line = String.format(java.util.Locale.ROOT, "from %,d simulations the candidates are %s, their"
                    + " minibatches %s rows: a training pass costs ×%.2f in wall time (×%.2f CPU) of one at %,d",
                    s.fromSimulations(), npe.candidates(task, s.fromSimulations()).stream().map(NpeConfig::label)
                            .toList(), s.minibatches(), s.wallRatio(), s.cpuRatio(), pivot);
            log.println("pilot: " + line);
            notes.add(line);
        }
        return steps;
    }

    /** One untimed training, charged to the pilot's compute but to no point: the JIT's first compilation. */
    private void warmUp(Amortiser amortiser, Task task, Rng rng, PilotBudget budget, List<String> notes) {
        log.printf("pilot: untimed warm-up training of %s on %,d simulations...%n", config.amortiser(),
                WARM_UP_SIMULATIONS);
        Stopwatch piece = Stopwatch.start();
        try {
            amortiser.train(task, WARM_UP_SIMULATIONS, rng, new CostMeter());
        } catch (IllegalStateException e) {
            notes.add("the warm-up training failed (" + e.getMessage() + "); the first budget's F includes the JIT's"
                    + " compilation");
        }
        budget.record("warm-up", piece, piece.elapsed().wallSeconds(), 0);
    }

    /**
     * F at n from the points so far ({@link FixedCostCurve}). The queries' own time is not predicted: small for
     * NPE, it can make an amortiser that runs MCMC per query (NLE, NRE) overrun the cap.
     */
    private static double predictedTraining(List<PilotData.AmortiserPoint> points, int n) {
        if (points.isEmpty()) {
            return 0;
        }
        double[] x = points.stream().mapToDouble(PilotData.AmortiserPoint::simulations).toArray();
        double[] f = points.stream().mapToDouble(p -> Math.max(p.fixedSeconds(), 1e-3)).toArray();
        return FixedCostCurve.fit(x, f).at(n);
    }

    /** A rung's query seconds: the previous rung's scaled by the budget ratio (0 for the first: unknown). */
    private static double predictedRung(List<PilotData.Rung> rungs, long b) {
        if (rungs.isEmpty()) {
            return 0;
        }
        PilotData.Rung last = rungs.get(rungs.size() - 1);
        return sum(last.querySeconds()) * b / last.budget();
    }

    private static String skipped(String what, double predicted, PilotBudget budget) {
        return String.format("%s skipped: predicted %.0f s, %.0f s left of the pilot's %.0f s", what, predicted,
                Math.max(budget.left(), 0), budget.capSeconds());
    }

    private PilotData data(Task task, QuerySet queries, List<PilotData.AmortiserPoint> points,
                           List<PilotData.DirectPilot> direct, PilotBudget budget, List<String> notes,
                           List<PilotData.PassCostStep> passCost) {
        List<Integer> numbers = queries.queries().stream().map(QuerySet.Query::number).toList();
        var spent = budget.spent();
        return new PilotData(task.name(), numbers, queries.source(), config.measure(), queries.scored(),
                config.amortiser(), points,
                direct, spent.wallSeconds(), spent.cpuSeconds(), budget.capSeconds(), config.c2stFolds(),
                budget.pieces(), notes, passCost);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double[] c2st(List<QueryMeasurement> m) {
        return m.stream().mapToDouble(QueryMeasurement::c2st).toArray();
    }

    private static boolean[] certified(List<QueryMeasurement> m) {
        boolean[] out = new boolean[m.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Certification.certified(m.get(i).diagnostics());
        }
        return out;
    }

    /** Mean over held-out simulations and parameters of 1 − posterior variance / prior variance. */
    private static double meanContraction(CalibrationResult c) {
        double sum = 0;
        int d = c.parameterNames().size();
        for (int n = 0; n < c.simulations(); n++) {
            for (int j = 0; j < d; j++) {
                sum += c.contraction(n, j);
            }
        }
        return sum / (c.simulations() * (double) d);
    }

    private static double[] seconds(List<QueryMeasurement> m) {
        return m.stream().mapToDouble(q -> q.cost().wallSeconds()).toArray();
    }
}
