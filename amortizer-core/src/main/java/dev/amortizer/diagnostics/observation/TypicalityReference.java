package dev.amortizer.diagnostics.observation;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.random.Rng;
import dev.amortizer.task.ParallelSimulation;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Is x_o typical of the task's prior predictive p(x) = ∫ p(x | θ) p(θ) dθ, the distribution a model was trained on?
 * Prepared once per task (or model) from two independent sets of simulations: n reference rows, against which
 * {@link KernelScore} measures the MMD² of any x at four bandwidths, and m calibration rows, whose own MMD² values
 * give the statistics' distribution under "x comes from the simulator". The p-value of x is conformal
 * ({@link AggregatedRank}): for x drawn from the simulator, P(p ≤ α) ≤ α for every α. A query then costs 4n kernel
 * evaluations and no simulation, so {@link #atypical(double[])} is cheap enough to call on every observation.
 *
 * <p>x is compared as a vector: an i.i.d. set or a series of varying length (a task with a data layout) is compared
 * value by value, not through a learned summary.
 *
 * <p>{@code TypicalityReference ref = TypicalityReference.prepare(task, 1000, 1000, 0.05, Rng.seeded(1), 2);
 * if (ref.atypical(xObs)) { ... }}
 *
 * <p>Immutable and thread-safe once prepared.
 */
public final class TypicalityReference {
    /** Most reference rows: the median heuristic holds n(n − 1)/2 distances at once. */
    public static final int MAX_REFERENCE = 4000;

    private final KernelScore score;
    private final AggregatedRank ranks;
    private final double alpha;
    private final int dataDim;
    private final long simulations;
    private final long dropped;
    private final CostLedger cost;

    private TypicalityReference(KernelScore score, AggregatedRank ranks, double alpha, int dataDim, long simulations,
                                long dropped, CostLedger cost) {
        this.score = score;
        this.ranks = ranks;
        this.alpha = alpha;
        this.dataDim = dataDim;
        this.simulations = simulations;
        this.dropped = dropped;
        this.cost = cost;
    }

    /**
     * Simulates {@code reference} + {@code calibration} draws of the prior predictive on {@code threads} threads
     * (the result does not depend on them); rows with non-finite values (failed simulations) are dropped and counted.
     *
     * @param alpha the level below which a p-value makes x atypical, in (0, 1)
     * @throws IllegalArgumentException if a size or α is out of range, or fewer than 10 rows of either set are finite
     */
    public static TypicalityReference prepare(Task task, int reference, int calibration, double alpha, Rng rng,
                                              int threads) {
        if (reference < 10 || reference > MAX_REFERENCE) {
            throw new IllegalArgumentException("reference simulations must be in 10.." + MAX_REFERENCE + ", got "
                    + reference);
        }
        if (calibration < 10) {
            throw new IllegalArgumentException("calibration simulations must be >= 10, got " + calibration);
        }
        checkAlpha(alpha);
        CostMeter meter = new CostMeter();
        Rng referenceRng = rng.split();
        Rng calibrationRng = rng.split();
        double[][] refRows;
        double[][] calRows;
        try (var t = meter.start(Phase.VALIDATION)) {
            refRows = simulate(task, reference, referenceRng, threads);
            calRows = simulate(task, calibration, calibrationRng, threads);
        }
        meter.countSimulations(Phase.VALIDATION, (long) reference + calibration);
        double[][] finiteRef = finiteRows(refRows, "reference", task);
        double[][] finiteCal = finiteRows(calRows, "calibration", task);
        KernelScore score;
        AggregatedRank ranks;
        try (var t = meter.start(Phase.VALIDATION)) {
            score = new KernelScore(finiteRef);
            double[][] stats = new double[finiteCal.length][];
            for (int j = 0; j < stats.length; j++) {
                stats[j] = score.mmdSquared(finiteCal[j]);
            }
            ranks = new AggregatedRank(stats);
        }
        long dropped = (long) reference + calibration - finiteRef.length - finiteCal.length;
        return new TypicalityReference(score, ranks, alpha, task.dataDim(), (long) reference + calibration, dropped,
                meter.ledger());
    }

    /** As {@link #prepare(Task, int, int, double, Rng, int)} with the sizes, level and threads of {@code options}. */
    public static TypicalityReference prepare(Task task, CheckOptions options, Rng rng) {
        return prepare(task, options.referenceSimulations(), options.calibrationSimulations(), options.alpha(), rng,
                options.threads());
    }

    /** The MMD² of x, its p-value and whether it is below α. */
    public Typicality test(double[] x) {
        if (x.length != dataDim) {
            throw new IllegalArgumentException("the reference holds observations of " + dataDim + " values, got "
                    + x.length);
        }
        double[] s = score.mmdSquared(x);
        double p = ranks.pValue(s);
        return new Typicality(s[0], p, p <= alpha, alpha);
    }

    /** Whether x's p-value is at most α: the cheap per-query check. */
    public boolean atypical(double[] x) {
        return test(x).atypical();
    }

    /** The level α. */
    public double alpha() {
        return alpha;
    }

    /** The widest kernel bandwidth, the median distance between whitened reference rows. */
    public double bandwidth() {
        return score.medianDistance();
    }

    /** Simulations run to prepare this reference (dropped ones included). */
    public long simulations() {
        return simulations;
    }

    /** Simulations dropped for non-finite values. */
    public long dropped() {
        return dropped;
    }

    /** The preparation's cost, on the validation phase: paid once per model, not per query. */
    public CostLedger cost() {
        return cost;
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }

    private static double[][] simulate(Task task, int n, Rng rng, int threads) {
        Rng priorRng = rng.split();
        Rng simulatorRng = rng.split();
        return ParallelSimulation.simulate(task.simulator(), task.prior().sample(n, priorRng), simulatorRng, threads);
    }

    /** The rows with every value finite; at least 10 of them. */
    static double[][] finiteRows(double[][] rows, String what, Task task) {
        List<double[]> kept = new ArrayList<>(rows.length);
        for (double[] r : rows) {
            if (Arrays.stream(r).allMatch(Double::isFinite)) {
                kept.add(r);
            }
        }
        if (kept.size() < 10) {
            throw new IllegalArgumentException("only " + kept.size() + " of " + rows.length + " " + what
                    + " simulations of task " + task.name() + " are finite; at least 10 are needed");
        }
        return kept.toArray(double[][]::new);
    }
}
