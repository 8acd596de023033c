package dev.amortizer.nn;

import org.nd4j.linalg.activations.Activation;

/** The nonlinearity of the hidden layers: tanh(v) or max(0, v). */
public enum HiddenActivation {
    TANH(Activation.TANH),
    RELU(Activation.RELU);

    private final Activation dl4j;

    HiddenActivation(Activation dl4j) {
        this.dl4j = dl4j;
    }

    /** DL4J's equivalent, for building the network. */
    public Activation dl4j() {
        return dl4j;
    }

    /** The same function in plain Java, for single-row forward passes. */
    public double apply(double v) {
        return this == TANH ? Math.tanh(v) : Math.max(0.0, v);
    }

    /** The derivative a'(v) written through the output y = a(v): 1 − y² for tanh, [y &gt; 0] for ReLU. */
    public double slopeAtOutput(double y) {
        return this == TANH ? 1 - y * y : (y > 0 ? 1 : 0);
    }
}
