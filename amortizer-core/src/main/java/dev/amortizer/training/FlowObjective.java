package dev.amortizer.training;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.random.Rng;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A {@link ConditionalFlow}'s loss on the {@link EpochLoop}: the mean −log q(z | c) over a minibatch of standardised
 * rows, its gradient cut into {@value FlowTrainer#CHUNKS} fixed parts computed in parallel and summed in order (so the
 * weights depend on the seed only, not on the number of cores), and the mean over the held-out rows. The training
 * rows are fixed, or replaced by each window of a stream read from disk ({@link RowsObjective#trainOn}).
 *
 * <p>{@code EpochLoop.run("NPE-nsf", schedule, new FlowObjective(flow, rows, held), ...);}
 */
public final class FlowObjective extends RowsObjective {
    private final ConditionalFlow flow;

    /** {@code training} may be null until {@link #trainOn} sets it. */
    public FlowObjective(ConditionalFlow flow, FlowTrainer.Rows training, FlowTrainer.Rows validation) {
        super(training, validation);
        this.flow = flow;
    }

    @Override
    public List<double[]> parameters() {
        return flow.parameters();
    }

    /** The mean gradient over rows order[start … end), computed in {@value FlowTrainer#CHUNKS} parts in parallel. */
    @Override
    public double[][] gradient(int[] order, int start, int end, Rng stepRng) {
        int size = end - start;
        FlowTrainer.Rows batch = batch(order, start, end);
        double[][] z = batch.z();
        double[][] c = batch.c();
        double weight = 1.0 / size;
        double[][][] parts = new double[FlowTrainer.CHUNKS][][];
        IntStream.range(0, FlowTrainer.CHUNKS).parallel().forEach(k -> {
            int from = size * k / FlowTrainer.CHUNKS;
            int to = size * (k + 1) / FlowTrainer.CHUNKS;
            double[][] g = flow.newGradients();
            if (to > from) {
                flow.lossAndGradient(z, c, from, to, weight, g);
            }
            parts[k] = g;
        });
        return FlowTrainer.sumInOrder(parts);
    }

    @Override
    public double validationLoss() {
        return FlowTrainer.validationLoss(flow::logProb, validation);
    }
}
