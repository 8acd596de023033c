package dev.amortizer.nn;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with global-norm gradient clipping: g ← g·min(1, c/‖g‖), m ← β₁m + (1−β₁)g,
 * v ← β₂v + (1−β₂)g², p ← p − lr·m̂/(√v̂ + ε) with the bias-corrected m̂, v̂; β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸.
 *
 * <p>Its moments and step count are exposed so that a checkpoint can save and restore them exactly.
 */
public final class AdamOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double[][] m;
    private final double[][] v;
    private final double clip;
    private long steps;
    private double learningRate;

    /** Zero moments shaped like {@code params}. */
    public AdamOptimizer(List<double[]> params, double learningRate, double clip) {
        m = new double[params.size()][];
        v = new double[params.size()][];
        for (int a = 0; a < m.length; a++) {
            m[a] = new double[params.get(a).length];
            v[a] = new double[params.get(a).length];
        }
        this.learningRate = learningRate;
        this.clip = clip;
    }

    /**
     * One update of {@code params} in place; returns the gradient's norm before clipping, or NaN without clipping
     * (an infinite {@code clip}), where it is not computed.
     */
    public double step(List<double[]> params, double[][] grads) {
        double norm = Double.NaN;
        double scale = 1;
        if (clip != Double.POSITIVE_INFINITY) {
            double sq = 0;
            for (double[] g : grads) {
                for (double x : g) {
                    sq += x * x;
                }
            }
            norm = Math.sqrt(sq);
            scale = norm > clip ? clip / norm : 1;
        }
        steps++;
        double lr = learningRate * Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
        for (int a = 0; a < m.length; a++) {
            double[] p = params.get(a);
            double[] g = grads[a];
            double[] ma = m[a];
            double[] va = v[a];
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] * scale;
                ma[i] = BETA1 * ma[i] + (1 - BETA1) * gi;
                va[i] = BETA2 * va[i] + (1 - BETA2) * gi * gi;
                p[i] -= lr * ma[i] / (Math.sqrt(va[i]) + EPSILON);
            }
        }
        return norm;
    }

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double rate) {
        learningRate = rate;
    }

    public long steps() {
        return steps;
    }

    /** The first moments, live: a checkpoint reads and restores them. */
    public double[][] firstMoments() {
        return m;
    }

    /** The second moments, live. */
    public double[][] secondMoments() {
        return v;
    }

    /** Restores the step count saved with the moments. */
    public void setSteps(long n) {
        steps = n;
    }
}
