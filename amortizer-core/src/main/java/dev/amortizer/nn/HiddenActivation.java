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
}
