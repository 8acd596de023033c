package dev.amortizer.point;

import dev.amortizer.random.Rng;
import dev.amortizer.training.EpochLoop;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The point estimator's Bayes risk on the {@link EpochLoop}: the training pairs (standardised x and θ, row-indexed)
 * fixed in memory, or replaced by each window of a stream read from disk ({@link #trainOn}), and the held-out pairs
 * of the validation loss.
 */
final class PointObjective implements EpochLoop.Objective {
    /** Held-out rows per block of the validation loss (blocks run in parallel). */
    private static final int VALIDATION_BLOCK = 1024;

    private final QuantileNetwork net;
    private final double[][] heldC;
    private final double[][] heldZ;
    private final int[] held;
    private double[][] c;
    private double[][] z;

    /**
     * @param c    training x rows (may be null until {@link #trainOn})
     * @param z    training θ rows
     * @param held the held-out rows' indices into {@code heldC} and {@code heldZ}
     */
    PointObjective(QuantileNetwork net, double[][] c, double[][] z, double[][] heldC, double[][] heldZ, int[] held) {
        this.net = net;
        this.c = c;
        this.z = z;
        this.heldC = heldC;
        this.heldZ = heldZ;
        this.held = held;
    }

    /** Trains on these rows from now on: the window of a stream read from disk. */
    void trainOn(double[][] windowC, double[][] windowZ) {
        c = windowC;
        z = windowZ;
    }

    @Override
    public List<double[]> parameters() {
        return net.parameters();
    }

    @Override
    public double[][] gradient(int[] rows, int from, int to, Rng stepRng) {
        double[][] grads = EpochLoop.zeroGradient(net.parameters());
        net.loss(c, z, rows, from, to, grads);
        return grads;
    }

    @Override
    public double validationLoss() {
        int parts = (held.length + VALIDATION_BLOCK - 1) / VALIDATION_BLOCK;
        return IntStream.range(0, parts).parallel().mapToDouble(k -> {
            int from = k * VALIDATION_BLOCK;
            int to = Math.min(held.length, from + VALIDATION_BLOCK);
            return net.loss(heldC, heldZ, held, from, to, null) * (to - from);
        }).sum() / held.length;
    }
}
