package dev.amortizer.npe.fmpe;

import dev.amortizer.estimator.FlowMatchingConfig;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.random.Rng;
import dev.amortizer.training.Checkpoint;
import dev.amortizer.training.EpochLoop;
import dev.amortizer.training.FlowTrainer;
import dev.amortizer.training.Trained;
import dev.amortizer.training.TrainingListener;
import dev.amortizer.training.TrainingOutcome;
import dev.amortizer.training.stream.StreamedPairs;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trains a {@link VelocityField} on the shared {@link EpochLoop} (so checkpoints, resumption, decay and early
 * stopping are the other estimators'): each minibatch draws its times and base points from its own generator, and
 * early stopping watches the regression loss on the held-out rows at times and base points drawn once. The outcome
 * reports instead the held-out −log q of the draws ({@link FlowOde#logDensityOfDraws}), in θ's units, so that FMPE
 * compares with the other estimators as a density.
 */
public final class FlowMatchingTrainer {
    /**
     * Times and base points drawn per held-out row: the regression loss of one draw per row varies by more than an
     * epoch's gain late in training, and early stopping and decay read it.
     */
    static final int HELD_OUT_DRAWS = 4;

    private FlowMatchingTrainer() {
    }

    /**
     * The trained field (best validation regression loss), its weights from {@code seed}.
     *
     * @param logScale   Σ log s of θ's standardisation, added to the reported −log q
     * @param checkpoint null for none
     */
    public static Trained<VelocityField> train(String label, NpeConfig config, FlowTrainer.Rows training,
                                               FlowTrainer.Rows held, double logScale, long seed, Rng shuffle,
                                               Checkpoint checkpoint, TrainingListener listener) {
        Objective objective = new Objective(config, held, seed);
        objective.trainOn(training);
        TrainingOutcome o = EpochLoop.run(label, config.schedule(), objective, training.z().length, 0, shuffle,
                checkpoint, listener);
        return objective.trained(o, logScale);
    }

    /**
     * As {@link #train} on pairs streamed from disk: each window of standardised rows that {@code data}'s epochs read
     * becomes the training rows; {@code held} are the held-out rows, standardised. Without checkpoints.
     */
    public static Trained<VelocityField> trainStreamed(String label, NpeConfig config, StreamedPairs data,
                                                       FlowTrainer.Rows held, double logScale, long seed, Rng shuffle,
                                                       TrainingListener listener) {
        Objective objective = new Objective(config, held, seed);
        TrainingOutcome o = EpochLoop.run(label, config.schedule(), objective, data.windows(objective::trainOn), 0,
                shuffle, null, listener);
        return objective.trained(o, logScale);
    }

    /**
     * The regression loss of a field initialised from a seed: minibatches of the current training rows, early
     * stopping on the held-out rows at times and base points drawn once from the same seed.
     */
    private static final class Objective implements EpochLoop.Objective {
        private final NpeConfig config;
        private final VelocityField field;
        private final FlowMatchingLoss loss;
        private final FlowTrainer.Rows held;
        private final FlowTrainer.Rows heldRepeated;
        private final FlowMatchingLoss.Draws heldDraws;
        private FlowTrainer.Rows training;

        Objective(NpeConfig config, FlowTrainer.Rows held, long seed) {
            FlowMatchingConfig m = config.matching();
            int dim = held.z()[0].length;
            Rng[] init = Rng.seeded(seed).split(2);
            this.config = config;
            this.field = VelocityField.create(dim, held.c()[0].length, m.frequencies(), config.hiddenWidths(),
                    config.activation(), init[0]);
            this.loss = new FlowMatchingLoss(m.sigmaMin());
            this.held = held;
            this.heldRepeated = repeated(held, HELD_OUT_DRAWS);
            this.heldDraws = FlowMatchingLoss.draw(heldRepeated.z().length, dim, init[1]);
        }

        void trainOn(FlowTrainer.Rows rows) {
            training = rows;
        }

        @Override
        public List<double[]> parameters() {
            return field.parameters();
        }

        @Override
        public double[][] gradient(int[] order, int start, int end, Rng stepRng) {
            return FlowMatchingTrainer.gradient(field, loss, training, order, start, end, stepRng);
        }

        @Override
        public double validationLoss() {
            return regressionLoss(field, loss, heldRepeated, heldDraws);
        }

        /** The field with {@code o}, its loss replaced by the held-out −log q of the draws plus {@code logScale}. */
        Trained<VelocityField> trained(TrainingOutcome o, double logScale) {
            int steps = config.matching().odeSteps();
            double nll = FlowTrainer.validationLoss((z, c) -> FlowOde.logDensityOfDraws(field, z, c, steps), held);
            return new Trained<>(field, new TrainingOutcome(o.epochs(), o.bestEpoch(), nll + logScale,
                    o.wallSeconds(), o.stopReason()));
        }
    }

    /** The mean gradient over rows order[start … end), in {@value FlowTrainer#CHUNKS} parts summed in order. */
    private static double[][] gradient(VelocityField field, FlowMatchingLoss loss, FlowTrainer.Rows rows,
                                       int[] order, int start, int end, Rng stepRng) {
        int size = end - start;
        FlowTrainer.Rows batch = rows.select(order, start, end);
        double[][] z = batch.z();
        double[][] c = batch.c();
        FlowMatchingLoss.Draws draws = FlowMatchingLoss.draw(size, field.dim(), stepRng);
        double[][][] parts = new double[FlowTrainer.CHUNKS][][];
        IntStream.range(0, FlowTrainer.CHUNKS).parallel().forEach(k -> {
            int from = size * k / FlowTrainer.CHUNKS;
            int to = size * (k + 1) / FlowTrainer.CHUNKS;
            double[][] g = field.newGradients();
            if (to > from) {
                loss.lossAndGradient(field, z, c, draws, from, to, 1.0 / size, g);
            }
            parts[k] = g;
        });
        return FlowTrainer.sumInOrder(parts);
    }

    /** {@code times} copies of the rows, one after another. */
    private static FlowTrainer.Rows repeated(FlowTrainer.Rows rows, int times) {
        int n = rows.z().length;
        double[][] z = new double[n * times][];
        double[][] c = new double[n * times][];
        for (int k = 0; k < times; k++) {
            System.arraycopy(rows.z(), 0, z, k * n, n);
            System.arraycopy(rows.c(), 0, c, k * n, n);
        }
        return new FlowTrainer.Rows(z, c);
    }

    /** The mean regression loss over {@code rows} at the given draws, in parallel parts of 1024 summed in order. */
    static double regressionLoss(VelocityField field, FlowMatchingLoss loss, FlowTrainer.Rows rows,
                                 FlowMatchingLoss.Draws draws) {
        int n = rows.z().length;
        int parts = (n + 1023) / 1024;
        double[] sums = new double[parts];
        IntStream.range(0, parts).parallel().forEach(k -> sums[k] = loss.lossAndGradient(field, rows.z(), rows.c(),
                draws, k * 1024, Math.min(n, k * 1024 + 1024), 1.0, null));
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total / n;
    }
}
