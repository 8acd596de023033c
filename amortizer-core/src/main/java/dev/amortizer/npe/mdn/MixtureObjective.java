package dev.amortizer.npe.mdn;

import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.RowsObjective;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The MDN's loss on the one network stack: the mean −log q(θ | x) of the mixtures ({@link MixtureLayout}) that a
 * {@link MixtureNetwork} gives for x, differentiated through {@link MixtureDensity}'s gradient and the network's
 * backward pass. Each minibatch is cut into fixed parts of at most {@value #PART_ROWS} rows (at least {@value FlowTrainer#CHUNKS} parts),
 * computed in parallel and summed in order, so the weights depend on the seed only, not on the number of cores.
 *
 * <p>{@code EpochLoop.run("NPE-mdn", schedule, new MixtureObjective(net, rows, held), ...);}
 */
public final class MixtureObjective extends RowsObjective {
    /**
     * Rows per part at most. The default backend sends forward products of 256 rows and more to ND4J, whose cost per
     * call exceeds the arithmetic of the MDN's narrow layers (a 512-row step: 1.6 ms in Java, 3.5 ms so).
     */
    static final int PART_ROWS = 128;

    private final MixtureNetwork network;
    private final MixtureLayout layout;

    /** Rows as z = θ and c = x, standardised; {@code training} may be null until {@link #trainOn} sets it. */
    public MixtureObjective(MixtureNetwork network, FlowTrainer.Rows training, FlowTrainer.Rows validation) {
        super(training, validation);
        this.network = network;
        this.layout = network.layout();
    }

    @Override
    public List<double[]> parameters() {
        return network.parameters();
    }

    @Override
    public double[][] gradient(int[] order, int start, int end, Rng stepRng) {
        int size = end - start;
        FlowTrainer.Rows batch = batch(order, start, end);
        double[][] theta = batch.z();
        double[][] x = batch.c();
        int count = Math.max(FlowTrainer.CHUNKS, (size + PART_ROWS - 1) / PART_ROWS);
        double[][][] parts = new double[count][][];
        IntStream.range(0, count).parallel().forEach(k -> {
            int from = size * k / count;
            int to = size * (k + 1) / count;
            double[][] g = EpochLoop.zeroGradient(network.parameters());
            if (to > from) {
                addGradient(theta, x, from, to, 1.0 / size, g);
            }
            parts[k] = g;
        });
        return FlowTrainer.sumInOrder(parts);
    }

    /** Adds {@code weight} · Σ ∂(−log q)/∂parameters over rows {@code from} until {@code to} into {@code grads}. */
    private void addGradient(double[][] theta, double[][] x, int from, int to, double weight, double[][] grads) {
        Mlp.Tape tape = network.mlp().newTape();
        double[][] out = network.rows(x, from, to, tape);
        double[][] gy = new double[out.length][layout.width()];
        for (int r = 0; r < out.length; r++) {
            MixtureDensity.logDensityAndGradient(layout, out[r], 0, theta[from + r], 0, gy[r], 0);
            for (int j = 0; j < gy[r].length; j++) {
                gy[r][j] *= -weight;
            }
        }
        network.backward(tape, gy, x, from, grads);
    }

    @Override
    public double validationLoss() {
        return FlowTrainer.validationLoss(this::logDensity, validation);
    }

    /** log q(θ_r | x_r) for each row. */
    public double[] logDensity(double[][] theta, double[][] x) {
        double[][] out = network.rows(x, 0, x.length, null);
        double[] logQ = new double[out.length];
        for (int r = 0; r < out.length; r++) {
            logQ[r] = MixtureDensity.logDensity(layout, out[r], 0, theta[r], 0);
        }
        return logQ;
    }
}
