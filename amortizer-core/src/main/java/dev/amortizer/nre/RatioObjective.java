package dev.amortizer.nre;

import dev.amortizer.random.Rng;
import dev.amortizer.training.EpochLoop;
import java.util.List;

/**
 * NRE's contrastive loss on the {@link EpochLoop}: the training pairs (standardised θ and x, row-indexed) fixed in
 * memory, or replaced by each window of a stream read from disk ({@link #trainOn}), and the held-out pairs of the
 * validation loss, whose contrastive sets are drawn from one fixed seed so that epochs compare.
 */
final class RatioObjective implements EpochLoop.Objective {
    /** Seeds the contrastive sets of every validation pass, so that the validation loss is comparable. */
    private static final long VALIDATION_SEED = 0x5eed_cafeL;

    private final RatioClassifier net;
    private final NreConfig config;
    private final double[][] heldZ;
    private final double[][] heldC;
    private final int[] held;
    private double[][] z;
    private double[][] c;

    /**
     * @param z    training θ rows (may be null until {@link #trainOn})
     * @param c    training x rows
     * @param held the held-out rows' indices into {@code heldZ} and {@code heldC}
     */
    RatioObjective(RatioClassifier net, NreConfig config, double[][] z, double[][] c, double[][] heldZ,
                   double[][] heldC, int[] held) {
        this.net = net;
        this.config = config;
        this.z = z;
        this.c = c;
        this.heldZ = heldZ;
        this.heldC = heldC;
        this.held = held;
    }

    /** Trains on these rows from now on: the window of a stream read from disk. */
    void trainOn(double[][] windowZ, double[][] windowC) {
        z = windowZ;
        c = windowC;
    }

    @Override
    public List<double[]> parameters() {
        return net.parameters();
    }

    @Override
    public double[][] gradient(int[] rows, int from, int to, Rng stepRng) {
        double[][] grads = EpochLoop.zeroGradient(net.parameters());
        net.loss(config, z, c, rows, from, to, grads, stepRng);
        return grads;
    }

    @Override
    public double validationLoss() {
        Rng contrasts = Rng.seeded(VALIDATION_SEED);
        int batch = config.schedule().batchSize();
        int parts = (held.length + batch - 1) / batch;
        double sum = 0;
        for (int k = 0; k < parts; k++) {
            int from = k * batch;
            int to = Math.min(held.length, from + batch);
            sum += net.loss(config, heldZ, heldC, held, from, to, null, contrasts.split()) * (to - from);
        }
        return sum / held.length;
    }
}
