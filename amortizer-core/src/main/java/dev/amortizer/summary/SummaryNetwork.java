package dev.amortizer.summary;

import java.util.List;

/**
 * A network s = S(x) from a task's flat raw observation x ∈ R^d to a learned summary s ∈ R^k, trained end to end
 * with the density estimator that is conditioned on s. Its inputs are first z-scored by a fixed {@link InputScaling}
 * fitted on the training data, in a way that respects the data's structure (per row column for sets, per channel
 * for series), so that padding and time shifts keep their meaning.
 *
 * <p>Parameters change only through {@link #parameters()} (the optimiser); a trained network is only read, and
 * concurrent {@link #summarize} calls are safe.
 */
public interface SummaryNetwork {
    SummaryConfig config();

    /** d, the flat observation length. */
    int inputDim();

    /** k, the summary length. */
    int outputDim();

    /** Every trainable array, in a fixed order. */
    List<double[]> parameters();

    /** s(x) for each row of {@code x}. */
    double[][] summarize(double[][] x);

    /** A forward pass over a batch that remembers what {@link Pass#backward} needs. */
    Pass forward(double[][] x);

    /** The input scaling and the parameters as bytes. */
    byte[] parameterBytes();

    /** One recorded forward pass. */
    interface Pass {
        /** s for each row. */
        double[][] output();

        /** Given ∂L/∂s for each row, adds ∂L/∂parameters into {@code grads} (shaped as {@link #parameters()}). */
        void backward(double[][] gradOutput, double[][] grads);
    }
}
