package dev.amortizer.diagnostics;

/**
 * Adam exactly as scikit-learn's {@code AdamOptimizer}: with step count t,
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², lrₜ = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), θ ← θ − lrₜ·m/(√v + ε).
 *
 * <p>Unlike the Adam paper, ε is added to the uncorrected √v; the bias correction is folded into
 * lrₜ. The hyper-parameters are scikit-learn's defaults (lr 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8).
 * The update is element-wise, so how the parameters are split into arrays does not matter.
 */
final class Adam {
    static final double LEARNING_RATE = 1e-3;
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double[][] m;
    private final double[][] v;
    private int t;

    /** Zero moments shaped like {@code params} (an array of parameter arrays). */
    Adam(double[][] params) {
        m = new double[params.length][];
        v = new double[params.length][];
        for (int b = 0; b < params.length; b++) {
            m[b] = new double[params[b].length];
            v[b] = new double[params[b].length];
        }
    }

    /** One update of {@code params} in place from {@code grads}, both shaped as at construction. */
    void step(double[][] params, double[][] grads) {
        t++;
        double lr = LEARNING_RATE * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        for (int b = 0; b < m.length; b++) {
            double[] theta = params[b];
            double[] g = grads[b];
            double[] mb = m[b];
            double[] vb = v[b];
            for (int i = 0; i < mb.length; i++) {
                double mi = BETA1 * mb[i] + (1 - BETA1) * g[i];
                double vi = BETA2 * vb[i] + (1 - BETA2) * (g[i] * g[i]);
                mb[i] = mi;
                vb[i] = vi;
                theta[i] -= lr * mi / (Math.sqrt(vi) + EPSILON);
            }
        }
    }
}
