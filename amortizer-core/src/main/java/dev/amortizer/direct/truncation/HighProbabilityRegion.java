package dev.amortizer.direct.truncation;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The highest-probability region {θ : log q(θ) ≥ τ} of a density q, with τ the ε-quantile of log q over draws
 * θ₁ … θ_M ~ q: it holds about 1 − ε of q's mass. With M = 10,000 and ε = 10⁻⁴ (Deistler et al. 2022) τ is the
 * smallest log q among the draws. The draws' bounding box is kept for {@link TruncatedPrior}'s fallback.
 *
 * <p>{@code HighProbabilityRegion r = HighProbabilityRegion.of(draws, logQ, 1e-4);}
 *
 * @param threshold τ, finite
 * @param lower     the draws' smallest value per coordinate
 * @param upper     the draws' largest value per coordinate
 * @param logQ      log q for rows of θ, −∞ where q is zero
 * @see "Deistler, Goncalves and Macke (2022), Truncated proposals for scalable and hassle-free simulation-based
 *     inference, NeurIPS"
 */
public record HighProbabilityRegion(double threshold, double[] lower, double[] upper,
                                    Function<double[][], double[]> logQ) {
    public HighProbabilityRegion {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold is " + threshold + ", expected a finite log density");
        }
        if (lower == null || upper == null || lower.length != upper.length || lower.length == 0 || logQ == null) {
            throw new IllegalArgumentException("lower and upper must be non-empty bounds of one length, and logQ given");
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /**
     * The region of q from its draws: τ is the {@code epsilon}-quantile of log q over them (the ⌊ε(M − 1)⌋-th
     * smallest), ignoring draws where log q is not finite.
     *
     * @param draws   θ₁ … θ_M ~ q, at least 2
     * @param logQ    log q for rows of θ
     * @param epsilon the mass left outside, in (0, 1)
     */
    public static HighProbabilityRegion of(double[][] draws, Function<double[][], double[]> logQ, double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon is " + epsilon + ", expected (0, 1)");
        }
        if (draws == null || draws.length < 2) {
            throw new IllegalArgumentException("need at least 2 draws of q to find its region, got "
                    + (draws == null ? 0 : draws.length));
        }
        double[] finite = Arrays.stream(logQ.apply(draws)).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            throw new IllegalStateException("log q is not finite at any of " + draws.length + " of its own draws");
        }
        double threshold = finite[(int) Math.floor(epsilon * (finite.length - 1))];
        int dim = draws[0].length;
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : draws) {
            for (int j = 0; j < dim; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        return new HighProbabilityRegion(threshold, lo, hi, logQ);
    }

    /** Whether each row lies in the region: log q(θ) ≥ τ. */
    public boolean[] contains(double[][] theta) {
        double[] lq = logQ.apply(theta);
        boolean[] in = new boolean[theta.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = lq[i] >= threshold;
        }
        return in;
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }
}
