package dev.amortizer.bench.plan;

import dev.amortizer.bench.AmortiserCatalog;
import dev.amortizer.bench.BenchConfig;
import dev.amortizer.data.Quoted;
import dev.amortizer.diagnostics.C2stOptions;
import dev.amortizer.direct.DirectMethods;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pilot runs: the amortiser at a few small simulation budgets and each direct method at the cheap rungs of
 * its ladder, on the first few observations, within a time budget.
 *
 * @param task          task name (resolved by the caller)
 * @param amortiser     amortiser name ({@link AmortiserCatalog})
 * @param simulations   the amortiser's pilot budgets, increasing, at least two
 * @param observations  queries: sbibm's observations 1..k (or k generated ones)
 * @param methods       each direct method's pilot rungs, increasing, at least two each
 * @param samples       draws per query (10,000 as in the bench, so pilot C2ST compares with the bench's)
 * @param seed          seed of everything random in the pilot and the bootstrap
 * @param pilotSeconds  wall-time cap: a piece whose predicted cost does not fit in what is left is skipped, and the
 *                      plan says so ({@link PilotBudget})
 * @param c2stFolds     folds of sbibm's 5-fold C2ST split that are trained and scored, 1..5
 *                      ({@link #DEFAULT_C2ST_FOLDS}; the bench scores all 5)
 * @param measure       what the target measures
 * @param target        the plan's target: a direct method's ladder stops once a rung is {@link #BRACKET} below it
 *                      (C2ST), or once every query's answer is certified (coverage error)
 * @param heldOut       held-out simulations the amortiser's coverage error is measured on (coverage error only)
 */
public record PilotConfig(String task, String amortiser, List<Integer> simulations, int observations,
                          Map<String, List<Long>> methods, int samples, long seed, double pilotSeconds,
                          int c2stFolds, Measure measure, double target, int heldOut) {
    /** The default pilot budgets: four doublings up to 2,000 simulations, a fifth of the bench's 10⁴. */
    public static final List<Integer> DEFAULT_SIMULATIONS = List.of(250, 500, 1000, 2000);

    /**
     * The default direct pilots: the bench's default ladders without their largest (dearest) rung.
     */
    public static final Map<String, List<Long>> DEFAULT_METHODS = java.util.Collections.unmodifiableMap(
            new LinkedHashMap<>(java.util.stream.Stream.of("mcmc", "nuts", "rejection-abc").collect(
                    java.util.stream.Collectors.toMap(m -> m, m -> withoutLast(BenchConfig.DEFAULT_METHODS.get(m)),
                            (a, b) -> a, LinkedHashMap::new))));

    /**
     * The default direct pilots of a coverage-error plan: the methods that run chains, whose diagnostics can certify
     * an answer ({@link Certification}), at the bench's whole ladders (a certified answer usually needs the dearer
     * rungs; the pilot's cap skips what does not fit).
     */
    public static final Map<String, List<Long>> DEFAULT_CERTIFIABLE_METHODS = certifiable("mcmc", "nuts");

    /**
     * The pilot's scored C2ST folds: the first of sbibm's 5. Its classifier trains on the same four fifths of the rows
     * as each of the bench's five, so its accuracy has the same expectation as the bench's mean, at a fifth of the
     * compute; the test-set noise it adds (about 0.5/√4,000 = 0.008 per query) is small beside the spread between
     * observations. C2ST scoring was most of the pilot's compute (results/plan-validation.md). Fewer folds of a
     * coarser split, the earlier alternative, train each classifier on fewer rows and move the C2ST itself (+0.011 on
     * two_moons at 0.55, −0.046 on slcp at 0.615 with 2 folds).
     */
    public static final int DEFAULT_C2ST_FOLDS = 1;
    /**
     * How far below the target a direct method's rung must score for its ladder to stop there: its curve then
     * brackets the target, and dearer rungs would only refine a region the decision does not read.
     */
    public static final double BRACKET = 0.02;

    /** The default held-out simulations of a coverage-error pilot: a calibrated posterior shows 0.023 by chance. */
    public static final int DEFAULT_HELD_OUT = 200;
    /** Posterior draws per held-out simulation: the HPD level of its truth is resolved to 1/200. */
    static final int HELD_OUT_DRAWS = 200;

    /** A C2ST pilot. */
    public PilotConfig(String task, String amortiser, List<Integer> simulations, int observations,
                       Map<String, List<Long>> methods, int samples, long seed, double pilotSeconds, int c2stFolds,
                       double targetC2st) {
        this(task, amortiser, simulations, observations, methods, samples, seed, pilotSeconds, c2stFolds,
                Measure.C2ST, targetC2st, DEFAULT_HELD_OUT);
    }

    public PilotConfig {
        measure.checkTarget(target);
        if (heldOut < 20 || heldOut > 100_000) {
            throw new IllegalArgumentException("--held-out must be 20..100000, got " + heldOut);
        }
        if (!AmortiserCatalog.names().contains(amortiser)) {
            throw new IllegalArgumentException("--amortiser: unknown amortiser " + Quoted.of(amortiser) + "; known: "
                    + String.join(", ", AmortiserCatalog.names()));
        }
        increasing("--pilot-simulations", simulations.stream().map(Integer::longValue).toList(), 100);
        if (observations < 1 || observations > 10) {
            throw new IllegalArgumentException("--observations must be 1..10, got " + observations);
        }
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : methods.entrySet()) {
            if (!DirectMethods.names().contains(e.getKey())) {
                throw new IllegalArgumentException("--method: unknown direct method " + Quoted.of(e.getKey())
                        + "; known: " + String.join(", ", DirectMethods.names()));
            }
            copy.put(e.getKey(), increasing("--method " + e.getKey(), e.getValue(), 1));
        }
        methods = java.util.Collections.unmodifiableMap(copy);
        simulations = List.copyOf(simulations);
        if (samples < 100) {
            throw new IllegalArgumentException("samples must be >= 100, got " + samples);
        }
        if (c2stFolds < 1 || c2stFolds > C2stOptions.defaults().folds()) {
            throw new IllegalArgumentException("--pilot-c2st-folds must be 1.." + C2stOptions.defaults().folds()
                    + ", got " + c2stFolds);
        }
        if (!(pilotSeconds > 0) || !Double.isFinite(pilotSeconds)) {
            throw new IllegalArgumentException("--pilot-seconds must be a finite number > 0, got " + pilotSeconds);
        }
    }

    /** The C2ST settings of the pilot's scoring. */
    public C2stOptions c2st() {
        C2stOptions d = C2stOptions.defaults();
        return d.withScored(c2stFolds).withThreads(Math.min(d.threads(), c2stFolds));
    }

    private static Map<String, List<Long>> certifiable(String... names) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (String m : names) {
            out.put(m, BenchConfig.DEFAULT_METHODS.get(m));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static List<Long> withoutLast(List<Long> ladder) {
        return List.copyOf(ladder.subList(0, ladder.size() - 1));
    }

    private static List<Long> increasing(String what, List<Long> budgets, long minimum) {
        if (budgets.size() < 2) {
            throw new IllegalArgumentException(what + " needs at least two budgets to fit a curve through, got "
                    + budgets);
        }
        for (int i = 0; i < budgets.size(); i++) {
            if (budgets.get(i) < minimum || i > 0 && budgets.get(i) <= budgets.get(i - 1)) {
                throw new IllegalArgumentException(what + " must be >= " + minimum + " and increasing, got "
                        + budgets);
            }
        }
        return List.copyOf(budgets);
    }
}
