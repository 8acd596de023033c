package dev.amortizer.bench;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Break-even at matched accuracy and at the direct method's defaults, with a bootstrap over the queries (amortizer-bench/README.md):
 * c_A = median per-query cost of the amortiser, target a = its mean C2ST,
 * c_D(a) read off the direct method's anytime profile, N* = ⌈F / (c_D − c_A)⌉.
 * Each bootstrap replicate resamples the observations with replacement and recomputes
 * c_A, a, the profile and both N*; each interval is the 2.5% and 97.5% quantiles.
 *
 * <p>Where the answers were not scored (no C2ST: a simulator-only task has no reference to score against), nothing
 * can be matched: the verdict carries only N* at the direct method's default budget, and its matched fields are
 * null rather than a number that would look like a matched one.
 */
public final class BreakEvenAnalysis {
    private final double fixedSeconds;
    private final List<QueryMeasurement> amortised;
    private final int replicates;

    /**
     * @param fixedSeconds F, the amortiser's up-front wall seconds
     * @param amortised    one measurement per query, in observation order
     * @param replicates   bootstrap replicates (e.g. 2000)
     */
    public BreakEvenAnalysis(double fixedSeconds, List<QueryMeasurement> amortised, int replicates) {
        if (amortised.isEmpty()) {
            throw new IllegalArgumentException("the amortiser answered no queries");
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("bootstrap replicates must be >= 1, got " + replicates);
        }
        this.fixedSeconds = fixedSeconds;
        this.amortised = List.copyOf(amortised);
        this.replicates = replicates;
    }

    /** Whether the amortiser's answers were scored; unscored answers have NaN C2ST, all of them. */
    public boolean scored() {
        return amortised.stream().noneMatch(m -> Double.isNaN(m.c2st()));
    }

    /** Median per-query wall seconds of the amortiser. */
    public double amortisedPerQuery() {
        return medianWall(amortised, identity(amortised.size()));
    }

    /** Mean C2ST of the amortiser. */
    public double amortisedC2st() {
        return meanC2st(amortised, identity(amortised.size()));
    }

    /**
     * Compares one direct method with the amortiser.
     *
     * @param byBudget      for each budget (ascending), one measurement per query in the same observation order
     * @param defaultBudget the method's default budget, one of the keys
     */
    public DirectVerdict compare(String method, String unit, Map<Long, List<QueryMeasurement>> byBudget,
                                 long defaultBudget, Rng rng) {
        TreeMap<Long, List<QueryMeasurement>> sorted = new TreeMap<>(byBudget);
        for (Map.Entry<Long, List<QueryMeasurement>> e : sorted.entrySet()) {
            if (e.getValue().size() != amortised.size()) {
                throw new IllegalArgumentException(method + " at budget " + e.getKey() + " answered "
                        + e.getValue().size() + " queries, the amortiser " + amortised.size());
            }
        }
        if (!sorted.containsKey(defaultBudget)) {
            throw new IllegalArgumentException("default budget " + defaultBudget + " of " + method
                    + " is not among the measured budgets " + sorted.keySet());
        }
        int[] all = identity(amortised.size());
        List<ProfilePoint> profile = profile(sorted, all);
        double target = meanC2st(amortised, all);
        double cA = medianWall(amortised, all);
        boolean scored = scored();
        CostAtAccuracy matchedCost = scored ? CostAtAccuracy.read(profile, target) : null;
        BreakEven matched = scored ? BreakEven.of(fixedSeconds, matchedCost, cA) : null;
        ProfilePoint defaultPoint = profile.stream().filter(p -> p.budget() == defaultBudget).findFirst().orElseThrow();
        BreakEven atDefault = BreakEven.of(fixedSeconds,
                new CostAtAccuracy(defaultPoint.medianWallSeconds(), CostAtAccuracy.Status.REACHED), cA);

        double[] bootMatched = new double[replicates];
        double[] bootDefault = new double[replicates];
        int n = amortised.size();
        int[] idx = new int[n];
        for (int r = 0; r < replicates; r++) {
            for (int i = 0; i < n; i++) {
                idx[i] = rng.nextInt(n);
            }
            List<ProfilePoint> resampled = profile(sorted, idx);
            double cAr = medianWall(amortised, idx);
            bootMatched[r] = !scored ? Double.NaN : asBound(BreakEven.of(fixedSeconds,
                    CostAtAccuracy.read(resampled, meanC2st(amortised, idx)), cAr));
            double cDefault = resampled.stream().filter(p -> p.budget() == defaultBudget).findFirst().orElseThrow()
                    .medianWallSeconds();
            bootDefault[r] = asBound(BreakEven.of(fixedSeconds,
                    new CostAtAccuracy(cDefault, CostAtAccuracy.Status.REACHED), cAr));
        }
        return new DirectVerdict(method, unit, profile, target, matchedCost, matched,
                scored ? interval(bootMatched) : null,
                defaultBudget, defaultPoint, atDefault, interval(bootDefault));
    }

    /** A replicate's N* as a number, +∞ for "never" and "undetermined". */
    private static double asBound(BreakEven b) {
        return b.status() == BreakEven.Status.NEVER || b.status() == BreakEven.Status.UNDETERMINED
                ? Double.POSITIVE_INFINITY : b.queries();
    }

    private static double[] interval(double[] replicates) {
        return new double[] {Stats.quantile(replicates, 0.025), Stats.quantile(replicates, 0.975)};
    }

    private static List<ProfilePoint> profile(TreeMap<Long, List<QueryMeasurement>> byBudget, int[] idx) {
        List<ProfilePoint> out = new ArrayList<>();
        for (Map.Entry<Long, List<QueryMeasurement>> e : byBudget.entrySet()) {
            out.add(new ProfilePoint(e.getKey(), meanC2st(e.getValue(), idx), medianWall(e.getValue(), idx)));
        }
        return out;
    }

    private static double meanC2st(List<QueryMeasurement> m, int[] idx) {
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = m.get(idx[i]).c2st();
        }
        return Stats.mean(v);
    }

    private static double medianWall(List<QueryMeasurement> m, int[] idx) {
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = m.get(idx[i]).cost().wallSeconds();
        }
        return Stats.median(v);
    }

    private static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }
}
