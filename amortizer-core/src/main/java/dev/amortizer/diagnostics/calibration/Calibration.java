package dev.amortizer.diagnostics.calibration;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.ParallelSimulation;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibration of a posterior without a reference: N held-out pairs θ*_n ~ p(θ), x*_n ~ p(x | θ*_n), and L draws
 * θ_{n,l} ~ q(θ | x*_n) each. If q is the true posterior, θ*_n is one more draw from q(θ | x*_n), exchangeable with
 * the L draws, so every rank and fraction computed below is uniform (Talts et al. 2018, SBC; Lemos et al. 2023,
 * TARP); departures show how q is wrong. Statistics per pair are in {@link HeldOutStatistics}, {@link HpdLevel} and
 * {@link Tarp}; tests in {@link CalibrationResult}. The prior's variance (contraction) and scale (TARP) are
 * estimated from the held-out θ*_n, which are prior draws.
 *
 * <p>{@code CalibrationResult r = Calibration.check(posterior, task, 1000, 200, Rng.seeded(1));}
 *
 * @see <a href="https://arxiv.org/abs/1804.06788">Talts et al., Validating Bayesian inference algorithms with SBC</a>
 * @see <a href="https://arxiv.org/abs/2302.03026">Lemos et al., Sampling-based accuracy testing of posterior
 *      estimators (TARP)</a>
 */
public final class Calibration {
    /** α of the simultaneous band of the rank ECDF difference. */
    public static final double BAND_ALPHA = 0.05;
    /** Seeded uniform rank sets that find the band. */
    static final int BAND_REPLICATES = 1000;

    private Calibration() {
    }

