package dev.amortizer.nn;

/** The nonlinearity of the hidden layers: tanh(v) or max(0, v). */
public enum HiddenActivation {
    TANH,
    RELU;

    /** a(v). */
    public double apply(double v) {
        return this == TANH ? Math.tanh(v) : Math.max(0.0, v);
    }

    /** The derivative a'(v) written through the output y = a(v): 1 − y² for tanh, [y &gt; 0] for ReLU. */
    public double slopeAtOutput(double y) {
        return this == TANH ? 1 - y * y : (y > 0 ? 1 : 0);
    }

    /**
     * g[j] *= ReLU's slope at output a[j] ≥ 0, for every j of g: the same products as {@link #slopeAtOutput}, written
     * as arithmetic rather than a comparison because the JIT vectorises min and multiply but not a conditional. Two
     * scalings by 2⁶⁰⁰ lift even the smallest positive double (2⁻¹⁰⁷⁴) past 1, min caps it at 1, and 0 stays 0.
     */
    static void maskByReluOutput(double[] g, double[] a) {
        for (int j = 0; j < g.length; j++) {
            g[j] *= Math.min(a[j] * 0x1p600 * 0x1p600, 1.0);
        }
    }
}
