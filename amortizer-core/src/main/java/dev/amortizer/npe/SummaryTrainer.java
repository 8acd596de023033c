package dev.amortizer.npe;

import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.random.Rng;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.summary.SummaryNetwork;
import dev.amortizer.summary.SummaryNetworks;
import dev.amortizer.task.DataLayout;
import dev.amortizer.training.Checkpoint;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.stream.StreamedPairs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trains a summary network S and a flow q(z | s) together, end to end: the loss −(1/n) Σ log q(z_i | S(x_i)) is
 * differentiated through the flow into its context and on through S, and one Adam run updates both (flow parameters
 * first, then the summary's), on the {@link EpochLoop}. Each minibatch is cut into
 * {@value FlowTrainer#CHUNKS} fixed parts computed in parallel and summed in order, so the weights depend on the seed
 * only.
 */
final class SummaryTrainer {
    /** The two networks trained together. */
    record Networks(SummaryNetwork summary, ConditionalFlow flow) {
    }

    private SummaryTrainer() {
    }

    /**
     * @param training   z (standardised θ side) and c (the raw flat x) of the training rows
     * @param validation the same for the held-out rows
     */
    static Trained<Networks> train(NpeConfig config, SummaryConfig summaryConfig, DataLayout layout,
                                   FlowTrainer.Rows training, FlowTrainer.Rows validation, double logScale, long seed,
                                   Rng shuffle, Checkpoint checkpoint, TrainingListener listener) {
        Objective objective = new Objective(config, summaryConfig, layout,
                ConditionalRows.of(training.z(), training.c()), validation, seed);
        objective.trainOn(training);
        TrainingOutcome outcome = EpochLoop.run("NPE-" + config.estimator().label(), config.schedule(), objective,
                training.z().length, logScale, shuffle, checkpoint, listener);
        return new Trained<>(objective.networks(), outcome);
    }

    /**
     * As {@link #train} on pairs streamed from disk (standardised θ, raw x): the summary's input scaling fitted in a
     * pass over the training rows, then each window of rows that {@code data}'s epochs read becomes the training
     * rows. Without checkpoints.
     */
    static Trained<Networks> trainStreamed(NpeConfig config, SummaryConfig summaryConfig, DataLayout layout,
                                           StreamedPairs data, FlowTrainer.Rows validation, double logScale,
                                           long seed, Rng shuffle, TrainingListener listener) {
        Objective objective = new Objective(config, summaryConfig, layout, data.conditionalRows(), validation, seed);
        TrainingOutcome outcome = EpochLoop.run("NPE-" + config.estimator().label(), config.schedule(), objective,
                data.windows(objective::trainOn), logScale, shuffle, null, listener);
        return new Trained<>(objective.networks(), outcome);
    }

    /** The joint loss of a summary network and its flow, initialised from a seed, on the current training rows. */
    private static final class Objective implements EpochLoop.Objective {
        private final SummaryNetwork summary;
        private final ConditionalFlow flow;
        private final List<double[]> params;
        private final int flowArrays;
        private final FlowTrainer.Rows validation;
        private FlowTrainer.Rows training;

        /** {@code scalingRows}: the training rows whose x (c) the summary's input scaling is fitted on. */
        Objective(NpeConfig config, SummaryConfig summaryConfig, DataLayout layout, ConditionalRows scalingRows,
                  FlowTrainer.Rows validation, long seed) {
            Rng init = Rng.seeded(seed);
            this.summary = SummaryNetworks.create(summaryConfig, layout, scalingRows, init.split());
            this.flow = ConditionalFlow.create(config.flow(), validation.z()[0].length, summary.outputDim(),
                    init.split());
            this.params = new ArrayList<>(flow.parameters());
            params.addAll(summary.parameters());
            this.flowArrays = flow.parameters().size();
            this.validation = validation;
        }

        void trainOn(FlowTrainer.Rows rows) {
            training = rows;
        }

        Networks networks() {
            return new Networks(summary, flow);
        }

        @Override
        public List<double[]> parameters() {
            return params;
        }

        @Override
        public double[][] gradient(int[] order, int start, int end, Rng stepRng) {
            return SummaryTrainer.gradient(summary, flow, flowArrays, params, training, order, start, end);
        }

        @Override
        public double validationLoss() {
            return SummaryTrainer.validationLoss(summary, flow, validation);
        }
    }

    /** ∂/∂(flow, summary) of the mean −log q(z | S(x)) over rows order[start … end). */
    static double[][] gradient(SummaryNetwork summary, ConditionalFlow flow, int flowArrays, List<double[]> params,
                               FlowTrainer.Rows rows, int[] order, int start, int end) {
        int size = end - start;
        double weight = 1.0 / size;
        double[][][] parts = new double[FlowTrainer.CHUNKS][][];
        IntStream.range(0, FlowTrainer.CHUNKS).parallel().forEach(k -> {
            int from = start + size * k / FlowTrainer.CHUNKS;
            int to = start + size * (k + 1) / FlowTrainer.CHUNKS;
            double[][] g = new double[params.size()][];
            for (int a = 0; a < g.length; a++) {
                g[a] = new double[params.get(a).length];
            }
            if (to > from) {
                double[][] z = new double[to - from][];
                double[][] x = new double[to - from][];
                for (int r = from; r < to; r++) {
                    z[r - from] = rows.z()[order[r]];
                    x[r - from] = rows.c()[order[r]];
                }
                lossAndGradient(summary, flow, flowArrays, z, x, weight, g);
            }
            parts[k] = g;
        });
        return FlowTrainer.sumInOrder(parts);
    }

    /**
     * Adds ∂L/∂parameters of L = −weight · Σ_r log q(z_r | S(x_r)) into {@code grads} (the flow's arrays, then the
     * summary's) and returns Σ_r −log q(z_r | S(x_r)).
     */
    static double lossAndGradient(SummaryNetwork summary, ConditionalFlow flow, int flowArrays, double[][] z,
                                  double[][] x, double weight, double[][] grads) {
        SummaryNetwork.Pass pass = summary.forward(x);
        double[][] s = pass.output();
        double[][] gs = new double[z.length][summary.outputDim()];
        double loss = flow.lossAndGradient(z, s, 0, z.length, weight, Arrays.copyOfRange(grads, 0, flowArrays), gs);
        pass.backward(gs, Arrays.copyOfRange(grads, flowArrays, grads.length));
        return loss;
    }

    /** Mean −log q(z | S(x)) over the rows, in parallel parts of 1024. */
    static double validationLoss(SummaryNetwork summary, ConditionalFlow flow, FlowTrainer.Rows rows) {
        int n = rows.z().length;
        int parts = (n + 1023) / 1024;
        double[] sums = new double[parts];
        IntStream.range(0, parts).parallel().forEach(k -> {
            int from = k * 1024;
            int to = Math.min(n, from + 1024);
            double[][] s = summary.summarize(Arrays.copyOfRange(rows.c(), from, to));
            double sum = 0;
            for (double lp : flow.logProb(Arrays.copyOfRange(rows.z(), from, to), s)) {
                sum -= lp;
            }
            sums[k] = sum;
        });
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total / n;
    }
}
