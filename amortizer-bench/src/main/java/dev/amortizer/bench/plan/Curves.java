package dev.amortizer.bench.plan;

import dev.amortizer.bench.Stats;
import dev.amortizer.random.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning curves fitted to one (possibly resampled) pilot: the amortiser's accuracy ({@link Measure}), fixed cost
 * F and per-query cost against simulations; each direct method's C2ST against its per-query cost (or, on a
 * coverage-error target, the cost of its first certified rung), and its cost against its budget.
 *
 * @param accuracy   amortiser accuracy against simulations; null when the pilot measured none
 * @param fixedCost  amortiser F (wall seconds) against simulations
 * @param fixedCpu   amortiser F in process CPU seconds against simulations
 * @param queryCost  amortiser c_A (wall seconds) against simulations, read through {@link #querySeconds}
 * @param direct     per direct method
 * @param smallestSimulations the pilot's smallest amortiser budget (no budget is recommended below it)
 * @param largestSimulations the pilot's largest amortiser budget (extrapolation is capped from it)
 * @param logScores  on a coverage-error target, the amortiser's held-out log score at each pilot budget
 *                   ({@link Sharpness}); null otherwise or without densities
 */
public record Curves(PowerLaw accuracy, FixedCostCurve fixedCost, FixedCostCurve fixedCpu, LogLine queryCost,
                     Map<String, DirectCurve> direct, int smallestSimulations, int largestSimulations,
                     Sharpness.Scores logScores) {
    /** Curves without log scores (a C2ST target). */
    public Curves(PowerLaw accuracy, FixedCostCurve fixedCost, FixedCostCurve fixedCpu, LogLine queryCost,
                  Map<String, DirectCurve> direct, int smallestSimulations, int largestSimulations) {
        this(accuracy, fixedCost, fixedCpu, queryCost, direct, smallestSimulations, largestSimulations, null);
    }

    /**
     * The smallest budget past which a doubling of the simulations raises the held-out log score by less than
     * {@code minGain} nats ({@link Sharpness}); 0 without log scores.
     */
    public double sharpSimulations(double minGain) {
        return Sharpness.simulations(logScores, minGain);
    }

    /**
     * Model error of a learning curve, beyond what the pilot's scatter shows: the standard deviation of a normal
     * perturbation of its decay exponent b, pivoted at the pilot's largest point, so that the extra spread grows with
     * the distance extrapolated (at 5× beyond it, ±0.40 in log excess at 1.645 σ). An assumption the validation
     * checks (results/plan-validation.md), not a fitted number.
     */
    static final double EXPONENT_SIGMA = 0.15;
    /**
     * Model error of F: the log-normal standard deviation of a factor on the per-simulation cost (90%: ×0.72–×1.39),
     * for what the pilot's budgets cannot show (the candidate that wins, the epochs to early stopping). Likewise an
     * assumption the validation checks.
     */
    static final double FIXED_COST_SIGMA = 0.2;
    /**
     * Model error of F's growth beyond the pilot ({@link FixedCostCurve#EPOCH_GROWTH}): the standard deviation of its
     * exponent, that of the trainings it was measured on (results/plan-validation.md); at 5× beyond the pilot's
     * largest budget, ×0.65–×1.53 at 90%.
     */
    static final double EPOCH_GROWTH_SIGMA = 0.16;
    /**
     * Model error of a direct method's per-query cost: the log-normal standard deviation of one factor on all its
     * timings (90%: ×0.52–×1.93). The same rung timed in four fresh JVMs on the quiet machine (random-walk MCMC at
     * 10⁴ evaluations on two_moons' observations 1–3) ran in 49–63, 35–63, 19–27 and 35–43 ms, a log-sd of about 0.4
     * between the processes' midpoints (results/plan-validation.md): the JIT compiles differently from one process to
     * the next, so the bench's process prices a method differently from the pilot's, whatever either measures
     * within itself. An assumption the validation checks.
     */
    static final double DIRECT_COST_SIGMA = 0.4;
    /**
     * How far one training's mean C2ST strays from the learning curve: the standard deviation between training seeds
     * of a pilot point's mean C2ST (same budget, same observations, one fold), pooled over the validation's pilots at
     * 1,000 and 2,000 simulations (two_moons, gaussian_linear, slcp, sir; seeds 1–3): 0.022 (results/
     * plan-validation.md). A replicate's amortiser point moves by at least this much ({@link #fit}); an assumption
     * the validation checks, set on its own pilots.
     */
    static final double TRAINING_C2ST_SIGMA = 0.02;
    /** Student's t 95% quantiles for 1..30 degrees of freedom (beyond: 30's). */
    private static final double[] T95 = {6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812,
        1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708,
        1.706, 1.703, 1.701, 1.699, 1.697};

    /**
     * A direct method's curves.
     *
     * @param accuracy     C2ST against per-query wall seconds; null when unscored
     * @param cost         per-query wall seconds against the budget (in the method's unit)
     * @param unit         the budget's unit
     * @param pilotBudgets the pilot's rungs
     * @param rungCosts    each rung's median per-query wall seconds, in rung order
     * @param rungC2st     each rung's mean C2ST (NaN where unscored), in rung order
     * @param certifiedCost   coverage-error plans: the median per-query wall seconds of the cheapest rung whose every
     *                        answer its diagnostics certify ({@link Certification}), +∞ where none is; NaN otherwise
     * @param certifiedBudget that rung's budget, 0 where none is
     */
    public record DirectCurve(PowerLaw accuracy, LogLine cost, String unit, long[] pilotBudgets, double[] rungCosts,
                              double[] rungC2st, double certifiedCost, long certifiedBudget) {
        /** The pilot's cheapest rung's median per-query cost: no option is priced below it. */
        public double smallestCost() {
            return java.util.Arrays.stream(rungCosts).min().orElse(Double.NaN);
        }

        /** The pilot's largest median per-query cost: extrapolation is capped from it. */
        public double largestCost() {
            return java.util.Arrays.stream(rungCosts).max().orElse(Double.NaN);
        }

        /**
         * The per-query cost of the cheapest rung whose mean C2ST already reaches {@code target}, +∞ where none does:
         * what the pilot measured bounds c_D from above, whatever the fitted curve says.
         */
        public double cheapestRungReaching(double target) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < rungCosts.length; i++) {
                if (rungC2st[i] <= target) {
                    best = Math.min(best, rungCosts[i]);
                }
            }
            return best;
        }
    }

    /**
     * Fits every curve to the pilot's observations {@code rows} (indices, repeats allowed: a bootstrap resample).
     * With {@code jitter} non-null every fitted point also moves by its own residual with a random sign (a wild
     * bootstrap), so that the spread reflects how badly the form fits, not only which observations were drawn, and
     * the model errors above are drawn ({@link #EXPONENT_SIGMA}, {@link #FIXED_COST_SIGMA},
     * {@link #DIRECT_COST_SIGMA}). A coverage-error pilot's amortiser accuracy is resampled over its held-out
     * simulations instead, {@code pairs} (indices below the smallest held-out count of its points).
     */
    public static Curves fit(PilotData pilot, int[] rows, int[] pairs, Rng jitter) {
        boolean calibration = pilot.measure() == Measure.COVERAGE_ERROR;
        int m = pilot.points().size();
        double[] n = new double[m];
        double[] c2st = new double[m];
        double[] fixed = new double[m];
        double[] cpu = new double[m];
        double[] query = new double[m];
        for (int i = 0; i < m; i++) {
            PilotData.AmortiserPoint p = pilot.points().get(i);
            n[i] = p.simulations();
            c2st[i] = calibration ? CoverageError.of(p.hpdLevels(), pairs) : resampledMean(p.c2st(), rows);
            fixed[i] = p.fixedSeconds();
            cpu[i] = Math.max(p.fixedCpuSeconds(), 0.01); // the process CPU clock ticks in 10 ms
            query[i] = median(p.querySeconds(), rows);
        }
        PowerLaw accuracy = pilot.accuracyMeasured() ? accuracy(n, c2st, jitter, n[m - 1], pilot.measure().perfect(),
                calibration ? 0 : TRAINING_C2ST_SIGMA) : null;
        Map<String, DirectCurve> direct = new LinkedHashMap<>();
        for (PilotData.DirectPilot d : pilot.direct()) {
            int k = d.rungs().size();
            double[] budget = new double[k];
            double[] cost = new double[k];
            double[] acc = new double[k];
            long[] budgets = new long[k];
            double largest = 0;
            double timing = jitter == null ? 1 : Math.exp(DIRECT_COST_SIGMA * jitter.nextGaussian());
            double certifiedCost = calibration ? Double.POSITIVE_INFINITY : Double.NaN;
            long certifiedBudget = 0;
            for (int i = 0; i < k; i++) {
                PilotData.Rung r = d.rungs().get(i);
                budgets[i] = r.budget();
                budget[i] = r.budget();
                cost[i] = timing * median(r.querySeconds(), rows);
                acc[i] = resampledMean(r.c2st(), rows);
                largest = Math.max(largest, cost[i]);
                if (calibration && certifiedBudget == 0 && Certification.all(r.certified(), rows)) {
                    certifiedCost = cost[i];
                    certifiedBudget = r.budget();
                }
            }
            PowerLaw curve = !calibration && pilot.scored() ? accuracy(cost, acc, jitter, largest, 0.5, 0) : null;
            LogLine costLine = k >= 2 ? line(budget, cost, jitter) : new LogLine(Math.log(cost[0]), 0);
            direct.put(d.method(), new DirectCurve(curve, costLine, d.unit(), budgets, cost, acc, certifiedCost,
                    certifiedBudget));
        }
        PilotData.AmortiserPoint last = pilot.points().get(m - 1);
        return new Curves(accuracy,
                fixedCost(n, fixed, share(last.trainingSeconds(), last.fixedSeconds()), pilot.passRatios(false),
                        jitter),
                fixedCost(n, cpu, share(last.trainingCpuSeconds(), last.fixedCpuSeconds()), pilot.passRatios(true),
                        jitter),
                line(n, query, jitter),
                direct, (int) n[0], (int) n[m - 1], calibration ? Sharpness.scores(pilot, pairs) : null);
    }

    /**
     * c_A at n simulations: the fitted line within the pilot's range, held at its largest budget's value beyond it.
     * The network answering a query is the same size whatever n; what moves c_A in the pilot (rejection of draws
     * outside the prior's support by a poor early fit) should not be extrapolated to a trend.
     */
    public double querySeconds(double n) {
        return queryCost.at(Math.min(n, largestSimulations));
    }

    /** Every observation once: the point estimate. */
    public static int[] all(PilotData pilot) {
        return all(pilot.observations().size());
    }

    /** Indices 0..k−1, each once. */
    public static int[] all(int k) {
        return java.util.stream.IntStream.range(0, k).toArray();
    }

    /** Every held-out simulation once (those below the smallest count of the points; none in a C2ST pilot). */
    public static int[] allPairs(PilotData pilot) {
        return all(heldOutPairs(pilot));
    }

    /** The held-out simulations every point has: the smallest count among them (0 in a C2ST pilot). */
    public static int heldOutPairs(PilotData pilot) {
        return pilot.points().stream().mapToInt(p -> p.hpdLevels().length).min().orElse(0);
    }

    /**
     * Each replicate moves each point of {@code value} by its residual with a random sign and, where that residual
     * is smaller than {@code noise}, by a normal draw topping its spread up to {@code noise}: three curve parameters
     * through four points leave too little residual to show how far one training's score strays from the curve. The
     * refitted curve then moves by one more such draw, the stray of the training the prediction is about.
     */
    private static PowerLaw accuracy(double[] x, double[] value, Rng jitter, double pivot, double perfect,
                                     double noise) {
        PowerLaw fit = PowerLawFit.fit(x, value, perfect);
        if (jitter == null) {
            return fit;
        }
        double[] moved = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double fitted = fit.at(x[i]) - perfect;
            double residual = Math.log(Math.max(value[i] - perfect, PowerLawFit.MIN_EXCESS)) - Math.log(fitted);
            moved[i] = perfect + fitted * Math.exp(sign(jitter) * residual);
            double shown = value[i] - perfect - fitted;
            if (noise > Math.abs(shown)) {
                moved[i] += Math.sqrt(noise * noise - shown * shown) * jitter.nextGaussian();
            }
        }
        PowerLaw refit = PowerLawFit.fit(x, moved, perfect).withExponentShift(EXPONENT_SIGMA * jitter.nextGaussian(),
                pivot);
        return noise > 0 ? refit.withOffset(noise * jitter.nextGaussian()) : refit;
    }

    /**
     * F's curve; with {@code jitter}, a wild bootstrap of its line and the model errors {@link #FIXED_COST_SIGMA} on
     * the per-simulation cost and {@link #EPOCH_GROWTH_SIGMA} on the growth beyond the pilot's budgets. The residuals
     * are taken from the freely fitted line, so that the point the curve is pinned to moves too, as far as the other
     * points disagree with it.
     */
    private static FixedCostCurve fixedCost(double[] n, double[] f, double trainingShare,
                                            List<FixedCostCurve.PassRatio> passRatios, Rng jitter) {
        FixedCostCurve fit = FixedCostCurve.fit(n, f, trainingShare, passRatios);
        if (jitter == null) {
            return fit;
        }
        FixedCostLine free = FixedCostLine.fit(n, f);
        double[] moved = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            double fitted = Math.max(free.at(n[i]), 1e-9);
            moved[i] = fitted * Math.exp(sign(jitter) * (Math.log(f[i]) - Math.log(fitted)));
        }
        FixedCostLine refit = FixedCostLine.pinned(n, moved);
        FixedCostLine line = new FixedCostLine(refit.overhead(),
                refit.perSimulation() * Math.exp(FIXED_COST_SIGMA * jitter.nextGaussian()));
        return fit.withLine(line).withGrowth(fit.growth() + EPOCH_GROWTH_SIGMA * jitter.nextGaussian());
    }

    /** Training seconds over F's; 1 (all of F grows) where the pilot did not record them. */
    private static double share(double training, double fixed) {
        return training >= 0 && fixed > 0 ? Math.min(training / fixed, 1) : 1;
    }

    private static LogLine line(double[] x, double[] y, Rng jitter) {
        LogLine fit = LogLine.fit(x, y);
        if (jitter == null) {
            return fit;
        }
        double[] moved = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double fitted = fit.at(x[i]);
            moved[i] = fitted * Math.exp(sign(jitter) * (Math.log(y[i]) - Math.log(fitted)));
        }
        return LogLine.fit(x, moved);
    }

    private static double sign(Rng rng) {
        return rng.nextDouble() < 0.5 ? -1 : 1;
    }

    /**
     * The mean C2ST over {@code rows}, its deviation from the mean over every observation widened by
     * {@link #smallSampleFactor}: a bootstrap over k observations spreads the mean too little for small k.
     */
    private static double resampledMean(double[] values, int[] rows) {
        double all = Stats.mean(values);
        return all + smallSampleFactor(values.length) * (Stats.mean(pick(values, rows)) - all);
    }

    /**
     * √(k/(k−1))·t₀.₉₅(k−1)/z₀.₉₅: the bootstrap's spread of a mean over k observations is the plug-in
     * σ·√((k−1)/k)/√k, and a 90% interval for a mean estimated from k values needs Student's t with k−1 degrees of
     * freedom, not the normal quantile (k = 3: ×2.17; k = 10: ×1.17). 1 for a single observation (nothing spreads).
     */
    static double smallSampleFactor(int k) {
        if (k < 2) {
            return 1;
        }
        return Math.sqrt(k / (k - 1.0)) * T95[Math.min(k - 1, T95.length) - 1] / 1.6449;
    }

    private static double median(double[] values, int[] rows) {
        return Stats.median(pick(values, rows));
    }

    private static double[] pick(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