    /**
     * Checks {@code posterior} on {@code heldOut} simulations of {@code task} with {@code draws} posterior draws
     * each. Simulations with non-finite outputs, and observations the posterior refuses, are dropped and counted.
     *
     * @throws IllegalArgumentException if the sizes are too small or the posterior's dimension is not the task's
     */
    public static CalibrationResult check(Posterior posterior, Task task, int heldOut, int draws, Rng rng) {
        return check(posterior, task, heldOut, draws, rng, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #check(Posterior, Task, int, int, Rng)}, on {@code threads} threads; the result does not depend on it. */
    public static CalibrationResult check(Posterior posterior, Task task, int heldOut, int draws, Rng rng,
                                          int threads) {
        checkArguments(posterior, task, heldOut, draws, threads); // before any simulation is paid for
        return check(posterior, task, simulate(task, heldOut, rng, threads), draws, rng, threads);
    }

    /**
     * The held-out pairs θ*_n ~ p(θ), x*_n ~ p(x | θ*_n) of a check, simulated once so that several posteriors (a
     * planner's pilot budgets, say) are checked on the same set; {@link #check(Posterior, Task, HeldOut, int, Rng,
     * int)} with the same {@code rng} afterwards gives what {@link #check(Posterior, Task, int, int, Rng, int)} gives.
     */
    public static HeldOut simulate(Task task, int heldOut, Rng rng, int threads) {
        checkThreads(threads);
        if (heldOut < 1) {
            throw new IllegalArgumentException("held-out simulations must be >= 1, got " + heldOut);
        }
        Rng priorRng = rng.split();
        Rng simulatorRng = rng.split();
        CostMeter meter = new CostMeter();
        double[][] thetas;
        double[][] xs;
        try (var t = meter.start(Phase.SIMULATION)) {
            thetas = task.prior().sample(heldOut, priorRng);
            xs = ParallelSimulation.simulate(task.simulator(), thetas, simulatorRng, threads);
        }
        meter.countSimulations(Phase.SIMULATION, heldOut);
        return new HeldOut(thetas, xs, meter.ledger().get(Phase.SIMULATION));
    }

    /**
     * Simulated held-out pairs and what simulating them cost.
     *
     * @param thetas θ*_n, one row each
     * @param xs     x*_n, one row each (non-finite rows are dropped by the check)
     * @param cost   the simulation's cost
     */
    public record HeldOut(double[][] thetas, double[][] xs, Cost cost) {
    }

    /**
     * Checks {@code posterior} on simulated pairs {@code held} ({@link #simulate}), {@code draws} posterior draws each.
     *
     * @throws IllegalArgumentException if the sizes are too small or the posterior's dimension is not the task's
     */
    public static CalibrationResult check(Posterior posterior, Task task, HeldOut held, int draws, Rng rng,
                                          int threads) {
        int heldOut = held.thetas().length;
        checkArguments(posterior, task, heldOut, draws, threads);
        double[][] thetas = held.thetas();
        double[][] xs = held.xs();
        Rng[] queryRngs = rng.split(heldOut);
        Rng statisticsRng = rng.split();
        Rng tarpRng = rng.split();
        Rng bandRng = rng.split();
        CostMeter meter = new CostMeter();
        double[][][] queried;
        // one timer around the whole parallel block: process CPU time would be counted once per thread otherwise
        try (var t = meter.start(Phase.QUERY)) {
            queried = HeldOutQueries.draws(posterior, task, xs, draws, queryRngs, meter, threads);
        }
        double[][] logDensities = posterior instanceof AmortisedDensity q
                ? HeldOutQueries.logDensities(q, thetas, xs, queried, threads) : null;
        List<double[]> truths = new ArrayList<>();
        List<double[][]> allDraws = new ArrayList<>();
        List<double[]> densities = new ArrayList<>();
        for (int n = 0; n < heldOut; n++) {
            if (queried[n] != null) {
                truths.add(thetas[n]);
                allDraws.add(queried[n]);
                if (logDensities != null) {
                    densities.add(logDensities[n]);
                }
            }
        }
        int kept = truths.size();
        if (kept < 2) {
            throw new IllegalArgumentException("only " + kept + " of " + heldOut + " held-out simulations of task "
                    + task.name() + " gave valid observations the posterior accepts; need at least 2");
        }
        double[] priorVariance = variances(truths);
        Tarp tarp = new Tarp(truths.toArray(double[][]::new));
        int d = task.parameterDim();
        int[][] ranks = new int[kept][];
        double[][] z = new double[kept][];
        double[][] contraction = new double[kept][];
        double[] hpd = new double[kept];
        double[] truthLogQ = new double[kept];
        double[] tarpFractions = new double[kept];
        boolean hasDensity = posterior instanceof AmortisedDensity;
        for (int n = 0; n < kept; n++) {
            double[] truth = truths.get(n);
            double[][] drawn = allDraws.get(n);
            ranks[n] = HeldOutStatistics.ranks(truth, drawn, statisticsRng);
            double[][] zc = HeldOutStatistics.zAndContraction(truth, drawn, priorVariance);
            z[n] = zc[0];
            contraction[n] = zc[1];
            if (hasDensity) {
                double[] logQ = densities.get(n);
                hpd[n] = HpdLevel.fromDensities(logQ[0], java.util.Arrays.copyOfRange(logQ, 1, logQ.length),
                        statisticsRng);
                truthLogQ[n] = logQ[0];
            } else {
                hpd[n] = HpdLevel.fromKde(truth, drawn, statisticsRng);
                truthLogQ[n] = Double.NaN;
            }
            tarpFractions[n] = tarp.fraction(truth, drawn, tarpRng);
        }
        double band = UniformityTests.ecdfBand(kept, draws, BAND_ALPHA, BAND_REPLICATES, bandRng);
        var ledger = meter.ledger();
        return new CalibrationResult(task.parameterNames().subList(0, d), draws, heldOut - kept, ranks, z,
                contraction, hpd, tarpFractions, truthLogQ, hasDensity, band, BAND_ALPHA, held.cost(),
                ledger.get(Phase.QUERY));
    }

    private static void checkArguments(Posterior posterior, Task task, int heldOut, int draws, int threads) {
        checkThreads(threads);
        if (heldOut < 10) {
            throw new IllegalArgumentException("held-out simulations must be >= 10, got " + heldOut);
        }
        if (draws < 2) {
            throw new IllegalArgumentException("posterior draws per simulation must be >= 2, got " + draws);
        }
        if (posterior.parameterDim() != task.parameterDim()) {
            throw new IllegalArgumentException("the posterior has " + posterior.parameterDim() + " parameters, task "
                    + task.name() + " has " + task.parameterDim());
        }
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    private static double[] variances(List<double[]> rows) {
        int d = rows.get(0).length;
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            final int col = j;
            double[] column = rows.stream().mapToDouble(r -> r[col]).toArray();
            double sd = CalibrationResult.sd(column);
            v[j] = sd * sd;
        }
        return v;
    }
}
