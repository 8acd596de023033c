package dev.amortizer.flow;

import java.util.List;

/**
 * One invertible layer z ↦ z' of a conditional flow, written in the density direction (θ towards the base noise),
 * batched over rows, each row with its own context c (the standardised observation).
 */
interface FlowLayer {
    /** z' for each row; adds log |det ∂z'/∂z| of row r into {@code logDet[r]}; records on {@code tape} if not null. */
    double[][] forward(double[][] z, double[][] context, double[] logDet, LayerTape tape);

    /**
     * Given ∂L/∂z' ({@code g}) and the weight {@code logDetWeight} = ∂L/∂(log-det of each row), adds the parameter
     * gradients into {@code grads[offset …]} and returns ∂L/∂z, for the rows last recorded on {@code tape}.
     */
    double[][] backward(LayerTape tape, double[][] g, double logDetWeight, double[][] grads, int offset);

    /** z from z' (the sampling direction). */
    double[][] inverse(double[][] zPrime, double[][] context);

    /** The trainable arrays, updated in place by the optimiser; empty for a fixed layer. */
    List<double[]> parameters();

    /** What a layer keeps from {@link #forward} for {@link #backward}. */
    final class LayerTape {
        double[][] input;
        double[][] params;
        dev.amortizer.nn.Mlp.Tape network;
        /** When not null before {@link #backward}, a layer that reads the context adds ∂L/∂c into it, row by row. */
        double[][] contextGradient;
    }
}
