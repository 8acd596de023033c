package dev.amortizer.diagnostics.calibration;

import dev.amortizer.cost.Cost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-simulation statistics of a {@link Calibration} check and the tests on them. Under an exact posterior the
 * SBC ranks are discrete uniform on 0..L per parameter, and the HPD levels and TARP fractions are U(0, 1).
 *
 * <ul>
 *   <li>SBC: X² p-value per parameter; the check's p-value is Bonferroni's, min(1, D · min_j p_j).</li>
 *   <li>Coverage: the empirical coverage at level c is #{n : α_n ≤ c}/N; its test is the Kolmogorov–Smirnov p-value
 *       of the α_n against U(0, 1), the largest coverage error over all levels at once.</li>
 *   <li>TARP: ECP(c) = #{n : f_n ≤ c}/N, ATC = 1/2 − mean(f), and the Kolmogorov–Smirnov p-value of the f_n.</li>
 * </ul>
 */
public final class CalibrationResult {
    private final List<String> names;
    private final int draws;
    private final int dropped;
    private final int[][] ranks;
    private final double[][] zScores;
    private final double[][] contractions;
    private final double[] hpdLevels;
    private final double[] tarpFractions;
    private final double[] truthLogDensities;
    private final boolean posteriorDensity;
    private final double bandHalfWidth;
    private final double bandAlpha;
    private final Cost simulationCost;
    private final Cost queryCost;

    CalibrationResult(List<String> names, int draws, int dropped, int[][] ranks, double[][] zScores,
                      double[][] contractions, double[] hpdLevels, double[] tarpFractions,
                      double[] truthLogDensities, boolean posteriorDensity,
                      double bandHalfWidth, double bandAlpha, Cost simulationCost, Cost queryCost) {
        int n = ranks.length;
        if (n < 2 || zScores.length != n || contractions.length != n || hpdLevels.length != n
                || tarpFractions.length != n || truthLogDensities.length != n) {
            throw new IllegalArgumentException("need at least two held-out simulations, one row each, got " + n);
        }
        this.names = List.copyOf(names);
        this.draws = draws;
        this.dropped = dropped;
        this.ranks = ranks;
        this.zScores = zScores;
        this.contractions = contractions;
        this.hpdLevels = hpdLevels;
        this.tarpFractions = tarpFractions;
        this.truthLogDensities = truthLogDensities;
        this.posteriorDensity = posteriorDensity;
        this.bandHalfWidth = bandHalfWidth;
        this.bandAlpha = bandAlpha;
        this.simulationCost = simulationCost;
        this.queryCost = queryCost;
    }

    public List<String> parameterNames() {
        return names;
    }

    /** N, the held-out simulations used. */
    public int simulations() {
        return ranks.length;
    }

    /** L, the posterior draws per held-out simulation. */
    public int draws() {
        return draws;
    }

    /** Held-out simulations dropped: non-finite outputs, or observations the posterior refused. */
    public int dropped() {
        return dropped;
    }

    /** True if the HPD levels use the posterior's own density, false if a kernel density estimate over the draws. */
    public boolean posteriorDensity() {
        return posteriorDensity;
    }

    /** The SBC rank of simulation n's parameter j, in 0..L. */
    public int rank(int n, int j) {
        return ranks[n][j];
    }

    public double zScore(int n, int j) {
        return zScores[n][j];
    }

    public double contraction(int n, int j) {
        return contractions[n][j];
    }

    /** α_n: the credibility level of the smallest HPD region holding θ*_n. */
    public double hpdLevel(int n) {
        return hpdLevels[n];
    }

    /** f_n: the TARP fraction of simulation n. */
    public double tarpFraction(int n) {
        return tarpFractions[n];
    }

    /** Parameter j's ranks over the simulations. */
    public int[] ranks(int j) {
        return Arrays.stream(ranks).mapToInt(r -> r[j]).toArray();
    }

    /** ε of the simultaneous band of the rank ECDF difference, and its α. */
    public double bandHalfWidth() {
        return bandHalfWidth;
    }

    public double bandAlpha() {
        return bandAlpha;
    }

    /** Cost of simulating the held-out pairs (prior draws and simulator calls). */
    public Cost simulationCost() {
        return simulationCost;
    }

    /** Cost of the N posterior queries of L draws each. */
    public Cost queryCost() {
        return queryCost;
    }

    public List<ParameterSummary> parameters() {
        int bins = UniformityTests.bins(simulations(), draws);
        List<ParameterSummary> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            int[] r = ranks(j);
            final int col = j;
            double[] z = Arrays.stream(zScores).mapToDouble(row -> row[col]).toArray();
            double[] c = Arrays.stream(contractions).mapToDouble(row -> row[col]).toArray();
            out.add(new ParameterSummary(names.get(j), UniformityTests.chiSquare(r, draws, bins),
                    UniformityTests.maxEcdfDeviation(r, draws), mean(z), sd(z), quantiles(z), mean(c),
                    quantiles(c)));
        }
        return out;
    }

    /** Bonferroni's p-value of the per-parameter SBC tests. */
    public double sbcPValue() {
        double min = parameters().stream().mapToDouble(ParameterSummary::sbcPValue).min().orElse(1);
        return Math.min(1, names.size() * min);
    }

    public double coveragePValue() {
        return UniformityTests.ks(hpdLevels);
    }

    public double tarpPValue() {
        return UniformityTests.ks(tarpFractions);
    }

    /** log q(θ*_n | x*_n), the posterior's log density at held-out simulation n's truth; NaN without a density. */
    public double truthLogDensity(int n) {
        return truthLogDensities[n];
    }

    /**
     * The held-out log score: the mean of log q(θ* | x*) over the held-out simulations, NaN without a density. A
     * proper score: its expectation is highest for the true posterior, and the gap is the expected KL divergence
     * E_x KL(p(θ | x) ‖ q(θ | x)), so two posteriors compare by it without a reference (it has no absolute scale).
     */
    public double logScore() {
        return mean(truthLogDensities);
    }

    /** ATC = 1/2 − mean(f). */
    public double atc() {
        return 0.5 - mean(tarpFractions);
    }

    /** Empirical coverage of the HPD regions at each credibility level. */
    public double[] coverage(double[] levels) {
        return fractionAtMost(hpdLevels, levels);
    }

    /** TARP's expected coverage probability at each credibility level. */
    public double[] ecp(double[] levels) {
        return fractionAtMost(tarpFractions, levels);
    }

    private static double[] fractionAtMost(double[] values, double[] levels) {
        double[] out = new double[levels.length];
        for (int k = 0; k < levels.length; k++) {
            int count = 0;
            for (double v : values) {
                if (v <= levels[k]) {
                    count++;
                }
            }
            out[k] = count / (double) values.length;
        }
        return out;
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
    }

    /** The 5%, 50% and 95% quantiles (nearest rank). */
    static double[] quantiles(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double[] q = {0.05, 0.5, 0.95};
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            out[k] = s[Math.min(s.length - 1, Math.max(0, (int) Math.ceil(q[k] * s.length) - 1))];
        }
        return out;
    }
}
