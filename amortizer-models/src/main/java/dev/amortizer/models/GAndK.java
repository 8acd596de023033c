package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import dev.amortizer.task.UniformBoxPrior;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.special.Erf;

/**
 * The g-and-k distribution, defined only through its quantile function
 * Q(u; A, B, g, k) = A + B·(1 + c·tanh(g z / 2))·(1 + z²)^k·z with z = Φ⁻¹(u) and c = 0.8 (Haynes et al. 1997;
 * Rayner &amp; MacGillivray 2002). Its density has no closed form, which is why ABC is the direct method here.
 *
 * <p>θ = (A, B, g, k) ~ U(0, 10)⁴ (Allingham, King &amp; Mengersen 2009). One simulation draws n = 200 values
 * Q(u_i), u_i ~ U(0, 1), and reports the four robust summaries of Drovandi &amp; Pettitt (2011) from the octiles
 * E₁..E₇: location E₄, scale E₆ − E₂, skewness (E₆ + E₂ − 2E₄)/(E₆ − E₂) and kurtosis (E₇ − E₅ + E₃ − E₁)/(E₆ − E₂).
 * There is no likelihood.
 */
public final class GAndK implements Task {
    static final int DIM = 4;
    static final int SAMPLE_SIZE = 200;
    static final double C = 0.8;

    private final Prior prior = UniformBoxPrior.cube(DIM, 0, 10);

    @Override
    public String name() {
        return "g_and_k";
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public List<String> parameterNames() {
        return List.of("A", "B", "g", "k");
    }

    @Override
    public List<String> dataNames() {
        return List.of("location", "scale", "skewness", "kurtosis");
    }

    /** Q(u; θ). */
    static double quantile(double u, double[] theta) {
        double z = Math.sqrt(2) * Erf.erfInv(2 * u - 1);
        return theta[0] + theta[1] * (1 + C * Math.tanh(0.5 * theta[2] * z)) * Math.pow(1 + z * z, theta[3]) * z;
    }

    /** The four octile summaries of a sample. */
    static double[] summaries(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        double[] e = new double[8];
        for (int i = 1; i <= 7; i++) {
            e[i] = octile(v, i / 8.0);
        }
        double scale = e[6] - e[2];
        return new double[] {e[4], scale, (e[6] + e[2] - 2 * e[4]) / scale, (e[7] - e[5] + e[3] - e[1]) / scale};
    }

    /** The empirical quantile at probability p, linear between order statistics (numpy's default). */
    private static double octile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public Simulator simulator() {
        return new FunctionSimulator(DIM, DIM, (theta, rng) -> {
            double[] values = new double[SAMPLE_SIZE];
            for (int i = 0; i < SAMPLE_SIZE; i++) {
                values[i] = quantile(rng.nextOpenDouble() * (1 - 1e-16), theta);
            }
            return summaries(values);
        });
    }

    /** {@inheritDoc} Here: location (the median, near A ∈ [0, 10]); scale E₆ − E₂ ≥ 0; skewness in [−1, 1] since the octiles are ordered; kurtosis ≥ 0. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(DIM, 10).with(1, 0, 1e4 * DataSupport.SCALE_FACTOR, false).with(2, -1, 1, false)
                .with(3, 0, 100 * DataSupport.SCALE_FACTOR, false);
    }
}
