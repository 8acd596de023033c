package dev.amortizer.npe.mdn;

import dev.amortizer.random.Rng;

/**
 * Draws from the mixture one {@link MixtureLayout} row describes: pick k with probability w_k, then
 * θ = μ_k + U_k⁻¹z with z ~ N(0, I), whose covariance U_k⁻¹U_k⁻ᵀ is the inverse of the precision
 * U_kᵀU_k. The weights and inverse factors are computed once, so each draw costs O(D²).
 *
 * <p>Immutable; safe to share between threads, each with its own {@link Rng}.
 */
public final class MixtureSampler {
    private final int components;
    private final int dim;
    private final double[] cumulative;
    private final double[] means;
    private final double[] inverseFactors; // per component, D×D row-major, upper triangular

    private MixtureSampler(int components, int dim, double[] cumulative, double[] means, double[] inverseFactors) {
        this.components = components;
        this.dim = dim;
        this.cumulative = cumulative;
        this.means = means;
        this.inverseFactors = inverseFactors;
    }

    /** The sampler for row {@code raw[0 .. width)}. */
    public static MixtureSampler of(MixtureLayout layout, double[] raw) {
        if (raw.length != layout.width()) {
            throw new IllegalArgumentException("expected a row of " + layout.width() + " mixture parameters for "
                    + layout + ", got " + raw.length);
        }
        int k = layout.components();
        int d = layout.dim();
        double logitMax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            logitMax = Math.max(logitMax, raw[layout.logit(c)]);
        }
        double[] cumulative = new double[k];
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += Math.exp(raw[layout.logit(c)] - logitMax);
            cumulative[c] = total;
        }
        for (int c = 0; c < k; c++) {
            cumulative[c] /= total;
        }
        double[] means = new double[k * d];
        double[] inverse = new double[k * d * d];
        double[] factor = new double[d * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                means[c * d + i] = raw[layout.mean(c, i)];
                factor[i * d + i] = Math.exp(MixtureLayout.boundedLogDiagonal(raw[layout.logDiagonal(c, i)]));
                for (int j = i + 1; j < d; j++) {
                    factor[i * d + j] = raw[layout.offDiagonal(c) + layout.pairIndex(i, j)];
                }
            }
            invertUpper(factor, d, inverse, c * d * d);
        }
        return new MixtureSampler(k, d, cumulative, means, inverse);
    }

    /** Back substitution, one column of U⁻¹ at a time; the result is upper triangular too. */
    private static void invertUpper(double[] u, int d, double[] out, int offset) {
        for (int col = 0; col < d; col++) {
            for (int i = d - 1; i >= 0; i--) {
                double v = i == col ? 1.0 : 0.0;
                for (int j = i + 1; j <= col; j++) {
                    v -= u[i * d + j] * out[offset + j * d + col];
                }
                out[offset + i * d + col] = i > col ? 0.0 : v / u[i * d + i];
            }
        }
    }

    public int dim() {
        return dim;
    }

    /** One draw, written into {@code out[0 .. D)}; {@code z} is scratch space of length D. */
    public void sample(Rng rng, double[] out, double[] z) {
        double u = rng.nextDouble();
        int c = 0;
        while (c < components - 1 && u >= cumulative[c]) {
            c++;
        }
        for (int i = 0; i < dim; i++) {
            z[i] = rng.nextGaussian();
        }
        int m = c * dim;
        int f = c * dim * dim;
        for (int i = 0; i < dim; i++) {
            double v = means[m + i];
            for (int j = i; j < dim; j++) {
                v += inverseFactors[f + i * dim + j] * z[j];
            }
            out[i] = v;
        }
    }
}
